"""Visual lines of a page (from a PDF's text layer or from OCR) → the lines the reader reads.

The reader expects one line per paragraph, as in Markdown or Word. A PDF has only the lines
as they were wrapped on the page, and a page number at the foot of each page. So: the
running header or footer (the same text, digits aside, in the margin of several pages) and
bare page numbers are dropped; a line that reached the right margin is joined with the
next when the next one does not start a new item, so that « de 14 h à 17 h » / « 30 » is
read as one sentence again. A real hyphen at a line's end is kept (« Seine-et- » /
« Marne »); a soft hyphen is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PAGE_NUMBER = re.compile(r"^\W*(?:page\s*)?\d{1,4}(?:\s*(?:/|sur)\s*\d{1,4})?\W*$",
                          re.IGNORECASE)
_PAGE_OF = re.compile(r"\bpage\s*\d{1,4}\s*(?:/|sur)\s*\d{1,4}\s*$", re.IGNORECASE)
_NEW_ITEM = re.compile(r"^(?:[•·▪‣◦*–—-]\s|\d{1,2}[.)]\s|article\s+\d|annexe\s+\d)",
                       re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"[.!?:;]$")


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    confidence: float | None = None     # OCR only, 0–100


@dataclass
class PageLine:
    page: int                           # 1-based
    words: list[Word]
    top: float
    bottom: float
    page_height: float
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.text = " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class SourceLine:
    """A line as the reader gets it, with the page lines it was made of."""

    text: str
    parts: list[PageLine]

    @property
    def confidence(self) -> float | None:
        """The lowest OCR confidence of its words (None for a text layer)."""
        scores = [w.confidence for p in self.parts for w in p.words if w.confidence is not None]
        return min(scores) if scores else None


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _in_margin(line: PageLine) -> bool:
    return line.top < 0.1 * line.page_height or line.bottom > 0.9 * line.page_height


def without_furniture(pages: list[list[PageLine]]) -> list[list[PageLine]]:
    """Drop page numbers and the header/footer repeated in the margins of several pages."""
    seen: dict[str, set[int]] = {}
    for lines in pages:
        for line in lines:
            if _in_margin(line):
                seen.setdefault(_key(line.text), set()).add(line.page)
    repeated = {key for key, on in seen.items() if len(on) >= 2}
    return [[line for line in lines
             if not (_in_margin(line) and (_key(line.text) in repeated
                                           or _PAGE_NUMBER.match(line.text)
                                           or _PAGE_OF.search(line.text)))]
            for lines in pages]


def _margin(lines: list[PageLine], k: int) -> float:
    """The right margin near line k (nearby lines: a scan may be slightly rotated)."""
    return max(line.x1 for line in lines[max(0, k - 6):k + 7])


def _continues(prev: PageLine, nxt: PageLine, margin: float, same_page: bool) -> bool:
    if _NEW_ITEM.match(nxt.text) or not nxt.words:
        return False
    tallest = max(prev.height, nxt.height)
    gap = nxt.top - prev.bottom
    # a line of another height is a heading, unless it sits right under the line before:
    # OCR boxes are taller when a line has capitals and a comma (« DUBOURG, ») than when it
    # has none (« Services. »), and that last word of a paragraph is no heading
    if same_page and (gap > 0.8 * tallest or (gap > 0.25 * tallest and abs(
            prev.height - nxt.height) > 0.3 * tallest)):
        return False
    if _ENDS_SENTENCE.search(prev.text) and nxt.text[:1].isupper():
        return False
    first = nxt.words[0]
    room = margin - prev.x1
    return room < (first.x1 - first.x0) + 0.6 * prev.height


def _join(text: str, more: str) -> str:
    if text.endswith("\u00ad"):
        return text[:-1] + more
    if re.search(r"\w-$", text):
        return text + more
    return f"{text} {more}"


def source_lines(pages: list[list[PageLine]]) -> list[SourceLine]:
    """One line per paragraph, furniture dropped."""
    out: list[SourceLine] = []
    previous: tuple[PageLine, float] | None = None
    for lines in without_furniture(pages):
        for k, line in enumerate(lines):
            margin = _margin(lines, k)
            if previous is not None and out and _continues(
                    previous[0], line, previous[1], previous[0].page == line.page):
                out[-1].text = _join(out[-1].text, line.text)
                out[-1].parts.append(line)
            else:
                out.append(SourceLine(line.text, [line]))
            previous = (line, margin)
    return out

