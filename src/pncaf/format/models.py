"""The convention format (`format: pncaf/1`) as dataclasses with declared constraints.

The models say what a well-formed file is: `pncaf.format.validator` checks a file against them
and pydantic writes their JSON Schema (see `pncaf.format.constraints`). The engagements that
depend on several values or on time (opening minimum, reports, …) are rules in
`pncaf.checks.rules`. Unknown keys are
refused everywhere, so a typo never passes silently. Each model cites the article of the
model convention it comes from.
"""

from dataclasses import field, replace
from datetime import date
from typing import Annotated, Any, Literal, get_args

from pncaf.format.constraints import After, Doc, Ge, Le, MinLen, Pattern, Problem, Tagged, model
from pncaf.format.hours import WEEKDAYS, TimeRange
from pncaf.format.values import (
    DayRanges,
    Email,
    IsoDate,
    Note,
    Postcode,
    Siren,
    Text,
    Weekday,
    date_problem,
    french_date,
)

#: The value types are defined beside (format/values.py) and named here too, where the rest
#: of pncaf has always found them (the models themselves are defined below).
__all__ = ["DayRanges", "Email", "IsoDate", "Note", "Postcode", "Siren", "Text", "Weekday",
           "date_problem", "french_date"]

# The model convention's thresholds and term (Art. 4, Art. 11): files may only raise the
# opening minimum; the term defaults to one year, tacitly renewed, three months' notice.
MIN_HALF_DAYS = 4
MIN_WEEKLY_HOURS = 12
DEFAULT_NOTICE_MONTHS = 3
FIRST_TRAINING_MONTHS = 3       # the first training is due 3 months after E (workflow §6)


# --- parties and sites -------------------------------------------------------------------

@model
class Address:
    street: Text
    postcode: Postcode
    city: Text
    complement: Note | None = None


@model
class Person:
    """Someone named in the convention, with the title used in documents (gendered as
    written: « Directrice », « Maire »)."""

    name: Text
    title: Text


@model
class Caf:
    """The Caf that grants the label (preamble, Art. 3)."""

    name: Text
    address: Address
    city: Annotated[Text, Doc("where the Caf signs (« Fait à … »)")]
    representative: Person
    level2_contact: Annotated[Email, Doc("address for level-2 requests (Art. 3, annex 3)")]


@model
class Partner:
    """The body labelled « Point numérique Caf » (preamble)."""

    name: Text
    siren: Siren
    address: Address
    representative: Person
    email: Annotated[Email | None, Doc("where reminders are sent")] = None


@model
class Week:
    """The regular weekly opening of a site (Art. 7), weekday → list of ranges."""

    monday: DayRanges = field(default_factory=list)
    tuesday: DayRanges = field(default_factory=list)
    wednesday: DayRanges = field(default_factory=list)
    thursday: DayRanges = field(default_factory=list)
    friday: DayRanges = field(default_factory=list)
    saturday: DayRanges = field(default_factory=list)
    sunday: DayRanges = field(default_factory=list)

    def as_dict(self) -> dict[str, list[TimeRange]]:
        return {day: list(getattr(self, day)) for day in WEEKDAYS}


@model
class MonthlyOpening:
    """An opening that recurs once a month, e.g. the 4th Saturday (Art. 7). Shown, never
    counted toward the Art. 4 minimum."""

    nth: Annotated[Literal[1, 2, 3, 4, 5, -1], Doc("which weekday of the month; -1 = last")]
    weekday: Weekday
    hours: DayRanges = field(default_factory=list)
    note: Note | None = None

    def __post_init__(self) -> None:
        if not self.hours and not self.note:
            raise Problem("monthly", "give the `hours` of this monthly opening, or a `note` "
                          "when they are not known")


#: Bounds for counts: far above any real point, far below what breaks a sum, a CSV cell or
#: a spreadsheet (`computers: 99999999999999999999999999999` is a typo, not a room).
MAX_EQUIPMENT = 1_000
MAX_COUNT = 1_000_000


