"""Values as a person types them (an option, a form field) read into what the actions
compute with: dates, `NAME=COUNT` indicators, choices in English or French. Both faces
read them here, so that the same input gets the same refusal."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pncaf.errors import InvalidRequest

#: Largest count an indicator may hold (digits beyond this are a typo, not a semester).
MAX_COUNT_DIGITS = 9


def parse_date(option: str, value: str, field: str | None = None) -> date:
    """The one reading of a typed date: YYYY-MM-DD, or the French day-first form
    31/01/2027, in a year a convention may hold. Light on imports: the fast `check` path
    uses it for --as-of."""
    from pncaf.format.models import date_problem, french_date

    day = french_date(value)
    if day is not None:
        value = day.isoformat()
    problem = date_problem(value)
    if problem is not None:
        if "YYYY-MM-DD" in problem:
            problem = "not a date: write it YYYY-MM-DD (or DD/MM/YYYY)"
        raise InvalidRequest(f"{option} {value!r}: {problem}, for example {option} 2027-01-31",
                             field=field or option.lstrip("-"))
    return date.fromisoformat(value)


def parse_indicators(values: Iterable[str]) -> dict[str, int]:
    """`NAME=COUNT` values: ASCII digits only (`²` or `٣` are not counts), each name once."""
    out: dict[str, int] = {}
    for value in values:
        name, sep, count = value.partition("=")
        count = count.strip()
        if not sep or not name.strip() or not (count.isascii() and count.isdigit()):
            raise InvalidRequest(f"--indicator {value[:60]!r}: write NAME=COUNT, e.g. "
                                 "accueils=412", field="indicator")
        if len(count) > MAX_COUNT_DIGITS:
            raise InvalidRequest(f"--indicator {name.strip()}: {len(count)} digits is too "
                                 "large for a count", field="indicator")
        if name.strip() in out:
            raise InvalidRequest(f"--indicator {name.strip()} is given twice: give each "
                                 "indicator once", field="indicator")
        out[name.strip()] = int(count)
    return out


def parse_choice(option: str, value: str | None, allowed: object) -> str | None:
    """The English value of a choice given in English or French (`conforme`)."""
    from typing import get_args

    from pncaf.french import english_choice

    if value is None:
        return None
    try:
        return english_choice(option, value, get_args(allowed))
    except ValueError as exc:
        raise InvalidRequest(str(exc), field=option) from None
