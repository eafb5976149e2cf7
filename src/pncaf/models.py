"""The convention format (`format: pncaf/1`) as pydantic models.

The models say what a well-formed file is; the engagements that depend on several values
or on time (opening minimum, reports, …) are rules in `pncaf.rules`. Unknown keys are
refused everywhere, so a typo never passes silently. Each model cites the article of the
model convention it comes from.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from pncaf.hours import TimeRange, overlaps, parse_range
from pncaf.identifiers import siren_problem

# The model convention's thresholds and term (Art. 4, Art. 11): files may only raise the
# opening minimum; the term defaults to one year, tacitly renewed, three months' notice.
MIN_HALF_DAYS = 4
MIN_WEEKLY_HOURS = 12
DEFAULT_NOTICE_MONTHS = 3


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, values are checked on assignment."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- value types -------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "impossible_date", "{value} is not a real date (check the day and the month)",
                {"value": value}) from None
    raise PydanticCustomError("date_format", "expected a date written YYYY-MM-DD, got {value}",
                              {"value": _show(value)})


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"`{value}`"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return f"`{value}`"


IsoDate = Annotated[
    date,
    BeforeValidator(_parse_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _ISO_DATE.pattern}),
]


def _parse_time_range(value: Any) -> TimeRange:
    if isinstance(value, TimeRange):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError(
            "time_range", "expected a time range in quotes such as \"08:30-12:00\", got {value}",
            {"value": _show(value)})
    try:
        return parse_range(value)
    except ValueError as exc:
        raise PydanticCustomError("time_range", str(exc)) from None


TimeRangeField = Annotated[
    TimeRange,
    BeforeValidator(_parse_time_range),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{2}:\d{2}-\d{2}:\d{2}$",
                    "examples": ["08:30-12:00"]}),
]


def _no_overlap(ranges: list[TimeRange]) -> list[TimeRange]:
    pairs = overlaps(ranges)
    if pairs:
        i, j = pairs[0]
        raise PydanticCustomError(
            "overlap", "{a} and {b} overlap on the same day: merge them or correct one",
            {"a": str(ranges[i]), "b": str(ranges[j])})
    return ranges


DayRanges = Annotated[list[TimeRangeField], AfterValidator(_no_overlap)]


def _check_siren(value: str) -> str:
    problem = siren_problem(value)
    if problem:
        raise PydanticCustomError("siren", problem)
    return value.replace(" ", "")


Siren = Annotated[str, AfterValidator(_check_siren),
                  WithJsonSchema({"type": "string", "pattern": r"^\d{9}$"})]
Postcode = Annotated[str, Field(pattern=r"^\d{5}$", examples=["77270"])]
Email = Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
Text = Annotated[str, Field(min_length=1)]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


# --- parties and sites -------------------------------------------------------------------

class Address(Strict):
    street: Text
    postcode: Postcode
    city: Text
    complement: str | None = None


class Person(Strict):
    """Someone named in the convention, with the title used in documents (gendered as
    written: « Directrice », « Maire »)."""

    name: Text
    title: Text


class Caf(Strict):
    """The Caf that grants the label (preamble, Art. 3)."""

    name: Text
    address: Address
    city: Text = Field(description="where the Caf signs (« Fait à … »)")
    representative: Person
    level2_contact: Email = Field(description="address for level-2 requests (Art. 3, annex 3)")


class Partner(Strict):
    """The body labelled « Point numérique Caf » (preamble)."""

    name: Text
    siren: Siren
    address: Address
    representative: Person
    email: Email | None = Field(default=None, description="where reminders are sent")


class Week(Strict):
    """The regular weekly opening of a site (Art. 7), weekday → list of ranges."""

    monday: DayRanges = []
    tuesday: DayRanges = []
    wednesday: DayRanges = []
    thursday: DayRanges = []
    friday: DayRanges = []
    saturday: DayRanges = []
    sunday: DayRanges = []

    def as_dict(self) -> dict[str, list[TimeRange]]:
        return {day: list(getattr(self, day)) for day in type(self).model_fields}


class MonthlyOpening(Strict):
    """An opening that recurs once a month, e.g. the 4th Saturday (Art. 7). Shown, never
    counted toward the Art. 4 minimum."""

    nth: Literal[1, 2, 3, 4, 5, -1] = Field(description="which weekday of the month; -1 = last")
    weekday: Weekday
    hours: DayRanges = []
    note: str | None = None

    @model_validator(mode="after")
    def _hours_or_note(self) -> MonthlyOpening:
        if not self.hours and not self.note:
            raise PydanticCustomError(
                "monthly", "give the `hours` of this monthly opening, or a `note` when they "
                "are not known")
        return self


class Equipment(Strict):
    """Equipment offered to the public (Art. 8)."""

    computers: int = Field(default=0, ge=0)
    printers: int = Field(default=0, ge=0)
    scanners: int = Field(default=0, ge=0)


class Site(Strict):
    """A place where the point welcomes the public (Art. 7, 8)."""

    name: Text
    address: Address
    hours: Week
    monthly: list[MonthlyOpening] = []
    manager: Person | None = None
    equipment: Equipment | None = None


# --- term, engagements, préfecture ---------------------------------------------------------

class Signatures(Strict):
    """Signature dates; the convention takes effect on signature (Art. 11)."""

    caf: IsoDate | None = None
    partner: IsoDate | None = None


class Term(Strict):
    """Length of a period, tacit renewal and notice (Art. 11)."""

    years: int = Field(default=1, ge=1, le=10)
    tacit_renewal: bool = True
    notice_months: int = Field(default=DEFAULT_NOTICE_MONTHS, ge=0, le=11)


class Engagements(Strict):
    """Opening minimum of Art. 4; a convention may raise it, never lower it."""

    min_half_days: int = Field(default=MIN_HALF_DAYS, ge=MIN_HALF_DAYS, le=14)
    min_weekly_hours: float = Field(default=MIN_WEEKLY_HOURS, ge=MIN_WEEKLY_HOURS, le=168)


class Prefecture(Strict):
    """The préfecture's acknowledgement of receipt (ACTES)."""

    id: Text
    transmitted: IsoDate
    received: IsoDate | None = None


