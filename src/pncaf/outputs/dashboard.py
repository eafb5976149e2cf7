"""`pncaf report`: the whole network at a glance, as a static site (no server, no CDN).

This module computes what the pages show (pure data: numbers, dates, coordinates); the
templates `report-*.html.j2` lay it out as HTML and inline SVG. Nothing here writes files
except `build_site`, which writes everything atomically into the output folder.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pncaf.checks.diagnostics import Diagnostic
from pncaf.checks.rules import RULES
from pncaf.checks.runner import check_loaded
from pncaf.dates.agenda import AgendaItem, agenda
from pncaf.dates.duties import reports
from pncaf.dates.term import Term
from pncaf.files.loader import Loaded
from pncaf.format.hours import DAY_NAMES_FR, NOON_SPLIT, WEEKDAYS, TimeRange, weekly_opening
from pncaf.format.models import Convention, Site
from pncaf.french import KIND_FR, STATUS_FR, semester_name
from pncaf.outputs.figures import CSV_NAME, Figures, figures_csv, network_figures
from pncaf.settings import DEFAULT_INDICATORS

STATUS_ORDER = ("active", "terminating", "upcoming", "draft", "ended")
#: Each rule's French name with its article, from the rules themselves.
RULE_FR = {r.id: r.label_fr for r in RULES}
EVENT_FR = {"report": "Rapport semestriel", "committee": "Comité de pilotage",
            "visit": "Visite de la Caf", "training": "Formation", "notice": "Préavis",
            "label_withdrawn": "Retrait du label", "closure": "Fermeture exceptionnelle"}


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
        return sum(1 for d in self.diagnostics if not d.is_error)

    @property
    def partner(self) -> str:
        return self.convention.partner.name if self.convention else "(fichier invalide)"


def entries(loaded: Sequence[Loaded], day: date, horizon_days: int = 90,
            indicators: Mapping[str, str] | None = None) -> list[Entry]:
    out = []
    for item in loaded:
        result = check_loaded(item, day, indicators)
        entry = Entry(item.id, item.file, item.convention, result.diagnostics)
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
                        f"Période {p.number} : du {p.start.strftime('%d/%m/%Y')} au "
                        f"{p.end.strftime('%d/%m/%Y')}"))
        if term.ends_on is None or p.notice_deadline <= term.ends_on:
            deadlines.append((x(p.notice_deadline),
                              f"Préavis à recevoir au plus tard le "
                              f"{p.notice_deadline.strftime('%d/%m/%Y')}"))
    events: list[tuple[float, str, str]] = [
        (x(e.date), e.event, f"{EVENT_FR[e.event]} — {e.date.strftime('%d/%m/%Y')}")
        for e in view.history if start <= e.date <= stop]
    years = [(x(date(y, 1, 1)), str(y)) for y in range(start.year + 1, stop.year + 1)]
    end = None
    if term.ends_on is not None:
        end = (x(term.ends_on), f"Fin : {term.ends_on.strftime('%d/%m/%Y')}")
    return Timeline(width, periods, deadlines, events, x(day), years, end)


# --- network figures -----------------------------------------------------------------------

@dataclass
class SemesterReports:
    label: str
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
            row = table.setdefault(status.semester.label, SemesterReports(status.semester.label))
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

def build_site(loaded: Sequence[Loaded], day: date, out: Path,
               templates: Path | None = None,
               indicators: Mapping[str, str] | None = None) -> list[Path]:
    """Write index.html, one page per convention, the certificates and the CSV of the
    annex 2 figures; return the paths. `indicators`: the team's list (key → label)."""
    from pncaf.files.atomic import write_text_atomic
    from pncaf.outputs.documents import Refused, certificate
    from pncaf.outputs.templating import render

    labels = DEFAULT_INDICATORS if indicators is None else indicators
    items = entries(loaded, day, indicators=labels)
    valid = [(e.id, e.convention) for e in items if e.convention is not None]
    figures = network_figures(valid, day, labels)
    out.mkdir(parents=True, exist_ok=True)
    write_text_atomic(out / CSV_NAME, figures_csv(figures))
    common = {"today": day, "generated": day, "status_fr": STATUS_FR, "kind_fr": KIND_FR,
              "rule_fr": RULE_FR}
    written = [out / CSV_NAME]
    counts = status_counts(items)
    index = render("report-index.html.j2", {
        **common, "entries": items, "status_counts": counts,
        "status_scale": bar_scale([c for _, c in counts]),
        "reports": reports_by_semester(valid, day),
        "indicators": figures.indicators, "semesters": figures.semesters,
        "semester_fr": {s: semester_name(s) for s in figures.semesters},
        "totals": figures.totals, "per_partner": figures.per_partner,
        "corrected": figures.corrected, "figures_csv": CSV_NAME,
        "indicator_max": {k: max([1, *figures.totals[k].values()])
                          for k, _ in figures.indicators},
        "partners": {e.id: e.partner for e in items},
        "attention": [e for e in items if e.errors or any(i.overdue for i in e.items)],
    }, templates)
    write_text_atomic(out / "index.html", index)
    written.append(out / "index.html")
    for entry in items:
        cert_link = None
        cert_refusal = None
        if entry.convention is not None:
            try:
                data = certificate(entry.convention, entry.id, "html", None, day, templates)
            except Refused as refused:
                cert_refusal = refused.reason
            else:
                path = out / "certificats" / f"{entry.slug}.html"
                path.parent.mkdir(parents=True, exist_ok=True)
                write_text_atomic(path, data.decode("utf-8"))
                written.append(path)
                cert_link = f"../certificats/{entry.slug}.html"
        page = render("report-convention.html.j2", {
            **common, "entry": entry,
            "sites": [_site_view(site) for site in entry.convention.sites]
            if entry.convention else [],
            "union": week_chart(site.hours.as_dict() for site in entry.convention.sites)
            if entry.convention else None,
            "timeline": timeline(entry.convention, day) if entry.convention else None,
            "cert_link": cert_link, "cert_refusal": cert_refusal,
            **_annex2_view(figures, entry.id),
        }, templates)
        path = out / entry.page
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, page)
        written.append(path)
    return written


def _annex2_view(figures: Figures, convention_id: str) -> dict[str, Any]:
    """One convention's counted reports, with the indicators it reported, list order."""
    rows = [c for c in figures.counted if c.convention_id == convention_id]
    keys = {key for c in rows for key in c.report.indicators}
    return {"annex2_rows": rows,
            "annex2_indicators": [(k, label) for k, label in figures.indicators if k in keys],
            "semester_fr": {c.report.period: semester_name(c.report.period) for c in rows}}


def _site_view(site: Site) -> dict[str, Any]:
    from pncaf.outputs.documents import site_context

    return {**site_context(site), "chart": week_chart([site.hours.as_dict()])}
