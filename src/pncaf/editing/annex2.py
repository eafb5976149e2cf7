"""Reading a filled annex 2 form back: `pncaf record FILE report --from annexe2.xlsx`.

The form (`pncaf.outputs.annex2`) names its convention and semester in defined names and
its indicator rows in `pncaf_indicateurs` (key and count columns). What the partner typed is
read as the spreadsheet stored it; anything that is not a whole number ≥ 0 is refused with
the cell that holds it (`C14: …`), so the officer can call the partner about that very cell.
A form for another convention or semester is refused too: nothing is recorded unless the
whole form is right.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from pncaf.outputs.annex2 import (
    FORM_VERSION,
    NAME_CONVENTION,
    NAME_ROWS,
    NAME_SEMESTER,
    NAME_VERSION,
)

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook


class FormRefused(Exception):
    """The form cannot be recorded; `problems` say which cell and why."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class FilledForm:
    """What a returned form says: for whom, for when, and the counts typed in."""

    convention_id: str
    semester: str
    counts: dict[str, int] = field(default_factory=dict)
    empty: list[str] = field(default_factory=list)       # keys left blank
    labels: dict[str, str] = field(default_factory=dict)  # key → the label the sheet shows
    problems: list[str] = field(default_factory=list)    # `C14: …`, one per wrong cell


def read_form(data: bytes, name: str) -> FilledForm:
    """The form's identity and counts, with a problem for each cell that is not a whole
    number ≥ 0. Raises `FormRefused` when the file is not a pncaf annex 2 form at all."""
    _check(data, name)
    book = _open(data, name)
    formulas = _open(data, name, values_only=False)
    values = {key: _named_value(book, key) for key in (NAME_CONVENTION, NAME_SEMESTER,
                                                       NAME_VERSION)}
    rows = _named_range(book, NAME_ROWS)
    if values[NAME_CONVENTION] is None or values[NAME_SEMESTER] is None or rows is None:
        raise FormRefused([f"{name} is not an annex 2 form made by pncaf (it does not say "
                           "which convention and semester it is for): send the partner the "
                           "form of `pncaf form FILE --period YYYY-SN -o annexe2.xlsx`"])
    if values[NAME_VERSION] != FORM_VERSION:
        raise FormRefused([f"{name} is a form of another version ({values[NAME_VERSION]!r}, "
                           f"expected {FORM_VERSION!r}): make a new one with `pncaf form`"])
    form = FilledForm(str(values[NAME_CONVENTION]), str(values[NAME_SEMESTER]))
    sheet, cells = rows
    seen: dict[str, str] = {}
    for key_cell, count_cell in cells:
        key = sheet[key_cell].value
        if not isinstance(key, str) or not key.strip():
            continue
        key = key.strip()
        if key in seen:
            form.problems.append(f"{key_cell}: indicator `{key}` is listed twice (first in "
                                 f"{seen[key]}): make a new form with `pncaf form`")
            continue
        seen[key] = key_cell
        label = sheet.cell(sheet[key_cell].row, 1).value
        form.labels[key] = str(label).strip() if label else key
        count, problem = whole_count(sheet[count_cell].value)
        typed = formulas[sheet.title][count_cell].value
        if count is None and problem is None and isinstance(typed, str) and \
                typed.startswith("="):
            problem = (f"a formula ({typed}) whose result was not saved: open the form in "
                       "Excel or LibreOffice, save it, and record it again")
        if problem:
            form.problems.append(f"{count_cell}: {problem}")
        elif count is None:
            form.empty.append(key)
        else:
            form.counts[key] = count
    return form


