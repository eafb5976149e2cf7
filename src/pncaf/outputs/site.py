"""Writing the dashboard (`pncaf report`) of a network of any size, one file at a time.

A national network holds ten thousand conventions. Each file's page (and certificate) is
rendered and written as soon as the file is read and checked — by a pool of forked
processes from `PARALLEL_FROM` files on — and only a small `Row` of it is kept for the
index, with its counted reports added to the network's figures (`FigureTable`). So memory
stays flat, and every page has a size bounded by what it shows, not by the network: the
conventions table is cut into pages of `PAGE_SIZE` rows (`index.html`, `liste-2.html`, …),
the index lists the `ATTENTION_SHOWN` most urgent files, and the per-partner figures are
on the index only for a network of at most `PAGE_SIZE` partners (each partner's page and
the CSV have them at every size). Thus pncaf's output limit on a template
(`templating.MAX_OUTPUT`) is about what a template does, never about the network's size.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import Markup

from pncaf.checks.rules import RuleContext
from pncaf.files.new_file import write_new_file
from pncaf.format.loader import Loaded
from pncaf.outputs.figures import (
    CSV_NAME,
    Counted,
    FigureTable,
    Tally,
    indicators_of,
    latest_reports,
    tallies,
)
from pncaf.settings import DEFAULT_INDICATORS

PAGE_SIZE = 500              # rows of the conventions table on one page
ATTENTION_SHOWN = 100        # files listed under « À regarder en priorité »


@dataclass(frozen=True)
class Row:
    """What the index keeps of one file: a few hundred bytes, whatever the file."""

    id: str
    file: str
    page: str
    partner: str
    status: str | None
    label: str
    sites: int | None
    errors: int
    warnings: int
    next_date: date | None
    next_kind: str | None
    late: tuple[str, ...]                  # overdue items, without the partner's name
    urgency: tuple[int, date, str]

    def __reduce__(self) -> tuple[type[Row], tuple[object, ...]]:
        """Pickled as its fields, from the worker to the parent (as `Diagnostic` is)."""
        return (Row, tuple(getattr(self, name) for name in _ROW_FIELDS))

    @property
    def attention(self) -> bool:
        return bool(self.errors or self.late)


_ROW_FIELDS = tuple(Row.__dataclass_fields__)


@dataclass(frozen=True)
class Done:
    """One file, its page written: its row, its counted reports (as the figures keep them:
    plain values, cheap to send from a worker), its semesters' states."""

    row: Row
    row_html: str                           # its row of the network's table (`table_row`)
    tallied: list[Tally]
    semesters: list[tuple[str, str, str]]   # (label, French name, on_time/late/…)
    written: list[str]                      # paths written, relative to the site


@dataclass
class Listing:
    """The rows of the index, in file order (and as the table's HTML), and the reports by
    semester."""

    rows: list[Row] = field(default_factory=list)
    rows_html: list[str] = field(default_factory=list)
    reports: dict[str, Any] = field(default_factory=dict)


def write_pages(files: Sequence[Path], day: date, out: Path, templates: Path | None,
                labels: Mapping[str, str], indicators: Mapping[str, str] | None,
                ) -> tuple[Listing, FigureTable, list[str]]:
    """Every file's page and certificate under `out`; what the index needs of them, and
    the paths written (relative to `out`)."""
    from pncaf.format.stream import each_file
    from pncaf.outputs.dashboard import SemesterReports
    from pncaf.outputs.names import refuse_collisions

    listing, written = Listing(), list[str]()
    table = FigureTable(labels, per_partner=len(files) <= PAGE_SIZE)
    owners: dict[str, str] = {}

    def one(path: Path) -> Done:
        from pncaf.format.loader import load_file

        return _page(load_file(path), day, out, templates, labels, indicators)

    for done in each_file(files, one):
        row = done.row
        key = row.page.casefold()
        if key in owners:               # the first of two files sharing a page is written
            refuse_collisions([(row.page, owners[key]), (row.page, f"{row.file} (id {row.id})")])
        owners[key] = f"{row.file} (id {row.id})"
        listing.rows.append(row)
        listing.rows_html.append(done.row_html)
        table.add_tallies(done.tallied)
        for label, name, state in done.semesters:
            counts = listing.reports.setdefault(label, SemesterReports(label, name))
            setattr(counts, state, getattr(counts, state) + 1)
        written += done.written
    return listing, table, written


