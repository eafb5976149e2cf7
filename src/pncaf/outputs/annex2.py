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

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from pncaf.dates.duties import Semester, days_in_force
from pncaf.dates.term import Term
from pncaf.format.models import Convention
from pncaf.french import day_span, long_date
from pncaf.outputs.xlsx_fill import plain_texts

if TYPE_CHECKING:
    from pncaf.outputs.xlsx_fill import XlsxTemplate

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


def form_facts(convention: Convention, convention_id: str, semester: Semester,
               term: Term | None = None) -> FormFacts:
    """The days of `semester` in force, or `NotOwed` when the convention owes none.
    `term`: `Term.of(convention)` when the caller has it (a convention's several forms)."""
    term = Term.of(convention) if term is None else term
    if term.effective is None:
        raise NotOwed(f"{convention_id} is not signed yet (no effective date): it owes no "
                      "report; record the signature dates first")
    days = days_in_force(semester, term)
    if days is None:
        end = f" to {term.ends_on.isoformat()}" if term.ends_on else " on"
        raise NotOwed(f"{convention_id} owes no report for {semester.label}: it is in force "
                      f"from {term.effective.isoformat()}{end}")
    return FormFacts(convention_id, semester, *days)



@dataclass(frozen=True)
class Layout:
    """What shapes the form and is the same for many conventions: one workbook is built
    with openpyxl per layout (and day), its texts then filled in for each convention."""

    labels: tuple[str, ...]                   # the label of each line of facts
    heights: tuple[int, ...]                  # how many printed lines its value takes
    indicators: tuple[tuple[str, str], ...]   # the team's list: (key, label)
    return_to: str | None                     # where to send the filled form


@dataclass(frozen=True)
class Texts:
    """What the form prints about one convention and its semester."""

    heading: str                              # the semester and its days, under the title
    values: tuple[str, ...]                   # the value of each line of facts
    convention_id: str
    semester: str                             # its label, `2026-S2`
    title: str                                # the file's properties
    creator: str

    def flat(self) -> tuple[str, ...]:
        return (self.heading, self.convention_id, self.semester, self.title, self.creator,
                *self.values)

    @classmethod
    def of(cls, flat: tuple[str, ...]) -> Texts:
        heading, convention_id, semester, title, creator, *values = flat
        return cls(heading, tuple(values), convention_id, semester, title, creator)


def describe(convention: Convention, facts: FormFacts, indicators: Mapping[str, str],
             return_to: str | None) -> tuple[Layout, Texts]:
    """The form of `facts`, split into its layout and its texts."""
    semester = facts.semester
    partner = convention.partner
    days = day_span(facts.first_day, facts.last_day)
    period = days if facts.whole_semester else (
        days + " (jours du semestre où la convention est en vigueur)")
    lines = [
        ("Caf", convention.caf.name),
        ("Partenaire", f"{partner.name} (SIREN {partner.siren})"),
        ("Convention", facts.convention_id),
        (LABEL_SEMESTER, f"{semester.name_fr} ({semester.label})"),
        ("Activité à déclarer", period),
        ("À renvoyer à la Caf au plus tard le", long_date(semester.due)),
    ]
    for number, site in enumerate(convention.sites, start=1):
        address = site.address
        lines.append(("Lieu d'accueil" if len(convention.sites) == 1 else
                      f"Lieu d'accueil {number}",
                      f"{site.name} — {address.street}, {address.postcode} {address.city}"))
    layout = Layout(tuple(label for label, _ in lines),
                    tuple(max(1, -(-len(value) // 50)) for _, value in lines),
                    tuple(indicators.items()), return_to)
    texts = Texts(f"{semester.name_fr} : activité {days}",
                  tuple(value for _, value in lines), facts.convention_id, semester.label,
                  f"Annexe 2 — {partner.name} — {semester.name_fr}", convention.caf.name)
    return layout, texts


def annex2_workbook(convention: Convention, convention_id: str, semester: Semester | str,
                    indicators: Mapping[str, str], return_to: str | None = None,
                    made_on: date | None = None, term: Term | None = None) -> bytes:
    """The prefilled form as .xlsx bytes (for `pncaf form` and the report reminders).
    `semester`: a `Semester` or its label (`2026-S2`); `indicators`: the team's list
    (key → label); `return_to`: an address printed as where to send the filled form;
    `made_on`: stamp the file with this day instead of the moment it is saved, so that the
    same form made on the same day is the same bytes (a reminder's draft written twice).
    Raises `NotOwed` for a semester the convention does not owe. `term`: see `form_facts`.

    With `made_on`, the workbook openpyxl builds for the layout is kept (`_template`) and
    only the convention's texts are written into it: the same parts (those with the texts
    stored, see `xlsx_fill`), about a hundred times sooner (a network's reminders carry
    thousands of forms). Texts openpyxl would store otherwise than as they are (`=…`,
    spaces around, control characters) are built by openpyxl itself."""
    if isinstance(semester, str):
        semester = parse_period(semester)
    facts = form_facts(convention, convention_id, semester, term)
    layout, texts = describe(convention, facts, indicators, return_to)
    flat = texts.flat()
    if made_on is not None and plain_texts(flat):
        template = _template(layout, len(flat), made_on)
        if template is not None:
            return template.fill(flat)
    from pncaf.outputs.annex2_sheet import workbook_bytes

    return workbook_bytes(layout, texts, made_on)


@lru_cache(maxsize=256)
def _template(layout: Layout, count: int, made_on: date) -> XlsxTemplate | None:
    """The workbook of `layout` built by openpyxl with a placeholder for each of the
    `count` texts; None when it cannot serve (a placeholder lost, or met in the layout)."""
    from pncaf.outputs.annex2_sheet import workbook_bytes
    from pncaf.outputs.xlsx_fill import XlsxTemplate, placeholder

    holders = tuple(placeholder(index) for index in range(count))
    return XlsxTemplate.parse(workbook_bytes(layout, Texts.of(holders), made_on), count)
