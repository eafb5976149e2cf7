"""The convention format (`format: pncaf/1`) as dataclasses with declared constraints.

The models say what a well-formed file is: `pncaf.format.validator` checks a file against them
and pydantic writes their JSON Schema (see `pncaf.format.constraints`). The engagements that
depend on several values or on time (opening minimum, reports, …) are rules in
`pncaf.checks.rules`. Unknown keys are
refused everywhere, so a typo never passes silently. Each model cites the article of the
model convention it comes from.
"""

import re
from dataclasses import field, replace
from datetime import date
from typing import Annotated, Any, Literal, get_args

from pncaf.format.constraints import (
    After,
    Before,
    Doc,
    Ge,
    JsonSchema,
    Le,
    MinLen,
    Pattern,
    Problem,
    Tagged,
    model,
)
from pncaf.format.hours import WEEKDAYS, TimeRange, overlaps, parse_range
from pncaf.format.identifiers import siren_problem

# The model convention's thresholds and term (Art. 4, Art. 11): files may only raise the
# opening minimum; the term defaults to one year, tacitly renewed, three months' notice.
MIN_HALF_DAYS = 4
MIN_WEEKLY_HOURS = 12
DEFAULT_NOTICE_MONTHS = 3
FIRST_TRAINING_MONTHS = 3       # the first training is due 3 months after E (workflow §6)


# --- value types -------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: The years a convention's dates may fall in: anything else is a typo (2205 for 2025), and
#: dates near 9999 would overflow the term's arithmetic.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def _parse_iso_date(value: Any) -> date:
    if isinstance(value, date):
        return _in_range(value)
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            raise Problem("impossible_date", f"{value} is not a real date (check the day and "
                          "the month)") from None
        return _in_range(parsed)
    fixed = french_date(value) if isinstance(value, str) else None
    if fixed is not None:
        raise Problem("date_format", f"`{value}` is written day first: write "
                      f"{fixed.isoformat()} (year-month-day)")
    raise Problem("date_format", f"expected a date written YYYY-MM-DD, got {_show(value)}")


_FRENCH_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def french_date(text: str) -> date | None:
    """`31/01/2027`, `5/10/2022`, `05.10.2022` (day first, as in France) → the date; None
    when the text is not such a date or not a real day."""
    match = _FRENCH_DATE.match(text.strip())
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _in_range(day: date) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise Problem("date_range", f"{day.isoformat()} is not between {FIRST_YEAR} and "
                      f"{LAST_YEAR}: check the year")
    return day


def date_problem(value: str) -> str | None:
    """Why `value` is not a date a convention may hold (options of the command line)."""
    try:
        _parse_iso_date(value)
    except Problem as problem:
        return problem.message
    return None


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return f"`{value}`"


IsoDate = Annotated[
    date,
    Before(_parse_iso_date),
    JsonSchema({"type": "string", "format": "date", "pattern": _ISO_DATE.pattern}),
]


def _parse_time_range(value: Any) -> TimeRange:
    if isinstance(value, TimeRange):
        return value
    if not isinstance(value, str):
        raise Problem("time_range", "expected a time range in quotes such as \"08:30-12:00\", "
                      f"got {_show(value)}")
    try:
        return parse_range(value)
    except ValueError as exc:
        raise Problem("time_range", str(exc)) from None


TimeRangeField = Annotated[
    TimeRange,
    Before(_parse_time_range),
    JsonSchema({"type": "string", "pattern": r"^\d{2}:\d{2}-\d{2}:\d{2}$",
                "examples": ["08:30-12:00"]}),
]


def _no_overlap(ranges: list[TimeRange]) -> list[TimeRange]:
    pairs = overlaps(ranges)
    if pairs:
        i, j = pairs[0]
        raise Problem("overlap", f"{ranges[i]} and {ranges[j]} overlap on the same day: merge "
                      "them or correct one")
    return ranges


DayRanges = Annotated[list[TimeRangeField], After(_no_overlap)]


def _check_siren(value: str) -> str:
    problem = siren_problem(value)
    if problem:
        raise Problem("siren", problem)
    return value.replace(" ", "")


Siren = Annotated[str, After(_check_siren), JsonSchema({"type": "string", "pattern": r"^\d{9}$"})]
Postcode = Annotated[str, Pattern(r"^\d{5}$"), Doc(examples=("77270",))]


def _no_formula(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula once exported (CSV injection):
    `=…`, `+…`, `-…`, `@…`, or a leading tab or carriage return (workflow.md §6)."""
    if isinstance(value, str) and (value[:1] in ("\t", "\r")
                                   or value.strip()[:1] in ("=", "+", "-", "@")):
        first = repr(value[:1]) if value[:1] in ("\t", "\r") else f"« {value.strip()[0]} »"
        raise Problem("formula", f"`{value.strip()[:40]}` begins with {first}, which a "
                      "spreadsheet opening the export runs as a formula: begin it with a "
                      "word or a digit (« moins 2 » rather than « -2 »)")
    return value


#: Characters that have no place in a name, a title or an address: line breaks and other
#: control characters, line and paragraph separators, direction overrides. They would
#: split a mail header or a CSV row, or change what a terminal or a calendar shows.
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _one_line(value: Any) -> Any:
    """A name, title, address or reason is one line of plain text (what is around it —
    spaces, a final line break of a YAML block — is trimmed as everywhere)."""
    if isinstance(value, str):
        found = _NOT_ONE_LINE.search(value.strip())
        if found:
            raise Problem("one_line", f"`{value.strip()[:40]!r}` holds an invisible character "
                          f"(U+{ord(found.group()):04X}, a line break or a control character):"
                          " names, titles and addresses are written on one line; retype it "
                          "without it")
    return value


# A local part of letters, digits and . _ % + ' - (accents allowed, RFC 6532), then a domain:
# never `=cmd|…@x.fr` (a formula) nor a quote that breaks the `To:` header.
Email = Annotated[str, Pattern(r"^\w[\w.%+'-]*@\w[\w-]*(\.[\w-]+)+$")]
#: For editors: what `_no_formula` refuses, as a JSON Schema pattern.
_NOT_A_FORMULA = r"^(?![\t\r])\s*[^=+\-@\s]|^\s*$"
Text = Annotated[str, MinLen(1), Before(_no_formula), Before(_one_line),
                 JsonSchema({"type": "string", "minLength": 1, "pattern": _NOT_A_FORMULA})]
Note = Annotated[str, Before(_no_formula), JsonSchema({"type": "string",
                                                       "pattern": _NOT_A_FORMULA})]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


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
