"""The text of a PDF convention: its text layer (pdfplumber), or OCR for scanned pages.

pdfplumber gives each word with its position, which is what it takes to rebuild lines and
paragraphs (see pdf_layout), to drop the page footers and to keep bullets in their place;
pypdf's plain text put a page's bullets at its end. A page without text (a scan) goes to
OCR. Hostile files are refused before they cost anything: size, pages, characters.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pncaf.errors import UserError
from pncaf.importing.pdf_layout import PageLine, SourceLine, Word, source_lines

MAX_BYTES = 50 * 1024 * 1024
MAX_PAGES = 100
MAX_CHARS_PER_PAGE = 30_000       # a dense A4 page holds about 5,000
MIN_CHARS_OF_TEXT = 40            # fewer letters on a page: it is a scan


def pdf_lines(path: Path | bytes, name: str | None = None) -> list[SourceLine]:
    """A PDF's lines, from a file or from the bytes of an upload named `name` (read in
    memory: messages name the upload, never a temporary file)."""
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    source = path
    path = Path(name) if name else path if isinstance(path, Path) else Path("convention.pdf")
    size = len(source) if isinstance(source, bytes) else source.stat().st_size
    if size > MAX_BYTES:
        raise UserError(f"{path}: ce PDF pèse plus de {MAX_BYTES // 2**20} Mo ; pncaf import "
                        "lit une convention seule : enregistrez-la sans ses pièces jointes")
    try:
        with pdfplumber.open(io.BytesIO(source) if isinstance(source, bytes)
                             else str(source)) as pdf:
            count = len(pdf.pages)
            if count > MAX_PAGES:
                raise UserError(f"{path}: ce PDF a {count} pages ; pncaf import en lit au plus "
                                f"{MAX_PAGES} (une convention en a une dizaine) : enregistrez "
                                "la convention seule")
            pages = [_page_lines(path, page, n, source) for n, page in enumerate(pdf.pages, 1)]
    except PdfminerException as wrapped:
        # pdfplumber wraps what pdfminer raises while opening the file.
        cause = wrapped.args[0] if wrapped.args else wrapped
        if isinstance(cause, PDFPasswordIncorrect):
            raise UserError(f"{path}: ce PDF est protégé par un mot de passe : ouvrez-le et "
                            "enregistrez-le sans protection") from None
        raise UserError(f"{path}: ce PDF ne peut pas être lu ({cause}) : ouvrez-le et "
                        "enregistrez-le à nouveau en PDF") from None
    except PDFPasswordIncorrect:
        raise UserError(f"{path}: ce PDF est protégé par un mot de passe : ouvrez-le et "
                        "enregistrez-le sans protection") from None
    except (PDFSyntaxError, MalformedPDFException, ValueError, KeyError, TypeError) as exc:
        raise UserError(f"{path}: ce PDF ne peut pas être lu ({exc}) : ouvrez-le et "
                        "enregistrez-le à nouveau en PDF") from None
    return source_lines(pages)


def _page_lines(path: Path, page: Any, number: int, source: Path | bytes) -> list[PageLine]:
    if len(page.chars) > MAX_CHARS_PER_PAGE:
        raise UserError(f"{path}: la page {number} porte {len(page.chars)} caractères ; ce "
                        "n'est pas une page de convention")
    if sum(c["text"].isalpha() for c in page.chars) < MIN_CHARS_OF_TEXT:
        from pncaf.importing.ocr import ocr_pdf_page

        return ocr_pdf_page(source, number, str(path))
    words = page.extract_words(keep_blank_chars=False, x_tolerance=2.5, y_tolerance=2.5)
    return _lines_of(words, number, float(page.height))


def _lines_of(words: list[dict[str, Any]], page: int, height: float) -> list[PageLine]:
    """Words on one baseline form a line, read left to right."""
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(word["top"] - rows[-1][0]["top"]) < 0.5 * (word["bottom"] - word["top"]):
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        lines.append(PageLine(page, [Word(w["text"], w["x0"], w["x1"]) for w in row],
                              min(w["top"] for w in row), max(w["bottom"] for w in row), height))
    return lines
