"""The text of a convention as numbered lines, whatever it was written in.

PDFs are read from their text layer, scanned PDFs and images by OCR (pdf_text, ocr).
Word documents are read with python-docx, paragraphs and table cells in the order of the
body (one line per paragraph); Markdown loses its markup (`**`, `#`, `\\_`, links); plain
text is taken as it is. Line numbers are what `pncaf import` cites in its comments.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pncaf.errors import UsageError, UserError
from pncaf.importing.pdf_layout import SourceLine

READABLE = (".docx", ".txt", ".md", ".markdown", ".pdf", ".png", ".jpg", ".jpeg", ".tif",
            ".tiff")
IMAGES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")

_MD_LINK = re.compile(r"(?<!\\)\[([^\]]*)(?<!\\)\]\((?:mailto:)?([^)\s]*)\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~&])")
_MD_MARKS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_MD_LEAD = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+\.\s+(?=\D))")


@dataclass(frozen=True)
class Source:
    """The lines of a convention (line n is `lines[n - 1]`) and, for a scan, the words OCR
    read on each line with its confidence (0–100); empty for a text layer, Word or text."""

    lines: list[str]
    words: list[list[tuple[str, float]]] = field(default_factory=list)


def read_lines(path: Path) -> list[str]:
    """The convention's lines (1-based when cited: line n is `lines[n - 1]`)."""
    return read_source(path).lines


def read_source(path: Path) -> Source:
    """The convention's lines, with the OCR confidence of their words for a scan."""
    suffix = path.suffix.lower()
    if suffix not in READABLE:
        raise UsageError(f"{path}: pncaf import reads .docx, .txt, .md, .pdf and scanned "
                         "pages (.png, .jpg, .tif); save the convention in one of these "
                         "formats (Word: Enregistrer sous → .docx)")
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    if suffix == ".docx":
        return Source(list(docx_lines(path)))
    if suffix == ".pdf" or suffix in IMAGES:
        return _from_page_lines(source_lines(path))
    return Source(_text_lines(path.read_bytes(), suffix))


def lines_of(data: bytes, name: str) -> list[str]:
    """`read_lines` on the bytes of an upload named `name` (read in memory)."""
    return source_of(data, name).lines


def source_of(data: bytes, name: str) -> Source:
    """`read_source` on the bytes of an upload named `name`."""
    suffix = Path(name).suffix.lower()
    if suffix not in READABLE:
        raise UsageError(f"{name}: pncaf import reads .docx, .txt, .md, .pdf and scanned "
                         "pages (.png, .jpg, .tif); save the convention in one of these "
                         "formats (Word: Enregistrer sous → .docx)")
    if suffix == ".pdf" or suffix in IMAGES:     # in memory: never a temporary file
        return _from_page_lines(source_lines(data, name))
    if suffix == ".docx":
        import io

        return Source(list(docx_lines(io.BytesIO(data), name)))
    return Source(_text_lines(data, suffix))


def _text_lines(raw: bytes, suffix: str) -> list[str]:
    lines = decoded(raw).splitlines()
    return [markdown_plain(line) for line in lines] if suffix in (".md", ".markdown") else lines


def _from_page_lines(lines: list[SourceLine]) -> Source:
    words = [[(w.text, c) for part in line.parts for w in part.words
              if (c := w.confidence) is not None] for line in lines]
    return Source([line.text for line in lines], words if any(words) else [])


def source_lines(path: Path | bytes, name: str | None = None) -> list[SourceLine]:
    """A PDF's or a scan's lines, each with the page lines (and OCR confidences) behind it:
    a file, or the bytes of an upload named `name`."""
    from pncaf.importing.ocr import image_lines
    from pncaf.importing.pdf_text import pdf_lines

    suffix = Path(name).suffix if name else path.suffix if isinstance(path, Path) else ""
    return pdf_lines(path, name) if suffix.lower() == ".pdf" else image_lines(path, name)


def decoded(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 as Windows Notepad saves « Unicode », else the
    Windows « ANSI » code page that older files use."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def markdown_plain(line: str) -> str:
    """`## **Article 1. Objet**` → `Article 1. Objet`; `[a@b.fr](mailto:a@b.fr)` → `a@b.fr`."""
    line = _MD_LINK.sub(lambda m: m.group(2) if "@" in m.group(2) else m.group(1), line)
    line = _MD_LEAD.sub("", line)
    # escaped characters (`\*`) are text: marks are removed, and entities (`&lt;`, which
    # pncaf writes for a `<` of the data) decoded, only between them
    parts = _MD_ESCAPE.split(line)
    return "".join(part if i % 2 else html.unescape(_MD_MARKS.sub("", part))
                   for i, part in enumerate(parts)).rstrip()


def docx_lines(path: Path | IO[bytes], name: str | None = None) -> Iterator[str]:
    """The lines of a Word document, once `files.office` found it within its limits (size,
    parts, XML without entities, nothing cut)."""
    import io
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    from pncaf.files.office import checked

    data = checked(path if isinstance(path, Path) else path.read(), str(name or path), "docx")
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UserError(f"{name or path}: not a Word document that can be read ({exc}); open it in "
                        "Word or LibreOffice and save it again as .docx") from None
    yield from _content_lines(document)


def _content_lines(container: Any) -> Iterator[str]:
    """Paragraphs and tables in the order of the document. A table row of one-paragraph
    cells is one line; otherwise each cell's paragraphs in turn (a merged cell once)."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        cells.append(cell)
                if len(cells) > 1 and all(len(c.paragraphs) == 1 and not c.tables
                                          for c in cells):
                    # a row of short cells (« Lundi | 9h-12h / 14h-17h ») reads as one line
                    yield " – ".join(c.text.strip() for c in cells if c.text.strip())
                    continue
                for cell in cells:
                    yield from _content_lines(cell)
        else:
            yield from block.text.replace("\t", " ").split("\n")
