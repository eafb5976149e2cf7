"""The rows of a dashboard page's tables (coming dates, annex 2 figures, checks) are written
in Python for speed: byte for byte what the page's template wrote, values escaped the same
(a partner's name or a note typed with `<`, `&` and quotes included), dates written as
`strftime` wrote them."""

from __future__ import annotations

import random
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from helpers import VALID, load, replace
from pncaf.checks.runner import check_loaded
from pncaf.french import KIND_FR, STATUS_FR, short_date
from pncaf.outputs.dashboard import RULE_FR, Entry, entries, site_view
from pncaf.outputs.documents import plain
from pncaf.outputs.figures import indicators_of, latest_reports
from pncaf.outputs.html_text import html_text
from pncaf.outputs.page_rows import (
    diagnostic_rows,
    figure_rows,
    item_rows,
    site_cards,
    table_row,
)
from pncaf.outputs.site import _row
from pncaf.outputs.templating import environment
from pncaf.outputs.week_svg import week_svg
from pncaf.problems import Diagnostic, Severity
from pncaf.settings import DEFAULT_INDICATORS

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from generate import convention_text

# The page's loops, as they were (report-convention.html.j2), rendered as the page was:
# pncaf's environment (filters, strict undefined values) with HTML escaping on.
_ITEMS = """\
{% for i in entry.items %}<tr><td{% if i.overdue %} class="late"{% endif %}>{{ i.date | short_date }}{% if i.overdue %} (en retard){% endif %}</td><td>{{ kind_fr[i.kind] }}</td><td>{{ i.title | replace(entry.partner ~ " — ", "") }}</td></tr>{% endfor %}"""  # noqa: E501
_FIGURES = """\
{% for c in annex2_rows %}<tr><th scope="row" style="white-space:nowrap">{{ semester_fr[c.report.period] }}</th><td style="white-space:nowrap">{{ c.report.date | short_date }}{% if c.replaced %} <abbr title="chiffres rectifiés : remplace {{ c.replaced }} envoi{{ 's' if c.replaced > 1 }} précédent{{ 's' if c.replaced > 1 }}">†</abbr>{% endif %}</td>{% for key, label in annex2_indicators %}<td class="num">{{ c.report.indicators.get(key, "—") }}</td>{% endfor %}</tr>{% endfor %}"""  # noqa: E501
_DIAGNOSTICS = """\
{% for d in entry.diagnostics %}<tr><td>{{ d.line or "—" }}</td><td{% if d.is_error %} class="late"{% endif %}>{{ "erreur" if d.is_error else "avertissement" if d.is_warning else "pris en compte" }}</td><td>{{ rule_fr.get(d.rule, d.rule) }}</td><td>{% if d.message_fr %}{{ d.message_fr }}{% else %}<small lang="en">{{ d.message }}</small>{% endif %}</td></tr>{% endfor %}"""  # noqa: E501


def _reference(source: str, **context: object) -> str:
    return environment(None).overlay(autoescape=True).from_string(source).render(**context)


HOSTILE = '<b>"Tom & Jerry\'s"</b>'


def _texts() -> list[str]:
    rng = random.Random(7)
    generated = [convention_text(n, rng, off_list=0.3) for n in range(40)]
    hostile = replace(replace(VALID, "name: Mairie de Test", "name: '<b>\"Tom & Jerry''s\"</b>'"),
                      "history: []", "history:\n"
                      "  - {date: 2024-08-02, event: report, period: 2024-S1, "
                      "indicators: {accueils: 1, '<i>&': 2}}\n"
                      "  - {date: 2024-08-03, event: report, period: 2024-S1, "
                      "indicators: {accueils: 3}}\n"
                      "  - {date: 2024-08-04, event: report, period: 2024-S1, "
                      "indicators: {accueils: 4}}\n"
                      "  - {date: 2025-03-01, event: acknowledgment, rule: committee-missing, "
                      "subject: period 1, note: '<u>vu & noté</u>'}")
    invalid = replace(VALID, "computers: 1, printers: 1", "computers: -1 <x>, printers: -2")
    return [*generated, VALID, hostile, invalid]


def _entry(text: str, day: date) -> Entry:
    loaded = load(text)
    diagnostics = check_loaded(loaded, day, french=True).diagnostics
    [entry] = entries([(loaded, diagnostics)], day)
    return entry


