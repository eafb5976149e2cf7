"""The timeline and the weeks of a dashboard page are written in Python for speed: byte for
byte what the page's template wrote, texts escaped the same (a note typed by an officer
included)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import jinja2
import pytest

from helpers import VALID, load, replace
from pncaf.outputs.dashboard import timeline
from pncaf.outputs.timeline_svg import timeline_svg

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from generate import convention_text

# The template's own lines, as they were, with its environment's settings.
_TEMPLATE = """\
  <svg role="img" aria-labelledby="tl-t tl-d" width="100%" viewBox="-10 0 {{ t.width + 20 }} 130">
    <title id="tl-t">Chronologie de la convention</title>
    <desc id="tl-d">{% for x, w, label in t.periods %}{{ label }}. {% endfor %}{% for x, label in t.deadlines %}{{ label }}. {% endfor %}{% if t.end %}{{ t.end[1] }}.{% endif %}</desc>
    {% for x, label in t.years %}<line x1="{{ x }}" y1="20" x2="{{ x }}" y2="100" stroke="#e3e8ee"></line><text x="{{ x + 3 }}" y="115" font-size="11">{{ label }}</text>{% endfor %}
    {% for x, w, label in t.periods %}<rect x="{{ x }}" y="40" width="{{ w }}" height="22" fill="{{ '#dce7f5' if loop.index is odd else '#b9cfeb' }}" stroke="#0b3b74" stroke-width="0.5"><title>{{ label }}</title></rect><text x="{{ x + 4 }}" y="56" font-size="11">{{ loop.index }}</text>{% endfor %}
    {% for x, label in t.deadlines %}<path d="M{{ x }} 36 l-5 -9 h10 z" fill="#d89614"><title>{{ label }}</title></path>{% endfor %}
    {% for x, kind, label in t.events %}<circle cx="{{ x }}" cy="80" r="4" fill="{{ {'report': '#1f7a3a', 'committee': '#1d5fa8', 'visit': '#6a3fa0', 'training': '#4f5d6b', 'notice': '#b3261e', 'label_withdrawn': '#b3261e', 'closure': '#8a5a00', 'acknowledgment': '#4f5d6b'}[kind] }}"><title>{{ label }}</title></circle>{% endfor %}
    <line x1="{{ t.today }}" y1="10" x2="{{ t.today }}" y2="100" stroke="#b3261e" stroke-width="2"></line><text x="{{ t.today + 3 }}" y="18" font-size="11" fill="#b3261e">aujourd'hui</text>
    {% if t.end %}<line x1="{{ t.end[0] }}" y1="30" x2="{{ t.end[0] }}" y2="70" stroke="#000" stroke-width="2"><title>{{ t.end[1] }}</title></line>{% endif %}
  </svg>