def whole_count(value: Any) -> tuple[int | None, str | None]:
    """A cell's value as a count: (count, None), (None, None) when blank, or a problem."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool):
        return None, f"{'VRAI' if value else 'FAUX'} is not a number: type the count, e.g. 12"
    if isinstance(value, (datetime, date, time)):
        return None, (f"the cell holds a date or a time ({value}), not a count: type the "
                      "number as a whole number, e.g. 12")
    if isinstance(value, int):
        if value < 0:
            return None, f"{value} is negative: a count is 0 or more"
        return value, None
    if isinstance(value, float):
        shown = f"{value:g}".replace(".", ",")
        if not value.is_integer():
            return None, f"{shown} is not a whole number: a count has no decimals"
        if value < 0:
            return None, f"{shown} is negative: a count is 0 or more"
        return int(value), None
    text = str(value).strip()
    digits = "".join(text.split())          # « 1 200 »: spaces (no-break too) between groups
    if digits.isascii() and digits.isdigit():
        return None, (f"« {text} » is text, not a number (a cell formatted as text, or a "
                      f"count typed after an apostrophe): type {int(digits)} again in that "
                      "cell of the form, save it, and record it again")
    return None, f"« {text} » is text, not a number: type the count in digits, e.g. 12"


def report_event(form: FilledForm, convention_id: str, period: str | None,
                 name: str) -> dict[str, Any]:
    """The `period` and `indicators` of the report the form gives, for `convention_id`;
    `FormRefused` with every problem when it is not the right form or a cell is wrong.
    `period`, when given on the command line, must be the form's semester."""
    problems: list[str] = []
    if form.convention_id != convention_id:
        problems.append(f"{name} is the form of convention `{form.convention_id}`, not of "
                        f"`{convention_id}`: record it in that convention's file")
    if period is not None and period != form.semester:
        problems.append(f"{name} is the form of {form.semester}, not of {period}: leave out "
                        "--period (the form says its semester) or check the file")
    problems.extend(form.problems)
    if not problems and not form.counts:
        problems.append(f"{name} has no count filled in: the partner has not filled in the "
                        "form (yellow cells)")
    if problems:
        raise FormRefused(problems)
    return {"period": form.semester, "indicators": dict(form.counts)}


def _open(data: bytes, name: str, values_only: bool = True) -> Workbook:
    """The workbook with the values last computed (`values_only`) or the formulas typed."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(io.BytesIO(data), data_only=values_only)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FormRefused([f"{name} cannot be read as an .xlsx workbook ({exc}): save it "
                           "again as « Classeur Excel (.xlsx) »"]) from None


def _check(data: bytes, name: str) -> None:
    """An .xlsx within `files.office`'s limits (size, parts, rows, XML without entities,
    nothing cut), before openpyxl reads any of it."""
    from pncaf.files.office import OfficeFileRefused, checked

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise FormRefused([f"{name} is not an .xlsx workbook: open it in Excel or "
                           "LibreOffice and save it as « Classeur Excel (.xlsx) »"])
    try:
        checked(data, name, "xlsx")
    except OfficeFileRefused as refused:
        raise FormRefused([str(refused)]) from None


def _destinations(book: Workbook, name: str) -> list[tuple[str, str]]:
    defined = book.defined_names.get(name)
    if defined is None:
        return []
    try:
        return [(sheet, ref) for sheet, ref in defined.destinations]
    except (ValueError, TypeError):
        return []


def _named_value(book: Workbook, name: str) -> Any:
    found = _destinations(book, name)
    if len(found) != 1 or found[0][0] not in book.sheetnames:
        return None
    sheet, ref = found[0]
    return book[sheet][ref.replace("$", "")].value


def _named_range(book: Workbook, name: str) -> tuple[Any, list[tuple[str, str]]] | None:
    """The sheet and the (key cell, count cell) of each row of the named range."""
    from openpyxl.utils.cell import get_column_letter, range_boundaries

    found = _destinations(book, name)
    if len(found) != 1 or found[0][0] not in book.sheetnames:
        return None
    sheet, ref = found[0]
    try:
        first_col, first_row, last_col, last_row = range_boundaries(ref.replace("$", ""))
    except (ValueError, TypeError):
        return None
    if None in (first_col, first_row, last_col, last_row):
        return None
    assert first_col and first_row and last_col and last_row
    key, count = get_column_letter(first_col), get_column_letter(last_col)
    return book[sheet], [(f"{key}{row}", f"{count}{row}")
                         for row in range(first_row, last_row + 1)]