# --- history -------------------------------------------------------------------------------

ReportPeriod = Annotated[str, Field(pattern=r"^\d{4}-S[12]$", examples=["2023-S1"])]


class _Event(Strict):
    date: IsoDate


class ReportEvent(_Event):
    """Semi-annual indicators received by the Caf (Art. 9, annex 2)."""

    event: Literal["report"]
    period: ReportPeriod
    indicators: dict[str, Annotated[int, Field(ge=0)]] = {}


class CommitteeEvent(_Event):
    """The point's yearly steering committee (Art. 9)."""

    event: Literal["committee"]
    note: str | None = None


class VisitEvent(_Event):
    """The Caf's yearly visit (Art. 9)."""

    event: Literal["visit"]
    outcome: Literal["compliant", "action_plan", "non_compliant"]
    note: str | None = None


class TrainingEvent(_Event):
    """Training attended by the partner's staff (Art. 3, 4)."""

    event: Literal["training"]
    attendees: list[Text] = Field(min_length=1)
    kind: Literal["webinar", "onsite"] | None = None


class NoticeEvent(_Event):
    """Dénonciation; `date` is the day the other party received it (Art. 11)."""

    event: Literal["notice"]
    by: Literal["caf", "partner"]
    sent: IsoDate | None = None

    @model_validator(mode="after")
    def _sent_before_received(self) -> NoticeEvent:
        if self.sent is not None and self.sent > self.date:
            raise PydanticCustomError(
                "notice_sent", "the notice was sent ({sent}) after it was received ({date}): "
                "`date` is the day of receipt, `sent` the day it left",
                {"sent": self.sent.isoformat(), "date": self.date.isoformat()})
        return self


class LabelWithdrawnEvent(_Event):
    """The Caf withdrew the label (Art. 6)."""

    event: Literal["label_withdrawn"]
    reason: Text


class ClosureEvent(_Event):
    """An exceptional closure signalled to the Caf (Art. 4)."""

    event: Literal["closure"]
    until: IsoDate
    reason: Text

    @model_validator(mode="after")
    def _until_after_date(self) -> ClosureEvent:
        if self.until < self.date:
            raise PydanticCustomError(
                "closure", "the closure ends ({until}) before it starts ({date})",
                {"until": self.until.isoformat(), "date": self.date.isoformat()})
        return self


Event = Annotated[
    ReportEvent | CommitteeEvent | VisitEvent | TrainingEvent | NoticeEvent
    | LabelWithdrawnEvent | ClosureEvent,
    Field(discriminator="event"),
]
EVENT_KINDS = ("report", "committee", "visit", "training", "notice", "label_withdrawn",
               "closure")


# --- the convention ------------------------------------------------------------------------

class Convention(Strict):
    """One « Point numérique Caf » convention between a Caf and a partner."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True,
        json_schema_extra={"$id": "https://pncaf.invalid/schema/pncaf-1.json",
                           "title": "Convention « Point numérique Caf » (pncaf/1)"},
    )

    format: Literal["pncaf/1"]
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")] | None = None
    caf: Caf
    partner: Partner
    sites: list[Site] = Field(min_length=1)
    signed: Signatures = Signatures()
    effective: IsoDate | None = None
    term: Term = Term()
    engagements: Engagements = Engagements()
    prefecture: Prefecture | None = None
    history: list[Event] = []

    @field_validator("history")
    @classmethod
    def _oldest_first(cls, events: list[Any]) -> list[Any]:
        for i in range(1, len(events)):
            if events[i].date < events[i - 1].date:
                raise PydanticCustomError(
                    "history_order", "history is kept oldest first: event {i} ({d1}) comes "
                    "after event {j} ({d2}); move it up",
                    {"i": i + 1, "j": i, "d1": events[i].date.isoformat(),
                     "d2": events[i - 1].date.isoformat()})
        return events

    def as_of(self, day: date) -> Convention:
        """The convention as it stood on `day`: events recorded after it are not known yet.
        The history is oldest first, so positions of the remaining events do not change."""
        kept = [event for event in self.history if event.date <= day]
        if len(kept) == len(self.history):
            return self
        return self.model_copy(update={"history": kept})

    @property
    def effective_date(self) -> date | None:
        """E: `effective` if given, else the later signature (Art. 11); None = draft."""
        if self.effective is not None:
            return self.effective
        if self.signed.caf is None or self.signed.partner is None:
            return None
        return max(self.signed.caf, self.signed.partner)