def _page(loaded: Loaded, day: date, out: Path, templates: Path | None,
          labels: Mapping[str, str], indicators: Mapping[str, str] | None) -> Done:
    """Check one file, write its page (and certificate), keep its row: run in a worker."""
    from pncaf.checks.rules import run_rules
    from pncaf.french import KIND_FR, STATUS_FR
    from pncaf.outputs.dashboard import entries
    from pncaf.outputs.documents import site_context
    from pncaf.outputs.page_rows import table_row

    # the rules' context is kept: its owed reports, computed once, are the index's too
    context = RuleContext(loaded, day, DEFAULT_INDICATORS if indicators is None else indicators)
    diagnostics = loaded.diagnostics + run_rules(loaded, day, french=True, indicators=indicators,
                                                 context=context)
    [entry] = entries([(loaded, diagnostics)], day)
    counted = (latest_reports([(entry.id, entry.convention)], day)
               if entry.convention is not None else [])
    written = []
    # each site as the certificate and the page both show it, made once for the two
    sites = [site_context(site) for site in entry.convention.sites] if entry.convention else []
    cert_link, cert_refusal, certificate = _certificate(entry, day, templates, sites)
    if certificate is not None:
        written.append(f"certificats/{entry.slug}.html")
        _write(f"{out}/{written[-1]}", certificate)
    page = _convention_page(entry, day, templates, counted, labels, cert_link, cert_refusal,
                            sites)
    written.append(entry.page)
    _write(f"{out}/{entry.page}", page)
    row = _row(entry)
    return Done(row, table_row(row, STATUS_FR, KIND_FR), tallies(counted),
                _semesters(context if entry.convention is not None else None, day), written)


def _certificate(entry: Any, day: date, templates: Path | None,
                 sites: Sequence[dict[str, Any]]) -> tuple[str | None, str | None, str | None]:
    """(link, French reason for none, the certificate's HTML); `sites`: their contexts."""
    from pncaf.outputs.dashboard import certificate_refusal_fr
    from pncaf.outputs.documents import Refused, certificate

    if entry.convention is None:
        return None, None, None
    try:
        data = certificate(entry.convention, entry.id, "html", None, day, templates, sites)
    except Refused:
        return None, certificate_refusal_fr(entry.convention, day), None
    return f"../certificats/{entry.slug}.html", None, data.decode("utf-8")


def _convention_page(entry: Any, day: date, templates: Path | None, counted: list[Counted],
                     labels: Mapping[str, str], cert_link: str | None,
                     cert_refusal: str | None, sites: Sequence[dict[str, Any]]) -> str:
    from pncaf.dates.duties import Semester
    from pncaf.french import KIND_FR, STATUS_FR
    from pncaf.outputs.dashboard import RULE_FR, follow_ups, site_view, timeline, week_chart
    from pncaf.outputs.page_rows import diagnostic_rows, figure_rows, item_rows, site_cards
    from pncaf.outputs.templating import render
    from pncaf.outputs.timeline_svg import timeline_svg
    from pncaf.outputs.week_svg import week_svg

    convention = entry.convention
    keys = {key for c in counted for key in c.report.indicators}
    term_line = timeline(convention, day) if convention else None
    shown = indicators_of(keys, labels)
    semester_fr = {c.report.period: Semester.parse(c.report.period).name_fr for c in counted}
    shown_sites = ([site_view(site, context)
                    for site, context in zip(convention.sites, sites, strict=True)]
                   if convention else [])
    minimum = ((convention.engagements.min_half_days, convention.engagements.min_weekly_hours)
               if convention else (0, 0.0))
    return render("report-convention.html.j2", {
        "today": day, "generated": day, "status_fr": STATUS_FR, "kind_fr": KIND_FR,
        "rule_fr": RULE_FR, "entry": entry,
        "sites": shown_sites, "site_cards": site_cards(shown_sites, minimum),
        # all sites together: for a single site, its own week's chart
        "union": (shown_sites[0]["chart"] if len(shown_sites) == 1
                  else week_chart(site.hours.as_dict() for site in convention.sites))
        if convention else None,
        "timeline": term_line,
        "timeline_svg": timeline_svg(term_line) if term_line else None,
        "week_svg": week_svg,
        "cert_link": cert_link, "cert_refusal": cert_refusal,
        "annex2_rows": counted, "annex2_indicators": shown, "semester_fr": semester_fr,
        "follow": follow_ups(convention, day) if convention else None,
        # the tables' rows, written in Python (`page_rows`): what the template's loops wrote
        "item_rows": item_rows(entry.items, entry.partner, KIND_FR),
        "figure_rows": figure_rows(counted, shown, semester_fr),
        "diagnostic_rows": diagnostic_rows(entry.diagnostics, RULE_FR),
    }, templates)


