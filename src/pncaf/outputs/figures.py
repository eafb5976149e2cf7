"""The annex 2 figures of the network: what the dashboard charts and the CSV for the
departmental committee.

A semester may be reported more than once: a partner sends corrected figures, recorded with
`correction: true`. The latest report of a convention's semester is the one that counts;
figures are never summed across reports of one semester (a semester recorded three times
once showed 12 + 12 + 12). Indicators are named by the team's list (`[indicators]` of
pncaf.toml, else the default list), in its order; a key off the list is still shown, under
its key, so that no figure is hidden (`check` warns about it: `indicator-unknown`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from pncaf.dates.duties import Semester
from pncaf.format.models import Convention, ReportEvent

CSV_NAME = "indicateurs-annexe2.csv"


@dataclass(frozen=True)
class Counted:
    """The report that counts for one convention and semester."""

    convention_id: str
    partner: str
    report: ReportEvent
    replaced: int            # how many earlier reports of the semester it replaces


@dataclass
class Figures:
    indicators: list[tuple[str, str]]                  # (key, label), the list's order first
    semesters: list[str]                                # `2026-S2`, oldest first
    counted: list[Counted] = field(default_factory=list)
    totals: dict[str, dict[str, int]] = field(default_factory=dict)   # key → semester → n
    per_partner: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)

    @property
    def corrected(self) -> set[tuple[str, str]]:
        """(convention id, semester) whose figures come from a correction."""
        return {(c.convention_id, c.report.period) for c in self.counted if c.replaced}


def latest_reports(conventions: Iterable[tuple[str, Convention]], day: date) -> list[Counted]:
    """For each convention and semester, its latest report known on `day` (history order:
    the later of two reports of one date is the later in the file)."""
    out: list[Counted] = []
    for cid, convention in conventions:
        latest: dict[str, ReportEvent] = {}
        seen: dict[str, int] = {}
        for event in convention.as_of(day).history:
            if isinstance(event, ReportEvent):
                latest[event.period] = event
                seen[event.period] = seen.get(event.period, 0) + 1
        out.extend(Counted(cid, convention.partner.name, latest[p], seen[p] - 1)
                   for p in sorted(latest))
    return out


def network_figures(conventions: Iterable[tuple[str, Convention]], day: date,
                    labels: Mapping[str, str]) -> Figures:
    counted = latest_reports(conventions, day)
    keys = {key for c in counted for key in c.report.indicators}
    listed = [(key, label) for key, label in labels.items() if key in keys]
    off_list = [(key, f"{key} (hors liste)") for key in sorted(keys - set(labels))]
    figures = Figures(listed + off_list, sorted({c.report.period for c in counted}), counted)
    for c in counted:
        for key, count in c.report.indicators.items():
            by_semester = figures.totals.setdefault(key, {})
            by_semester[c.report.period] = by_semester.get(c.report.period, 0) + count
            figures.per_partner.setdefault((c.convention_id, key), {})[c.report.period] = count
    return figures


def figures_csv(figures: Figures) -> str:
    """One row per convention and semester, one column per indicator (its label): `;`
    separated with a byte-order mark, as Excel in French opens it directly."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Semestre", "Période", "Convention", "Partenaire", "Reçu le",
                     "Rectificatif", *(_cell(label) for _, label in figures.indicators)])
    rows = sorted(figures.counted, key=lambda c: (c.report.period, c.partner, c.convention_id))
    for c in rows:
        writer.writerow([
            Semester.parse(c.report.period).name_fr, c.report.period, _cell(c.convention_id),
            _cell(c.partner), c.report.date.strftime("%d/%m/%Y"), "oui" if c.replaced else "non",
            *(c.report.indicators.get(key, "") for key, _ in figures.indicators)])
    return "\ufeff" + out.getvalue()


def _cell(text: str) -> str:
    """A text a spreadsheet would run as a formula is quoted (`'=…`), as in the export."""
    from pncaf.outputs.opendata import spreadsheet_safe

    return str(spreadsheet_safe(text))
