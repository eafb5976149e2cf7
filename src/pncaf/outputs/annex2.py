"""Annex 2: the semester form a partner fills in (.xlsx), prefilled from the convention.

Art. 9 asks each partner for the indicators of annex 2 twice a year. The form is one
protected sheet: the Caf, the partner, its sites and the days of the semester in force are
printed (locked); one row per indicator of the team's list (label, key, count), where only
the count cells can be typed in, and the sheet itself refuses anything but a whole number
≥ 0 (data validation, in Excel and LibreOffice alike). The sheet prints on one A4 page wide.

So that `pncaf record FILE report --from` can tell which convention and semester a returned
form is for, the workbook carries them in a very hidden sheet `pncaf`, reached through
defined names (`pncaf_convention`, `pncaf_semestre`, `pncaf_indicateurs`, and `pncaf_cles`:
the indicator keys in their order, so that a key changed in the sheet is seen); Excel and
LibreOffice keep both when the partner saves. `pncaf.editing.annex2` reads them back and
`pncaf.editing.annex2_checks` checks the visible sheet against them.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pncaf.dates.duties import Semester, days_in_force
from pncaf.dates.term import Term
from pncaf.format.models import Convention
from pncaf.french import day_span, long_date

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

#: What the hidden sheet says the workbook is; a later layout gets a new version.
FORM_VERSION = "pncaf-annexe2/1"
SHEET = "Annexe 2"
HIDDEN_SHEET = "pncaf"
NAME_CONVENTION = "pncaf_convention"
NAME_SEMESTER = "pncaf_semestre"
NAME_VERSION = "pncaf_version"
NAME_ROWS = "pncaf_indicateurs"       # the key and count columns of the indicator rows
NAME_KEYS = "pncaf_cles"              # the keys the form was made with, in order (hidden)
LABEL_SEMESTER = "Semestre"           # the visible row that names the semester
KEY_COLUMN, COUNT_COLUMN = "B", "C"

_BLUE = "0B3B74"
_INPUT_FILL = "FFF4C2"                # the cells to fill: pale yellow, as forms usually are
_GREY = "5F6B7A"
_FONT = "Calibri"                     # the workbook's own default: a bold cell keeps it


class NotOwed(ValueError):
    """The convention owes no report for that semester: the message says why."""


@dataclass(frozen=True)
class FormFacts:
    """What the form prints about the convention and the semester."""

    convention_id: str
    semester: Semester
    first_day: date
    last_day: date

    @property
    def whole_semester(self) -> bool:
        return (self.first_day, self.last_day) == (self.semester.start, self.semester.end)


def parse_period(label: str) -> Semester:
    """`2027-S1` → the semester; ValueError with the expected form otherwise."""
    year, sep, half = label.partition("-S")
    if not (sep and len(year) == 4 and year.isdigit() and half in ("1", "2")):
        raise ValueError(f"--period {label!r}: write the semester as YYYY-S1 (January–July) "
                         "or YYYY-S2 (August–December), e.g. 2027-S1")
    return Semester(int(year), int(half))


def form_facts(convention: Convention, convention_id: str, semester: Semester) -> FormFacts:
    """The days of `semester` in force, or `NotOwed` when the convention owes none."""
    term = Term.of(convention)
    if term.effective is None:
        raise NotOwed(f"{convention_id} is not signed yet (no effective date): it owes no "
                      "report; record the signature dates first")
    days = days_in_force(semester, term)
    if days is None:
        end = f" to {term.ends_on.isoformat()}" if term.ends_on else " on"
        raise NotOwed(f"{convention_id} owes no report for {semester.label}: it is in force "
                      f"from {term.effective.isoformat()}{end}")
    return FormFacts(convention_id, semester, *days)


def annex2_workbook(convention: Convention, convention_id: str, semester: Semester | str,
                    indicators: Mapping[str, str], return_to: str | None = None,
                    made_on: date | None = None) -> bytes:
    """The prefilled form as .xlsx bytes (for `pncaf form` and the report reminders).
    `semester`: a `Semester` or its label (`2026-S2`); `indicators`: the team's list
    (key → label); `return_to`: an address printed as where to send the filled form;
    `made_on`: stamp the file with this day instead of the moment it is saved, so that the
    same form made on the same day is the same bytes (a reminder's draft written twice).
    Raises `NotOwed` for a semester the convention does not owe."""
    from openpyxl import Workbook
    from openpyxl.workbook.defined_name import DefinedName

    if isinstance(semester, str):
        semester = parse_period(semester)

    facts = form_facts(convention, convention_id, semester)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    first, last = _write_visible(sheet, convention, facts, indicators, return_to)
    hidden = book.create_sheet(HIDDEN_SHEET)
    hidden.sheet_state = "veryHidden"
    for row, (what, value) in enumerate((("convention", convention_id),
                                         ("semestre", semester.label),
                                         ("version", FORM_VERSION),
                                         ("cles", " ".join(indicators))), start=1):
        hidden.cell(row, 1, what)
        hidden.cell(row, 2, value)
    hidden.protection.sheet = True
    refs = {NAME_CONVENTION: f"{HIDDEN_SHEET}!$B$1", NAME_SEMESTER: f"{HIDDEN_SHEET}!$B$2",
            NAME_VERSION: f"{HIDDEN_SHEET}!$B$3", NAME_KEYS: f"{HIDDEN_SHEET}!$B$4",
            NAME_ROWS: f"'{SHEET}'!${KEY_COLUMN}${first}:${COUNT_COLUMN}${last}"}
    for name, ref in refs.items():
        book.defined_names[name] = DefinedName(name, attr_text=ref)
    props = book.properties
    props.title = f"Annexe 2 — {convention.partner.name} — {semester.name_fr}"
    props.subject = f"{convention_id} {semester.label}"
    props.creator = convention.caf.name
    props.keywords = f"pncaf annexe 2 {convention_id} {semester.label}"
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


def _write_visible(sheet: Worksheet, convention: Convention, facts: FormFacts,
                   indicators: Mapping[str, str], return_to: str | None) -> tuple[int, int]:
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

    def line(row: int, label: str, value: str) -> None:
        sheet.cell(row, 1, label).font = font(bold=True)
        sheet.cell(row, 1).alignment = wrap
        sheet.cell(row, 2, value).alignment = wrap
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        lines = max(1, -(-len(value) // 50))
        if lines > 1:
            sheet.row_dimensions[row].height = 15 * lines

    semester = facts.semester
    sheet["A1"] = "Annexe 2 — Indicateurs d'activité du Point numérique Caf"
    sheet["A1"].font = font(bold=True, size=14, color=_BLUE)
    sheet.merge_cells("A1:C1")
    sheet["A2"] = f"{semester.name_fr} : activité {day_span(facts.first_day, facts.last_day)}"
    sheet["A2"].font = font(bold=True, size=12)
    sheet.merge_cells("A2:C2")
    row = 4
    partner = convention.partner
    period = day_span(facts.first_day, facts.last_day)
    if not facts.whole_semester:
        period += " (jours du semestre où la convention est en vigueur)"
    for label, value in (
            ("Caf", convention.caf.name),
            ("Partenaire", f"{partner.name} (SIREN {partner.siren})"),
            ("Convention", facts.convention_id),
            (LABEL_SEMESTER, f"{semester.name_fr} ({semester.label})"),
            ("Activité à déclarer", period),
            ("À renvoyer à la Caf au plus tard le", long_date(semester.due)),
    ):
        line(row, label, value)
        row += 1
    for number, site in enumerate(convention.sites, start=1):
        address = site.address
        where = f"{site.name} — {address.street}, {address.postcode} {address.city}"
        line(row, "Lieu d'accueil" if len(convention.sites) == 1 else f"Lieu d'accueil {number}",
             where)
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
    for key, label in indicators.items():
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
        + (f" : {return_to}." if return_to else "."),
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
        footer.right.text = f"{facts.convention_id} — {semester.label}"
    return first, last
