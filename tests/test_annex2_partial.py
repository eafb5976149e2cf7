"""A returned annex 2 that says less than a whole semester: counts left blank (recorded,
with a French « formulaire incomplet » the officer sees), a semester not over yet (refused),
a count typed outside the indicator rows (refused naming the cell, never dropped)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from helpers import CONVENTIONS
from pncaf.actions.record import RecordRequest, record
from test_annex2_form import fill, libreoffice, make_form, pncaf, reports_of

VALBRUNE = CONVENTIONS / "77-valbrune.yaml"


@pytest.fixture
def convention(tmp_path: Path) -> Path:
    path = tmp_path / "77-valbrune.yaml"
    shutil.copy(VALBRUNE, path)
    return path


def test_a_partly_filled_form_is_recorded_and_said_incomplete(tmp_path: Path,
                                                              convention: Path) -> None:
    filled = fill(make_form(tmp_path), [40])             # only the first count (C14)
    done = record(RecordRequest(convention, "report", date="2027-01-08",
                                form=filled.read_bytes(), form_name="annexe2-passerelle.xlsx"))
    assert done.written, done.refused
    [note] = [n for n in done.notes if "formulaire incomplet" in n]
    assert note.startswith("annexe2-passerelle.xlsx : formulaire incomplet — 5 indicateurs "
                           "sur 6 laissés vides, donc non enregistrés : « Démarches")
    assert "(demarches)" in note and "comme correction" in note
    assert reports_of(convention, "2026-S2")[0].indicators == {"accueils": 40}
    code, output = pncaf("record", convention, "report", "--from", filled, "--date",
                         "2027-01-09", "--correction")
    assert code == 0 and "formulaire incomplet" in output, output


def test_a_report_for_a_semester_not_over_is_refused(tmp_path: Path, convention: Path) -> None:
    filled = fill(make_form(tmp_path), [40, 21, 5, 0, 1, 2])
    before = convention.read_bytes()
    done = record(RecordRequest(convention, "report", date="2026-12-05", form=filled,
                                today=date(2026, 12, 5)))
    assert not done.written and done.refused is not None
    assert ("2026-S2 is not over: its last day in force is 2026-12-31, after 2026-12-05"
            in str(done.refused))
    assert "Record the report from 2027-01-01" in str(done.refused)
    code, output = pncaf("record", convention, "report", "--period", "2026-S2", "--indicator",
                         "accueils=3", "--date", "2026-12-30")
    assert code == 1 and "2026-S2 is not over" in output
    assert convention.read_bytes() == before
    code, output = pncaf("record", convention, "report", "--from", filled, "--date",
                         "2026-12-31")       # the last day: the semester is over that evening
    assert code == 0, output


def test_a_row_added_outside_the_indicators_is_refused_naming_its_cell(
        tmp_path: Path, convention: Path) -> None:
    filled = fill(make_form(tmp_path), [40, 21, 5, 0, 1, 2])
    book = load_workbook(filled)
    sheet = book["Annexe 2"]
    sheet.protection.sheet = False                        # one click in LibreOffice
    last = max(c.row for row in sheet.iter_rows() for c in row
               if c.protection.locked is False)
    sheet.cell(last + 1, 1, "Ateliers collectifs")
    sheet.cell(last + 1, 3, 3)
    book.save(filled)
    saved = libreoffice(filled, "xlsx:Calc MS Excel 2007 XML", tmp_path / "saved")
    before = convention.read_bytes()
    code, output = pncaf("record", convention, "report", "--from", saved, "--date",
                         "2027-01-08")
    assert code == 1, output
    assert f"'Annexe 2'!C{last + 1}: 3 stands outside the form's indicator rows " \
           f"(B14:C{last}) (row « Ateliers collectifs »): it would not be recorded" in \
           " ".join(output.split()), output
    assert convention.read_bytes() == before
