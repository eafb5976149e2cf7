"""The term of a convention (spec §2 Dates), to the day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import VALID, load, replace
from pncaf.dates.term import Status, Term, anniversary, notice_deadline, period, period_number

D = date.fromisoformat


@pytest.mark.parametrize("effective,n,years,expected", [
    ("2022-10-05", 1, 1, "2023-10-05"),
    ("2022-10-05", 4, 1, "2026-10-05"),
    ("2024-02-29", 1, 1, "2025-02-28"),     # 29 February → 28 February in a common year
    ("2024-02-29", 4, 1, "2028-02-29"),     # computed from E each time: back to the 29th
    ("2024-02-29", 1, 3, "2027-02-28"),
    ("2023-03-14", 2, 3, "2029-03-14"),
])
def test_anniversary(effective: str, n: int, years: int, expected: str) -> None:
    assert anniversary(D(effective), n, years) == D(expected)


@pytest.mark.parametrize("echeance,months,expected", [
    ("2023-10-04", 3, "2023-07-04"),
    ("2024-05-31", 3, "2024-02-29"),        # missing day → last day of the month (leap)
    ("2025-05-31", 3, "2025-02-28"),
    ("2024-12-31", 1, "2024-11-30"),
    ("2026-03-13", 3, "2025-12-13"),        # a Saturday: no weekend shift
    ("2024-06-30", 0, "2024-06-30"),
])
def test_notice_deadline(echeance: str, months: int, expected: str) -> None:
    assert notice_deadline(D(echeance), months) == D(expected)


def test_periods_of_the_spec_example() -> None:
    p = period(D("2022-10-05"), 5)
    assert (p.start, p.end, p.notice_deadline) == (D("2026-10-05"), D("2027-10-04"),
                                                    D("2027-07-04"))


@pytest.mark.parametrize("day,n", [
    ("2022-10-05", 1), ("2023-10-04", 1), ("2023-10-05", 2), ("2020-01-01", 1),
    ("2027-10-04", 5), ("2027-10-05", 6),
])
def test_period_number_boundaries(day: str, n: int) -> None:
    assert period_number(D("2022-10-05"), D(day)) == n


def convention(signed: str = "2022-10-05", history: str = "", term: str = "") -> Term:
    text = replace(VALID, "signed: {caf: 2024-01-10, partner: 2024-01-15}",
                   f"signed: {{caf: {signed}, partner: {signed}}}{term}")
    if history:
        text = replace(text, "history: []", "history:\n" + history)
    loaded = load(text)
    assert loaded.convention is not None, loaded.diagnostics
    return Term.of(loaded.convention)


def notice(day: str, by: str = "partner") -> str:
    return f"  - {{date: {day}, event: notice, by: {by}}}\n"


@pytest.mark.parametrize("received,ends,on_time", [
    ("2023-07-04", "2023-10-04", True),     # on the deadline day itself
    ("2023-07-05", "2024-10-04", False),    # the day after: one more period
    ("2023-10-04", "2024-10-04", False),    # on the échéance: too late for this period
    ("2023-10-05", "2024-10-04", True),     # first day of period 2: on time for period 2
    ("2022-11-01", "2023-10-04", True),
])
def test_notice_on_time_or_late(received: str, ends: str, on_time: bool) -> None:
    term = convention(history=notice(received))
    assert term.ends_on == D(ends)
    assert term.notices[0].on_time is on_time


def test_sent_date_is_kept_but_receipt_decides() -> None:
    term = convention(history="  - {date: 2023-07-06, event: notice, by: caf, sent: 2023-07-01}\n")
    assert term.notices[0].event.sent == D("2023-07-01")
    assert not term.notices[0].on_time and term.ends_on == D("2024-10-04")


def test_no_tacit_renewal_ends_after_period_one() -> None:
    term = convention(term="\nterm: {tacit_renewal: false}")
    assert term.ends_on == D("2023-10-04")
    assert term.status(D("2023-10-04")) is Status.TERMINATING
    assert term.status(D("2023-10-05")) is Status.ENDED


def test_multi_year_periods() -> None:
    term = convention(term="\nterm: {years: 3, notice_months: 6}")
    p = term.current_period(D("2026-01-01"))
    assert p is not None and (p.number, p.start, p.end, p.notice_deadline) == (
        2, D("2025-10-05"), D("2028-10-04"), D("2028-04-04"))


@pytest.mark.parametrize("day,status", [
    ("2022-10-04", Status.UPCOMING), ("2022-10-05", Status.ACTIVE),
    ("2023-11-30", Status.ACTIVE), ("2023-12-01", Status.TERMINATING),
    ("2024-10-04", Status.TERMINATING),
    ("2024-10-05", Status.ENDED),
])
def test_status_around_a_notice(day: str, status: Status) -> None:
    text = replace(VALID, "signed: {caf: 2024-01-10, partner: 2024-01-15}",
                   "signed: {caf: 2022-10-05, partner: 2022-10-05}")
    text = replace(text, "history: []", "history:\n" + notice("2023-12-01"))
    loaded = load(text)
    assert loaded.convention is not None
    # a notice counts from the day it is received: before that, the end is not known
    assert Term.of(loaded.convention.as_of(D(day))).status(D(day)) is status


def test_draft_without_both_signatures() -> None:
    text = replace(VALID, "partner: 2024-01-15", "partner: null")
    loaded = load(text)
    assert loaded.convention is not None
    term = Term.of(loaded.convention)
    assert term.status(D("2030-01-01")) is Status.DRAFT and term.current_period(D("2030-01-01")
                                                                                 ) is None


def test_next_notice_deadline_moves_on_after_the_deadline() -> None:
    term = convention()
    assert term.next_notice_deadline(D("2026-07-04")) == D("2026-07-04")
    assert term.next_notice_deadline(D("2026-07-05")) == D("2027-07-04")
    assert convention(history=notice("2023-01-01")).next_notice_deadline(D("2023-02-01")) is None


def test_earliest_notice_wins() -> None:
    term = convention(history=notice("2023-09-01") + notice("2023-10-10", by="caf"))
    assert term.ends_on == D("2024-10-04")


# --- properties ------------------------------------------------------------------------

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


@given(dates, st.integers(1, 5), st.integers(0, 11), st.integers(1, 12))
def test_periods_tile_time(effective: date, years: int, months: int, n: int) -> None:
    a, b = period(effective, n, years, months), period(effective, n + 1, years, months)
    assert a.start <= a.end and b.start == a.end + timedelta(days=1)
    if n == 1:
        assert a.start == effective


@given(dates, st.integers(1, 5), st.integers(0, 11), st.integers(1, 12))
def test_deadline_never_after_the_echeance(effective: date, years: int, months: int,
                                           n: int) -> None:
    p = period(effective, n, years, months)
    assert p.notice_deadline <= p.end
    if months:
        assert p.notice_deadline < p.end


@given(dates, st.integers(1, 5))
def test_every_day_falls_in_exactly_one_period(effective: date, years: int) -> None:
    day = effective + timedelta(days=1000)
    n = period_number(effective, day, years)
    assert day in period(effective, n, years)


@given(st.dates(min_value=date(2022, 10, 5), max_value=date(2040, 1, 1)))
def test_a_notice_never_ends_the_convention_before_it_was_received(received: date) -> None:
    term = convention(history=notice(received.isoformat()))
    assert term.ends_on is not None and term.ends_on >= received


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
       st.integers(min_value=-240, max_value=1200))
def test_add_months_moves_a_day_as_relativedelta_does(day: date, months: int) -> None:
    """The term's month arithmetic (written out for speed) gives dateutil's answer on every
    day, 29 February and month ends included."""
    from dateutil.relativedelta import relativedelta

    from pncaf.dates.term import add_months

    assert add_months(day, months) == day + relativedelta(months=months)
