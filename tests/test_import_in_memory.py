"""An uploaded PDF or scan is read in memory (docs/serve.md): no temporary file is written,
and every message names the file the officer uploaded, never a temporary path."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from helpers import CONVENTIONS
from pncaf.actions.documents import DocumentRequest, make_document
from pncaf.actions.importing import ImportPreviewRequest, preview_import


@pytest.fixture
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every temporary file or folder made while the test runs: there must be none."""
    made: list[str] = []
    real_folder, real_file = tempfile.mkdtemp, tempfile._mkstemp_inner  # type: ignore[attr-defined]

    def folder(*args: Any, **kwargs: Any) -> str:
        made.append(path := real_folder(*args, **kwargs))
        return path

    def file(*args: Any, **kwargs: Any) -> Any:
        handle, path = real_file(*args, **kwargs)
        made.append(path)
        return handle, path

    monkeypatch.setattr(tempfile, "mkdtemp", folder)
    monkeypatch.setattr(tempfile, "_mkstemp_inner", file)
    yield made
    # Tesseract is a program of its own: pytesseract hands it each page image as a file
    # (`tess_…`), deleted at once; everything pncaf reads stays in memory
    ours = [path for path in made if not Path(path).name.startswith("tess_")]
    assert ours == [], f"temporary files written: {ours}"


def _preview(data: bytes, name: str) -> str:
    result = preview_import(ImportPreviewRequest(data, name))
    assert result.refused is not None
    return str(result.refused)


@pytest.mark.parametrize(("data", "said"), [
    (b"", "ce PDF ne peut pas être lu"),
    (b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF", "ce PDF ne peut pas être lu"),
])
def test_a_broken_pdf_is_named_as_uploaded(temp_folder: list[str], data: bytes, said: str) -> None:
    message = _preview(data, "Convention Valbrune signée.pdf")
    assert message.startswith("Convention Valbrune signée.pdf: ") and said in message
    assert "/tmp" not in message and "upload" not in message


def test_a_broken_image_is_named_as_uploaded(temp_folder: list[str]) -> None:
    message = _preview(b"not an image", "scan-page1.png")
    assert message.startswith("scan-page1.png: cette image ne peut pas être lue")


def test_an_uploaded_pdf_is_imported_without_a_temporary_file(temp_folder: list[str],
                                                              tmp_path: Path) -> None:
    pdf = make_document(DocumentRequest(CONVENTIONS / "77-valbrune.yaml", "convention",
                                        "pdf")).data
    temp_folder.clear()                         # only the import is watched
    result = preview_import(ImportPreviewRequest(pdf, "convention.pdf"))
    assert result.refused is None, result.refused
    assert 'siren: "217709997"' in result.text and "Valbrune-sur-Loing" in result.text


def test_an_uploaded_blank_scan_says_so_by_its_name(temp_folder: list[str]) -> None:
    page = BytesIO()
    Image.new("L", (850, 1100), 255).save(page, "PNG")
    message = _preview(page.getvalue(), "page-blanche.png")
    assert message.startswith("page-blanche.png: no « Point numérique Caf » convention found")
