"""The term's timeline as the SVG of a convention's dashboard page, written in Python.

A page draws every period, notice deadline, year and event of the convention: about five
hundred numbers and labels. Printed one by one by the page's template, each went through
Jinja's escaping and output machinery, a third of a page's rendering at 10,000 pages; here
numbers are written as they are and only the labels are escaped (`tests/test_dashboard*`
hold this to the template it replaces, byte for byte).
"""

from __future__ import annotations

from markupsafe import Markup

from pncaf.outputs.dashboard import Timeline
from pncaf.outputs.html_text import html_text

_EVENT_COLOURS = {"report": "#1f7a3a", "committee": "#1d5fa8", "visit": "#6a3fa0",
                  "training": "#4f5d6b", "notice": "#b3261e", "label_withdrawn": "#b3261e",
                  "closure": "#8a5a00", "acknowledgment": "#4f5d6b"}


def timeline_svg(t: Timeline) -> Markup:
    """From `<svg …>` to `</svg>`, as the page shows it."""
    desc = "".join([*(f"{html_text(label)}. " for _, _, label in t.periods),
                    *(f"{html_text(label)}. " for _, label in t.deadlines),
                    f"{html_text(t.end[1])}." if t.end else ""])
    years = "".join(f'<line x1="{x}" y1="20" x2="{x}" y2="100" stroke="#e3e8ee"></line>'
                    f'<text x="{x + 3}" y="115" font-size="11">{html_text(label)}</text>'
                    for x, label in t.years)
    periods = "".join(
        f'<rect x="{x}" y="40" width="{w}" height="22" '
        f'fill="{"#dce7f5" if number % 2 else "#b9cfeb"}" stroke="#0b3b74" '
        f'stroke-width="0.5"><title>{html_text(label)}</title></rect>'
        f'<text x="{x + 4}" y="56" font-size="11">{number}</text>'
        for number, (x, w, label) in enumerate(t.periods, start=1))
    deadlines = "".join(f'<path d="M{x} 36 l-5 -9 h10 z" fill="#d89614"><title>'
                        f"{html_text(label)}</title></path>" for x, label in t.deadlines)
    events = "".join(f'<circle cx="{x}" cy="80" r="4" fill="{_EVENT_COLOURS[kind]}">'
                     f"<title>{html_text(label)}</title></circle>" for x, kind, label in t.events)
    end = (f'<line x1="{t.end[0]}" y1="30" x2="{t.end[0]}" y2="70" stroke="#000" '
           f'stroke-width="2"><title>{html_text(t.end[1])}</title></line>' if t.end else "")
    return Markup(
        f'<svg role="img" aria-labelledby="tl-t tl-d" width="100%" '
        f'viewBox="-10 0 {t.width + 20} 130">\n'
        f'    <title id="tl-t">Chronologie de la convention</title>\n'
        f'    <desc id="tl-d">{desc}</desc>\n'
        f"{years}{periods}{deadlines}{events}"
        f'    <line x1="{t.today}" y1="10" x2="{t.today}" y2="100" stroke="#b3261e" '
        f'stroke-width="2"></line><text x="{t.today + 3}" y="18" font-size="11" '
        f"fill=\"#b3261e\">aujourd'hui</text>\n"
        f"{end}  </svg>")
