"""The annex 2 form cannot lie: what the partner sees must be what pncaf records.

`editing.annex2` reads the form by its hidden names. Someone who edits the workbook
(unprotecting the sheet is one click in LibreOffice) could make the visible sheet say one
thing and the hidden one another; so before anything is recorded the form is refused when:
- the semester the sheet shows (its « Semestre » row, and its title) is not the hidden one;
- an indicator key in the sheet is not the one the form was made with (a count typed
  beside « accueils » would be recorded under another indicator);
- the hidden semester has no day on which the convention is in force (a form made for
  another period, or a semester edited in the hidden sheet);
- a count stands outside the indicator rows (a row the partner inserted in an unprotected
  sheet, « Ateliers collectifs = 3 »): it would be dropped without a word.
Each problem names its cell as a spreadsheet does: `form.xlsx: 'Annexe 2'!B7: …`.
"""

from __future__ import annotations

import re
from typing import Any

from pncaf.dates.duties import days_in_force
from pncaf.dates.term import Term
from pncaf.editing.annex2 import FilledForm, _named_range, _named_value, _open
from pncaf.format.models import Convention
from pncaf.outputs.annex2 import LABEL_SEMESTER, NAME_KEYS, NAME_ROWS, SHEET, parse_period

_LABEL = re.compile(r"\((\d{4}-S[12])\)")


def _cell(sheet: Any, coordinate: str) -> str:
    return f"'{sheet.title}'!{coordinate}" if " " in sheet.title else f"{sheet.title}!{coordinate}"


def form_problems(data: bytes, name: str, form: FilledForm,
                  convention: Convention | None) -> list[str]:
    """What makes the form say something other than what would be recorded."""
    book = _open(data, name)
    problems = _semester_shown(book, name, form.semester)
    problems += _keys(book, name)
    problems += _outside_rows(book, name)
    if convention is not None:
        problems += _in_force(name, form.semester, convention)
    return problems


def _semester_shown(book: Any, name: str, hidden: str) -> list[str]:
    if SHEET not in book.sheetnames:
        return [f"{name}: the sheet « {SHEET} » is missing: make a new form with `pncaf form`"]
    sheet = book[SHEET]
    problems = []
    row = next((r for r in range(1, 40) if sheet.cell(r, 1).value == LABEL_SEMESTER), None)
    shown = _LABEL.search(str(sheet.cell(row, 2).value or "")) if row else None
    if row is None or shown is None:
        problems.append(f"{name}: {_cell(sheet, f'B{row}' if row else 'A4:A12')}: the sheet "
                        f"does not show its semester any more (the form was made for {hidden}):"
                        " make a new form with `pncaf form`")
    elif shown.group(1) != hidden:
        problems.append(f"{name}: {_cell(sheet, f'B{row}')}: the sheet shows {shown.group(1)} "
                        f"but the form was made for {hidden}: the counts would be recorded "
                        f"for {hidden}; make a new form for the semester the partner meant")
    title = str(sheet["A2"].value or "")
    expected = parse_period(hidden).name_fr
    if title and not title.startswith(expected):
        said = title.split(":")[0].strip()
        problems.append(f"{name}: {_cell(sheet, 'A2')}: the title says « {said} » but the "
                        f"form was made for {expected} ({hidden}): make a new form for the "
                        "semester the partner meant")
    return problems


def _keys(book: Any, name: str) -> list[str]:
    made_with = _named_value(book, NAME_KEYS)
    rows = _named_range(book, NAME_ROWS)
    if made_with is None or rows is None:
        return []           # a form made before the keys were kept: nothing to compare
    sheet, cells = rows
    keys = str(made_with).split()
    problems = []
    for index, (key_cell, _) in enumerate(cells):
        key = sheet[key_cell].value
        key = key.strip() if isinstance(key, str) else key
        expected = keys[index] if index < len(keys) else None
        if key != expected:
            problems.append(f"{name}: {_cell(sheet, key_cell)}: the indicator key is "
                            f"{'`' + str(key) + '`' if key else 'empty'}, the form was made "
                            f"with {'`' + expected + '`' if expected else 'no key here'}: keys "
                            "must not be changed (the count beside it would be recorded under "
                            "another indicator); make a new form with `pncaf form`")
    return problems


def _in_force(name: str, hidden: str, convention: Convention) -> list[str]:
    try:
        semester = parse_period(hidden)
    except ValueError:
        return [f"{name}: pncaf!B2: the form's semester `{hidden}` is not a semester (YYYY-S1 "
                "or YYYY-S2): make a new form with `pncaf form`"]
    term = Term.of(convention)
    if days_in_force(semester, term) is not None:
        return []
    if term.effective is None:
        why = "the convention is not signed yet (no effective date)"
    else:
        end = f" to {term.ends_on.isoformat()}" if term.ends_on else ""
        why = f"the convention is in force from {term.effective.isoformat()}{end}"
    return [f"{name}: pncaf!B2: the form is for {hidden}, and {why}: not one day of that "
            "semester is in force, so no report is owed for it; check the form's semester"]


def _outside_rows(book: Any, name: str) -> list[str]:
    """A number anywhere on the sheet but in the indicator rows: the form as pncaf makes
    it holds none (the SIREN and the dates are text), so it was typed or inserted there,
    and would not be recorded."""
    rows = _named_range(book, NAME_ROWS)
    if rows is None:
        return []
    sheet, cells = rows
    inside = {sheet[key_cell].row for key_cell, _ in cells}
    span = f"{cells[0][0]}:{cells[-1][1]}" if cells else "?"
    problems = []
    for row in sheet.iter_rows():
        for cell in row:
            if cell.row in inside or not _a_count(cell.value):
                continue
            label = sheet.cell(cell.row, 1).value
            beside = (f" (row « {str(label).strip()} »)" if isinstance(label, str)
                      and label.strip() and cell.column != 1 else "")
            problems.append(f"{name}: {_cell(sheet, cell.coordinate)}: {cell.value} stands "
                            f"outside the form's indicator rows ({span}){beside}: it would not "
                            "be recorded; a form records only the indicators it was made "
                            "with: ask the partner to type the counts in the yellow cells of "
                            "a new form (`pncaf form`) and to say the rest in their e-mail")
    return problems


def _a_count(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 9
