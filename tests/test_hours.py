"""Opening hours: parsing ranges, their union, and the Art. 4 half-day and hour counts."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pncaf.format.hours import TimeRange, overlaps, parse_range, union, weekly_opening


def r(text: str) -> TimeRange:
    return parse_range(text)


@pytest.mark.parametrize("text,start,end", [
    ("08:30-12:00", 510, 720), ("00:00-24:00", 0, 1440), ("13:00-13:01", 780, 781),
])
def test_parse_valid_ranges(text: str, start: int, end: int) -> None:
    assert parse_range(text) == TimeRange(start, end)


@pytest.mark.parametrize("text,fragment", [
    ("8:30-12:00", "write \"08:30-12:00\""), ("12:00-08:30", "ends before it starts"),
    ("10:00-10:00", "ends before it starts"), ("24:00-24:00", "24:00 can only end"),
    ("09:60-10:00", "not a time of day"), ("23:00-24:30", "not a time of day"),
    ("25:00-26:00", "not a time of day"), ("9h-12h", "write \"09:00-12:00\""),
])
def test_parse_invalid_ranges_explains(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        parse_range(text)


def test_union_merges_overlapping_and_touching_ranges() -> None:
    assert union([r("14:00-16:00"), r("09:00-12:00"), r("11:00-13:00"), r("16:00-17:00")]) == [
        r("09:00-13:00"), r("14:00-17:00")]


def test_overlaps_finds_the_pair() -> None:
    assert overlaps([r("08:00-10:00"), r("12:00-13:00"), r("09:00-11:00")]) == [(0, 2)]
    assert overlaps([r("08:00-10:00"), r("10:00-11:00")]) == []


def week(**days: list[str]) -> dict[str, list[TimeRange]]:
    return {day: [r(x) for x in ranges] for day, ranges in days.items()}


def test_union_of_sites_counts_shared_time_once() -> None:
    a = week(monday=["09:00-12:00"])
    b = week(monday=["10:00-12:00"])
    opening = weekly_opening([a, b])
    assert opening.minutes == 180          # a sum would give 300
    assert opening.half_days == (("monday", "morning"),)


def test_sliver_across_13h_gives_no_half_day_but_its_hour_counts() -> None:
    opening = weekly_opening([week(monday=["12:30-13:30"])])
    assert opening.half_days == ()
    assert opening.minutes == 60


def test_half_day_counts_from_exactly_60_minutes() -> None:
    assert weekly_opening([week(monday=["12:00-13:00"])]).half_days == (("monday", "morning"),)
    assert weekly_opening([week(monday=["12:01-13:00"])]).half_days == ()
    assert weekly_opening([week(friday=["13:00-14:00"])]).half_days == (("friday", "afternoon"),)


def test_a_long_range_gives_both_half_days() -> None:
    opening = weekly_opening([week(wednesday=["09:00-17:00"])])
    assert opening.half_days == (("wednesday", "morning"), ("wednesday", "afternoon"))
    assert opening.hours == 8


def test_saturday_and_sunday_count() -> None:
    opening = weekly_opening([week(saturday=["09:00-12:00"], sunday=["14:00-15:00"])])
    assert opening.half_days == (("saturday", "morning"), ("sunday", "afternoon"))


# --- properties -------------------------------------------------------------------------

@st.composite
def ranges(draw: st.DrawFn) -> TimeRange:
    start = draw(st.integers(0, 1439))
    end = draw(st.integers(start + 1, 1440))
    return TimeRange(start, end)


def covered(rs: list[TimeRange]) -> set[int]:
    return {minute for x in rs for minute in range(x.start, x.end)}


@given(st.lists(ranges(), max_size=8), st.randoms())
def test_union_is_independent_of_order(rs: list[TimeRange], rnd: object) -> None:
    shuffled = list(rs)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert union(shuffled) == union(rs)


@given(st.lists(ranges(), max_size=8), st.data())
def test_splitting_a_range_never_changes_the_union(rs: list[TimeRange], data: st.DataObject,
                                                   ) -> None:
    split: list[TimeRange] = []
    for x in rs:
        if x.end - x.start >= 2:
            cut = data.draw(st.integers(x.start + 1, x.end - 1))
            split += [TimeRange(x.start, cut), TimeRange(cut, x.end)]
        else:
            split.append(x)
    assert union(split) == union(rs)


@given(st.lists(ranges(), max_size=8))
def test_union_covers_the_same_minutes_with_disjoint_ranges(rs: list[TimeRange]) -> None:
    merged = union(rs)
    assert covered(merged) == covered(rs)
    assert all(a.end < b.start for a, b in itertools.pairwise(merged))


@given(st.lists(ranges(), max_size=6), st.lists(ranges(), max_size=6))
def test_weekly_hours_are_the_size_of_the_union(a: list[TimeRange], b: list[TimeRange]) -> None:
    opening = weekly_opening([{"monday": a}, {"monday": b}])
    assert opening.minutes == len(covered(a + b))
