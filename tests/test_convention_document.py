"""`pncaf convention`: the convention for signature in Word, PDF, HTML and Markdown.

The Word file is read back with python-docx and converted with LibreOffice, as a Caf
would open it; the PDF's text is read with pypdf."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from typer.testing import CliRunner

from helpers import CONVENTIONS, ROOT, VALID, replace
from pncaf.cli.app import app

runner = CliRunner()
VILLEPARISIS = CONVENTIONS / "77-villeparisis.yaml"
VALBRUNE = CONVENTIONS / "77-valbrune.yaml"
WEEK = ("le lundi, le jeudi et le vendredi de 8 h 30 à 12 h et de 14 h à 17 h 30 ; "
        "le mardi de 14 h à 17 h 30 ; le mercredi de 8 h 30 à 12 h")
HOURS = f"Ce lieu accueille le public {WEEK}."
MONTHLY = ("Ce lieu est aussi ouvert le 4e samedi du mois (un samedi matin par mois, "
           "généralement le 4e).")


@pytest.fixture(autouse=True)
def no_user_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from an empty folder, so that the repository's templates/ is not picked up."""
    monkeypatch.chdir(tmp_path)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def word_text(path: Path) -> list[str]:
    document = Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return lines


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    return len(reader.pages), " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_word_convention_of_a_draft_states_every_fact(tmp_path: Path) -> None:
    out = tmp_path / "convention.docx"
    code, _, err = run("convention", str(VILLEPARISIS), "-o", str(out))
    assert code == 0 and f"wrote {out}" in err
    lines = word_text(out)
    text = "\n".join(lines)
    for expected in (
        "Caisse d'allocations familiales de Seine-et-Marne",
        "Adresse : TSA 34004, 77027 Melun Cedex",
        "Représentée par sa Directrice, Gaëlle Choquer-Marchand",
        "Mairie de Villeparisis", "SIREN : 217705144",
        "Adresse : 32 rue de Ruzé, 77270 Villeparisis",
        "Représentée par son Maire, Frédéric Bouche",   # as the model: « La Mairie … Représentée »
        "Les demandes de niveau 2 sont adressées à : "
        "contactpartenairesrelaislognes.cafmelun@caf.cnafmail.fr",
        "au moins 4 demi-journées et 12 heures par semaine",
        "Maison des Droits Jeanne Chauvin", "18 avenue des Chênes, 77270 Villeparisis",
        HOURS, MONTHLY, "Le service est géré par Atika Belkebir, Responsable.",
        "3 ordinateurs, 1 imprimante et 1 scanner",
        "durée d'un an, renouvelable par tacite reconduction",
        "au plus tard 3 mois avant l'échéance",
        "Fait à Melun, le ………………………………, en deux exemplaires.",
        "Accusé de réception en préfecture : 077-217705144-20221005-22_07169-DE",
        "Date de télétransmission : 05/10/2022",
    ):
        assert expected in text, expected
    headings = [line for line in lines if line.startswith(("Article ", "Annexe "))]
    assert [h.split(".")[0] for h in headings] == (
        [f"Article {n}" for n in range(1, 12)] + [f"Annexe {n}" for n in range(1, 4)])
    assert "{{" not in text and "{%" not in text and "}}" not in text


def test_a_signed_convention_is_dated_by_its_later_signature(tmp_path: Path) -> None:
    out = tmp_path / "convention.md"
    assert run("convention", str(VALBRUNE), "-o", str(out))[0] == 0
    assert "Fait à Melun, le 14 mars 2023, en deux exemplaires." in out.read_text()
    dated = tmp_path / "dated.md"
    assert run("convention", str(VALBRUNE), "-o", str(dated), "--date", "2027-03-01")[0] == 0
    assert "Fait à Melun, le 1er mars 2027," in dated.read_text()


