"""What a recorded event does, said to the person who records it (workflow §5, §7).

`record` is used by people who cannot read a YAML diff: after an event is inserted they
are told what it changes (a notice: the end date it causes, on time or late), and before,
what makes no sense (the same event twice, an acknowledgment of a finding that does not
exist). Pure functions over the convention before and after; the command prints.
"""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any

from pncaf.dates.duties import Semester, days_in_force
from pncaf.dates.term import Status, Term
from pncaf.editing.date_doubts import after_today, before_effect
from pncaf.format.models import Convention

#: Each event as the French sentence of a dubious date names it (« … porte la date du »).
_EVENT_FR = {"report": "la réception du rapport", "committee": "la réunion du comité",
             "visit": "la visite", "training": "la formation", "notice": "le préavis",
             "label_withdrawn": "le retrait du label", "closure": "la fermeture",
             "acknowledgment": "la prise en compte"}


def _same(existing: Any, event: dict[str, Any]) -> bool:
    """True when the history already holds this event, key for key."""
    from dataclasses import asdict

    known = {k: v for k, v in asdict(existing).items() if v not in (None, [], {})}
    wanted = {k: v for k, v in event.items() if v not in (None, [], {})}
    return known == wanted


def refusal(before: Convention, event: dict[str, Any]) -> str | None:
    """Why this event should not be recorded, or None: the same event is already in the
    history (a command run twice), or an acknowledgment names no finding of `check`."""
    for number, existing in enumerate(before.history, start=1):
        if _same(existing, event):
            return (f"the same {event['event']} of {event['date'].isoformat()} is already "
                    f"recorded (event {number} of the history): nothing to add")
    if event.get("event") == "acknowledgment":
        return _acknowledgment_refusal(before, event)
    if event.get("event") == "report":
        return _unfinished_semester(before, event)
    return None


def _unfinished_semester(before: Convention, event: dict[str, Any]) -> str | None:
    """A report received before its semester is over gives figures for part of it only,
    yet would count as the whole semester's (the dashboard, the export, the reminders
    that stop): refused, with the day from which it can be recorded. A convention that
    ends within the semester owes it up to its end, so its last day in force is the one
    compared."""
    from datetime import timedelta

    from pncaf.dates.duties import Semester, days_in_force

    label = str(event.get("period", ""))
    year, sep, half = label.partition("-S")
    if not (sep and year.isdigit() and half in ("1", "2")):
        return None                     # the schema names a malformed period
    semester = Semester(int(year), int(half))
    span = days_in_force(semester, Term.of(before))
    last = span[1] if span is not None else semester.end
    day: date = event["date"]
    if last <= day:
        return None
    return (f"{label} is not over: its last day in force is {last.isoformat()}, after "
            f"{day.isoformat()}, the day this report is dated; figures given before the end "
            f"would stand for the whole semester. Record the report from "
            f"{(last + timedelta(days=1)).isoformat()} (check --date and --period if the "
            "report is for another semester)")


def _acknowledgment_refusal(before: Convention, event: dict[str, Any]) -> str | None:
    from pncaf.checks.rules import RULES, RuleContext
    from pncaf.format.loader import Loaded

    rule_id = str(event.get("rule", ""))
    subject = str(event.get("subject", ""))
    names = [r.id for r in RULES]
    rule = next((r for r in RULES if r.id == rule_id), None)
    if rule is None or rule.check is None:
        close = difflib.get_close_matches(rule_id, names, n=1)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        known = ", ".join(f"`{r.id}`" for r in RULES if r.check is not None)
        return (f"--rule {rule_id}: no such rule{hint}; copy the `rule` and `subject` of the "
                f"finding from `pncaf check --format json` (the rules: {known})")
    day: date = event["date"]
    loaded = Loaded(file="", id="", convention=before)
    subjects = []
    for finding in rule.check(RuleContext(loaded, day)):
        found_subject = getattr(finding, "subject", None)
        if found_subject is not None:
            subjects.append(found_subject)
    if subject in subjects:
        return None
    if subjects:
        listed = ", ".join(f"`{s}`" for s in subjects)
        return (f"--subject {subject}: `check` finds no {rule_id} about « {subject} » on "
                f"{day.isoformat()}; its findings then are about {listed}")
    return (f"--subject {subject}: `check` finds no {rule_id} on {day.isoformat()}: there is "
            "nothing to acknowledge (see `pncaf check --format json`, field `subject`)")


def _due_after_the_end(event: dict[str, Any], term: Term) -> bool:
    """Events that normally come after the end: taking note of a finding, and the report
    of a semester with days in force (the last one is due after the end, art. 9)."""
    if event.get("event") == "acknowledgment":
        return True
    if event.get("event") != "report":
        return False
    try:
        semester = Semester.parse(str(event.get("period")))
    except ValueError:
        return False
    return days_in_force(semester, term) is not None


def notes(before: Convention, after: Convention, event: dict[str, Any]) -> list[str]:
    """Sentences saying what the recorded event does, for the person who recorded it."""
    day: date = event["date"]
    out: list[str] = []
    old, new = Term.of(before), Term.of(after)
    what = _EVENT_FR.get(str(event.get("event")), "l'événement")
    late = after_today(what, day, date.today())   # the history only grows: a typo stays
    out += [late] if late else []
    if new.effective is not None:
        status = new.status(day)
        early = before_effect(what, day, new.effective)
        if early:
            out.append(early)
        elif (status is Status.ENDED and old.ends_on is not None
              and not _due_after_the_end(event, old)):
            out.append(f"note: the convention ended on {old.ends_on.isoformat()}: this event "
                       "falls after its end")
    if event.get("event") == "notice" and new.effective is not None:
        outcome = next((n for n in new.notices if n.event.date == day
                        and n.event.by == event.get("by")), None)
        if outcome is not None:
            out.append(_notice_note(outcome.on_time, outcome.period.notice_deadline,
                                    outcome.period.end, outcome.ends_on, new))
    if event.get("event") == "acknowledgment":
        out.append(f"`pncaf check` now lists {event['rule']} « {event['subject']} » as info; "
                   "it no longer fails --strict")
    if event.get("event") == "visit" and event.get("outcome") == "action_plan":
        out.append("the agenda now shows a follow-up visit of the action plan")
    return out


def _notice_note(on_time: bool, deadline: date, echeance: date, ends_on: date,
                 new: Term) -> str:
    if on_time:
        text = (f"notice on time (deadline {deadline.isoformat()}): the convention ends on "
                f"{ends_on.isoformat()}")
    else:
        text = (f"notice late (the deadline was {deadline.isoformat()}): the convention is "
                f"renewed once more and now ends on {ends_on.isoformat()} instead of "
                f"{echeance.isoformat()}")
    if new.ends_on is not None and new.ends_on != ends_on:
        text += f"; an earlier notice already ends it on {new.ends_on.isoformat()}"
    return text
