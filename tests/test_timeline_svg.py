"""The timeline of a dashboard page is written in Python for speed: byte for byte what the
page's template wrote, labels escaped the same (a note typed by an officer included)."""

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
from generate import convention_text  # noqa: E402

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
