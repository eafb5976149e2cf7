"""`pncaf import`: signed conventions (Markdown, text, Word) into commented convention files."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from typer.testing import CliRunner

from helpers import CONVENTIONS, ROOT, load
from pncaf.cli.app import app
from pncaf.files.yaml_text import scalar
from pncaf.importing.importer import import_file
from pncaf.importing.source_text import markdown_plain

runner = CliRunner()
# The model convention as signed by Villeparisis (a copy of shared/seed/, kept with the tests).
SEED = ROOT / "tests/corpus/import/convention-type-point-numerique-caf.md"


def data(text: str, drop: tuple[str, ...] = ("history", "id")) -> dict[str, Any]:
    loaded = load(text)
    assert loaded.convention is not None, loaded.errors
    out = asdict(loaded.convention)
    for key in drop:
        out.pop(key)
    return out


def test_the_seed_imports_to_the_villeparisis_convention() -> None:
    imported = import_file(SEED)
    assert imported.warnings == []
    expected = (CONVENTIONS / "77-villeparisis.yaml").read_text(encoding="utf-8")
    assert data(imported.text, ()) == data(expected, ())


def test_each_value_names_its_source_line() -> None:
    text = import_file(SEED).text
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert "  representative: {name: Frédéric Bouche, title: Maire}    # line 23" in text
    assert "BOUCHE" in lines[23 - 1]
    assert "    equipment: {computers: 3, printers: 1, scanners: 1}    # lines 158, 160" in text
    assert lines[158 - 1].startswith("3 ordinateurs") and "imprimante" in lines[160 - 1]
    assert f"  id: {scalar('077-217705144-20221005-22_07169-DE')}    # line 38" in text


def seed_without(tmp_path: Path, *needles: str) -> Path:
    kept = [line for line in SEED.read_text(encoding="utf-8").splitlines()
            if not any(n in line for n in needles)]
    target = tmp_path / "signee.md"
    target.write_text("\n".join(kept), encoding="utf-8")
    return target


def test_missing_values_are_null_with_a_warning_naming_where_they_were_expected(
        tmp_path: Path) -> None:
    source = seed_without(tmp_path, "ordinateurs", "imprimante", "mailto:")
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 0
    assert "    equipment: null    # import-missing: not found (expected near line " in \
        result.stdout
    assert "  level2_contact: null    # import-missing" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if "import-missing" in line]
    assert len(warnings) == 2
    art8 = next(i for i, line in enumerate(source.read_text().splitlines(), 1)
                if "Article 8" in line)
    assert any(w.startswith(f"{source}:{art8}: warning[import-missing] sites[0].equipment")
               for w in warnings)
    loaded = load(result.stdout)      # the file reads, and `check` names what to fill in
    assert loaded.convention is None and loaded.errors


def test_writes_the_file_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "conventions" / "77-villeparisis.yaml"
    target.parent.mkdir()
    result = runner.invoke(app, ["import", str(SEED), "-o", str(target)])
    assert result.exit_code == 0 and f"wrote {target}" in result.stderr
    first = target.read_bytes()
    again = runner.invoke(app, ["import", str(SEED), "-o", str(target)])
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert target.read_bytes() == first
    check = runner.invoke(app, ["check", str(target)])
    assert check.exit_code == 0, check.stdout


@pytest.mark.parametrize("text", ["Liste de courses\n\npain, lait, œufs\n",
                                  "Compte rendu de réunion du 3 mars\nArticle 1. Ordre du jour\n"])
def test_a_text_that_is_not_a_convention_is_refused(tmp_path: Path, text: str) -> None:
    source = tmp_path / "notes.txt"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 1 and not target.exists()
    assert "no « Point numérique Caf » convention found" in result.stderr


def test_a_broken_word_file_is_one_clear_line(tmp_path: Path) -> None:
    source = tmp_path / "convention.docx"
    source.write_bytes(b"PK\x03\x04 not really a zip")
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 1
    assert "not a Word document that can be read" in result.stderr
    assert "Traceback" not in result.output


def test_the_output_is_a_yaml_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", str(SEED), "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 2 and "ends in .yaml" in result.stderr
    assert not (tmp_path / "x.txt").exists()


def test_other_formats_are_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "convention.odt"
    source.write_bytes(b"PK\x03\x04")
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 2 and "reads .docx, .txt, .md, .pdf" in result.stderr


def test_a_damaged_pdf_is_one_line_naming_it(tmp_path: Path) -> None:
    source = tmp_path / "convention.pdf"
    source.write_bytes(b"%PDF-1.4")
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"pncaf: {source}: ce PDF ne peut pas être lu")
    assert "internal error" not in result.stderr and "Traceback" not in result.output
    assert not list(tmp_path.glob("*.yaml"))


def test_a_word_convention_with_the_usual_variants(tmp_path: Path) -> None:
    """A Word file typed by hand: hours in a table, other ways of writing hours and terms."""
    document = Document()
    for line in ("Convention Point numérique Caf", "Entre",
                 "La Caisse d'allocations familiales du Loiret",
                 "Adresse : 2 place Saint-Charles 45000 ORLEANS",
                 "Représentée par son Directeur Monsieur Paul EXEMPLE", "et",
                 "Le Centre social La Passerelle", "SIREN : 217 705 144",
                 "Adresse : 12 Rue des Tilleuls 45100 Orléans",
                 "Représenté par son Président, Madame Jeanne DURAND",
                 "Préambule", "Article 1. Objet", "Article 3. Engagements de la Caf",
                 "Contact niveau 2 : niveau2@caf45.example", "Article 4. Engagements",
                 "au minimum 5 demi-journées par semaine et 15 heures",
                 "Article 7. Implantation", "Centre social La Passerelle",
                 "12 rue des Tilleuls, 45100 Orléans"):
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "du lundi au jeudi de 9h00 à 12h30"
    table.cell(1, 0).text = "le mardi et le jeudi également de 13h30 à 17h"
    for line in ("Article 8. Matériel", "2 postes informatiques", "une imprimante multifonction",
                 "Article 11. Durée", "Elle est conclue pour une durée de deux ans, sans tacite "
                 "reconduction, dénonciation possible 2 mois avant l'échéance.",
                 "Fait à Orléans, le"):
        document.add_paragraph(line)
    source = tmp_path / "passerelle.docx"
    document.save(str(source))
    imported = import_file(source)
    assert imported.warnings == []
    convention = data(imported.text)
    assert convention["caf"]["name"] == "Caisse d'allocations familiales du Loiret"
    assert convention["caf"]["address"]["city"] == "Orleans"
    assert convention["caf"]["representative"] == {"name": "Paul Exemple", "title": "Directeur"}
    assert convention["partner"]["name"] == "Centre social La Passerelle"
    assert convention["partner"]["representative"] == {"name": "Jeanne Durand",
                                                      "title": "Président"}
    assert convention["partner"]["address"]["street"] == "12 rue des Tilleuls"
    site = convention["sites"][0]
    assert [str(r) for r in site["hours"]["tuesday"]] == ["09:00-12:30", "13:30-17:00"]
    assert [str(r) for r in site["hours"]["wednesday"]] == ["09:00-12:30"]
    assert site["equipment"] == {"computers": 2, "printers": 1, "scanners": 1}
    assert convention["term"] == {"years": 2, "tacit_renewal": False, "notice_months": 2}
    assert convention["engagements"] == {"min_half_days": 5, "min_weekly_hours": 15,
                                         "first_training_months": 3}   # the default
    assert convention["caf"]["city"] == "Orléans"


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8-sig"])
def test_text_saved_by_windows_editors(tmp_path: Path, encoding: str) -> None:
    source = tmp_path / "convention.txt"
    source.write_bytes(SEED.read_text(encoding="utf-8").replace("\n", "\r\n").encode(
        encoding, errors="replace"))
    imported = import_file(source)
    assert "  representative: {name: Frédéric Bouche, title: Maire}    # line 23" in imported.text


def test_a_site_introduced_on_the_line_of_its_name_and_an_address_without_number(
        tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        "Le site du partenaire se situe :\n\n**Maison des Droits Jeanne CHAUVIN**  \n"
        "18 Avenue des Chênes – 77270 Villeparisis",
        "Le site du partenaire se situe : Maison des Droits Jeanne CHAUVIN  \n"
        "Place de la Mairie – 77270 Villeparisis")
    source = tmp_path / "convention.md"
    source.write_text(text, encoding="utf-8")
    site = data(import_file(source).text)["sites"][0]
    assert site["name"] == "Maison des Droits Jeanne Chauvin"
    assert site["address"]["street"] == "Place de la Mairie"


def test_the_id_is_the_file_name_when_written_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "villeparisis-2022.yaml"
    assert runner.invoke(app, ["import", str(SEED), "-o", str(target)]).exit_code == 0
    assert f"\nid: {scalar('villeparisis-2022')}\n" in target.read_text(encoding="utf-8")
    printed = runner.invoke(app, ["import", str(SEED)]).stdout
    assert f"\nid: {scalar('77-villeparisis')}    # from the partner's postcode and city\n" \
        in printed


@pytest.mark.parametrize("function,written,expected", [
    ("person_name", "Madame Gaëlle CHOQUER-MARCHAND", "Gaëlle Choquer-Marchand"),
    ("person_name", "M. Yann LE GOFF", "Yann Le Goff"),
    ("person_name", "Mme Jeanne D'ARC", "Jeanne D'Arc"),
    ("city", "MELUN Cedex", "Melun Cedex"),
    ("city", "SAINT-DENIS CEDEX", "Saint-Denis Cedex"),
    ("street", "18 Avenue des Chênes –", "18 avenue des Chênes"),
    ("street", "TSA 34004", "TSA 34004"),
    ("site_name", "Maison des Droits Jeanne CHAUVIN", "Maison des Droits Jeanne Chauvin"),
    ("site_name", "CCAS de Meaux", "CCAS de Meaux"),
    ("without_article", "La Mairie de Villeparisis", "Mairie de Villeparisis"),
    ("without_article", "La Passerelle", "La Passerelle"),
    ("without_article", "L'Association des Clés", "Association des Clés"),
    ("caf_name", "La Caisse d'Allocations familiales de Seine et Marne",
     "Caisse d'allocations familiales de Seine-et-Marne"),
    ("caf_name", "Caisse d’allocations familiales du Val d'Oise",
     "Caisse d'allocations familiales du Val-d'Oise"),
    ("caf_name", "CAISSE D'ALLOCATIONS FAMILIALES DU LOIRET",
     "Caisse d'allocations familiales du Loiret"),
    ("caf_name", "LA CAISSE D’ALLOCATIONS FAMILIALES DE SEINE ET MARNE",
     "Caisse d'allocations familiales de Seine-et-Marne"),
    ("partner_name", "LA MAIRIE DE VILLEPARISIS", "Mairie de Villeparisis"),
    ("partner_name", "Association Les Clés du Numérique", "Association Les Clés du Numérique"),
    ("site_name", "MAISON FRANCE SERVICES DE VAL-D'OISE", "Maison France Services de Val-d'Oise"),
])
def test_names_as_convention_files_write_them(function: str, written: str,
                                               expected: str) -> None:
    from pncaf.importing import normalise

    assert getattr(normalise, function)(written) == expected


def word_convention(tmp_path: Path, hours: list[list[str]]) -> Path:
    """The seed as a Word file, with the hours of Art. 7 as a table."""
    document = Document()
    lines = SEED.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Il accueille le public"))
    for line in lines[:at]:
        document.add_paragraph(markdown_plain(line))
    table = document.add_table(rows=len(hours), cols=len(hours[0]))
    for r, row in enumerate(hours):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for line in lines[at + 1:]:
        document.add_paragraph(markdown_plain(line))
    source = tmp_path / "convention.docx"
    document.save(str(source))
    return source


def test_hours_in_a_word_table_one_day_a_row(tmp_path: Path) -> None:
    source = word_convention(tmp_path, [["Lundi", "8h30-12h / 14h-17h30"],
                                        ["Mardi", "14h - 17h30"],
                                        ["Mercredi", "8h30 - 12h"]])
    imported = import_file(source)
    assert imported.warnings == []
    hours = data(imported.text)["sites"][0]["hours"]
    assert {day: [str(r) for r in ranges] for day, ranges in hours.items() if ranges} == {
        "monday": ["08:30-12:00", "14:00-17:30"], "tuesday": ["14:00-17:30"],
        "wednesday": ["08:30-12:00"]}


def test_hours_that_cannot_be_read_are_a_warning_naming_the_line(tmp_path: Path) -> None:
    source = word_convention(tmp_path, [["Lundi", "8h30-12h"], ["Samedi", "le matin"]])
    imported = import_file(source)
    assert len(imported.warnings) == 1
    assert imported.warnings[0].endswith(
        "warning[import-missing] sites[0].hours: part of the hours could not be read (no hours "
        "given for saturday) and is not imported: add it to the file")
    assert "monday: [\"08:30-12:00\"]" in imported.text


def test_a_pdf_with_a_password_says_to_save_it_without(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner")
    source = tmp_path / "convention.pdf"
    with source.open("wb") as handle:
        writer.write(handle)
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 1
    assert f"pncaf: {source}: ce PDF est protégé par un mot de passe" in result.stderr
    assert "Traceback" not in result.output
