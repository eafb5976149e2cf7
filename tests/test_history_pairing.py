"""`compare_histories` pairs each base event with the first equal event of the new history
not paired yet; it searches from the first one left instead of from the start (a history of
eighty events was scanned eighty times), and says the same on any pair of histories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from pncaf.review.history import HistoryChanges, Rewrite, compare_histories


@dataclass(frozen=True)
class Event:
    date: date
    event: str
    note: str = ""


def plainly(base: list[Any], new: list[Any]) -> HistoryChanges:
    """The pairing as the docstring says it, searching from the start every time."""
    used: set[int] = set()
    missing = []
    for i, event in enumerate(base):
        j = next((j for j, other in enumerate(new) if j not in used and other == event), None)
        if j is None:
            missing.append(i)
        else:
            used.add(j)
    rewritten = []
    for i in missing:
        j = next((j for j, other in enumerate(new) if j not in used
                  and other.date == base[i].date and other.event == base[i].event), None)
        if j is not None:
            used.add(j)
        rewritten.append(Rewrite(i, base[i], j, None if j is None else new[j]))
    return HistoryChanges([j for j in range(len(new)) if j not in used], rewritten)


events = st.builds(Event, st.dates(date(2024, 1, 1), date(2024, 1, 3)),
                   st.sampled_from(["committee", "visit"]), st.sampled_from(["", "revu"]))


@given(st.lists(events, max_size=8), st.lists(events, max_size=8), st.data())
def test_the_pairing_is_the_plain_one(base: list[Event], new: list[Event],
                                      data: st.DataObject) -> None:
    shared = data.draw(st.lists(st.integers(0, 7), max_size=4))
    for k in shared:            # some events the very same objects, as `format.alike` gives
        if k < len(base):
            new.insert(min(k, len(new)), base[k])
    assert compare_histories(base, new) == plainly(base, new)
