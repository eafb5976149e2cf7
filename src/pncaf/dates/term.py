"""The term of a convention (Art. 11): periods, échéances, notice deadlines, end, status.

Pure functions over dates; nothing here reads files. The rules, as the contract states them:

- E, the effective date, is `effective` if given, else the later signature.
- Anniversary A(n) = E + n × `years` years, computed from E each time, so that a start on
  29 February gives 28 February in common years and 29 February again in leap years.
- Period n runs from A(n-1) to A(n) − 1 day; its last day is the échéance.
- Notice deadline of period n = échéance − `notice_months` months, a missing day becoming
  the month's last day (échéance 31 May → deadline 28/29 February); no weekend shift.
- A notice received on or before the deadline of the period it falls in ends the convention
  on that period's échéance; received later, on the next period's échéance.
- Without tacit renewal the convention ends on the échéance of period 1.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cached_property, lru_cache

from pncaf.format.models import Convention, LabelWithdrawnEvent, NoticeEvent

ONE_DAY = timedelta(days=1)


class Status(StrEnum):
    DRAFT = "draft"
    UPCOMING = "upcoming"
    ACTIVE = "active"
    TERMINATING = "terminating"
    ENDED = "ended"


@dataclass(frozen=True)
class Period:
    number: int
    start: date
    end: date               # the échéance, last day of the period
    notice_deadline: date   # last day a notice can be received to end the convention at `end`

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def to_json(self) -> dict[str, object]:
        return {"number": self.number, "start": self.start.isoformat(),
                "end": self.end.isoformat()}


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, a missing day becoming the month's last (31 May − 3
    months = 28/29 February, 29 February + 1 year = 28 February): what dateutil's
    relativedelta does, written out because every rule asks it thousands of times a run
    (relativedelta took a third of the rules' time)."""
    month0 = day.year * 12 + day.month - 1 + months
    year, month = divmod(month0, 12)
    month += 1
    if day.day <= 28:
        return date(year, month, day.day)
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def anniversary(effective: date, n: int, years: int = 1) -> date:
    """A(n) = E + n periods; 29 February becomes 28 in common years."""
    return add_months(effective, 12 * n * years)


def notice_deadline(echeance: date, notice_months: int) -> date:
    """échéance − N months, clamped to the month's last day (31 May − 3 months = 28/29 Feb)."""
    return add_months(echeance, -notice_months)


@lru_cache(maxsize=4096)
def period(effective: date, n: int, years: int = 1, notice_months: int = 3) -> Period:
    """Period n (1-based). Cached: the agenda of one convention asks for its periods again
    and again (each duty walks them)."""
    if n < 1:
        raise ValueError("periods are numbered from 1")
    return _period(n, anniversary(effective, n - 1, years), anniversary(effective, n, years),
                   notice_months)


def _period(n: int, start: date, following: date, notice_months: int) -> Period:
    """Period n from its first day and the first day of the next one."""
    end = following - ONE_DAY
    return Period(n, start, end, notice_deadline(end, notice_months))


