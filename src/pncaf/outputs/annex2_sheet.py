"""The annex 2 form laid out by openpyxl: the reference of the .xlsx a partner receives.

`pncaf.outputs.annex2` describes the form (its `Layout` and `Texts`); this module writes
that description as a workbook. The report reminders build it once per layout, with
placeholders for the texts (`pncaf.outputs.xlsx_fill`), and `pncaf form` builds it whole.
"""

from __future__ import annotations

import io
from datetime import date
from typing import TYPE_CHECKING

from pncaf.outputs.annex2 import (
    COUNT_COLUMN,
    FORM_VERSION,
    HIDDEN_SHEET,
    KEY_COLUMN,
    NAME_CONVENTION,
    NAME_KEYS,
    NAME_ROWS,
    NAME_SEMESTER,
    NAME_VERSION,
    SHEET,
    Layout,
    Texts,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

_BLUE = "0B3B74"
_INPUT_FILL = "FFF4C2"                # the cells to fill: pale yellow, as forms usually are
_GREY = "5F6B7A"
_FONT = "Calibri"                     # the workbook's own default: a bold cell keeps it


def workbook_bytes(layout: Layout, texts: Texts, made_on: date | None) -> bytes:
    """The form as .xlsx bytes; `made_on`: stamp the file with this day (see
    `annex2_workbook`)."""
    from openpyxl import Workbook
    from openpyxl.workbook.defined_name import DefinedName

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    first, last = _write_visible(sheet, layout, texts)
    hidden = book.create_sheet(HIDDEN_SHEET)
    hidden.sheet_state = "veryHidden"
    keys = " ".join(key for key, _ in layout.indicators)
    for row, (what, value) in enumerate((("convention", texts.convention_id),
                                         ("semestre", texts.semester),
                                         ("version", FORM_VERSION),
                                         ("cles", keys)), start=1):
        hidden.cell(row, 1, what)
        hidden.cell(row, 2, value)
    hidden.protection.sheet = True
    refs = {NAME_CONVENTION: f"{HIDDEN_SHEET}!$B$1", NAME_SEMESTER: f"{HIDDEN_SHEET}!$B$2",
            NAME_VERSION: f"{HIDDEN_SHEET}!$B$3", NAME_KEYS: f"{HIDDEN_SHEET}!$B$4",
            NAME_ROWS: f"'{SHEET}'!${KEY_COLUMN}${first}:${COUNT_COLUMN}${last}"}
    for name, ref in refs.items():
        book.defined_names[name] = DefinedName(name, attr_text=ref)
    props = book.properties
    props.title = texts.title
    props.subject = f"{texts.convention_id} {texts.semester}"
    props.creator = texts.creator
    props.keywords = f"pncaf annexe 2 {texts.convention_id} {texts.semester}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue() if made_on is None else _stamped(out.getvalue(), made_on)


def _stamped(xlsx: bytes, day: date) -> bytes:
    """The workbook with `day` as its creation and modification time, in its properties and
    its zip entries (openpyxl writes the time of saving into both)."""
    import re
    import zipfile

    stamp = f"{day.isoformat()}T08:00:00Z".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                              lambda m: m.group(1) + stamp, data)
            entry = zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day,
                                                              8, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return out.getvalue()
def _write_visible(sheet: Worksheet, layout: Layout, texts: Texts) -> tuple[int, int]:
    """Lay out the printed sheet; return the first and last indicator rows."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.properties import PageSetupProperties

    def font(**style: object) -> Font:
        return Font(name=_FONT, **style)  # type: ignore[arg-type]

    wrap = Alignment(wrap_text=True, vertical="top")
    thin = Side(style="thin", color="8A96A3")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.column_dimensions["A"].width = 52
    sheet.column_dimensions[KEY_COLUMN].width = 26
    sheet.column_dimensions[COUNT_COLUMN].width = 14

    def line(row: int, label: str, value: str, lines: int) -> None:
        sheet.cell(row, 1, label).font = font(bold=True)
        sheet.cell(row, 1).alignment = wrap
        sheet.cell(row, 2, value).alignment = wrap
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        if lines > 1:
            sheet.row_dimensions[row].height = 15 * lines

    sheet["A1"] = "Annexe 2 — Indicateurs d'activité du Point numérique Caf"
    sheet["A1"].font = font(bold=True, size=14, color=_BLUE)
    sheet.merge_cells("A1:C1")
    sheet["A2"] = texts.heading
    sheet["A2"].font = font(bold=True, size=12)
    sheet.merge_cells("A2:C2")
    row = 4
    for label, value, lines in zip(layout.labels, texts.values, layout.heights, strict=True):
        line(row, label, value, lines)
        row += 1
    row += 1
    for column, title in enumerate(("Indicateur", "Clé (ne pas modifier)", "Nombre"), start=1):
        cell = sheet.cell(row, column, title)
        cell.font = font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=_BLUE)
        cell.border = box
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    sheet.print_title_rows = f"{row}:{row}"
    first = row + 1
    for key, label in layout.indicators:
        row += 1
        sheet.cell(row, 1, label).alignment = wrap
        sheet.cell(row, 2, key).font = font(color=_GREY, size=9)
        sheet.cell(row, 2).alignment = wrap
        count = sheet.cell(row, 3)
        count.fill = PatternFill("solid", fgColor=_INPUT_FILL)
        count.protection = Protection(locked=False)
        count.number_format = "0"
        count.alignment = Alignment(vertical="top")
        for column in (1, 2, 3):
            sheet.cell(row, column).border = box
        if len(label) > 64:
            sheet.row_dimensions[row].height = 30
    last = row
    rule = DataValidation(
        type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
        showErrorMessage=True, errorStyle="stop", errorTitle="Nombre entier attendu",
        error="Saisissez un nombre entier positif ou nul : 0, 1, 2… (pas de décimale, "
              "pas de texte).",
        showInputMessage=True, promptTitle="Nombre du semestre",
        prompt="Un nombre entier ; 0 s'il n'y en a pas eu.")
    rule.add(f"{COUNT_COLUMN}{first}:{COUNT_COLUMN}{last}")
    sheet.add_data_validation(rule)
    row += 2
    notes = [
        "Saisissez dans chaque case jaune le nombre du semestre : un nombre entier, 0 s'il "
        "n'y en a pas eu ; laissez vide un indicateur que vous ne suivez pas. Les autres "
        "cases sont protégées.",
        "Renvoyez ce fichier tel quel (format .xlsx) à la Caf"
        + (f" : {layout.return_to}." if layout.return_to else "."),
    ]
    for note in notes:
        sheet.cell(row, 1, note).alignment = wrap
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        sheet.row_dimensions[row].height = 30
        row += 1
    sheet.protection.sheet = True
    sheet.print_area = f"A1:{COUNT_COLUMN}{row - 1}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    footer = sheet.oddFooter
    if footer is not None:
        footer.center.text = "Page &P / &N"
        footer.right.text = f"{texts.convention_id} — {texts.semester}"
    return first, last
