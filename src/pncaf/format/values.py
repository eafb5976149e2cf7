"""The value types of the convention format: dates, times, SIREN, postcode, e-mail
address and one-line texts, each an annotated type with its constraints (the fast validator
and the JSON Schema read them alike); `pncaf.format.models` builds the models from them.
"""

import re
from datetime import date
from typing import Annotated, Any, Literal

from pncaf.format.constraints import After, Before, Doc, JsonSchema, MinLen, Pattern, Problem
from pncaf.format.email_address import EMAIL_PATTERN
from pncaf.format.hours import TimeRange, overlaps, parse_range
from pncaf.format.identifiers import siren_problem

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: The years a convention's dates may fall in: anything else is a typo (2205 for 2025), and
#: dates near 9999 would overflow the term's arithmetic.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def _parse_iso_date(value: Any) -> date:
    # the usual value, `2026-05-14`, in one test: the only text of ten ASCII characters with
    # these dashes that `fromisoformat` reads is YYYY-MM-DD (YYYY-Www-D has its own)
    if (type(value) is str and len(value) == 10 and value[4] == "-" == value[7]
            and value.isascii()):
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            pass                            # said below, as for any other text
        else:
            if FIRST_YEAR <= parsed.year <= LAST_YEAR:
                return parsed
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


#: An e-mail address, checked as everywhere in pncaf (`pncaf.format.email_address`).
Email = Annotated[str, Pattern(EMAIL_PATTERN)]
#: For editors: what `_no_formula` refuses, as a JSON Schema pattern.
_NOT_A_FORMULA = r"^(?![\t\r])\s*[^=+\-@\s]|^\s*$"
Text = Annotated[str, MinLen(1), Before(_no_formula), Before(_one_line),
                 JsonSchema({"type": "string", "minLength": 1, "pattern": _NOT_A_FORMULA})]
Note = Annotated[str, Before(_no_formula), JsonSchema({"type": "string",
                                                       "pattern": _NOT_A_FORMULA})]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
