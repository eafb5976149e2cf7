"""The events of a convention's history (workflow §3): what happened, on which day, oldest
first. Each model cites the article it comes from; `pncaf.format.models` puts the history
into the convention.
"""

from dataclasses import field
from typing import Annotated, Any, Literal, get_args

from pncaf.format.constraints import Doc, Ge, MinLen, Pattern, Problem, Tagged, model
from pncaf.format.values import IsoDate, Note, Text

ReportPeriod = Annotated[str, Pattern(r"^(19|2[01])\d\d-S[12]$"), Doc(examples=("2023-S1",))]
VisitOutcome = Literal["compliant", "action_plan", "non_compliant"]
TrainingKind = Literal["webinar", "onsite"]
Party = Literal["caf", "partner"]


@model
class _Event:
    date: IsoDate


@model
class ReportEvent(_Event):
    """Semi-annual indicators received by the Caf (Art. 9, annex 2)."""

    event: Literal["report"]
    period: ReportPeriod
    indicators: dict[str, Annotated[int, Ge(0)]] = field(default_factory=dict)
    correction: Annotated[bool, Doc("this report replaces an earlier one for the same period "
                                    "(the latest counts)")] = False


@model
class CommitteeEvent(_Event):
    """The point's yearly steering committee (Art. 9)."""

    event: Literal["committee"]
    note: Note | None = None


@model
class VisitEvent(_Event):
    """The Caf's yearly visit (Art. 9)."""

    event: Literal["visit"]
    outcome: VisitOutcome
    note: Note | None = None


@model
class TrainingEvent(_Event):
    """Training attended by the partner's staff (Art. 3, 4)."""

    event: Literal["training"]
    attendees: Annotated[list[Text], MinLen(1)]
    kind: TrainingKind | None = None


@model
class NoticeEvent(_Event):
    """Dénonciation; `date` is the day the other party received it (Art. 11)."""

    event: Literal["notice"]
    by: Party
    sent: IsoDate | None = None

    def __post_init__(self) -> None:
        if self.sent is not None and self.sent > self.date:
            raise Problem("notice_sent", f"the notice was sent ({self.sent.isoformat()}) after "
                          f"it was received ({self.date.isoformat()}): `date` is the day of "
                          "receipt, `sent` the day it left")


@model
class LabelWithdrawnEvent(_Event):
    """The Caf withdrew the label (Art. 6)."""

    event: Literal["label_withdrawn"]
    reason: Text


@model
class ClosureEvent(_Event):
    """An exceptional closure signalled to the Caf (Art. 4)."""

    event: Literal["closure"]
    until: IsoDate
    reason: Text
    site: Annotated[Text | None, Doc("the name of the site closed, as in `sites`; "
                                     "absent: every site")] = None

    def __post_init__(self) -> None:
        if self.until < self.date:
            raise Problem("closure", f"the closure ends ({self.until.isoformat()}) before it "
                          f"starts ({self.date.isoformat()})")


@model
class AcknowledgmentEvent(_Event):
    """The team took note of a finding about the past that cannot be undone any more (a
    committee missed in 2023): `pncaf check` still lists it, as `info` (workflow §5)."""

    event: Literal["acknowledgment"]
    rule: Annotated[str, Pattern(r"^[a-z0-9-]+$"), Doc(examples=("committee-missing",))]
    subject: Annotated[Text, Doc("the finding's subject, as `check --format json` gives it",
                                 examples=("2024-S1", "period 2"))]
    note: Text


Event = Annotated[
    ReportEvent | CommitteeEvent | VisitEvent | TrainingEvent | NoticeEvent
    | LabelWithdrawnEvent | ClosureEvent | AcknowledgmentEvent,
    Tagged("event"),
]
#: The values of `event:`, one per model of the union above (a test holds the two alike);
#: the command line offers them as the choices of `pncaf record`.
EventKind = Literal["report", "committee", "visit", "training", "notice", "label_withdrawn",
                    "closure", "acknowledgment"]
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)


def _oldest_first(events: list[Any]) -> list[Any]:
    for i in range(1, len(events)):
        if events[i].date < events[i - 1].date:
            raise Problem(
                "history_order", f"history is kept oldest first: event {i + 1} "
                f"({events[i].date.isoformat()}) comes after event {i} "
                f"({events[i - 1].date.isoformat()}); move it up")
    return events