def _row(entry: Any) -> Row:
    from pncaf.outputs.dashboard import urgency

    prefix = f"{entry.partner} — "
    late = tuple(i.title.removeprefix(prefix) for i in entry.items if i.overdue)
    following = entry.next_item
    return Row(entry.id, entry.file, entry.page, entry.partner, entry.status, entry.label,
               len(entry.convention.sites) if entry.convention else None, entry.errors,
               entry.warnings, following.date if following else None,
               following.kind if following else None, late, urgency(entry))


def _semesters(context: RuleContext | None, day: date) -> list[tuple[str, str, str]]:
    """Each owed semester of one convention (None: an invalid file) and its state on `day`,
    from the reports its rules' `context` computed (none for a draft)."""
    if context is None:
        return []
    out = []
    for status in context.reports:
        if status.received is None:
            state = "missing" if status.semester.due < day else "pending"
        else:
            state = "late" if status.late else "on_time"
        out.append((status.semester.label, status.semester.name_fr, state))
    return out


def write_index(listing: Listing, table: FigureTable, day: date, out: Path,
                templates: Path | None) -> list[str]:
    """index.html (the first page of the table, the figures), the table's other pages and
    the CSV of the annex 2 figures; the paths written (relative to `out`)."""
    from pncaf.dates.duties import Semester
    from pncaf.french import KIND_FR, STATUS_FR
    from pncaf.outputs.dashboard import STATUS_ORDER, bar_scale
    from pncaf.outputs.templating import render

    rows = listing.rows
    _write(out / CSV_NAME, table.csv())
    figures = table.figures()
    counts = [(STATUS_FR[s], sum(1 for r in rows if r.status == s)) for s in STATUS_ORDER]
    starts = range(0, len(rows), PAGE_SIZE) or range(1)
    pages = [rows[start:start + PAGE_SIZE] for start in starts]
    # each page's rows as the workers wrote them (`page_rows.table_row`)
    tables = [Markup("".join(listing.rows_html[start:start + PAGE_SIZE])) for start in starts]
    names = ["index.html", *(f"liste-{n}.html" for n in range(2, len(pages) + 1))]
    attention = sorted((r for r in rows if r.attention), key=lambda r: r.urgency)
    common = {"today": day, "generated": day, "status_fr": STATUS_FR, "kind_fr": KIND_FR,
              "total": len(rows), "pages": names, "page_size": PAGE_SIZE}
    index = render("report-index.html.j2", {
        **common, "entries": pages[0], "table_rows": tables[0], "page": 1,
        "status_counts": counts,
        "status_scale": bar_scale([c for _, c in counts]),
        "reports": [listing.reports[k] for k in sorted(listing.reports)],
        "attention": attention[:ATTENTION_SHOWN], "attention_more":
        max(0, len(attention) - ATTENTION_SHOWN),
        "indicators": figures.indicators, "semesters": figures.semesters,
        "semester_fr": {s: Semester.parse(s).name_fr for s in figures.semesters},
        "totals": figures.totals, "per_partner": figures.per_partner,
        "partner_tables": table.keep_partners, "corrected": table.corrected,
        "figures_csv": CSV_NAME,
        "indicator_max": {k: max([1, *figures.totals[k].values()])
                          for k, _ in figures.indicators},
        "partners": {r.id: r.partner for r in rows} if table.keep_partners else {},
    }, templates)
    _write(out / "index.html", index)
    written = [CSV_NAME, "index.html"]
    for number, (name, page, table_rows) in enumerate(
            zip(names[1:], pages[1:], tables[1:], strict=True), 2):
        _write(out / name, render("report-list.html.j2", {
            **common, "entries": page, "table_rows": table_rows, "page": number}, templates))
        written.append(name)
    return written


def _write(path: Path | str, text: str) -> None:
    """A file of the site: written plainly, in the new folder only pncaf writes into
    (`files.atomic.folder_aside` puts it on disk once, before swapping the folder in)."""
    write_new_file(path, text.encode("utf-8"))