@pytest.mark.parametrize("day", [date(2026, 11, 27), date(2025, 6, 1), date(2031, 1, 1)])
def test_the_rows_are_what_the_template_wrote(day: date) -> None:
    shown = {"items": 0, "figures": 0, "diagnostics": 0, "english": 0, "corrected": 0,
             "acknowledged": 0}
    for text in _texts():
        entry = _entry(text, day)
        assert str(item_rows(entry.items, entry.partner, KIND_FR)) == _reference(
            _ITEMS, entry=entry, kind_fr=KIND_FR)
        assert str(diagnostic_rows(entry.diagnostics, RULE_FR)) == _reference(
            _DIAGNOSTICS, entry=entry, rule_fr=RULE_FR)
        counted = (latest_reports([(entry.id, entry.convention)], day)
                   if entry.convention else [])
        indicators = indicators_of({k for c in counted for k in c.report.indicators},
                                   DEFAULT_INDICATORS)
        semester_fr = {c.report.period: f"semestre {c.report.period}" for c in counted}
        assert str(figure_rows(counted, indicators, semester_fr)) == _reference(
            _FIGURES, annex2_rows=counted, annex2_indicators=indicators,
            semester_fr=semester_fr)
        shown["items"] += len(entry.items)
        shown["figures"] += len(counted)
        shown["corrected"] += sum(1 for c in counted if c.replaced > 1)
        shown["diagnostics"] += len(entry.diagnostics)
        shown["english"] += sum(1 for d in entry.diagnostics if not d.message_fr)
        shown["acknowledged"] += sum(1 for d in entry.diagnostics if d.severity is Severity.INFO)
    assert all(shown.values()), shown      # every kind of row was compared


def test_a_check_without_a_line_or_a_french_message() -> None:
    found = [Diagnostic("c.yaml", None, None, Severity.ERROR, "yaml", f"cannot read {HOSTILE}"),
             Diagnostic("c.yaml", 3, 1, Severity.INFO, "new-rule", "noted", message_fr=HOSTILE)]
    entry = Entry("c", "c.yaml", None, found)
    rows = str(diagnostic_rows(found, RULE_FR))
    assert rows == _reference(_DIAGNOSTICS, entry=entry, rule_fr=RULE_FR)
    assert "<td>—</td>" in rows and "<td>new-rule</td>" in rows and "pris en compte" in rows
    assert "&lt;b&gt;&#34;Tom &amp; Jerry&#39;s&#34;&lt;/b&gt;" in rows and "<b>" not in rows


def test_a_hostile_partner_name_is_text_in_the_tables() -> None:
    entry = _entry(_texts()[-2], date(2026, 11, 27))
    rows = str(item_rows(entry.items, entry.partner, KIND_FR))
    assert entry.items and "<b>" not in rows
    assert "Tom &amp; Jerry" not in rows        # the partner's name is left out of each title


@given(st.dates())
def test_a_short_date_is_what_strftime_wrote(day: date) -> None:
    assert short_date(day) == day.strftime("%d/%m/%Y")


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.none()))
def test_a_text_is_escaped_as_the_templates_escape_it(value: object) -> None:
    assert html_text(value) == str(escape(value)) and type(html_text(value)) is str


def test_the_five_characters_html_gives_a_meaning_are_escaped() -> None:
    assert html_text(HOSTILE + "<>") == "&lt;b&gt;&#34;Tom &amp; Jerry&#39;s&#34;&lt;/b&gt;&lt;&gt;"


# The network table's loop (_report-table.html.j2), as it was.
_TABLE = """\
    <tbody>
    {% for e in entries %}
      <tr>
        <td data-sort="{{ e.partner }}"><a href="{{ e.page }}">{{ e.partner }}</a><br><small>{{ e.id }}</small></td>
        <td class="num" data-sort="{{ e.sites or 0 }}">{{ e.sites if e.sites is not none else "—" }}</td>
        {% if e.status %}
        <td data-sort="{{ e.status }}"><span class="status s-{{ e.status }}">{{ status_fr[e.status] }}</span></td>
        {% else %}
        <td data-sort="~"><span class="status s-invalid">fichier invalide</span></td>
        {% endif %}
        <td>{{ e.label }}</td>
        <td data-sort="{{ e.next_date.isoformat() if e.next_date else '9999' }}">{% if e.next_date %}{{ e.next_date | short_date }} — {{ kind_fr[e.next_kind] }}{% else %}—{% endif %}</td>
        <td class="num" data-sort="{{ e.errors * 1000 + e.warnings }}">{% if e.errors %}<span class="late">{{ e.errors }} erreur{{ "s" if e.errors > 1 }}</span><br>{% endif %}{{ e.warnings }} avertissement{{ "s" if e.warnings > 1 }}</td>
      </tr>
    {% endfor %}
    </tbody>
"""  # noqa: E501