def test_libreoffice_opens_the_word_file(tmp_path: Path) -> None:
    assert shutil.which("soffice"), "LibreOffice is missing: `make test` installs it"
    out = tmp_path / "convention.docx"
    assert run("convention", str(VILLEPARISIS), "-o", str(out))[0] == 0
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=300)
    pages, text = pdf_text(tmp_path / "convention.pdf")
    assert 4 <= pages <= 10
    for expected in ("Convention de partenariat « Point numérique Caf »",
                     "le lundi, le jeudi et le vendredi de 8 h 30 à 12 h et de 14 h à 17 h 30",
                     "Article 11. Durée de la convention", "Fait à Melun, le",
                     "Annexe 3. Fiche de contact de niveau 2"):
        assert expected in text, expected


def test_pdf_through_weasyprint(tmp_path: Path) -> None:
    out = tmp_path / "convention.pdf"
    assert run("convention", str(VILLEPARISIS), "-o", str(out))[0] == 0
    pages, text = pdf_text(out)
    assert pages >= 4
    for expected in ("Représentée par sa Directrice, Gaëlle Choquer-Marchand",
                     "le mardi de 14 h à 17 h 30", "Annexe 2. Les indicateurs de suivi",
                     "Personnes accueillies"):
        assert expected in text, expected


def test_data_stays_data_in_word_and_html(tmp_path: Path) -> None:
    source = tmp_path / "x.yaml"
    source.write_text(replace(VALID, "name: Mairie de Test",
                              'name: "<b>Mairie</b> & {{ 7*7 }}"'), encoding="utf-8")
    docx, html = tmp_path / "x.docx", tmp_path / "x.html"
    assert run("convention", str(source), "-o", str(docx))[0] == 0
    assert run("convention", str(source), "-o", str(html))[0] == 0
    assert "<b>Mairie</b> & {{ 7*7 }}" in word_text(docx)
    page = html.read_text()
    assert "&lt;b&gt;Mairie&lt;/b&gt; &amp; {{ 7*7 }}" in page and "<b>Mairie" not in page


def test_markdown_characters_in_the_data_print_as_written(tmp_path: Path) -> None:
    source = tmp_path / "x.yaml"
    source.write_text(replace(VALID, "name: Mairie de Test",
                              'name: "Espace *Numérique* [1] _bis_"'), encoding="utf-8")
    out = tmp_path / "x.pdf"
    assert run("convention", str(source), "-o", str(out))[0] == 0
    assert "Espace *Numérique* [1] _bis_" in pdf_text(out)[1]


