"""What the reminder templates receive (`reminder.txt.j2`, `reminder-subject.txt.j2`):
plain values only, the convention's part computed once for its several reminders."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from pncaf.dates.agenda import AgendaItem
from pncaf.dates.duties import Semester
from pncaf.dates.term import Status, Term
from pncaf.format.models import Convention
from pncaf.french import and_list, day_span, guillemets, semester_name
from pncaf.outputs.documents import convention_context
from pncaf.settings import Settings

if TYPE_CHECKING:
    from pncaf.outputs.reminders import Addressing


def reminder_context(item: AgendaItem, convention: Convention, settings: Settings,
                     day: date, who: Addressing, attached: bool,
                     words: ConventionWords | None = None) -> dict[str, Any]:
    """What the reminder templates receive: plain values only. `words`: the run's, which
    keeps the convention's part from one of its reminders to the next."""
    officer = settings.officer
    return {
        **(words or ConventionWords())(convention, item.convention, day),
        "file": item.file,
        "item": {
            "date": item.date, "kind": item.kind, "title": item.title,
            "overdue": item.overdue, "key": item.key,
            "semester": _semester_words(item),
            "span": day_span(*item.span) if item.span else None,
            "start": item.span[0] if item.span else None,
            "end": item.span[1] if item.span else None,
            "period": item.key.rpartition("/")[2] if "/" in item.key else None,
            "what": item.what,
            "follow_up": "/follow-up/" in item.key,     # a visit after an action plan
        },
        "audience": who.audience,
        "forward": who.forward,
        "officer": ({"name": officer.name, "email": officer.email, "phone": officer.phone}
                    if officer else None),
        "attached": attached,
        "today": day,
    }


class ConventionWords:
    """The convention's part of the context, made once for its several reminders, which
    are composed one after the other: a run keeps one, which keeps the last convention's.
    The templates cannot change it (shipped ones do not; a team's run in the immutable
    sandbox)."""

    def __init__(self) -> None:
        self._last: tuple[Convention, str, date, dict[str, Any]] | None = None

    def __call__(self, convention: Convention, convention_id: str, day: date,
                 term: Term | None = None) -> dict[str, Any]:
        """The part of `convention` on `day`; `term`: `Term.at(convention, day)` when the
        caller has it."""
        last = self._last
        if last is not None and last[0] is convention and last[1:3] == (convention_id, day):
            return last[3]
        part = _convention_part(convention, convention_id, day,
                                Term.at(convention, day) if term is None else term)
        self._last = (convention, convention_id, day, part)
        return part


def _convention_part(convention: Convention, convention_id: str, day: date, term: Term,
                     ) -> dict[str, Any]:
    names = [guillemets(site.name) for site in convention.sites]
    withdrawn = term.withdrawals[0][1] if term.withdrawals else None
    return {
        **convention_context(convention, convention_id),
        "site_names": and_list(names),
        "point": ("du Point numérique Caf " + names[0] if len(names) == 1 else
                  f"du Point numérique Caf ({and_list(names)})"),
        "notice_months": convention.term.notice_months,
        "withdrawn": ({"date": withdrawn.date, "reason": withdrawn.reason}
                      if withdrawn else None),
        # the label ends with its withdrawal (Art. 6) or with the convention: say nothing
        # of it afterwards
        "label_holds": withdrawn is None and term.status(day) is not Status.ENDED,
    }


def _semester_words(item: AgendaItem) -> str | None:
    if item.kind != "report_due":
        return None
    semester = Semester.parse(item.key.partition("/")[2])
    return semester_name(semester.year, semester.half)