@pytest.mark.parametrize("day", [date(2026, 11, 27), date(2019, 6, 1)])
def test_the_network_table_rows_are_what_the_template_wrote(day: date) -> None:
    broken = load("format: pncaf/1\nid: '<b>&'\nsites: [\n", "conventions/<b>.yaml")
    rows = [_row(_entry(text, day)) for text in _texts()]
    [invalid] = entries([(broken, broken.diagnostics)], day)
    rows.append(_row(invalid))
    written = "".join(table_row(r, STATUS_FR, KIND_FR) for r in rows)
    assert "    <tbody>\n" + written + "    </tbody>\n" == _reference(
        _TABLE, entries=rows, status_fr=STATUS_FR, kind_fr=KIND_FR)
    assert {r.status for r in rows} >= {None, "active"} and any(r.errors > 1 for r in rows)
    assert any(r.next_date is None for r in rows) and any(r.next_date for r in rows)


def test_plain_values_are_what_asdict_gave() -> None:
    compared = 0
    for text in _texts()[:-1]:
        convention = load(text).convention
        assert convention is not None
        for value in [convention, convention.caf, convention.partner, *convention.sites,
                      *(site.address for site in convention.sites), *convention.history]:
            assert plain(value) == asdict(value)
            compared += 1
    assert compared > 500


# The page's loop over the sites, as it was.
_SITES = """\
  {% for site in sites %}
  <div class="card">
    <h3>{{ site.name }}</h3>
    <p>{{ site.address.street }}, {{ site.address.postcode }} {{ site.address.city }}{% if site.manager %} — {{ site.manager.name }}, {{ site.manager.title }}{% endif %}</p>
    {{ week_svg(site.chart, "site" ~ loop.index, "Horaires d'ouverture " ~ (site.name | de), minimum) }}
    {% if site.monthly %}<p>Ouvert aussi : {{ site.monthly | join(" ; ") }}.</p>{% endif %}
    {% if site.equipment %}<p>Équipement : {{ site.equipment_text }}.</p>{% endif %}
  </div>
  {% endfor %}
"""  # noqa: E501


def test_the_site_cards_are_what_the_template_wrote() -> None:
    managed = replace(replace(replace(
        VALID, "name: Point d'accueil", "name: \"Espace <Tom & Jerry's>\""),
        "    equipment: {computers: 1, printers: 1, scanners: 1}\n",
        "    manager: {name: '<b>Léa</b> & co', title: Responsable \"accueil\"}\n"
        "    monthly:\n"
        "      - {nth: 4, weekday: saturday, note: 'un <i>samedi</i> & plus'}\n"
        "      - {nth: -1, weekday: friday, hours: ['09:00-12:00']}\n"),
        "signed:", "  - name: Antenne\n"
        "    address: {street: 3 rue <x>, postcode: \"77270\", city: Villeparisis}\n"
        "    hours: {monday: ['09:00-12:00']}\n"
        "    equipment: {computers: 2, printers: 0, scanners: 0}\n"
        "signed:")
    cards = 0
    for text in [*_texts()[:-1], managed]:
        convention = load(text).convention
        assert convention is not None, text
        sites = [site_view(site) for site in convention.sites]
        minimum = (convention.engagements.min_half_days, convention.engagements.min_weekly_hours)
        assert str(site_cards(sites, minimum)) == _reference(
            _SITES, sites=sites, minimum=minimum, week_svg=week_svg)
        cards += len(sites)
    convention = load(managed).convention
    assert convention is not None
    written = str(site_cards([site_view(s) for s in convention.sites], (2, 10.0)))
    assert "&lt;b&gt;Léa&lt;/b&gt; &amp; co" in written and "<b>" not in written
    assert "Ouvert aussi : " in written and "Équipement : 2 ordinateurs" in written
    assert cards > 60
