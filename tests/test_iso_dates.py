"""A date is read from its text the same way whichever path reads it: the quick test of
the usual `2026-05-14` accepts exactly what the pattern does, and refuses with the same
message."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from pncaf.format.constraints import Problem
from pncaf.format.values import FIRST_YEAR, LAST_YEAR, _parse_iso_date

_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def as_the_pattern_reads(value: str) -> date | None:
    """What a text means as a date when written YYYY-MM-DD, by the format's pattern."""
    if not _PATTERN.match(value):
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def outcome(value: Any) -> tuple[str, Any]:
    try:
        return ("date", _parse_iso_date(value))
    except Problem as problem:
        return (problem.kind, problem.message)


_TEN = st.text(alphabet="0123456789-W+T: \n٣", min_size=8, max_size=11)


@given(st.one_of(_TEN, st.dates().map(date.isoformat), st.text(max_size=12)))
def test_a_text_is_a_date_exactly_when_the_pattern_reads_one(value: str) -> None:
    kind, result = outcome(value)
    expected = as_the_pattern_reads(value)
    assert (kind == "date") == (expected is not None), (value, kind, result)
    if expected is not None:
        assert result == expected


def test_each_refusal_still_says_what_to_write() -> None:
    assert outcome("2026-02-30")[0] == "impossible_date"
    assert outcome("2205-01-10")[0] == "date_range"
    assert outcome("14/05/2026")[1].startswith("`14/05/2026` is written day first: write "
                                               "2026-05-14")
    assert outcome("2026-W20-1")[0] == "date_format"
    assert outcome("2026-05-14\n")[0] == "impossible_date"   # as the pattern's `$` lets it by
    assert outcome(date(2026, 5, 14)) == ("date", date(2026, 5, 14))
