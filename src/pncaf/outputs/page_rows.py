"""The rows of a convention's dashboard page tables, written in Python.

A page lists the convention's coming dates, its semesters' figures and what `check` found
(fifteen rows and more at 10,000 pages); printed by the page's template, each cell went
through Jinja's attribute lookups, escaping and output machinery, a third of a page's
rendering. As for the drawings (`timeline_svg`, `week_svg`), literal text is written as it
is and every value escaped as the template escaped it (`tests/test_page_rows.py` holds
this to the template lines it replaces, byte for byte).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from pncaf.checks.diagnostics import Diagnostic
from pncaf.dates.agenda import AgendaItem
from pncaf.french import short_date
from pncaf.outputs.figures import Counted
from pncaf.outputs.html_text import html_text

_LATE = ' class="late"'

if TYPE_CHECKING:
    from pncaf.outputs.site import Row


def item_rows(items: Sequence[AgendaItem], partner: str, kind_fr: Mapping[str, str]) -> Markup:
    """The `<tr>`s of « Échéances des 90 prochains jours et retards »: the partner's name,
    already in the page's title, is left out of each item's title."""
    prefix = f"{partner} — "
    return Markup("".join(
        f'<tr><td{_LATE if i.overdue else ""}>{short_date(i.date)}'
        f'{" (en retard)" if i.overdue else ""}</td><td>{html_text(kind_fr[i.kind])}</td>'
        f"<td>{html_text(i.title.replace(prefix, ''))}</td></tr>" for i in items))


def figure_rows(counted: Sequence[Counted], indicators: Sequence[tuple[str, str]],
                semester_fr: Mapping[str, str]) -> Markup:
    """The `<tr>`s of the annex 2 figures: a semester's latest report, † when it corrects
    earlier ones, a cell per indicator of the list (— when not declared)."""
    return Markup("".join(
        f'<tr><th scope="row" style="white-space:nowrap">{html_text(semester_fr[c.report.period])}'
        f'</th><td style="white-space:nowrap">{short_date(c.report.date)}'
        f"{_replaced(c.replaced)}</td>"
        + "".join(f'<td class="num">{html_text(c.report.indicators.get(key, "—"))}</td>'
                  for key, _ in indicators)
        + "</tr>" for c in counted))


def _replaced(count: int) -> str:
    if not count:
        return ""
    plural = "s" if count > 1 else ""
    return (f' <abbr title="chiffres rectifiés : remplace {html_text(count)} envoi{plural} '
            f'précédent{plural}">†</abbr>')


def diagnostic_rows(diagnostics: Sequence[Diagnostic], rule_fr: Mapping[str, str]) -> Markup:
    """The `<tr>`s of « Contrôles »: line, severity, the rule's French name and the French
    message (the English one, marked as such, for a rule that has none)."""
    return Markup("".join(
        f"<tr><td>{html_text(d.line or '—')}</td><td{_LATE if d.is_error else ''}>"
        f"{'erreur' if d.is_error else 'avertissement' if d.is_warning else 'pris en compte'}"
        f"</td><td>{html_text(rule_fr.get(d.rule, d.rule))}</td><td>"
        + (html_text(d.message_fr) if d.message_fr
           else f'<small lang="en">{html_text(d.message)}</small>')
        + "</td></tr>" for d in diagnostics))


def table_row(row: Row, status_fr: Mapping[str, str], kind_fr: Mapping[str, str]) -> str:
    """One convention's row of the network's table (`_report-table.html.j2`, lines as the
    template laid them out), written by the worker that read the file: the parent, which
    writes the index and the table's pages once every file is read, only joins them."""
    name, page = html_text(row.partner), html_text(row.page)
    sites = "—" if row.sites is None else row.sites
    status = (f'<td data-sort="{html_text(row.status)}"><span class="status '
              f's-{html_text(row.status)}">{html_text(status_fr[row.status])}</span></td>'
              if row.status else
              '<td data-sort="~"><span class="status s-invalid">fichier invalide</span></td>')
    following = (f"{short_date(row.next_date)} — {html_text(kind_fr[row.next_kind])}"
                 if row.next_date and row.next_kind else "—")
    errors = (f'<span class="late">{row.errors} erreur{"s" if row.errors > 1 else ""}</span><br>'
              if row.errors else "")
    return (f'      <tr>\n        <td data-sort="{name}"><a href="{page}">{name}</a><br><small>'
            f"{html_text(row.id)}</small></td>\n"
            f'        <td class="num" data-sort="{row.sites or 0}">{sites}</td>\n'
            f"        {status}\n        <td>{html_text(row.label)}</td>\n"
            f'        <td data-sort="{row.next_date.isoformat() if row.next_date else "9999"}">'
            f"{following}</td>\n"
            f'        <td class="num" data-sort="{row.errors * 1000 + row.warnings}">{errors}'
            f'{row.warnings} avertissement{"s" if row.warnings > 1 else ""}</td>\n      </tr>\n')


def site_cards(sites: Sequence[Mapping[str, Any]], minimum: tuple[int, float]) -> Markup:
    """Each site's card (name, address, manager, its week drawn, monthly openings,
    equipment), as the page's loop over `sites` laid them out; `sites` as
    `dashboard.site_view` makes them, `minimum` the Art. 4 minimum (half-days, hours)."""
    from pncaf.french import de
    from pncaf.outputs.week_svg import week_svg

    cards = []
    for number, site in enumerate(sites, start=1):
        address, manager = site["address"], site["manager"]
        managed = (f" — {html_text(manager['name'])}, {html_text(manager['title'])}"
                   if manager else "")
        monthly = ("<p>Ouvert aussi : " + " ; ".join(html_text(m) for m in site["monthly"])
                   + ".</p>" if site["monthly"] else "")
        equipment = (f"<p>Équipement : {html_text(site['equipment_text'])}.</p>"
                     if site["equipment"] else "")
        drawn = week_svg(site["chart"], f"site{number}",
                         "Horaires d'ouverture " + de(site["name"]), minimum)
        cards.append(f'  <div class="card">\n    <h3>{html_text(site["name"])}</h3>\n'
                     f"    <p>{html_text(address['street'])}, {html_text(address['postcode'])} "
                     f"{html_text(address['city'])}{managed}</p>\n    {drawn}\n"
                     f"{monthly}{equipment}  </div>\n")
    return Markup("".join(cards))
