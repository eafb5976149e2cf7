"""The recurring duties of Art. 3 and 9, computed against the history.

- Reports: semester S1 covers 1 January–31 July, due 10 August; S2 covers 1 August–
  31 December, due 10 January of the next year. A semester is owed when it overlaps the
  time the convention is in force.
- Committee and visit: at least one of each in every period (Art. 9); the last day to hold
  them is the period's échéance.
- Training: monthly sessions are mandatory (Art. 3); the first training is due
  `engagements.first_training_months` (default 3) after the effective date, then one in
  every 12 months.
- Days in force: a semester partly in force (a convention that starts on 15 December) owes
  its report for the days in force only; `days_in_force` names them, for every output.

Pure functions: `Term` for the dates, the convention's history for what was done.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from pncaf.dates.term import Period, Term, add_months
from pncaf.format.models import (
    CommitteeEvent,
    Convention,
    ReportEvent,
    TrainingEvent,
    VisitEvent,
)
from pncaf.french import day_span, semester_name

#: months between two trainings (`add_months`: dateutil's relativedelta, written out)
TRAINING_EVERY = 12


@dataclass(frozen=True)
class Semester:
    """A half-year of reports. Those `containing` and `next` give are made once a run
    (`_semester`) and keep their dates and names once worked out: `check` asks for the dozen
    semesters of each of ten thousand conventions, the same forty or so every time."""

    year: int
    half: int   # 1 or 2

    @cached_property
    def label(self) -> str:
        return f"{self.year}-S{self.half}"

    @cached_property
    def start(self) -> date:
        return date(self.year, 1, 1) if self.half == 1 else date(self.year, 8, 1)

    @cached_property
    def end(self) -> date:
        return date(self.year, 7, 31) if self.half == 1 else date(self.year, 12, 31)

    @cached_property
    def due(self) -> date:
        return date(self.year, 8, 10) if self.half == 1 else date(self.year + 1, 1, 10)

    @cached_property
    def name_fr(self) -> str:
        """« 1er semestre 2027 », « 2d semestre 2026 »."""
        return semester_name(self.year, self.half)

    def next(self) -> Semester:
        return _semester(self.year, 2) if self.half == 1 else _semester(self.year + 1, 1)

    @classmethod
    def containing(cls, day: date) -> Semester:
        return _semester(day.year, 1 if day.month <= 7 else 2)

    @classmethod
    def parse(cls, label: str) -> Semester:
        year, half = label.split("-S")
        return cls(int(year), int(half))


@lru_cache(maxsize=1024)
def _semester(year: int, half: int) -> Semester:
    return Semester(year, half)


def days_in_force(semester: Semester, term: Term) -> tuple[date, date] | None:
    """The first and last day of `semester` on which the convention is in force: the
    whole semester, or the part after E and before the end (a convention in force from
    15 December 2026 owes 2026-S2 for 15–31 December only). None when it is in force on
    none of its days: a draft, a semester before the start or after the end."""
    if term.effective is None:
        return None
    first = max(semester.start, term.effective)
    last = semester.end if term.ends_on is None else min(semester.end, term.ends_on)
    return (first, last) if first <= last else None


@dataclass(frozen=True)
class ReportStatus:
    semester: Semester
    received: ReportEvent | None
    index: int | None           # position of the report in the history
    first_day: date             # the days of the semester in force (`days_in_force`)
    last_day: date

    @property
    def late(self) -> bool:
        return self.received is not None and self.received.date > self.semester.due

    @property
    def partial(self) -> bool:
        """True when the convention is in force on part of the semester only."""
        return (self.first_day, self.last_day) != (self.semester.start, self.semester.end)

    @property
    def name_fr(self) -> str:
        """« 2d semestre 2026 (du 15 décembre 2026 au 31 décembre 2026) »."""
        return f"{self.semester.name_fr} ({day_span(self.first_day, self.last_day)})"


def owed_semesters(term: Term, until: date) -> Iterator[Semester]:
    """Semesters that overlap the time in force, from E up to `until` (and the end)."""
    if term.effective is None:
        return
    last = until if term.ends_on is None else min(until, term.ends_on)
    if last < term.effective:
        return
    semester = Semester.containing(term.effective)
    while semester.start <= last:
        yield semester
        semester = semester.next()


def reports(convention: Convention, term: Term, until: date) -> list[ReportStatus]:
    """Each owed semester up to `until`, with the report received for it (first one)."""
    received: dict[str, tuple[int, ReportEvent]] = {}
    for index, event in enumerate(convention.history):
        if isinstance(event, ReportEvent) and event.period not in received:
            received[event.period] = (index, event)
    out = []
    for semester in owed_semesters(term, until):
        found = received.get(semester.label)
        days = days_in_force(semester, term)
        assert days is not None      # an owed semester overlaps the time in force
        first, last = days
        out.append(ReportStatus(semester, found[1] if found else None,
                                found[0] if found else None, first, last))
    return out


@dataclass(frozen=True)
class YearlyDuty:
    kind: str                   # "committee" or "visit"
    period: Period
    done_on: date | None


def yearly_duties(convention: Convention, term: Term, until: date,
                  since: date | None = None) -> list[YearlyDuty]:
    """Committee and visit of every period in force that starts by `until` (and, with
    `since`, ends on or after it: the agenda's, which has no use for the years before)."""
    committees = [e.date for e in convention.history if isinstance(e, CommitteeEvent)]
    visits = [e.date for e in convention.history if isinstance(e, VisitEvent)]
    out = []
    for p in term.periods(until):
        start, end = p.start, p.end
        if since is not None and end < since:
            continue
        out.append(YearlyDuty("committee", p,
                              next((d for d in committees if start <= d <= end), None)))
        out.append(YearlyDuty("visit", p, next((d for d in visits if start <= d <= end), None)))
    return out


def last_training(convention: Convention, until: date) -> date | None:
    days = [e.date for e in convention.history if isinstance(e, TrainingEvent)
            and e.date <= until]
    return max(days) if days else None


def first_training_due(convention: Convention, term: Term) -> date | None:
    """The day by which the first training is due: `first_training_months` after E."""
    if term.effective is None:
        return None
    months = convention.engagements.first_training_months
    return add_months(term.effective, months)


def training_due(convention: Convention, term: Term, day: date) -> date | None:
    """The last day by which a training must have happened for `day` to be covered: the
    first one `first_training_months` after E, then a year after the last one (never before
    the first is due: a training held before signing does not bring it forward)."""
    first = first_training_due(convention, term)
    if first is None:
        return None
    last = last_training(convention, day)
    return first if last is None else max(first, add_months(last, TRAINING_EVERY))
