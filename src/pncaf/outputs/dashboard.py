"""`pncaf report`: the whole network at a glance, as a static site (no server, no CDN).

This module computes what the pages show (pure data: numbers, dates, coordinates); the
templates `report-*.html.j2` lay it out as HTML and inline SVG. Nothing here writes files
except `build_site`, which writes everything atomically into the output folder (through
`pncaf.outputs.site`, one file at a time).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pncaf.checks.diagnostics import Diagnostic
from pncaf.checks.rules import RULES
from pncaf.dates.agenda import AgendaItem, agenda
from pncaf.dates.duties import reports
from pncaf.dates.term import Term
from pncaf.format.hours import DAY_NAMES_FR, NOON_SPLIT, WEEKDAYS, TimeRange, weekly_opening
from pncaf.format.loader import Loaded
from pncaf.format.models import Convention, Site
from pncaf.french import EVENT_FR, STATUS_FR, short_date
from pncaf.settings import DEFAULT_INDICATORS

STATUS_ORDER = ("active", "terminating", "upcoming", "draft", "ended")
#: Each rule's French name with its article, from the rules themselves.
RULE_FR = {r.id: r.label_fr for r in RULES}


@dataclass
class Entry:
    """One file of the network, valid or not."""

    id: str
    file: str
    convention: Convention | None
    diagnostics: list[Diagnostic]
    status: str | None = None
    label: str = "—"
    next_item: AgendaItem | None = None
    items: list[AgendaItem] = field(default_factory=list)

    @property
    def slug(self) -> str:
        """The id made safe as a file name (an invalid file's id is not validated)."""
        from pncaf.outputs.documents import safe_name

        return safe_name(self.id)

    @property
    def page(self) -> str:
        return f"conventions/{self.slug}.html"

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_warning)

    @property
    def partner(self) -> str:
        return self.convention.partner.name if self.convention else "(fichier invalide)"


Checked = Sequence[tuple[Loaded, Sequence[Diagnostic]]]


def entries(checked: Checked, day: date, horizon_days: int = 90) -> list[Entry]:
    """One entry per file, from the file and what `check` found in it (the caller runs the
    checks: the dashboard shows them, it does not decide them)."""
    out = []
    for item, diagnostics in checked:
        entry = Entry(item.id, item.file, item.convention, list(diagnostics))
        if item.convention is not None:
            term = Term.at(item.convention, day)
            entry.status = term.status(day).value
            entry.label = ("retiré" if term.withdrawals
                           else "labellisé" if term.label_in_force(day) else "—")
            entry.items = agenda(item.convention, item.id, item.file, day, horizon_days)
            upcoming = [i for i in entry.items if not i.overdue]
            entry.next_item = upcoming[0] if upcoming else None
        out.append(entry)
    return out


def urgency(entry: Entry) -> tuple[int, date, str]:
    """The dashboard's order of attention: a file with errors first, then something
    overdue, then warnings, then the rest; within each, the nearest date first."""
    overdue = [i.date for i in entry.items if i.overdue]
    rank = 0 if entry.errors else 1 if overdue else 2 if entry.warnings else 3
    nearest = min(overdue) if overdue else (entry.next_item.date if entry.next_item
                                            else date.max)
    return rank, nearest, entry.file


# --- opening-hours chart -------------------------------------------------------------------

@dataclass(frozen=True)
class WeekChart:
    """Days × hours: each bar is (row, x, width) in chart units; 13:00 split and minimum."""

    first_hour: int
    last_hour: int
    rows: list[tuple[str, list[tuple[float, float, str]]]]   # (day label, [(x, w, text)])
    noon_x: float
    half_days: int
    hours: float


