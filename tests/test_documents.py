"""Documents: certificate (PDF, HTML, Markdown), contact sheet, reminders, templates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from helpers import CONVENTIONS, VALID, replace
from pncaf.cli.app import app
from pncaf.outputs.templating import TemplateProblem, render, with_article

runner = CliRunner()
ACTIVE = CONVENTIONS / "77-valbrune.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def no_user_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from an empty folder, so that the repository's templates/ is not picked up."""
    monkeypatch.chdir(tmp_path)


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    return len(reader.pages), " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_certificate_pdf_content(tmp_path: Path) -> None:
    out = tmp_path / "cert.pdf"
    code, _, err = run("certificate", str(ACTIVE), "-o", str(out))
    assert code == 0 and "wrote" in err
    pages, text = pdf_text(out)
    assert pages == 1
    for expected in ("Caisse d'allocations familiales de Seine-et-Marne",
                     "« Point numérique Caf »", "Mairie de Valbrune-sur-Loing",
                     "Fait à Melun, le 14 mars 2023", "La Directrice",
                     "Gaëlle Choquer-Marchand"):
        assert expected in text, expected


def test_certificate_pdf_embeds_its_fonts(tmp_path: Path) -> None:
    out = tmp_path / "cert.pdf"
    run("certificate", str(ACTIVE), "-o", str(out))
    reader = PdfReader(str(out))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        descriptor = ref.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_certificate_date_option_and_first_of_month(tmp_path: Path) -> None:
    out = tmp_path / "cert.md"
    assert run("certificate", str(ACTIVE), "-o", str(out), "--date", "2026-03-01")[0] == 0
    assert "Fait à Melun, le 1er mars 2026" in out.read_text()


def test_certificate_html_is_escaped_and_never_evaluates_data(tmp_path: Path) -> None:
    source = tmp_path / "x.yaml"
    source.write_text(replace(VALID, "name: Mairie de Test", 'name: "<b>Mairie</b> {{ 7*7 }}"'))
    out = tmp_path / "x.html"
    assert run("certificate", str(source), "-o", str(out))[0] == 0
    html = out.read_text()
    assert "&lt;b&gt;Mairie&lt;/b&gt; {{ 7*7 }}" in html and "<b>Mairie" not in html
    assert "49" not in html.split("<body>")[1]


@pytest.mark.parametrize("name,reason", [
    ("77-villeparisis.yaml", "draft"),
    ("45-la-passerelle.yaml", "label was withdrawn"),
])
def test_certificate_refusals_write_nothing(tmp_path: Path, name: str, reason: str) -> None:
    out = tmp_path / "cert.pdf"
    code, _, err = run("certificate", str(CONVENTIONS / name), "-o", str(out))
    assert code == 1 and reason in err and not out.exists()


def test_certificate_refused_for_an_ended_convention(tmp_path: Path) -> None:
    source = tmp_path / "x.yaml"
    source.write_text(replace(VALID, "history: []",
                              "history:\n  - {date: 2024-02-01, event: notice, by: partner}"))
    out = tmp_path / "cert.pdf"
    code, _, err = run("certificate", str(source), "-o", str(out))
    assert code == 1 and "ended on 2025-01-14" in err and not out.exists()


def test_certificate_refuses_a_date_before_the_label(tmp_path: Path) -> None:
    code, _, err = run("certificate", str(ACTIVE), "-o", str(tmp_path / "c.md"), "--date",
                       "2023-01-01")
    assert code == 1 and "before the label starts" in err


def test_certificate_bad_extension_and_invalid_file(tmp_path: Path) -> None:
    code, _, err = run("certificate", str(ACTIVE), "-o", str(tmp_path / "c.docx"))
    assert code == 2 and ".pdf, .html or .md" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text(replace(VALID, "monday:", "lundi:"))
    code, _, err = run("certificate", str(bad), "-o", str(tmp_path / "c.pdf"))
    assert code == 1 and "pncaf check" in err


def test_a_failed_render_keeps_the_previous_file(tmp_path: Path) -> None:
    out = tmp_path / "cert.html"
    out.write_text("previous certificate")
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "certificate.html.j2").write_text("{{ partner.nam }}")
    code, _, err = run("certificate", str(ACTIVE), "-o", str(out), "--templates",
                       str(tmp_path / "tpl"))
    assert code == 1 and out.read_text() == "previous certificate"
    assert "certificate.html.j2:1" in err and "nam" in err


