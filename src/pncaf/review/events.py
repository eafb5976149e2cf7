"""What each history event added by a change does, in French: a notice and the end date
it causes, a report on time or late, a label withdrawal and what follows; and the events
of the old version that were removed or changed (the history is append-only)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from pncaf.checks.diagnostics import Severity
from pncaf.checks.rules import RULES
from pncaf.dates.duties import Semester
from pncaf.dates.term import Term
from pncaf.format.models import (
    AcknowledgmentEvent,
    ClosureEvent,
    CommitteeEvent,
    Convention,
    LabelWithdrawnEvent,
    NoticeEvent,
    ReportEvent,
    TrainingEvent,
    VisitEvent,
)
from pncaf.french import EVENT_FR, long_date, short_date
from pncaf.review.changes import Change
from pncaf.review.history import compare_histories

_BY_FR = {"caf": "de la Caf", "partner": "du partenaire"}
_OUTCOME_FR = {"compliant": "conforme", "action_plan": "plan d'action",
               "non_compliant": "non conforme"}
_TRAINING_FR = {"webinar": "webinaire", "onsite": "sur place"}


def history_changes(old: Convention, new: Convention) -> Iterator[Change]:
    found = compare_histories(old.history, new.history)
    for rewrite in found.rewritten:
        event = rewrite.base
        what = f"{EVENT_FR.get(event.event, event.event)} du {long_date(event.date)}"
        if rewrite.new_index is None:
            yield Change("history-rewritten", (
                f"Historique réécrit : l'événement « {what} » a été supprimé. L'historique ne "
                "fait que s'allonger : remettez-le, et enregistrez une correction comme un "
                "nouvel événement"), Severity.ERROR, ("history",))
        else:
            fields = " ; ".join(
                f"{name} : {_shown(getattr(event, name))} → {_shown(getattr(rewrite.new, name))}"
                for name in rewrite.changed_fields())
            yield Change("history-rewritten", (
                f"Historique réécrit : l'événement « {what} » a été modifié ({fields}). "
                "L'historique ne fait que s'allonger : remettez-le tel qu'il était, et "
                "enregistrez la correction comme un nouvel événement"), Severity.ERROR,
                ("history", rewrite.new_index))
    if found.added:
        term = Term.of(new)
        for index in found.added:
            message, level = describe_event(new, term, index)
            yield Change("event", message, level, ("history", index),
                         short=short_event(new.history[index]))


def short_event(event: Any) -> str:
    """The event in a few words, for a commit's subject: « Comité de pilotage du
    02/11/2026 », « Indicateurs 2026-S2 reçus le 08/01/2027 »."""
    on = short_date(event.date)
    if isinstance(event, ReportEvent):
        return f"Indicateurs {event.period} reçus le {on}"
    if isinstance(event, VisitEvent):
        return f"Visite du {on} ({_OUTCOME_FR[event.outcome]})"
    if isinstance(event, NoticeEvent):
        return f"Préavis {'de la Caf' if event.by == 'caf' else 'du partenaire'} du {on}"
    if isinstance(event, LabelWithdrawnEvent):
        return f"Retrait du label le {on}"
    if isinstance(event, ClosureEvent):
        return f"Fermeture du {on} au {short_date(event.until)}"
    if isinstance(event, AcknowledgmentEvent):
        name = _rule_fr(event.rule)
        return f"{name[:1].upper()}{name[1:]} {event.subject} pris en compte"
    return f"{EVENT_FR.get(event.event, event.event)} du {on}"


def describe_event(conv: Convention, term: Term, index: int) -> tuple[str, Severity]:
    """One French sentence saying what the event at `index` records and does."""
    event: Any = conv.history[index]
    on = long_date(event.date)
    if isinstance(event, NoticeEvent):
        return _notice(event, term, index), Severity.WARNING
    if isinstance(event, ReportEvent):
        return _report(conv, event, index)
    if isinstance(event, LabelWithdrawnEvent):
        after = ("le certificat ne peut plus être délivré ; sans préavis, la convention "
                 "continue et sera reconduite (art. 6, 11)")
        if term.ends_on is not None:    # a notice (before or after) already ends it
            after = "le certificat ne peut plus être délivré (art. 6)"
        return f"Retrait du label le {on} ({event.reason}) : {after}", Severity.WARNING
    if isinstance(event, CommitteeEvent):
        return f"Comité de pilotage tenu le {on}{_note(event.note)}", Severity.INFO
    if isinstance(event, VisitEvent):
        level = Severity.WARNING if event.outcome == "non_compliant" else Severity.INFO
        return (f"Visite de la Caf le {on} : {_OUTCOME_FR[event.outcome]}{_note(event.note)}",
                level)
    if isinstance(event, TrainingEvent):
        kind = f" ({_TRAINING_FR[event.kind]})" if event.kind else ""
        return f"Formation{kind} le {on} : {', '.join(event.attendees)}", Severity.INFO
    if isinstance(event, ClosureEvent):
        where = f"de « {event.site} » " if event.site else "de tous les sites "
        return (f"Fermeture exceptionnelle {where}du {on} au {long_date(event.until)} : "
                f"{event.reason}"), Severity.INFO
    if isinstance(event, AcknowledgmentEvent):
        return (f"Constat pris en compte le {on} (« {_rule_fr(event.rule)} », {event.subject}) : "
                f"{event.note} ; `pncaf check` le montre désormais en information",
                Severity.INFO)
    name = EVENT_FR.get(event.event, f"« {event.event} »")
    return f"Événement {name} enregistré le {on}", Severity.INFO


def _rule_fr(rule_id: str) -> str:
    """The rule's French name (« indicateurs non reçus »), which officers read, rather than
    its id (`report-overdue`); the id when it names no rule."""
    return next((r.name_fr for r in RULES if r.id == rule_id), rule_id)


def _shown(value: object) -> str:
    """A value as the file writes it (`true`, `2024-02-01`, `accueils 255`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, dict):         # a report's indicators: « accueils 255, ateliers 3 »
        return ", ".join(f"{key} {_shown(v)}" for key, v in value.items()) or "rien"
    return "rien" if value is None else str(value)


