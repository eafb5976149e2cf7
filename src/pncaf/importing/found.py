"""What a reading holds: the values found with their lines, what was not understood, and the
text cut where the model convention cuts it (parties, articles, signatures, annexes).

Shared by the readers of the parties (`parties`), the sites (`sites`) and the clauses
(`clauses`); `reading.read` runs them in turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pncaf.importing.hours_grammar import normalise


@dataclass
class Found:
    """A value and the 1-based lines it was read from."""

    value: Any
    lines: list[int] = field(default_factory=list)
    confidence: float | None = None     # OCR only: how sure Tesseract was of its words


@dataclass
class Missing:
    key: str
    line: int | None       # where the value was expected
    hint: str
    partly: bool = False   # some of it was read (hours), the rest is named in `hint`


@dataclass
class Reading:
    """What was found (dotted key such as `partner.siren` → value), the sites, and what
    was looked for in vain."""

    values: dict[str, Found | None] = field(default_factory=dict)
    sites: list[dict[str, Found | None]] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)       # the text, to quote in the report

    def need(self, key: str, found: Found | None, where: int | None, hint: str) -> None:
        """Keep `found` under `key`; when it is nothing, say where it was expected."""
        self.values[key] = found
        if found is None or found.value is None:
            self.missing.append(Missing(key, where, hint))

    def partly(self, key: str, line: int | None, hint: str) -> None:
        """A sentence understood only in part: `hint` names the part left out."""
        self.missing.append(Missing(key, line, hint, partly=True))


def plain(value: Any) -> Any:
    """Time ranges as "HH:MM-HH:MM", the rest as it is (as the file writes a value)."""
    if isinstance(value, tuple) and hasattr(value, "start"):
        return str(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


class NotAConvention(ValueError):
    pass


_ARTICLE = re.compile(r"^\W*article\s+(\d{1,2})(?:er|ᵉʳ)?\b", re.IGNORECASE)
# « Article 4 – Le lieu est ouvert … »: a heading and its text in one paragraph
_HEADING = re.compile(r"^\W*article\s+\d{1,2}(?:er|ᵉʳ)?\s*(?:[–—:.-]\s*|$)", re.IGNORECASE)
_ANNEX = re.compile(r"^\W*annexe\s+\d", re.IGNORECASE)
_PREAMBLE = re.compile(r"^\W*pr[ée]ambule\b", re.IGNORECASE)
NUMBER_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
                "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
                "zéro": 0, "aucun": 0, "aucune": 0}
NUMBER = r"(\d+|" + "|".join(NUMBER_WORDS) + r")"
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
LONG_DATE = re.compile(r"\b(\d{1,2})(?:er|ᵉʳ)?\s+(" + "|".join(MONTHS) + r"|fevrier|aout|"
                       r"decembre)\s+(\d{4})\b", re.IGNORECASE)
SLASH_DATE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_PLAIN_MONTHS = {"fevrier": 2, "aout": 8, "decembre": 12}


def number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def french_date(text: str) -> tuple[date | None, bool]:
    """The first date written in `text` (« 12 mars 2026 », « 1er mars 2026 », 12/03/2026)
    and whether one was written at all: (None, True) is a date that does not exist."""
    long = LONG_DATE.search(text)
    short = SLASH_DATE.search(text)
    if long and (short is None or long.start() < short.start()):
        word = long.group(2).lower()
        month = _PLAIN_MONTHS.get(word) or MONTHS.index(word) + 1
        parts = (int(long.group(3)), month, int(long.group(1)))
    elif short:
        parts = (int(short.group(3)), int(short.group(2)), int(short.group(1)))
    else:
        return None, False
    try:
        return date(*parts), True
    except ValueError:
        return None, True


def quoted(text: str, limit: int = 70) -> str:
    """« … » around a part of a line, shortened so that a warning stays one line."""
    text = " ".join(text.split()).strip(" ,;.")
    return f"« {text if len(text) <= limit else text[:limit - 1].rstrip() + '…'} »"


def is_heading(line: str) -> bool:
    """« Article 4 », « ARTICLE 4 – LIEU », or « Article 4 – Le lieu est ouvert … » (a heading
    with its text); not a sentence that starts with an article of a law (« Article 4 de la
    loi … dispose que … »)."""
    return len(line) < 120 or bool(_HEADING.match(line))


class Text:
    """The lines and where the model's parts begin and end."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = [" ".join(line.replace("\u00a0", " ").split()) for line in lines]
        self.articles: dict[int, tuple[int, int]] = {}
        starts = [(i, int(m.group(1))) for i, line in enumerate(self.lines)
                  if (m := _ARTICLE.match(line)) and is_heading(line)]
        annex = next((i for i, line in enumerate(self.lines) if _ANNEX.match(line)),
                     len(self.lines))
        for k, (i, n) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else annex
            self.articles.setdefault(n, (i, max(i + 1, end)))
        preamble = next((i for i, line in enumerate(self.lines) if _PREAMBLE.match(line)), None)
        self.parties_end = preamble if preamble is not None else (
            starts[0][0] if starts else len(self.lines))
        self.annex = annex

    def article(self, n: int) -> list[tuple[int, str]]:
        """The lines of Art. n, its heading line without « Article n – » (what follows is
        its title, or its text when both are one paragraph)."""
        start, end = self.articles.get(n, (0, 0))
        lines = [(i + 1, self.lines[i]) for i in range(start, end)]
        if lines:
            lines[0] = (start + 1, _HEADING.sub("", lines[0][1], count=1))
        return [(k, line) for k, line in lines if line]

    def heading_line(self, n: int) -> int | None:
        return self.articles[n][0] + 1 if n in self.articles else None

    def numbered(self, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
        return [(i + 1, self.lines[i]) for i in range(start, len(self.lines) if end is None
                                                      else end) if self.lines[i]]

    def looks_like_a_convention(self) -> bool:
        whole = normalise(" ".join(self.lines))
        return (("point numérique" in whole or "convention" in whole) and "caf" in whole
                and len(self.articles) >= 3)