def test_user_template_overrides_and_extends(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "certificate.md.j2").write_text("Certificat pour {{ partner.name }}\n")
    (folder / "certificate.html.j2").write_text(
        '{% extends "pncaf/certificate.html.j2" %}{% block footer %}PIED LOCAL{% endblock %}')
    md, html = tmp_path / "c.md", tmp_path / "c.html"
    run("certificate", str(ACTIVE), "-o", str(md), "--templates", str(folder))
    run("certificate", str(ACTIVE), "-o", str(html), "--templates", str(folder))
    assert md.read_text() == "Certificat pour Mairie de Valbrune-sur-Loing\n"
    assert "PIED LOCAL" in html.read_text() and "Point numérique Caf" in html.read_text()


def test_default_templates_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "certificate.md.j2").write_text("LOCAL {{ caf.city }}\n")
    assert run("certificate", str(ACTIVE), "-o", "c.md")[0] == 0
    assert (tmp_path / "c.md").read_text() == "LOCAL Melun\n"


def test_repository_example_override_renders(tmp_path: Path) -> None:
    out = tmp_path / "c.html"
    code, _, _ = run("certificate", str(ACTIVE), "-o", str(out), "--templates",
                     str(CONVENTIONS.parent / "templates"))
    assert code == 0 and "retrouvez les services de la Caf" in out.read_text()


def test_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "evil.txt.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateProblem, match=r"sandbox|unsafe|attribute"):
        render("evil.txt.j2", {}, folder)
    (folder / "read.txt.j2").write_text('{% include "../../../../etc/passwd" %}')
    with pytest.raises(TemplateProblem, match="not found"):
        render("read.txt.j2", {}, folder)


def test_strict_undefined_names_template_and_variable(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "x.txt.j2").write_text("ligne 1\n{{ partner.siret }}\n")
    with pytest.raises(TemplateProblem) as info:
        render("x.txt.j2", {"partner": {"name": "X"}}, folder)
    assert "x.txt.j2:2" in str(info.value) and "siret" in str(info.value)


def test_titles_with_their_article() -> None:
    assert with_article("Directrice") == "La Directrice"
    assert with_article("Directeur") == "Le Directeur"
    assert with_article("Maire") == "Le Maire"
    assert with_article("La Maire") == "La Maire"
    assert with_article("Adjointe au maire") == "L’Adjointe au maire"
    assert with_article("Présidente") == "La Présidente"


def test_sheet(tmp_path: Path) -> None:
    out = tmp_path / "fiche.pdf"
    assert run("sheet", str(ACTIVE), "-o", str(out))[0] == 0
    pages, text = pdf_text(out)
    assert pages == 1
    assert "contactpartenairesrelaislognes.cafmelun@caf.cnafmail.fr" in text
    assert "Mairie de Valbrune-sur-Loing" in text and "Ne conservez aucun document" in text


def test_file_names_built_from_data_cannot_escape_the_folder() -> None:
    from pncaf.outputs.documents import safe_name

    for hostile in ("../../etc/passwd", "/abs", "..", "a\\b", "x" * 500):
        name = safe_name(hostile)
        assert "/" not in name and "\\" not in name and not name.startswith(".")
        assert 0 < len(name) <= 80


def test_certificate_library_call_without_cli() -> None:
    from pncaf.format.loader import load_file
    from pncaf.outputs.documents import certificate

    loaded = load_file(ACTIVE)
    assert loaded.convention is not None
    md = certificate(loaded.convention, loaded.id, "md", None, date(2026, 11, 27))
    assert "Mairie de Valbrune-sur-Loing" in md.decode()


def test_an_edited_user_template_is_used_at_once(tmp_path: Path) -> None:
    """Environments are kept per folder within a run; an edit must still show."""
    import os

    folder = tmp_path / "mine"
    folder.mkdir()
    template = folder / "note.md.j2"
    template.write_text("first {{ x }}")
    assert render("note.md.j2", {"x": 1}, folder) == "first 1"
    template.write_text("second {{ x }}")
    later = template.stat().st_mtime + 5
    os.utime(template, (later, later))
    assert render("note.md.j2", {"x": 2}, folder) == "second 2"
