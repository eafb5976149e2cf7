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
from typing import Annotated, Literal

from pncaf.format.constraints import After, Doc, Ge, Le, MinLen, Pattern, Problem, model
from pncaf.format.events import (
    EVENT_KINDS,
    AcknowledgmentEvent,
    ClosureEvent,
    CommitteeEvent,
    Event,
    EventKind,
    LabelWithdrawnEvent,
    NoticeEvent,
    Party,
    ReportEvent,
    TrainingEvent,
    TrainingKind,
    VisitEvent,
    VisitOutcome,
    _oldest_first,
)
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

#: The events and value types are defined beside (format/events.py, format/values.py) and
#: named here too, where the rest of pncaf has always found them.
__all__ = [
    "EVENT_KINDS",
    "AcknowledgmentEvent",
    "Address",
    "Caf",
    "ClosureEvent",
    "CommitteeEvent",
    "Convention",
    "Email",
    "Engagements",
    "Equipment",
    "Event",
    "EventKind",
    "IsoDate",
    "LabelWithdrawnEvent",
    "MonthlyOpening",
    "Note",
    "NoticeEvent",
    "Partner",
    "Party",
    "Person",
    "Postcode",
    "Prefecture",
    "ReportEvent",
    "Signatures",
    "Siren",
    "Site",
    "Term",
    "Text",
    "TrainingEvent",
    "TrainingKind",
    "VisitEvent",
    "VisitOutcome",
    "Week",
    "Weekday",
    "date_problem",
    "french_date",
]

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


@model
class Equipment:
    """Equipment offered to the public (Art. 8)."""

    computers: Annotated[int, Ge(0)] = 0
    printers: Annotated[int, Ge(0)] = 0
    scanners: Annotated[int, Ge(0)] = 0


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
