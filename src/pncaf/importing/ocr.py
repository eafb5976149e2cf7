"""French OCR of scanned pages with Tesseract (pytesseract), each word with its confidence.

Scanned PDF pages are rasterised with pypdfium2 (its wheels carry PDFium, so nothing more to
install on Windows); images (.png, .jpg, .tif, several pages in one TIFF) are opened with
Pillow. A light median filter removes scanner speckle before Tesseract reads the page.
Pages and pixels are bounded so that a huge or hostile file is refused, never a hang.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

from pncaf.errors import UserError
from pncaf.importing.pdf_layout import PageLine, SourceLine, Word, source_lines

MAX_OCR_PAGES = 40
MAX_PIXELS = 60_000_000           # A4 at 600 dpi is 35 million
DPI = 250
TIMEOUT_SECONDS = 180             # one page
_WINDOWS_TESSERACT = Path(r"C:\Program Files\Tesseract-OCR\tesseract.exe")
_INSTALL = ("installez Tesseract avec le français : sous Debian ou Ubuntu « sudo apt-get "
            "install tesseract-ocr tesseract-ocr-fra », sous Windows l'installateur de "
            "Tesseract (UB Mannheim) en cochant « French » (voir docs/documents.md)")


def _tesseract(path: Path) -> Any:
    import pytesseract

    command = os.environ.get("PNCAF_TESSERACT") or shutil.which("tesseract")
    if command is None and _WINDOWS_TESSERACT.is_file():
        command = str(_WINDOWS_TESSERACT)
    if command is None:
        raise UserError(f"{path}: ce document est scanné et Tesseract (l'OCR) n'est pas "
                        f"installé : {_INSTALL}")
    pytesseract.pytesseract.tesseract_cmd = command
    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, OSError, RuntimeError):
        raise UserError(f"{path}: Tesseract ({command}) ne démarre pas : {_INSTALL}") from None
    if "fra" not in languages:
        raise UserError(f"{path}: Tesseract est installé sans le français : {_INSTALL}")
    return pytesseract


def _cleaned(image: Any) -> Any:
    from PIL import ImageFilter

    return image.convert("L").filter(ImageFilter.MedianFilter(3))


_GLUED_DAY = re.compile(r"(?i)\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?"
                        r"(?=de\b|d['’]|à\b|\d)")
_ORDINAL_OR_HOUR = r"(?:er|re|ère|e|ème|eme|è)\b|h"


def _repaired(text: str) -> str:
    """Times and days that OCR glued to their words: « 12hetde14hà17h » → « 12h et de 14h à
    17h », « mardide » → « mardi de », « 45à » → « 45 à » (« 1er », « 2e » stay whole)."""
    text = re.sub(r"(?<=\d)h(?=[^\W\d_])", "h ", text)
    text = re.sub(r"(?<=[^\W\d_])(?=\d{1,2}\s?h)", " ", text)
    text = re.sub(r"(?<=\d)(?!" + _ORDINAL_OR_HOUR + r")(?=[^\W\d_])", " ", text)
    text = re.sub(r"(?i)\bet(?=de\b)", "et ", text)
    text = re.sub(r"(?i)\bh(?=à\b)", "h ", text)
    return _GLUED_DAY.sub(r"\1 ", text)


def ocr_image(path: Path, image: Any, page: int) -> list[PageLine]:
    """The lines Tesseract reads on one page image."""
    tesseract = _tesseract(path)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")    # one core: the machine is shared
    try:
        data = tesseract.image_to_data(_cleaned(image), lang="fra", config="--psm 3",
                                       output_type=tesseract.Output.DICT,
                                       timeout=TIMEOUT_SECONDS)
    except RuntimeError as exc:
        raise UserError(f"{path}: l'OCR de la page {page} n'a pas abouti ({exc})") from None
    rows: dict[tuple[int, int, int], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if text.strip() and float(data["conf"][i]) >= 0:
            rows.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]),
                            []).append(i)
    lines = []
    for indexes in rows.values():
        words = [Word(_repaired(data["text"][i]), data["left"][i],
                      data["left"][i] + data["width"][i], float(data["conf"][i]))
                 for i in indexes]
        lines.append(PageLine(page, words, min(data["top"][i] for i in indexes),
                              max(data["top"][i] + data["height"][i] for i in indexes),
                              float(image.height)))
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


def ocr_pdf_page(source: Path | bytes, number: int, name: str | None = None,
                 ) -> list[PageLine]:
    """One scanned page of a PDF file, or of an upload's bytes (read in memory), OCR'd."""
    import pypdfium2

    path = Path(name) if name else source if isinstance(source, Path) else Path("scan.pdf")
    pdf = pypdfium2.PdfDocument(source if isinstance(source, bytes) else str(source))
    try:
        if len(pdf) > MAX_OCR_PAGES:
            raise UserError(f"{path}: ce PDF scanné a {len(pdf)} pages ; pncaf import en lit "
                            f"au plus {MAX_OCR_PAGES} par OCR : numérisez la convention seule")
        page = pdf[number - 1]
        width, height = page.get_size()
        scale = min(DPI / 72, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
        image = page.render(scale=scale, grayscale=True).to_pil()
    finally:
        pdf.close()
    return ocr_image(path, image, number)


def image_lines(source: Path | bytes, name: str | None = None) -> list[SourceLine]:
    """A scanned page (.png, .jpg) or several (.tif), from a file or an upload's bytes."""
    import io

    from PIL import Image, UnidentifiedImageError

    path = Path(name) if name else source if isinstance(source, Path) else Path("scan")
    try:
        image = Image.open(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (UnidentifiedImageError, OSError) as exc:
        raise UserError(f"{path}: cette image ne peut pas être lue ({exc})") from None
    with image:
        frames = getattr(image, "n_frames", 1)
        if frames > MAX_OCR_PAGES:
            raise UserError(f"{path}: cette image a {frames} pages ; pncaf import en lit au "
                            f"plus {MAX_OCR_PAGES}")
        pages = []
        for frame in range(frames):
            image.seek(frame)
            if image.width * image.height > MAX_PIXELS:
                raise UserError(f"{path}: la page {frame + 1} fait {image.width} × "
                                f"{image.height} pixels ; pncaf import en lit au plus "
                                f"{MAX_PIXELS // 1_000_000} millions (A4 à 600 dpi : 35)")
            pages.append(ocr_image(path, image.copy(), frame + 1))
    return source_lines(pages)
