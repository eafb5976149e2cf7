"""Opening hours: time ranges, their union over sites, and the Art. 4 counts.

Times are minutes since midnight (0–1440). A weekly schedule maps a weekday name to a list
of `TimeRange`. The opening minimum (Art. 4) is counted on the union of every site's
ranges, so two sites open at the same time count once.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)
WEEKDAYS_FR: dict[str, str] = {
    "lundi": "monday", "mardi": "tuesday", "mercredi": "wednesday", "jeudi": "thursday",
    "vendredi": "friday", "samedi": "saturday", "dimanche": "sunday",
}
DAY_NAMES_FR: dict[str, str] = {v: k for k, v in WEEKDAYS_FR.items()}

NOON_SPLIT = 13 * 60          # a morning ends at 13:00, an afternoon starts there (spec §2)
HALF_DAY_MINIMUM = 60         # a half-day counts from 60 open minutes inside it
DAY_END = 24 * 60

_RANGE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")


class TimeRange(NamedTuple):
    """A half-open interval [start, end) of minutes in one day."""

    start: int
    end: int

    def __str__(self) -> str:
        return f"{format_minutes(self.start)}-{format_minutes(self.end)}"

    @property
    def minutes(self) -> int:
        return self.end - self.start


def format_minutes(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def format_clock(minutes: int) -> str:
    """510 → `8 h 30`, 720 → `12 h`: times and durations as French documents write them."""
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def format_duration(hours: float) -> str:
    """12.5 → `12 h 30`."""
    return format_clock(round(hours * 60))


_FRENCH_TIME = r"(\d{1,2})\s*(?:[h:.]\s*(\d{2})?|heures?)?"
_FRENCH_RANGE = re.compile(rf"^{_FRENCH_TIME}\s*(?:-|–|à|a)\s*{_FRENCH_TIME}$", re.IGNORECASE)


def french_range(text: str) -> str | None:
    """`8h30-12h`, `8 h 30 – 12 h`, `9:00-12:00`, `14h à 17h30` → `"08:30-12:00"`: a time
    range as people write it in French, in the file's form; None when it is not one."""
    match = _FRENCH_RANGE.match(text.strip())
    if not match:
        return None
    h1, m1, h2, m2 = (int(g) if g else 0 for g in match.groups())
    return f"{h1:02d}:{m1:02d}-{h2:02d}:{m2:02d}"


def parse_range(text: str) -> TimeRange:
    """Parse `"HH:MM-HH:MM"`; raises ValueError with a message a person can act on (for
    `8h30-12h`, the exact range to write)."""
    match = _RANGE.match(text.strip()) if isinstance(text, str) else None
    if not match:
        fixed = french_range(text) if isinstance(text, str) else None
        if fixed is not None and _RANGE.match(fixed):
            raise ValueError(f"`{text}` is not written the way pncaf reads times: write "
                             f"\"{fixed}\" (with the quotes)")
        raise ValueError(f"`{text}` is not a time range: write it as \"HH:MM-HH:MM\", "
                         "for example \"08:30-12:00\"")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    for hour, minute in ((h1, m1), (h2, m2)):
        if minute > 59 or hour > 24 or (hour == 24 and minute != 0):
            raise ValueError(f"`{text}`: {hour:02d}:{minute:02d} is not a time of day "
                             "(00:00 to 24:00)")
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if start == DAY_END:
        raise ValueError(f"`{text}`: 24:00 can only end a range")
    if start >= end:
        raise ValueError(f"`{text}` ends before it starts: a range cannot cross midnight; "
                         "split it into two days if needed")
    return TimeRange(start, end)


def union(ranges: Iterable[TimeRange]) -> list[TimeRange]:
    """Merge ranges into sorted, disjoint, non-touching ranges covering the same minutes."""
    merged: list[TimeRange] = []
    for r in sorted(ranges):
        if merged and r.start <= merged[-1].end:
            last = merged[-1]
            if r.end > last.end:
                merged[-1] = TimeRange(last.start, r.end)
        else:
            merged.append(r)
    return merged


def overlaps(ranges: Sequence[TimeRange]) -> list[tuple[int, int]]:
    """Index pairs (i, j), i < j, of ranges that share at least one minute."""
    found = []
    order = sorted(range(len(ranges)), key=lambda i: ranges[i])
    for a, b in itertools.pairwise(order):
        if ranges[b].start < ranges[a].end:
            found.append((min(a, b), max(a, b)))
    return found


def overlap_minutes(ranges: Iterable[TimeRange], window: TimeRange) -> int:
    """Minutes of the (disjoint) `ranges` that fall inside `window`."""
    total = 0
    for r in ranges:
        total += max(0, min(r.end, window.end) - max(r.start, window.start))
    return total


MORNING = TimeRange(0, NOON_SPLIT)
AFTERNOON = TimeRange(NOON_SPLIT, DAY_END)


@dataclass(frozen=True)
class WeeklyOpening:
    """What the union of all sites offers over a regular week."""

    by_day: dict[str, list[TimeRange]]
    half_days: tuple[tuple[str, str], ...]   # (weekday, "morning" | "afternoon")
    minutes: int

    @property
    def hours(self) -> float:
        return self.minutes / 60


def weekly_opening(schedules: Iterable[Mapping[str, Sequence[TimeRange]]]) -> WeeklyOpening:
    """Union the weekly schedules of several sites and count half-days and hours (Art. 4)."""
    gathered: dict[str, list[TimeRange]] = {day: [] for day in WEEKDAYS}
    for schedule in schedules:
        for day, ranges in schedule.items():
            gathered[day].extend(ranges)
    by_day = {day: union(ranges) for day, ranges in gathered.items()}
    half_days = []
    minutes = 0
    for day in WEEKDAYS:
        ranges = by_day[day]
        minutes += sum(r.minutes for r in ranges)
        for label, window in (("morning", MORNING), ("afternoon", AFTERNOON)):
            if overlap_minutes(ranges, window) >= HALF_DAY_MINIMUM:
                half_days.append((day, label))
    return WeeklyOpening(by_day, tuple(half_days), minutes)
