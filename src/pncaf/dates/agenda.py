"""What falls due in the next days, and what is overdue: the agenda of the conventions.

Each item is dated on the day that matters to the Caf agent: a renewal on the first day of
the new period (the anniversary), an end on the last day in force, a duty (`*_due`) on the
last day it can be done. Every item carries a stable `key`, so a calendar entry keeps its
identity (and its UID) across runs even when its date moves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

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

    @property
    def uid(self) -> str:
        return f"{self.convention}/{self.key}@pncaf"

    def to_json(self) -> dict[str, object]:
        return {"date": self.date.isoformat(), "kind": self.kind,
                "convention": self.convention, "file": self.file, "title": self.title,
                "overdue": self.overdue}


def agenda(convention: Convention, id: str, file: str, day: date, days: int,
           ) -> list[AgendaItem]:
    """Items of one convention due from `day` to `day + days`, plus the overdue ones."""
    horizon = day + timedelta(days=days)
    convention = convention.as_of(day)
    term = Term.of(convention)
    if term.effective is None:
        return []
    partner = convention.partner.name
    items = []
    for when, kind, key, title, can_be_overdue, *what in _candidates(convention, term, day,
                                                                    horizon):
        overdue = when < day
        if (overdue and can_be_overdue) or day <= when <= horizon:
            items.append(AgendaItem(when, kind, id, file, f"{partner} — {title}", overdue, key,
                                    partner, what[0] if what else ""))
    return sorted(items, key=lambda i: (i.date, KINDS.index(i.kind), i.key))


Candidate = tuple[date, str, str, str, bool] | tuple[date, str, str, str, bool, str]


def _candidates(convention: Convention, term: Term, day: date, horizon: date,
                ) -> Iterator[Candidate]:
    ended = term.status(day) is Status.ENDED
    end = term.ends_on
    if end is None:
        for p in term.periods(horizon + timedelta(days=400)):
            if p.notice_deadline > horizon:
                break
            yield (p.notice_deadline, "notice_deadline", f"notice/{p.number}",
                   f"dernier jour pour recevoir un préavis avant l'échéance du "
                   f"{long_date(p.end)} (sinon reconduction tacite)", False)
        if term.tacit_renewal:
            for p in term.periods(horizon):
                if p.number > 1:
                    yield (p.start, "renewal", f"renewal/{p.number}",
                           f"reconduction tacite : période {p.number} du {long_date(p.start)} "
                           f"au {long_date(p.end)}", False)
    else:
        yield (end, "end", "end", f"fin de la convention (dernier jour : {long_date(end)})",
               False)
    for status in reports(convention, term, horizon):
        if status.received is None:
            s = status.semester
            yield (s.due, "report_due", f"report/{s.label}",
                   f"indicateurs du {status.name_fr} à transmettre", True, status.name_fr)
    if ended:
        return
    for duty in yearly_duties(convention, term, horizon):
        if duty.done_on is None:
            what = "comité de pilotage" if duty.kind == "committee" else "visite annuelle de la Caf"
            yield (duty.period.end, f"{duty.kind}_due", f"{duty.kind}/{duty.period.number}",
                   f"{what} de la période {duty.period.number} (au plus tard le "
                   f"{long_date(duty.period.end)})", True)
    yield from _follow_up_visits(convention, end)
    due = training_due(convention, term, day)
    if due is not None and (end is None or due <= end):
        first = last_training(convention, day) is None or due == first_training_due(
            convention, term)
        what = "première formation" if first else "formation"
        yield (due, "training_due", "training",
               f"{what} des agents à suivre (webinaire mensuel de la Caf), au plus tard le "
               f"{long_date(due)}", True, what)


#: A visit that ends with an action plan is followed by another visit this much later.
FOLLOW_UP = relativedelta(months=3)


def _follow_up_visits(convention: Convention, end: date | None) -> Iterator[Candidate]:
    """A follow-up visit for each visit with outcome `action_plan` that no later visit
    followed, three months after it (within the time in force)."""
    visits = [e for e in convention.history if isinstance(e, VisitEvent)]
    for visit in visits:
        if visit.outcome != "action_plan" or any(v.date > visit.date for v in visits):
            continue
        when = visit.date + FOLLOW_UP
        if end is not None and when > end:
            when = end
        note = f" ({visit.note})" if visit.note else ""
        yield (when, "visit_due", f"visit/follow-up/{visit.date.isoformat()}",
               f"visite de suivi du plan d'action décidé le {long_date(visit.date)}{note}",
               True)