def _note(note: str | None) -> str:
    return f" ({note})" if note else ""


def _notice(event: NoticeEvent, term: Term, index: int) -> str:
    sent = f" (envoyé le {long_date(event.sent)})" if event.sent else ""
    head = f"Préavis {_BY_FR[event.by]} reçu le {long_date(event.date)}{sent}"
    outcome = next((n for n in term.notices if n.index == index), None)
    if outcome is None:
        return (f"{head} : la convention n'a pas encore de date d'effet, sa fin ne peut pas "
                "être calculée (art. 11)")
    deadline = long_date(outcome.period.notice_deadline)
    if outcome.on_time:
        text = (f"{head}, dans le délai (au plus tard le {deadline}) : la convention prend "
                f"fin le {long_date(outcome.ends_on)}")
    elif term.tacit_renewal:
        text = (f"{head}, après la date limite du {deadline} : la convention est reconduite "
                f"une fois et prend fin le {long_date(outcome.ends_on)}, non le "
                f"{long_date(outcome.period.end)}")
    else:
        text = (f"{head}, après la date limite du {deadline} : sans reconduction tacite, la "
                f"convention prend fin le {long_date(outcome.ends_on)}")
    deciding = term.deciding_notice
    if deciding is not None and deciding.index != index and deciding.ends_on < outcome.ends_on:
        text += (f" ; un préavis antérieur la fait déjà finir le "
                 f"{long_date(deciding.ends_on)}")
    return text


def _report(conv: Convention, event: ReportEvent, index: int) -> tuple[str, Severity]:
    semester = Semester.parse(event.period)
    head = (f"Indicateurs du {semester.name_fr} ({event.period}) reçus le "
            f"{long_date(event.date)}")
    due = long_date(semester.due)
    level = Severity.INFO
    if event.date > semester.due:
        days = (event.date - semester.due).days
        text = f"{head}, en retard de {days} jour{'s' if days > 1 else ''} (attendus au plus " \
               f"tard le {due})"
        level = Severity.WARNING
    else:
        text = f"{head}, dans les délais (attendus au plus tard le {due})"
    if event.indicators:
        text += " : " + ", ".join(f"{name} {count}" for name, count in event.indicators.items())
    earlier = [e for e in conv.history[:index]
               if isinstance(e, ReportEvent) and e.period == event.period]
    if event.correction:
        text += " ; corrige le rapport déjà enregistré pour ce semestre (seul le dernier compte)"
    elif earlier:
        text += (f" ; un rapport pour ce semestre est déjà enregistré (le "
                 f"{long_date(earlier[0].date)}) : s'il le corrige, enregistrez-le avec "
                 "`--correction`")
        level = Severity.WARNING
    return text, level
