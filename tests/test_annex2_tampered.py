"""The annex 2 form cannot lie: a form made by `pncaf form`, then edited with openpyxl as
someone could do in any spreadsheet (the sheet's protection has no password), is refused by
`record --from` when what it shows is not what would be recorded — naming the cell."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from test_annex2_form import VALBRUNE, fill, make_form, pncaf, reports_of

SEMESTER_ROW = "B7"            # « Semestre : 2d semestre 2026 (2026-S2) »


@pytest.fixture
def convention(tmp_path: Path) -> Path:
    path = tmp_path / "77-valbrune.yaml"
    shutil.copy(VALBRUNE, path)
    return path


def tampered(form: Path, edits: dict[tuple[str, str], str]) -> Path:
    book = load_workbook(form)
    for (sheet, cell), value in edits.items():
        book[sheet][cell] = value
    out = form.with_name("tampered.xlsx")
    book.save(out)
    return out


def refused(convention: Path, form: Path) -> str:
    before = convention.read_bytes()
    code, output = pncaf("record", convention, "report", "--from", form, "--date",
                         "2027-01-08")
    assert code == 1, output
    assert convention.read_bytes() == before
    flat = " ".join(output.split())
    assert flat.startswith("pncaf: nothing recorded:"), flat
    return flat


def test_the_sheet_shows_its_semester_in_the_row_checked(tmp_path: Path) -> None:
    sheet = load_workbook(make_form(tmp_path))["Annexe 2"]
    assert sheet["A7"].value == "Semestre"
    assert sheet[SEMESTER_ROW].value == "2d semestre 2026 (2026-S2)"


def test_a_hidden_semester_that_disagrees_with_the_sheet_is_refused(
        tmp_path: Path, convention: Path) -> None:
    form = tampered(fill(make_form(tmp_path), [12, 3]), {("pncaf", "B2"): "2026-S1"})
    flat = refused(convention, form)
    assert (f"tampered.xlsx: 'Annexe 2'!{SEMESTER_ROW}: the sheet shows 2026-S2 but the form "
            "was made for 2026-S1") in flat
    assert "'Annexe 2'!A2: the title says « 2d semestre 2026 »" in flat


def test_a_visible_semester_changed_is_refused(tmp_path: Path, convention: Path) -> None:
    form = tampered(fill(make_form(tmp_path), [12]),
                    {("Annexe 2", SEMESTER_ROW): "1er semestre 2026 (2026-S1)"})
    assert (f"'Annexe 2'!{SEMESTER_ROW}: the sheet shows 2026-S1 but the form was made for "
            "2026-S2") in refused(convention, form)


def test_indicator_keys_swapped_are_refused(tmp_path: Path, convention: Path) -> None:
    """Swapping two keys would record each count under the other indicator."""
    form = make_form(tmp_path)
    sheet = load_workbook(form)["Annexe 2"]
    first = next(c for c in sheet["B"] if c.value == "accueils").coordinate
    second = next(c for c in sheet["B"] if c.value == "demarches").coordinate
    form = tampered(fill(form, [12, 3]), {("Annexe 2", first): "demarches",
                                          ("Annexe 2", second): "accueils"})
    flat = refused(convention, form)
    assert (f"tampered.xlsx: 'Annexe 2'!{first}: the indicator key is `demarches`, the form "
            "was made with `accueils`: keys must not be changed") in flat
    assert f"'Annexe 2'!{second}: the indicator key is `accueils`" in flat


@pytest.mark.parametrize(("key", "said"), [("visiteurs", "the indicator key is `visiteurs`"),
                                           ("", "the indicator key is empty")])
def test_an_indicator_key_changed_is_refused(tmp_path: Path, convention: Path, key: str,
                                             said: str) -> None:
    form = make_form(tmp_path)
    sheet = load_workbook(form)["Annexe 2"]
    first = next(c for c in sheet["B"] if c.value == "accueils").coordinate
    form = tampered(fill(form, [12, 3]), {("Annexe 2", first): key})
    flat = refused(convention, form)
    assert (f"tampered.xlsx: 'Annexe 2'!{first}: {said}, the form was made with `accueils`"
            in flat)


def test_a_semester_wholly_outside_the_days_in_force_is_refused(
        tmp_path: Path, convention: Path) -> None:
    """Valbrune is in force from 14 March 2023: a form whose semester is 2020-S1 everywhere
    (hidden cell, row and title alike) owes nothing and is refused."""
    form = tampered(fill(make_form(tmp_path), [12]), {
        ("pncaf", "B2"): "2020-S1",
        ("Annexe 2", SEMESTER_ROW): "1er semestre 2020 (2020-S1)",
        ("Annexe 2", "A2"): "1er semestre 2020 : activité du 1er janvier au 31 juillet 2020"})
    flat = refused(convention, form)
    assert ("tampered.xlsx: pncaf!B2: the form is for 2020-S1, and the convention is in force "
            "from 2023-03-14") in flat
    assert "'Annexe 2'!" not in flat       # the sheet agrees with itself: only that is wrong


def test_an_untouched_form_is_still_recorded(tmp_path: Path, convention: Path) -> None:
    form = fill(make_form(tmp_path), [12, 3])
    code, output = pncaf("record", convention, "report", "--from", form, "--date",
                         "2027-01-08")
    assert code == 0, output
    assert reports_of(convention, "2026-S2")[0].indicators == {"accueils": 12, "demarches": 3}