@model
class Equipment:
    """Equipment offered to the public (Art. 8)."""

    computers: Annotated[int, Ge(0), Le(MAX_EQUIPMENT)] = 0
    printers: Annotated[int, Ge(0), Le(MAX_EQUIPMENT)] = 0
    scanners: Annotated[int, Ge(0), Le(MAX_EQUIPMENT)] = 0


@model
class Site:
    """A place where the point welcomes the public (Art. 7, 8)."""

    name: Text
    address: Address
    hours: Week
    monthly: list[MonthlyOpening] = field(default_factory=list)
    manager: Person | None = None
    equipment: Equipment | None = None


# --- term, engagements, préfecture ---------------------------------------------------------

@model
class Signatures:
    """Signature dates; the convention takes effect on signature (Art. 11)."""

    caf: IsoDate | None = None
    partner: IsoDate | None = None


@model
class Term:
    """Length of a period, tacit renewal and notice (Art. 11)."""

    years: Annotated[int, Ge(1), Le(10)] = 1
    tacit_renewal: bool = True
    notice_months: Annotated[int, Ge(0), Le(11)] = DEFAULT_NOTICE_MONTHS


@model
class Engagements:
    """Opening minimum of Art. 4; a convention may raise it, never lower it. The first
    training (Art. 3) is due `first_training_months` after the effective date."""

    min_half_days: Annotated[int, Ge(MIN_HALF_DAYS), Le(14)] = MIN_HALF_DAYS
    min_weekly_hours: Annotated[float, Ge(MIN_WEEKLY_HOURS), Le(168)] = float(MIN_WEEKLY_HOURS)
    first_training_months: Annotated[
        int, Ge(0), Le(12), Doc("months after the effective date by which the first "
                                "training is due (Art. 3)")] = FIRST_TRAINING_MONTHS


@model
class Prefecture:
    """The préfecture's acknowledgement of receipt (ACTES)."""

    id: Text
    transmitted: IsoDate
    received: IsoDate | None = None


# --- history -------------------------------------------------------------------------------

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
    indicators: dict[str, Annotated[int, Ge(0), Le(MAX_COUNT)]] = field(default_factory=dict)
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


# --- the convention ------------------------------------------------------------------------

ConventionId = Annotated[str, Pattern(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]


@model
class Convention:
    """One « Point numérique Caf » convention between a Caf and a partner."""

    format: Literal["pncaf/1"]
    id: ConventionId | None = None
    caf: Caf
    partner: Partner
    sites: Annotated[list[Site], MinLen(1)]
    signed: Signatures = field(default_factory=Signatures)
    effective: IsoDate | None = None
    term: Term = field(default_factory=Term)
    engagements: Engagements = field(default_factory=Engagements)
    prefecture: Prefecture | None = None
    history: Annotated[list[Event], After(_oldest_first)] = field(default_factory=list)

    def __post_init__(self) -> None:
        names = [site.name for site in self.sites]
        for index, event in enumerate(self.history):
            if isinstance(event, ClosureEvent) and event.site is not None \
                    and event.site not in names:
                import difflib

                close = difflib.get_close_matches(event.site, names, n=1)
                hint = f"did you mean « {close[0]} »?" if close else (
                    "the sites are " + ", ".join(f"« {n} »" for n in names))
                raise Problem("closure_site", f"the closure names the site « {event.site} », "
                              f"which is not one of this convention's sites: {hint}",
                              where=("history", index, "site"))

    def as_of(self, day: date) -> "Convention":
        """The convention as it stood on `day`: events recorded after it are not known yet.
        The history is oldest first, so positions of the remaining events do not change."""
        kept = [event for event in self.history if event.date <= day]
        if len(kept) == len(self.history):
            return self
        return replace(self, history=kept)

    @property
    def effective_date(self) -> date | None:
        """E: `effective` if given, else the later signature (Art. 11); None = draft."""
        if self.effective is not None:
            return self.effective
        if self.signed.caf is None or self.signed.partner is None:
            return None
        return max(self.signed.caf, self.signed.partner)