"""  # noqa: E501
_REFERENCE = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                                keep_trailing_newline=True).from_string(_TEMPLATE)


def _texts() -> list[str]:
    import random

    rng = random.Random(3)
    generated = [convention_text(n, rng) for n in range(40)]
    noted = replace(VALID, "history: []", "history:\n  - {date: 2024-03-01, event: visit, "
                    "outcome: action_plan, note: '<b>\"Tom & Jerry''s\"</b>'}\n"
                    "  - {date: 2024-06-01, event: notice, by: caf}")
    return [*generated, VALID, noted]


@pytest.mark.parametrize("day", [date(2026, 11, 27), date(2019, 6, 1), date(2031, 1, 1)])
def test_the_timeline_is_what_the_template_wrote(day: date) -> None:
    drawn = 0
    for text in _texts():
        loaded = load(text)
        assert loaded.convention is not None, loaded.diagnostics
        t = timeline(loaded.convention, day)
        if t is None:
            continue
        drawn += 1
        assert "  " + timeline_svg(t) + "\n" == _REFERENCE.render(t=t)
    assert drawn > 30


def test_a_note_typed_by_an_officer_is_text_in_the_drawing() -> None:
    noted = _texts()[-1]
    loaded = load(noted)
    assert loaded.convention is not None
    t = timeline(loaded.convention, date(2026, 11, 27))
    assert t is not None
    svg = str(timeline_svg(t))
    assert "&lt;b&gt;&#34;Tom &amp; Jerry&#39;s&#34;&lt;/b&gt;" in svg and "<b>" not in svg


# The page's macro, as it was; rendered as the page was (autoescaped, pncaf's filters).
_WEEK_MACRO = """\
{% macro week(chart, id, title, minimum) -%}
{% set rowh = 24 %}{% set left = 90 %}
<svg role="img" aria-labelledby="{{ id }}-t {{ id }}-d" width="100%" viewBox="0 0 {{ left + 570 }} {{ 7 * rowh + 58 }}">
  <title id="{{ id }}-t">{{ title }}</title>
  <desc id="{{ id }}-d">{% for day, bars in chart.rows %}{{ day }} : {% if bars %}{% for x, w, text in bars %}{{ text }}{% if not loop.last %}, {% endif %}{% endfor %}{% else %}fermé{% endif %}. {% endfor %}</desc>
  {% for hour in range(chart.first_hour, chart.last_hour + 1) %}
  {% set hx = left + (hour - chart.first_hour) * 560 / (chart.last_hour - chart.first_hour) %}
  <line x1="{{ hx }}" y1="0" x2="{{ hx }}" y2="{{ 7 * rowh }}" stroke="#e3e8ee"></line>
  <text x="{{ hx }}" y="{{ 7 * rowh + 14 }}" font-size="10" text-anchor="middle">{{ hour }} h</text>
  {% endfor %}
  {% for day, bars in chart.rows %}
  {% set y = loop.index0 * rowh %}
  <text x="0" y="{{ y + 16 }}" font-size="13">{{ day }}</text>
  {% for x, w, text in bars %}<rect x="{{ left + x }}" y="{{ y + 4 }}" width="{{ w }}" height="16" rx="3" fill="#1d5fa8"><title>{{ day }} {{ text }}</title></rect>{% endfor %}
  {% endfor %}
  <line x1="{{ left + chart.noon_x }}" y1="-2" x2="{{ left + chart.noon_x }}" y2="{{ 7 * rowh + 2 }}" stroke="#b3261e" stroke-dasharray="4 3"></line>
  <text x="{{ left + chart.noon_x + 4 }}" y="{{ 7 * rowh + 30 }}" font-size="10" fill="#b3261e">13 h : matin | après-midi</text>
  {% set ok = chart.half_days >= minimum[0] and chart.hours >= minimum[1] %}
  <text x="0" y="{{ 7 * rowh + 50 }}" font-size="12" font-weight="bold" fill="{{ '#1f7a3a' if ok else '#b3261e' }}">{{ chart.half_days | counted("demi-journée") }}, {{ chart.hours | duration }} ; minimum (art. 4) : {{ minimum[0] }} et {{ minimum[1] | duration }}{{ " — atteint" if ok else " — non atteint" }}</text>
</svg>
{%- endmacro %}
"""  # noqa: E501


def test_each_week_is_what_the_macro_wrote() -> None:
    from pncaf.outputs.dashboard import site_view, week_chart
    from pncaf.outputs.templating import environment
    from pncaf.outputs.week_svg import week_svg

    page = environment(None).overlay(loader=jinja2.DictLoader(
        {"w.html.j2": _WEEK_MACRO + "{{ week(chart, id, title, minimum) }}"}))
    reference = page.get_template("w.html.j2")
    drawn = 0
    for text in _texts():
        loaded = load(text)
        assert loaded.convention is not None
        c = loaded.convention
        minimum = (c.engagements.min_half_days, c.engagements.min_weekly_hours)
        charts = [(site_view(site)["chart"], "site1", "Horaires d'ouverture <de> « l'Atelier »")
                  for site in c.sites]
        charts.append((week_chart(site.hours.as_dict() for site in c.sites), "union",
                       "Ouverture de l'ensemble des lieux"))
        for chart, id, title in charts:
            drawn += 1
            assert str(week_svg(chart, id, title, minimum)) == reference.render(
                chart=chart, id=id, title=title, minimum=minimum)
    assert drawn > 60