def test_a_cafs_own_word_model_replaces_the_shipped_one(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    model = Document()
    model.add_paragraph("Convention avec {{ partner.name }} ({{ partner.siren }})")
    model.add_paragraph("{%p for site in sites %}")
    model.add_paragraph("{{ site.name }} : ouvert {{ site.hours_text }}")
    model.add_paragraph("{%p endfor %}")
    model.add_paragraph("Fait à {{ caf.city }}, le {{ signature_date | long_date "
                        "if signature_date else '…' }}")
    model.save(str(tmp_path / "templates" / "convention.docx"))
    out = tmp_path / "out.docx"
    assert run("convention", str(VILLEPARISIS), "-o", str(out))[0] == 0
    assert word_text(out) == [
        "Convention avec Mairie de Villeparisis (217705144)",
        f"Maison des Droits Jeanne Chauvin : ouvert {WEEK}",
        "Fait à Melun, le …"]


@pytest.mark.parametrize("tag,message", [
    ("{{ partner.__class__.__mro__ }}", "template problem"),
    ("{{ partner.nom }}", "a value the Word template uses is missing"),
    ("{% for x in sites %}", "Jinja syntax error in the Word template"),
])
def test_a_faulty_word_model_is_one_line_and_writes_nothing(tmp_path: Path, tag: str,
                                                            message: str) -> None:
    (tmp_path / "modeles").mkdir()
    model = Document()
    model.add_paragraph(f"Convention {tag}")
    model.save(str(tmp_path / "modeles" / "convention.docx"))
    out = tmp_path / "out.docx"
    code, _, err = run("convention", str(VILLEPARISIS), "-o", str(out), "--templates",
                       str(tmp_path / "modeles"))
    assert code == 1 and message in err and not out.exists()
    assert "Traceback" not in err and "internal error" not in err


def test_an_existing_output_is_kept_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "convention.docx"
    out.write_bytes(b"edited by hand")
    code, _, err = run("convention", str(VILLEPARISIS), "-o", str(out))
    assert code == 2 and "already exists" in err and out.read_bytes() == b"edited by hand"
    assert run("convention", str(VILLEPARISIS), "-o", str(out), "--force")[0] == 0
    assert out.read_bytes() != b"edited by hand"


def test_unknown_extension_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("convention", str(VILLEPARISIS), "-o", str(tmp_path / "x.odt"))
    assert code == 2 and ".docx, .pdf, .html or .md" in err


def test_the_shipped_word_template_is_made_from_the_text(tmp_path: Path) -> None:
    """`make docx-template` after any edit of convention.md.j2: the two say the same."""
    made = tmp_path / "convention.docx"
    subprocess.run([sys.executable, str(ROOT / "scripts/make_convention_docx.py"), str(made)],
                   check=True, capture_output=True)
    assert made.read_bytes() == (ROOT / "src/pncaf/templates/convention.docx").read_bytes()


def soffice(tmp_path: Path, source: Path, to: str, outdir: Path) -> Path:
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", to, "--outdir", str(outdir), str(source)],
                   check=True, capture_output=True, timeout=300)
    return outdir / f"{source.stem}.{to.split(':')[0]}"


def test_a_convention_saved_again_by_an_office_suite_imports_the_same(tmp_path: Path) -> None:
    """As it comes back signed: the Word file saved again (through .odt), or as plain text."""
    from dataclasses import asdict

    from helpers import load
    from pncaf.importing.importer import import_file

    assert shutil.which("soffice"), "LibreOffice is missing: `make test` installs it"
    out = tmp_path / "convention.docx"
    assert run("convention", str(VALBRUNE), "-o", str(out))[0] == 0
    odt = soffice(tmp_path, out, "odt", tmp_path / "odt")
    resaved = soffice(tmp_path, odt, "docx:MS Word 2007 XML", tmp_path / "again")
    text = soffice(tmp_path, out, "txt:Text (encoded):UTF8", tmp_path / "txt")

    def data(source: Path) -> dict[str, object]:
        loaded = load(import_file(source).text)
        assert loaded.convention is not None, loaded.errors
        return asdict(loaded.convention)

    assert data(resaved) == data(out) == data(text)
    assert data(out)["sites"] and data(out)["term"] == {"years": 1, "tacit_renewal": True,
                                                         "notice_months": 3}


@pytest.mark.parametrize("title,expected", [
    ("Directrice", "sa Directrice"), ("Maire", "son Maire"), ("Président", "son Président"),
    ("Adjointe au maire", "son Adjointe au maire"), ("La Maire", "sa Maire"),
])
def test_representatives_are_introduced_with_their_possessive(title: str, expected: str) -> None:
    from pncaf.outputs.convention import possessive

    assert possessive(title) == expected


def test_what_check_refuses_is_named_but_the_draft_is_written(tmp_path: Path) -> None:
    source = tmp_path / "x.yaml"
    source.write_text(replace(VALID, 'tuesday: ["09:00-12:00", "14:00-17:00"]',
                              'tuesday: ["09:00-10:00"]'), encoding="utf-8")
    out = tmp_path / "x.md"
    code, _, err = run("convention", str(source), "-o", str(out))
    assert code == 0 and out.exists()
    assert "error[opening-minimum]" in err and "does not pass `pncaf check` yet" in err
    code, _, err = run("convention", str(VILLEPARISIS), "-o", str(tmp_path / "v.md"))
    assert code == 0 and "does not pass" not in err