def period_number(effective: date, day: date, years: int = 1) -> int:
    """The n whose period holds `day` (1 for any day before E)."""
    if day < effective:
        return 1
    n = max(1, (day.year - effective.year) // years)
    while anniversary(effective, n - 1, years) > day:
        n -= 1
    while anniversary(effective, n, years) <= day:
        n += 1
    return n


@dataclass(frozen=True)
class NoticeOutcome:
    """What a notice does: the period it fell in, and the end date it causes."""

    event: NoticeEvent
    index: int                  # position in the history (for diagnostics)
    period: Period
    on_time: bool
    ends_on: date


@dataclass(frozen=True)
class Term:
    """Everything the dates of one convention depend on."""

    effective: date | None
    years: int
    notice_months: int
    tacit_renewal: bool
    notices: tuple[NoticeOutcome, ...]
    withdrawals: tuple[tuple[int, LabelWithdrawnEvent], ...]

    @classmethod
    def of(cls, convention: Convention) -> Term:
        e = convention.effective_date
        t = convention.term
        notices = []
        withdrawals = []
        for index, event in enumerate(convention.history):
            if isinstance(event, NoticeEvent) and e is not None:
                notices.append(_notice_outcome(event, index, e, t.years, t.notice_months,
                                               t.tacit_renewal))
            elif isinstance(event, LabelWithdrawnEvent):
                withdrawals.append((index, event))
        return cls(e, t.years, t.notice_months, t.tacit_renewal, tuple(notices),
                   tuple(withdrawals))

    @classmethod
    def at(cls, convention: Convention, day: date) -> Term:
        """The term as known on `day`: history events after it are ignored."""
        return cls.of(convention.as_of(day))

    def label_in_force(self, day: date) -> bool:
        """The label starts with the convention and ends with it or with its withdrawal
        (Art. 6, 11)."""
        return not self.withdrawals and self.in_force(day)

    def period(self, n: int) -> Period:
        assert self.effective is not None
        return period(self.effective, n, self.years, self.notice_months)

    @cached_property
    def ends_on(self) -> date | None:
        """Last day in force, when known: the earliest end any notice (or the absence of
        tacit renewal) causes. Worked out once for a term (the agenda asks it of each
        semester and period of a long history)."""
        if self.effective is None:
            return None
        candidates = [n.ends_on for n in self.notices]
        if not self.tacit_renewal:
            candidates.append(self.period(1).end)
        return min(candidates) if candidates else None

    @property
    def deciding_notice(self) -> NoticeOutcome | None:
        """The notice that sets the end date, if any."""
        if not self.notices:
            return None
        return min(self.notices, key=lambda n: (n.ends_on, n.event.date))

    def status(self, day: date) -> Status:
        if self.effective is None:
            return Status.DRAFT
        if day < self.effective:
            return Status.UPCOMING
        end = self.ends_on
        if end is None:
            return Status.ACTIVE
        return Status.TERMINATING if day <= end else Status.ENDED

    def current_period(self, day: date) -> Period | None:
        """The period holding `day`, kept within the time in force (period 1 before E, the
        last period after the end)."""
        if self.effective is None:
            return None
        end = self.ends_on
        anchor = max(day, self.effective)
        if end is not None:
            anchor = min(anchor, end)
        return self.period(period_number(self.effective, anchor, self.years))

    def next_notice_deadline(self, day: date) -> date | None:
        """The last day a notice can be received to end the convention at the earliest
        échéance still reachable from `day`; None once an end date is known."""
        current = self.current_period(day)
        if current is None or self.ends_on is not None:
            return None
        if day <= current.notice_deadline:
            return current.notice_deadline
        return self.period(current.number + 1).notice_deadline

    def periods(self, until: date) -> Iterator[Period]:
        """Periods in force that start on or before `until` (and before the end). Each
        worked out from the one before (a period starts on its predecessor's anniversary),
        not through `period`'s cache, which ten thousand conventions' start dates defeat
        (three asks in four missed it), and once for the term (`_periods`): the agenda
        asks for them three times."""
        if self.effective is None:
            return
        end = self.ends_on
        known = self._periods
        n, start = 1, self.effective
        while start <= until and (end is None or start <= end):
            if n > len(known):     # the next one: each reader walks from the first
                following = anniversary(self.effective, n, self.years)
                known.append(_period(n, start, following, self.notice_months))
            found = known[n - 1]
            yield found
            n, start = n + 1, found.end + ONE_DAY

    @cached_property
    def _periods(self) -> list[Period]:
        """The periods `periods` has worked out so far, from the first."""
        return []

    def in_force(self, day: date) -> bool:
        return self.status(day) in (Status.ACTIVE, Status.TERMINATING)


def _notice_outcome(event: NoticeEvent, index: int, effective: date, years: int,
                    notice_months: int, tacit_renewal: bool) -> NoticeOutcome:
    n = period_number(effective, event.date, years)
    p = period(effective, n, years, notice_months)
    on_time = event.date <= p.notice_deadline
    if on_time or not tacit_renewal:
        ends = p.end
    else:
        ends = period(effective, n + 1, years, notice_months).end
    return NoticeOutcome(event, index, p, on_time, ends)

