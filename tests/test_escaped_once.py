"""Names and streets holding < > & " ' print as typed in every document, mail and page:
escaped exactly once on the way (never `&lt;b>` on a convention someone signs)."""

from __future__ import annotations

import email
import email.policy
from datetime import date
from io import BytesIO
from pathlib import Path

import docx
import lxml.html
import pytest
import yaml
from markdown_it import MarkdownIt
from pypdf import PdfReader

from helpers import CONVENTIONS, replace
from pncaf.actions.documents import DocumentRequest, make_document
from pncaf.actions.reminders import RemindersRequest, compose_reminders

PARTNER = "Mairie <b>Haute</b> & « Basse » \"A\" l'Ô"
STREET = "3 rue <b>Haute</b> & « Basse » \"B\" l'Ô > 2 &amp; &lt;"
SITE = "Espace <i>x</i> & \"C\" d'été"


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)          # no user templates, no pncaf.toml
    text = (CONVENTIONS / "77-valbrune.yaml").read_text(encoding="utf-8")
    text = replace(text, "name: Mairie de Valbrune-sur-Loing", f"name: {_yaml(PARTNER)}")
    text = replace(text, "street: 1 place de la Mairie", f"street: {_yaml(STREET)}")
    text = replace(text, "name: Espace France services de Valbrune", f"name: {_yaml(SITE)}")
    folder = tmp_path / "conventions"
    folder.mkdir()
    (folder / "77-valbrune.yaml").write_text(text, encoding="utf-8")
    return folder / "77-valbrune.yaml"


def _flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(data: bytes) -> str:
    return _flat(" ".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages))


def html_text(data: bytes) -> str:
    return _flat(lxml.html.fromstring(data.decode("utf-8")).text_content())


def markdown_text(data: bytes) -> str:
    """What a Markdown viewer shows: the text rendered by CommonMark, tags removed."""
    return html_text(MarkdownIt("commonmark").render(data.decode("utf-8")).encode("utf-8"))


def docx_text(data: bytes) -> str:
    document = docx.Document(BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return _flat(" ".join(parts))


READERS = {"pdf": pdf_text, "html": html_text, "md": markdown_text, "docx": docx_text}
# (document, format, the hostile texts it prints)
CASES = [(kind, fmt, texts) for kind, formats, texts in [
    ("convention", ("pdf", "html", "md", "docx"), (PARTNER, STREET, SITE)),
    ("sheet", ("pdf", "html", "md"), (PARTNER, STREET, SITE)),
    ("certificate", ("pdf", "html", "md"), (PARTNER, SITE)),
] for fmt in formats]


@pytest.mark.parametrize(("kind", "fmt", "texts"), CASES,
                         ids=[f"{kind}-{fmt}" for kind, fmt, _ in CASES])
def test_documents_print_names_and_streets_as_typed(hostile: Path, kind: str, fmt: str,
                                                    texts: tuple[str, ...]) -> None:
    document = make_document(DocumentRequest(hostile, kind, fmt,  # type: ignore[arg-type]
                                             today=date(2026, 12, 5)))
    assert document.refused is None, document.refused
    shown = READERS[fmt](document.data)
    for text in texts:
        assert text in shown, (text, shown[:600])


def test_reminder_mails_carry_names_as_typed(hostile: Path) -> None:
    result = compose_reminders(RemindersRequest((hostile.parent,), as_of=date(2026, 12, 22)))
    assert result.drafts, result.refused
    for draft in result.drafts:
        message = email.message_from_bytes(draft.draft, policy=email.policy.default)
        body = _flat(message.get_body().get_content())  # type: ignore[union-attr]
        assert PARTNER in body and PARTNER in _flat(str(message["Subject"]))
        assert "&lt;" not in body and "&amp;" not in body


def test_dashboard_pages_show_names_as_typed(hostile: Path, tmp_path: Path) -> None:
    from pncaf.outputs.dashboard import build_site

    out = tmp_path / "rapport"
    build_site([hostile], date(2026, 12, 5), out)
    page = html_text((out / "conventions" / "77-valbrune.html").read_bytes())
    for text in (PARTNER, STREET, SITE):
        assert text in page, text
    assert PARTNER in html_text((out / "index.html").read_bytes())


@pytest.mark.parametrize("fmt", ["md", "pdf"])
def test_the_convention_imports_back_as_typed(hostile: Path, fmt: str) -> None:
    from pncaf.importing.importer import import_lines
    from pncaf.importing.source_text import source_of

    document = make_document(DocumentRequest(hostile, "convention", fmt))
    name = f"convention.{fmt}"
    imported = import_lines(source_of(document.data, name).lines, name)
    data = yaml.safe_load(imported.text)
    assert data["partner"]["name"] == PARTNER
    assert data["partner"]["address"]["street"] == STREET
    assert data["sites"][0]["name"] == SITE
