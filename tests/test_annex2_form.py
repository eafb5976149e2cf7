"""Annex 2 from end to end: `pncaf form` writes the .xlsx, a partner fills it in (only the
cells they can type in), `pncaf record … --from` records it or refuses it naming the cell."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from helpers import CONVENTIONS, VALID, replace
from pncaf.cli.app import app
from pncaf.format.loader import load_file
from pncaf.format.models import ReportEvent
from pncaf.settings import DEFAULT_INDICATORS

runner = CliRunner()
VALBRUNE = CONVENTIONS / "77-valbrune.yaml"


def pncaf(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def make_form(tmp_path: Path, period: str = "2026-S2", source: Path = VALBRUNE,
              name: str = "annexe2.xlsx", *extra: str) -> Path:
    out = tmp_path / name
    code, output = pncaf("form", source, "--period", period, "-o", out, *extra)
    assert code == 0, output
    return out


def editable(sheet: Worksheet) -> list[str]:
    """The cells a partner can type in once the sheet is protected."""
    return [c.coordinate for row in sheet.iter_rows() for c in row
            if c.protection.locked is False]


def fill(form: Path, counts: list[object], name: str = "filled.xlsx") -> Path:
    """What a partner does: type in the unlocked cells, in order, and save."""
    book = load_workbook(form)
    sheet = book["Annexe 2"]
    assert sheet.protection.sheet
    for cell, value in zip(editable(sheet), counts, strict=False):
        sheet[cell] = value
    out = form.with_name(name)
    book.save(out)
    return out


def sheet_text(form: Path) -> str:
    sheet = load_workbook(form)["Annexe 2"]
    return "\n".join(str(c.value) for row in sheet.iter_rows() for c in row
                     if c.value is not None)


@pytest.fixture
def convention(tmp_path: Path) -> Path:
    path = tmp_path / "77-valbrune.yaml"
    shutil.copy(VALBRUNE, path)
    return path


def reports_of(path: Path, period: str) -> list[ReportEvent]:
    loaded = load_file(path)
    assert loaded.convention is not None, loaded.errors
    return [e for e in loaded.convention.history
            if isinstance(e, ReportEvent) and e.period == period]


def test_the_form_is_prefilled_and_only_the_counts_can_be_typed(tmp_path: Path) -> None:
    form = make_form(tmp_path)
    book = load_workbook(form)
    sheet = book["Annexe 2"]
    text = sheet_text(form)
    for expected in ("Caisse d'allocations familiales de Seine-et-Marne",
                     "Mairie de Valbrune-sur-Loing", "Espace France services de Valbrune",
                     "Médiathèque des Quatre Vents", "2d semestre 2026",
                     "du 1er août 2026 au 31 décembre 2026", "10 janvier 2027", "77-valbrune"):
        assert expected in text
    cells = editable(sheet)
    assert len(cells) == len(DEFAULT_INDICATORS)
    for cell, (key, label) in zip(cells, DEFAULT_INDICATORS.items(), strict=True):
        row = sheet[cell].row
        assert sheet[cell].column_letter == "C"
        assert (sheet.cell(row, 1).value, sheet.cell(row, 2).value) == (label, key)
    [rule] = sheet.data_validations.dataValidation
    assert (rule.type, rule.operator, rule.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert rule.showErrorMessage and rule.errorStyle == "stop"
    assert str(rule.sqref) == f"{cells[0]}:{cells[-1]}"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert int(sheet.page_setup.fitToWidth) == 1
    assert sheet.print_area
    assert book["pncaf"].sheet_state == "veryHidden"


def test_the_form_follows_the_teams_list(tmp_path: Path) -> None:
    config = tmp_path / "pncaf.toml"
    config.write_text('[indicators]\nateliers = "Ateliers collectifs"\n'
                      'accueils = "Personnes reçues"\n')
    form = make_form(tmp_path, "2026-S2", VALBRUNE, "annexe2.xlsx", "--config", str(config))
    sheet = load_workbook(form)["Annexe 2"]
    rows = [(sheet.cell(sheet[c].row, 1).value, sheet.cell(sheet[c].row, 2).value)
            for c in editable(sheet)]
    assert rows == [("Ateliers collectifs", "ateliers"), ("Personnes reçues", "accueils")]


def test_a_semester_partly_in_force_shows_its_days(tmp_path: Path) -> None:
    source = tmp_path / "late.yaml"
    source.write_text(replace(VALID, "signed: {caf: 2024-01-10, partner: 2024-01-15}",
                              "signed: {caf: 2026-12-10, partner: 2026-12-15}"))
    text = sheet_text(make_form(tmp_path, "2026-S2", source))
    assert "du 15 décembre 2026 au 31 décembre 2026" in text
    assert "jours du semestre où la convention est en vigueur" in text


@pytest.mark.parametrize(("source", "period", "code", "message"), [
    (VALBRUNE, "2022-S2", 1, "owes no report for 2022-S2: it is in force from 2023-03-14 on"),
    (CONVENTIONS / "77-villeparisis.yaml", "2026-S2", 1, "is not signed yet"),
    (VALBRUNE, "2026-S3", 2, "write the semester as YYYY-S1"),
    (VALBRUNE, "2026S2", 2, "write the semester as YYYY-S1"),
])
def test_a_semester_not_owed_gets_no_form(tmp_path: Path, source: Path, period: str,
                                          code: int, message: str) -> None:
    out = tmp_path / "annexe2.xlsx"
    result, output = pncaf("form", source, "--period", period, "-o", out)
    assert result == code
    assert message in " ".join(output.split())
    assert not out.exists()


def test_an_existing_form_is_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "annexe2.xlsx"
    out.write_bytes(b"filled by the partner")
    code, output = pncaf("form", VALBRUNE, "--period", "2026-S2", "-o", out)
    assert code == 1 and "already exists" in output
    assert out.read_bytes() == b"filled by the partner"


def test_a_filled_form_is_recorded_without_retyping(tmp_path: Path, convention: Path) -> None:
    filled = fill(make_form(tmp_path), [270, 130, 55, 0, None, 3])
    code, output = pncaf("record", convention, "report", "--from", filled, "--date",
                         "2027-01-08")
    assert code == 0, output
    assert ("formulaire incomplet — 1 indicateur sur 6 laissé vide, donc non enregistré : "
            "« Situations transmises au contact partenaire de la Caf (niveau 2) » (niveau2)"
            in output)
    [report] = reports_of(convention, "2026-S2")
    assert report.indicators == {"accueils": 270, "demarches": 130, "caf_fr": 55,
                                 "rendez_vous": 0, "autres_partenaires": 3}
    assert not report.correction
    code, output = pncaf("check", convention, "--as-of", "2027-01-15")
    assert code == 0 and "no problem found" in output, output


@pytest.mark.parametrize(("counts", "problems"), [
    ([270, -2], ["C15: -2 is negative"]),
    ([270, 2.5], ["C15: 2,5 is not a whole number"]),
    ([270, "douze", None, "12"], ["C15: « douze » is text", "C17: « 12 » is text"]),
    ([True], ["C14: VRAI is not a number"]),
    ([None, None], ["has no count filled in"]),
])
def test_a_wrong_count_is_refused_naming_its_cell(tmp_path: Path, convention: Path,
                                                  counts: list[object],
                                                  problems: list[str]) -> None:
    before = convention.read_bytes()
    filled = fill(make_form(tmp_path), counts)
    code, output = pncaf("record", convention, "report", "--from", filled, "--date",
                         "2027-01-08")
    assert code == 1
    flat = " ".join(output.split())
    assert flat.startswith("pncaf: nothing recorded:")
    for problem in problems:
        assert problem in flat
    assert convention.read_bytes() == before


def test_the_form_of_another_convention_or_semester_is_refused(tmp_path: Path,
                                                               convention: Path) -> None:
    before = convention.read_bytes()
    other = fill(make_form(tmp_path, "2026-S2", CONVENTIONS / "93-cles-du-numerique.yaml",
                           "autre.xlsx"), [10])
    code, output = pncaf("record", convention, "report", "--from", other, "--date",
                         "2027-01-08")
    assert code == 1
    assert "form of convention `93-cles-du-numerique`, not of `77-valbrune`" in output
    mine = fill(make_form(tmp_path), [10])
    code, output = pncaf("record", convention, "report", "--from", mine, "--period",
                         "2026-S1", "--date", "2027-01-08")
    assert code == 1 and "is the form of 2026-S2, not of 2026-S1" in " ".join(output.split())
    not_a_form = tmp_path / "notes.xlsx"
    not_a_form.write_text("accueils;12\n")
    code, output = pncaf("record", convention, "report", "--from", not_a_form)
    assert code == 1 and "is not an .xlsx workbook" in output
    assert convention.read_bytes() == before


def test_a_second_report_is_a_correction(tmp_path: Path, convention: Path) -> None:
    first = fill(make_form(tmp_path), [12], "first.xlsx")
    second = fill(make_form(tmp_path, name="again.xlsx"), [14], "second.xlsx")
    assert pncaf("record", convention, "report", "--from", first, "--date", "2027-01-08")[0] == 0
    before = convention.read_bytes()
    code, output = pncaf("record", convention, "report", "--from", second, "--date",
                         "2027-01-20")
    assert code == 1 and "already recorded" in output and "--correction" in output
    assert convention.read_bytes() == before
    code, output = pncaf("record", convention, "report", "--from", second, "--date",
                         "2027-01-20", "--correction")
    assert code == 0, output
    assert [(r.indicators, r.correction) for r in reports_of(convention, "2026-S2")] == [
        ({"accueils": 12}, False), ({"accueils": 14}, True)]
    assert "correction: true" in convention.read_text()
    code, output = pncaf("check", convention, "--as-of", "2027-02-01")
    assert "report-duplicate" not in output


def test_correction_needs_a_report_to_correct(convention: Path) -> None:
    before = convention.read_bytes()
    code, output = pncaf("record", convention, "report", "--date", "2027-01-08", "--period",
                         "2026-S2", "--indicator", "accueils=3", "--correction")
    assert code == 1 and "nothing to correct" in output
    code, output = pncaf("record", convention, "report", "--date", "2027-01-08", "--period",
                         "2026-S1", "--indicator", "accueils=3")
    assert code == 1 and "already recorded" in output
    assert convention.read_bytes() == before


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail("LibreOffice Calc is needed: run `make calc` (as root: apt-get "
                    "install -y libreoffice-calc-nogui)")
    return found


def libreoffice(source: Path, to: str, out: Path) -> Path:
    out.mkdir(exist_ok=True)
    done = subprocess.run([soffice(), f"-env:UserInstallation=file://{out / 'profile'}",
                           "--headless", "--convert-to", to, "--outdir", str(out), str(source)],
                          capture_output=True, text=True, timeout=180)
    result = out / f"{source.stem}.{to.split(':')[0]}"
    assert result.is_file(), done.stdout + done.stderr
    return result


def test_libreoffice_prints_the_form_on_one_a4_page(tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = PdfReader(libreoffice(make_form(tmp_path), "pdf", tmp_path / "pdf"))
    assert len(pdf.pages) == 1
    width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)            # A4, portrait
    text = " ".join(pdf.pages[0].extract_text().split())
    for expected in ["Annexe 2", "2d semestre 2026", "Mairie de Valbrune-sur-Loing",
                     *DEFAULT_INDICATORS.values(), "Nombre"]:
        assert expected in text


def test_a_form_saved_again_by_libreoffice_is_still_recorded(tmp_path: Path,
                                                             convention: Path) -> None:
    filled = fill(make_form(tmp_path), [40, 21])
    saved = libreoffice(filled, "xlsx:Calc MS Excel 2007 XML", tmp_path / "saved")
    sheet = load_workbook(saved)["Annexe 2"]
    assert sheet.protection.sheet and len(editable(sheet)) == len(DEFAULT_INDICATORS)
    assert sheet.data_validations.dataValidation[0].type == "whole"
    code, output = pncaf("record", convention, "report", "--from", saved, "--date",
                         "2027-01-08")
    assert code == 0, output
    assert reports_of(convention, "2026-S2")[0].indicators == {"accueils": 40, "demarches": 21}


def test_from_and_correction_are_for_reports_and_date_defaults_to_today(
        tmp_path: Path, convention: Path) -> None:
    from datetime import date

    filled = fill(make_form(tmp_path, "2026-S1"), [5])     # a semester over by today
    before = convention.read_bytes()
    code, output = pncaf("record", convention, "visit", "--from", filled, "--outcome",
                         "compliant", "--date", "2027-01-08")
    assert code == 2 and "--from is for a report event" in output
    code, output = pncaf("record", convention, "visit", "--outcome", "compliant")
    assert code == 2 and "--date is required" in output
    code, output = pncaf("record", convention, "report", "--from", filled, "--indicator",
                         "accueils=3")
    assert code == 2 and "leave out --indicator" in output
    assert convention.read_bytes() == before
    code, output = pncaf("record", convention, "report", "--from", filled, "--correction")
    assert code == 0, output
    assert reports_of(convention, "2026-S1")[-1].date == date.today()


def test_the_library_function_reminders_call(tmp_path: Path) -> None:
    from pncaf.outputs.annex2 import NotOwed, annex2_workbook

    loaded = load_file(VALBRUNE)
    assert loaded.convention is not None
    data = annex2_workbook(loaded.convention, loaded.id, "2026-S2", DEFAULT_INDICATORS,
                           return_to="partenariats@caf77.example")
    form = tmp_path / "attached.xlsx"
    form.write_bytes(data)
    assert "Renvoyez ce fichier tel quel (format .xlsx) à la Caf : " \
           "partenariats@caf77.example." in sheet_text(form)
    with pytest.raises(NotOwed, match="owes no report for 2020-S1"):
        annex2_workbook(loaded.convention, loaded.id, "2020-S1", DEFAULT_INDICATORS)


def test_a_formula_counts_by_its_saved_result(tmp_path: Path, convention: Path) -> None:
    """A partner who adds up in a cell (=120+150): Excel and LibreOffice save the result
    with the formula, which is what is recorded; without a saved result, the cell is
    refused rather than taken as blank."""
    unsaved = fill(make_form(tmp_path), ["=120+150"], "unsaved.xlsx")
    code, output = pncaf("record", convention, "report", "--from", unsaved, "--date",
                         "2027-01-08")
    assert code == 1 and "C14: a formula (=120+150) whose result was not saved" in " ".join(
        output.split())
    saved = libreoffice(unsaved, "xlsx:Calc MS Excel 2007 XML", tmp_path / "saved")
    code, output = pncaf("record", convention, "report", "--from", saved, "--date",
                         "2027-01-08")
    assert code == 0, output
    assert reports_of(convention, "2026-S2")[0].indicators == {"accueils": 270}


def test_the_last_semester_counts_up_to_the_end(tmp_path: Path) -> None:
    ended = CONVENTIONS / "45-la-passerelle.yaml"           # ends on 14 January 2026
    text = sheet_text(make_form(tmp_path, "2026-S1", ended))
    assert "activité du 1er janvier 2026 au 14 janvier 2026" in text
    code, output = pncaf("form", ended, "--period", "2026-S2", "-o", tmp_path / "x.xlsx")
    assert code == 1 and "in force from 2024-01-15 to 2026-01-14" in " ".join(output.split())


def test_the_period_line_reads_as_french(tmp_path: Path) -> None:
    sheet = load_workbook(make_form(tmp_path))["Annexe 2"]
    labels = {sheet.cell(row, 1).value: sheet.cell(row, 2).value
              for row in range(1, sheet.max_row + 1)}
    # « à compter du 1er août au 31 décembre » mixes « from » and « from … to »
    assert labels["Activité à déclarer"] == "du 1er août 2026 au 31 décembre 2026"
    assert not any("à compter" in str(label) for label in labels)


def test_digits_saved_as_text_get_a_fix_the_officer_can_apply(tmp_path: Path,
                                                              convention: Path) -> None:
    # a count pasted into a cell formatted as text: digits, but not a number
    filled = fill(make_form(tmp_path), [270, "1 200", "douze"])
    code, output = pncaf("record", convention, "report", "--from", filled, "--date",
                         "2027-01-08")
    flat = " ".join(output.split())
    assert code == 1
    assert ("C15: « 1 200 » is text, not a number (a cell formatted as text, or a count typed "
            "after an apostrophe): type 1200 again in that cell of the form, save it, and "
            "record it again") in flat
    # words are not digits: the partner has to be asked
    assert "C16: « douze » is text, not a number: type the count in digits, e.g. 12" in flat


def test_the_form_of_another_cafs_convention_is_refused(tmp_path: Path) -> None:
    """A Seine-et-Marne pncaf.toml never asks a Loiret partner to send its figures to the
    Seine-et-Marne officer: the same Caf check as reminders, naming both Cafs."""
    config = tmp_path / "pncaf.toml"
    config.write_text('[officer]\nname = "Nadia Roussel"\nemail = "nadia.roussel@caf77.example"'
                      '\n\n[mail]\nfrom = "Caf de Seine-et-Marne — Partenariats '
                      '<partenariats@caf77.example>"\n')
    out = tmp_path / "annexe2.xlsx"
    code, output = pncaf("form", CONVENTIONS / "45-la-passerelle.yaml", "--period", "2025-S1",
                         "-o", out, "--config", config)
    said = " ".join(output.split())
    assert code == 1 and not out.exists(), output
    assert "Caf de Seine-et-Marne" in said and "Caisse d'allocations familiales du Loiret" in said
    assert "nadia.roussel@caf77.example" in said
    form = make_form(tmp_path, "2026-S2", VALBRUNE, "own.xlsx", "--config", str(config))
    assert "à la Caf : nadia.roussel@caf77.example" in sheet_text(form)   # its own Caf's
