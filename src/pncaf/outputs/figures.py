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
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from pncaf.dates.duties import Semester
from pncaf.format.models import Convention, ReportEvent
from pncaf.french import short_date

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
    figures = Figures(indicators_of(keys, labels), sorted({c.report.period for c in counted}),
                      counted)
    for c in counted:
        for key, count in c.report.indicators.items():
            by_semester = figures.totals.setdefault(key, {})
            by_semester[c.report.period] = by_semester.get(c.report.period, 0) + count
            figures.per_partner.setdefault((c.convention_id, key), {})[c.report.period] = count
    return figures


def figures_csv(figures: Figures) -> str:
    """One row per convention and semester, one column per indicator (its label): `;`
    separated with a byte-order mark, as Excel in French opens it directly."""
    table = FigureTable({})
    table.indicators = figures.indicators
    rows = sorted(figures.counted, key=lambda c: (c.report.period, c.partner, c.convention_id))
    table.rows = [_packed(c) for c in rows]
    return table.csv()


def indicators_of(keys: Iterable[str], labels: Mapping[str, str]) -> list[tuple[str, str]]:
    """(key, label) of `keys`: the list's order first, then the keys off the list."""
    present = set(keys)
    return ([(key, label) for key, label in labels.items() if key in present]
            + [(key, f"{key} (hors liste)") for key in sorted(present - set(labels))])


class FigureTable:
    """The network's figures built one convention at a time (`pncaf report` at any size):
    each convention adds its counted reports, kept as one short text per row for the CSV,
    to the totals; the per-partner table is kept only when asked (a small network's index).
    The CSV is the same bytes as `figures_csv` of the same reports."""

    def __init__(self, labels: Mapping[str, str], per_partner: bool = True) -> None:
        self.labels = labels
        self.keep_partners = per_partner
        self.keys: set[str] = set()
        self.semesters: set[str] = set()
        self.totals: dict[str, dict[str, int]] = {}
        self.per_partner: dict[tuple[str, str], dict[str, int]] = {}
        self.corrected: set[tuple[str, str]] = set()
        self.rows: list[str] = []
        self.indicators: list[tuple[str, str]] | None = None

    def add(self, counted: Iterable[Counted]) -> None:
        self.add_tallies(tallies(counted))

    def add_tallies(self, tallied: Iterable[Tally]) -> None:
        """Counted reports as `tallies` made them (in `pncaf report`'s workers, so that
        the parent, which collects every file, only adds up)."""
        for period, convention_id, corrected, indicators, packed in tallied:
            self.semesters.add(period)
            if corrected:
                self.corrected.add((convention_id, period))
            for key, count in indicators.items():
                self.keys.add(key)
                by_semester = self.totals.setdefault(key, {})
                by_semester[period] = by_semester.get(period, 0) + count
                if self.keep_partners:
                    self.per_partner.setdefault((convention_id, key), {})[period] = count
            self.rows.append(packed)

    def figures(self) -> Figures:
        """What the index charts (`counted` left empty: the rows are in `csv`)."""
        indicators = indicators_of(self.keys, self.labels)
        return Figures(indicators, sorted(self.semesters), [], self.totals, self.per_partner)

    def csv(self) -> str:
        indicators = self.indicators or indicators_of(self.keys, self.labels)
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Semestre", "Période", "Convention", "Partenaire", "Reçu le",
                         "Rectificatif", *(_cell(label) for _, label in indicators)])
        for packed in sorted(self.rows):
            cells, values = json.loads(packed.split("\0", 3)[3])
            writer.writerow([*cells, *(values.get(key, "") for key, _ in indicators)])
        return "\ufeff" + out.getvalue()


#: What `FigureTable` keeps of a counted report: (semester, convention id, whether it is a
#: correction, its figures, its CSV row packed by `_packed`); plain values, cheap to send
#: from a worker to the parent.
Tally = tuple[str, str, bool, Mapping[str, int], str]


def tallies(counted: Iterable[Counted]) -> list[Tally]:
    return [(c.report.period, c.convention_id, bool(c.replaced), c.report.indicators,
             _packed(c)) for c in counted]


def _packed(c: Counted) -> str:
    """One CSV row as one short text: its sort key (semester, partner, id, NUL apart: a
    convention's text holds no control character), then its cells and counts in JSON."""
    period = c.report.period
    cells = [Semester.parse(period).name_fr, period, _cell(c.convention_id), _cell(c.partner),
             short_date(c.report.date), "oui" if c.replaced else "non"]
    return "\0".join([period, c.partner, c.convention_id,
                       json.dumps([cells, c.report.indicators], ensure_ascii=False)])


def _cell(text: str) -> str:
    """A text a spreadsheet would run as a formula is quoted (`'=…`), as in the export."""
    from pncaf.outputs.opendata import spreadsheet_safe

    return str(spreadsheet_safe(text))
