"""A week's opening hours as the SVG of a convention's dashboard page, written in Python.

Each page draws a week per site and one for all sites together: hour lines, a bar per
opening, the 13:00 split and the Art. 4 minimum. Printed by a template macro, its hundreds
of numbers each went through Jinja's escaping and output machinery (an eighth of the time
of a page at 10,000 pages); here numbers are written as they are and only texts are
escaped (`tests/test_timeline_svg.py` holds this to the macro it replaces, byte for byte).
"""

from __future__ import annotations

from markupsafe import Markup

from pncaf.format.hours import format_duration
from pncaf.outputs.dashboard import WeekChart
from pncaf.outputs.html_text import html_text
from pncaf.outputs.templating import counted

ROW, LEFT = 24, 90              # a day's height, the room for the day's name


def week_svg(chart: WeekChart, id: str, title: str, minimum: tuple[int, float]) -> Markup:
    """What the page's `week` macro wrote: from `<svg …>` to `</svg>`."""
    id, bottom = html_text(id), 7 * ROW
    desc = "".join(f"{html_text(day)} : "
                   + (", ".join(html_text(text) for _, _, text in bars) if bars else "fermé")
                   + ". " for day, bars in chart.rows)
    out = [f'<svg role="img" aria-labelledby="{id}-t {id}-d" width="100%" '
           f'viewBox="0 0 {LEFT + 570} {bottom + 58}">\n'
           f'  <title id="{id}-t">{html_text(title)}</title>\n'
           f'  <desc id="{id}-d">{desc}</desc>\n']
    for hour in range(chart.first_hour, chart.last_hour + 1):
        hx = LEFT + (hour - chart.first_hour) * 560 / (chart.last_hour - chart.first_hour)
        out.append(f'  <line x1="{hx}" y1="0" x2="{hx}" y2="{bottom}" stroke="#e3e8ee">'
                   f'</line>\n  <text x="{hx}" y="{bottom + 14}" font-size="10" '
                   f'text-anchor="middle">{hour} h</text>\n')
    for index, (day, bars) in enumerate(chart.rows):
        y = index * ROW
        out.append(f'  <text x="0" y="{y + 16}" font-size="13">{html_text(day)}</text>\n')
        out += [f'<rect x="{LEFT + x}" y="{y + 4}" width="{w}" height="16" rx="3" '
                f'fill="#1d5fa8"><title>{html_text(day)} {html_text(text)}</title></rect>'
                for x, w, text in bars]
    noon = LEFT + chart.noon_x
    ok = chart.half_days >= minimum[0] and chart.hours >= minimum[1]
    out.append(
        f'  <line x1="{noon}" y1="-2" x2="{noon}" y2="{bottom + 2}" stroke="#b3261e" '
        f'stroke-dasharray="4 3"></line>\n'
        f'  <text x="{noon + 4}" y="{bottom + 30}" font-size="10" fill="#b3261e">13 h : '
        f"matin | après-midi</text>\n"
        f'  <text x="0" y="{bottom + 50}" font-size="12" font-weight="bold" '
        f'fill="{"#1f7a3a" if ok else "#b3261e"}">'
        f'{html_text(counted(chart.half_days, "demi-journée"))}, '
        f"{html_text(format_duration(chart.hours))} ; minimum (art. 4) : {html_text(minimum[0])} "
        f"et {html_text(format_duration(minimum[1]))}"
        f'{" — atteint" if ok else " — non atteint"}</text>\n</svg>')
    return Markup("".join(out))