def week_chart(schedules: Iterable[Mapping[str, Sequence[TimeRange]]], width: float = 560,
               ) -> WeekChart:
    """The chart of one site's week, or of the union of several sites' weeks."""
    opening = weekly_opening(schedules)
    all_ranges = [r for day in WEEKDAYS for r in opening.by_day[day]]
    first = min([8, *(r.start // 60 for r in all_ranges)])
    last = max([19, *(-(-r.end // 60) for r in all_ranges)])
    scale = width / ((last - first) * 60)
    rows = []
    for day in WEEKDAYS:
        bars = [((r.start - first * 60) * scale, r.minutes * scale, str(r))
                for r in opening.by_day[day]]
        rows.append((DAY_NAMES_FR[day], bars))
    return WeekChart(first, last, rows, (NOON_SPLIT - first * 60) * scale,
                     len(opening.half_days), opening.hours)


# --- term timeline -------------------------------------------------------------------------

@dataclass(frozen=True)
class Timeline:
    width: float
    periods: list[tuple[float, float, str]]        # x, width, label
    deadlines: list[tuple[float, str]]             # x, label
    events: list[tuple[float, str, str]]           # x, kind, label
    today: float
    years: list[tuple[float, str]]                 # x, label
    end: tuple[float, str] | None


def timeline(convention: Convention, day: date, width: float = 900) -> Timeline | None:
    view = convention.as_of(day)
    term = Term.of(view)     # the view's history is also drawn below
    if term.effective is None:
        return None
    start = term.effective
    stop = max(day, term.ends_on or day) + timedelta(days=120)
    span = (stop - start).days or 1

    def x(d: date) -> float:
        return round((d - start).days / span * width, 1)

    periods, deadlines = [], []
    for p in term.periods(stop):
        periods.append((x(p.start), x(min(p.end, stop)) - x(p.start),
                        f"Période {p.number} : du {short_date(p.start)} au "
                        f"{short_date(p.end)}"))
        if term.ends_on is None or p.notice_deadline <= term.ends_on:
            deadlines.append((x(p.notice_deadline),
                              f"Préavis à recevoir au plus tard le "
                              f"{short_date(p.notice_deadline)}"))
    events: list[tuple[float, str, str]] = [
        (x(e.date), e.event, f"{EVENT_FR[e.event]} — {short_date(e.date)}"
         + _note(e))
        for e in view.history if start <= e.date <= stop]
    years = [(x(date(y, 1, 1)), str(y)) for y in range(start.year + 1, stop.year + 1)]
    end = None
    if term.ends_on is not None:
        end = (x(term.ends_on), f"Fin : {short_date(term.ends_on)}")
    return Timeline(width, periods, deadlines, events, x(day), years, end)


def _note(event: object) -> str:
    """« : affichage à revoir » for an event that carries a note (visit, committee)."""
    note = getattr(event, "note", None)
    return f" : {note}" if note else ""


# --- network figures -----------------------------------------------------------------------

@dataclass
class SemesterReports:
    label: str
    name: str = ""            # « 2d semestre 2026 »
    on_time: int = 0
    late: int = 0
    missing: int = 0
    pending: int = 0          # owed, not received, not due yet


def reports_by_semester(conventions: Sequence[tuple[str, Convention]], day: date,
                        ) -> list[SemesterReports]:
    table: dict[str, SemesterReports] = {}
    for _, convention in conventions:
        view = convention.as_of(day)
        term = Term.of(view)
        if term.effective is None:
            continue
        for status in reports(view, term, day):
            row = table.setdefault(status.semester.label, SemesterReports(
                status.semester.label, status.semester.name_fr))
            if status.received is None:
                if status.semester.due < day:
                    row.missing += 1
                else:
                    row.pending += 1
            elif status.late:
                row.late += 1
            else:
                row.on_time += 1
    return [table[k] for k in sorted(table)]


def status_counts(items: Sequence[Entry]) -> list[tuple[str, int]]:
    counts = {s: 0 for s in STATUS_ORDER}
    for entry in items:
        if entry.status:
            counts[entry.status] += 1
    return [(STATUS_FR[s], counts[s]) for s in STATUS_ORDER]


def bar_scale(values: Sequence[int], width: float = 360) -> float:
    top = max([1, *values])
    return width / top


# --- the site ------------------------------------------------------------------------------

def build_site(files: Sequence[Path], day: date, out: Path,
               templates: Path | None = None,
               labels: Mapping[str, str] | None = None,
               indicators: Mapping[str, str] | None = None) -> list[Path]:
    """Write index.html (and the other pages of its table), one page per file, the
    certificates and the CSV of the annex 2 figures; return the paths. `labels`: the
    team's list of indicators (key → label), `indicators` the list `check` holds reports
    to (None: pncaf's own). Files are read, checked and written one at a time
    (`pncaf.outputs.site`). The site is written in a folder beside `out`, which then
    replaces `out` as a whole: a failure (full disk…) leaves the previous site, never an
    index linking to missing pages. Two files that would share a page are refused, and
    then nothing is written."""
    from pncaf.files.atomic import folder_aside
    from pncaf.outputs.site import write_index, write_pages
    from pncaf.outputs.site_folder import SiteFolder, refuse_sources_inside

    labels = DEFAULT_INDICATORS if labels is None else labels
    refuse_sources_inside(files, out)
    with folder_aside(out, SiteFolder(out)) as aside:
        listing, table, pages = write_pages(files, day, aside, templates, labels, indicators)
        written = write_index(listing, table, day, aside, templates) + pages
    return [out / path for path in written]


def follow_ups(convention: Convention, day: date) -> dict[str, list[dict[str, Any]]]:
    """What the officer follows up, in French: exceptional closures (which site, from when
    to when, why, whether it is going on) and visits that ended with an action plan."""
    from pncaf.dates.closures import closures
    from pncaf.format.models import VisitEvent

    view = convention.as_of(day)
    visits = [e for e in view.history if isinstance(e, VisitEvent)]
    return {
        "closures": [{"site": c.site or "tous les lieux", "start": c.date, "until": c.until,
                      "reason": c.reason, "current": c.date <= day <= c.until}
                     for c in closures(view) if c.until >= day - timedelta(days=365)],
        "action_plans": [{"date": v.date, "note": v.note or "",
                          "followed": any(w.date > v.date for w in visits)}
                         for v in visits if v.outcome == "action_plan"],
    }


def certificate_refusal_fr(convention: Convention, day: date) -> str:
    """Why the dashboard shows no certificate, in French."""
    from pncaf.french import long_date

    term = Term.at(convention, day)
    if term.effective is None:
        return "la convention n'est pas encore signée"
    if term.withdrawals:
        return f"le label a été retiré le {long_date(term.withdrawals[0][1].date)}"
    if term.ends_on is not None and day > term.ends_on:
        return f"la convention a pris fin le {long_date(term.ends_on)}"
    if day < term.effective:
        return f"la convention prend effet le {long_date(term.effective)}"
    return "le certificat ne peut pas être établi à cette date"


def site_view(site: Site, context: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A site as the dashboard's page shows it: its `site_context` (given when the caller
    has it already, for the certificate), its week's chart and its equipment in words."""
    from pncaf.outputs.convention import equipment_text
    from pncaf.outputs.documents import site_context

    return {**(site_context(site) if context is None else context),
            "chart": week_chart([site.hours.as_dict()]), "equipment_text": equipment_text(site)}
