"""What falls due in the next days, and what is overdue: the agenda of the conventions.

Each item is dated on the day that matters to the Caf agent: a renewal on the first day of
the new period (the anniversary), an end on the last day in force, a duty (`*_due`) on the
last day it can be done. Every item carries a stable `key`, so a calendar entry keeps its
identity (and its UID) across runs even when its date moves.

The agenda lists what can still be done (workflow spec §3):
- a committee or a visit is due until the end of its period; once the period is over, a
  missing one is a finding of `check` (`committee-missing`, `visit-missing`), not an item;
- once the label is withdrawn (Art. 6), the point owes no committee, visit or training any
  more; the Caf's own decisions (notice, end) and the reports still owed remain;
- an ended convention owes only its last reports, asked for until six months after the
  last one fell due (`ASKED_AFTER_LAST_DUE`), then no more: nothing is reminded forever.

`settled` lists the items an earlier run may have shown that are now done or no longer due,
so that the calendar export can cancel them (same UID).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from pncaf.dates.duties import (
    first_training_due,
    last_training,
    reports,
    training_due,
    yearly_duties,
)
from pncaf.dates.term import Status, Term
from pncaf.format.models import Convention, VisitEvent
from pncaf.french import long_date

if TYPE_CHECKING:
    from pncaf.format.loader import Loaded
    from pncaf.format.stream import Skipped

#: The days an item covers (first, last).
Span = tuple[date, date]

KINDS = ("notice_deadline", "renewal", "end", "report_due", "committee_due", "visit_due",
         "training_due")


@dataclass(frozen=True)
class AgendaItem:
    date: date
    kind: str
    convention: str
    file: str
    title: str
    overdue: bool
    key: str            # stable identity of the item within its convention
    partner: str = ""
    what: str = ""      # in French, what the item is about (a semester and its days in force)
    span: Span | None = None    # days covered: a report's days in force, a period

    @property
    def uid(self) -> str:
        return f"{self.convention}/{self.key}@pncaf"

    def to_json(self) -> dict[str, object]:
        return {"date": self.date.isoformat(), "kind": self.kind,
                "convention": self.convention, "file": self.file, "title": self.title,
                "overdue": self.overdue}


def agenda(convention: Convention, id: str, file: str, day: date, days: int,
           term: Term | None = None) -> list[AgendaItem]:
    """Items of one convention due from `day` to `day + days`, plus the overdue ones.
    `term`: `Term.at(convention, day)` when the caller has it."""
    horizon = day + timedelta(days=days)
    convention = convention.as_of(day)
    term = Term.of(convention) if term is None else term
    if term.effective is None:
        return []
    partner = convention.partner.name
    items = []
    asking = still_asking(term, day)
    for c in _candidates(convention, term, day, horizon, since=day):
        overdue = c.date < day
        if c.kind == "report_due" and not asking:
            continue
        if (overdue and c.can_be_overdue) or day <= c.date <= horizon:
            items.append(c.item(id, file, partner, overdue))
    return _sorted(items)


#: How long after its last report fell due an ended convention's missing reports are still
#: asked for. The last one falls due on the 10 August or 10 January after the end; six
#: months later the former partner has had a dozen reminders (every 14 days), and asking
#: again would do nothing: a missing report stays a `report-overdue` finding of `check`.
ASKED_AFTER_LAST_DUE = relativedelta(months=6)


def still_asking(term: Term, day: date) -> bool:
    """Whether the missing reports are still asked for on `day`: always while the
    convention runs, then until `ASKED_AFTER_LAST_DUE` after its last report fell due."""
    from pncaf.dates.duties import Semester

    end = term.ends_on
    if end is None or term.status(day) is not Status.ENDED:
        return True
    return day <= Semester.containing(end).due + ASKED_AFTER_LAST_DUE


def settled(convention: Convention, id: str, file: str, day: date, days: int,
            ) -> list[AgendaItem]:
    """Items that an earlier run could have listed and that are now done or no longer due:
    a report received, a committee held, a renewal that a notice cancelled, the duties of a
    withdrawn label, an ended convention's reports no longer asked for… Those dated from
    `day - days` to `day + days`, and the overdue ones (« EN RETARD ») settled since,
    whatever their date. Items whose day simply went by (a notice deadline, an
    anniversary) are not in it: they happened, they were not undone.

    What an earlier run could list is the agenda of the convention as it stood `days` days
    ago: the events recorded since then (a report received, a notice) are what settled the
    items it listed. An event dated earlier but written in the file later is not seen."""
    start, horizon = day - timedelta(days=days), day + timedelta(days=days)
    now = convention.as_of(day)
    term = Term.of(now)
    if term.effective is None:
        return []
    live = {i.key for i in agenda(convention, id, file, day, days)}
    # went by: an item that cannot be overdue is gone once its day is; one that can (a
    # report, a training) stays listed « EN RETARD » until it is done or no longer asked
    passed = {c.key for c in _candidates(now, term, day, horizon)
              if c.date < day and not c.can_be_overdue}
    before = now.as_of(start)
    asked_then = still_asking(Term.of(before), start)
    out = []
    for c in _candidates(before, Term.of(before), day, horizon):
        # listed then: dated in the window, or overdue then (« EN RETARD », whatever its date)
        listed = start <= c.date <= horizon or (c.can_be_overdue and c.date < start)
        if c.kind == "report_due" and not asked_then:
            listed = False             # an ended convention's reports no longer asked then
        if listed and c.key not in live and c.key not in passed:
            out.append(c.item(id, file, now.partner.name, False))
    return _sorted(out)


def network_agenda(loaded: Iterable[Loaded], day: date, days: int) -> list[AgendaItem]:
    """The agenda of every valid convention in `loaded`, in date order (`pncaf agenda`)."""
    return _in_order(item for c in loaded if c.convention
                     for item in agenda(c.convention, c.id, c.file, day, days))


def network_settled(loaded: Iterable[Loaded], day: date, days: int) -> list[AgendaItem]:
    """What `settled` cancels, for every valid convention in `loaded` (the calendar)."""
    return _in_order(item for c in loaded if c.convention
                     for item in settled(c.convention, c.id, c.file, day, days))


def agenda_of_files(files: Sequence[Path], day: date, days: int,
                    on_skipped: Callable[[Skipped], None], *, with_settled: bool = False,
                    ) -> tuple[list[AgendaItem], list[AgendaItem]]:
    """`network_agenda` (and `network_settled` when asked) of the valid conventions among
    `files`, reading them one at a time: only the items are kept (`pncaf agenda`)."""
    from pncaf.format.stream import each_convention, valid_values

    def items(loaded: Loaded) -> tuple[list[AgendaItem], list[AgendaItem]]:
        c = loaded.convention
        assert c is not None
        return (agenda(c, loaded.id, loaded.file, day, days),
                settled(c, loaded.id, loaded.file, day, days) if with_settled else [])

    parts = valid_values(each_convention(files, items), on_skipped)
    return (_in_order(i for due, _ in parts for i in due),
            _in_order(i for _, done in parts for i in done))


def _in_order(items: Iterable[AgendaItem]) -> list[AgendaItem]:
    return sorted(items, key=lambda i: (i.date, i.convention, i.key))


def _sorted(items: list[AgendaItem]) -> list[AgendaItem]:
    return sorted(items, key=lambda i: (i.date, KINDS.index(i.kind), i.key))


@dataclass(frozen=True)
class _Candidate:
    date: date
    kind: str
    key: str
    #: its title, written only for the candidates that become items: most are not (the
    #: periods and semesters of years of history, outside the window or done), and
    #: writing their dates in words took a third of the agenda's time
    words: Callable[[], str]
    can_be_overdue: bool
    span: Span | None = None
    what: str = ""

    def item(self, id: str, file: str, partner: str, overdue: bool) -> AgendaItem:
        return AgendaItem(self.date, self.kind, id, file, f"{partner} — {self.words()}",
                          overdue, self.key, partner, self.what, self.span)


def _candidates(convention: Convention, term: Term, day: date, horizon: date,
                since: date | None = None) -> Iterator[_Candidate]:
    """What may be due, with the years of history before `day`. `since`: the candidates
    that cannot be overdue (a notice deadline, a renewal, a period's duty) and whose day
    is before it are not made at all (the agenda drops them: two thirds of a long
    history's candidates)."""
    ended = term.status(day) is Status.ENDED
    end = term.ends_on
    gone = since or date.min          # a day before which the undue ones are not made
    if end is None:
        for p in term.periods(horizon + timedelta(days=400)):
            if p.notice_deadline > horizon:
                break
            if p.notice_deadline >= gone:
                yield _Candidate(p.notice_deadline, "notice_deadline", f"notice/{p.number}",
                                 partial(_notice_title, p.end), False, (p.start, p.end))
        if term.tacit_renewal:
            for p in term.periods(horizon):
                if p.number > 1 and p.start >= gone:
                    yield _Candidate(p.start, "renewal", f"renewal/{p.number}",
                                     partial(_renewal_title, p.number, p.start, p.end),
                                     False, (p.start, p.end))
    elif end >= gone:
        yield _Candidate(end, "end", "end", partial(_end_title, end), False)
    for status in reports(convention, term, horizon):
        if status.received is None:
            s = status.semester
            name = status.name_fr
            yield _Candidate(s.due, "report_due", f"report/{s.label}",
                             partial(_report_title, name), True,
                             (status.first_day, status.last_day), name)
    if ended or term.withdrawals:
        return
    for duty in yearly_duties(convention, term, horizon, since):
        if duty.done_on is None:
            p = duty.period
            yield _Candidate(p.end, f"{duty.kind}_due", f"{duty.kind}/{p.number}",
                             partial(_duty_title, duty.kind, p.number, p.end), False,
                             (p.start, p.end))
    yield from _follow_up_visits(convention, end)
    due = training_due(convention, term, day)
    if due is not None and (end is None or due <= end):
        first = last_training(convention, day) is None or due == first_training_due(
            convention, term)
        what = "première formation" if first else "formation"
        yield _Candidate(due, "training_due", "training", partial(_training_title, what, due),
                         True, what=what)


def _notice_title(end: date) -> str:
    return (f"dernier jour pour recevoir un préavis avant l'échéance du {long_date(end)} "
            "(sinon reconduction tacite)")


def _renewal_title(number: int, start: date, end: date) -> str:
    return f"reconduction tacite : période {number} du {long_date(start)} au {long_date(end)}"


def _end_title(end: date) -> str:
    return f"fin de la convention (dernier jour : {long_date(end)})"


def _report_title(semester: str) -> str:
    return f"indicateurs du {semester} à transmettre"


def _duty_title(kind: str, number: int, end: date) -> str:
    what = "comité de pilotage" if kind == "committee" else "visite annuelle de la Caf"
    return f"{what} de la période {number} (au plus tard le {long_date(end)})"


def _training_title(what: str, due: date) -> str:
    return (f"{what} des agents à suivre (webinaire mensuel de la Caf), au plus tard le "
            f"{long_date(due)}")


def _follow_up_title(visit: date, note: str | None) -> str:
    noted = f" ({note})" if note else ""
    return f"visite de suivi du plan d'action décidé le {long_date(visit)}{noted}"


#: A visit that ends with an action plan is followed by another visit this much later.
FOLLOW_UP = relativedelta(months=3)


def _follow_up_visits(convention: Convention, end: date | None) -> Iterator[_Candidate]:
    """A follow-up visit for each visit with outcome `action_plan` that no later visit
    followed, three months after it (within the time in force)."""
    visits = [e for e in convention.history if isinstance(e, VisitEvent)]
    for visit in visits:
        if visit.outcome != "action_plan" or any(v.date > visit.date for v in visits):
            continue
        when = visit.date + FOLLOW_UP
        if end is not None and when > end:
            when = end
        yield _Candidate(when, "visit_due", f"visit/follow-up/{visit.date.isoformat()}",
                         partial(_follow_up_title, visit.date, visit.note), True)
