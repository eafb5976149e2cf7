"""The scalars of a convention, converted as pydantic's default (lax) mode converts them,
and the one shape of a problem the validator records (`pncaf.format.validator`)."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Any

Loc = tuple[str | int, ...]
ErrorRecord = dict[str, Any]
Check = Callable[[Any, Loc, list[ErrorRecord]], Any]

#: Returned by a check that found a problem (already recorded).
INVALID: Any = object()

_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


def note_error(errors: list[ErrorRecord], kind: str, loc: Loc, value: Any, message: str,
               ctx: dict[str, Any] | None = None) -> Any:
    record: ErrorRecord = {"type": kind, "loc": loc, "msg": message, "input": value}
    if ctx:
        record["ctx"] = ctx
    errors.append(record)
    return INVALID


# --- scalars, converted as pydantic's lax mode does ------------------------------------------

def _str(value: Any, loc: Loc, errors: list[ErrorRecord]) -> Any:
    if isinstance(value, str):
        return value.strip()
    return note_error(errors, "string_type", loc, value, "Input should be a valid string")


def _int(value: Any, loc: Loc, errors: list[ErrorRecord]) -> Any:
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return note_error(errors, "finite_number", loc, value,
                                  "Input should be a finite number")
        if abs(value) >= 2 ** 63:
            return note_error(errors, "int_parsing_size", loc, value,
                              "Unable to parse input string as an integer, exceeded maximum size")
        if value.is_integer():
            return int(value)
        return note_error(errors, "int_from_float", loc, value,
                          "Input should be a valid integer, got a number with a fractional part")
    if isinstance(value, str):
        text = value.strip()
        if text and (text.isascii() and text.lstrip("+-").replace("_", "").isdigit()):
            try:
                return int(text)
            except ValueError:
                pass
        return note_error(errors, "int_parsing", loc, value,
                          "Input should be a valid integer, unable to parse string as an integer")
    return note_error(errors, "int_type", loc, value, "Input should be a valid integer")


def _float(value: Any, loc: Loc, errors: list[ErrorRecord]) -> Any:
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return note_error(errors, "float_parsing", loc, value,
                              "Input should be a valid number, unable to parse string as a number")
    return note_error(errors, "float_type", loc, value, "Input should be a valid number")


def _bool(value: Any, loc: Loc, errors: list[ErrorRecord]) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value in (0, 1):
            return bool(value)
        kind = "bool_parsing" if isinstance(value, int) else "bool_type"
        return note_error(errors, kind, loc, value, "Input should be a valid boolean")
    if isinstance(value, str):
        lowered = value.lower()
        if lowered in _TRUE or lowered in _FALSE:
            return lowered in _TRUE
        return note_error(errors, "bool_parsing", loc, value,
                          "Input should be a valid boolean, unable to interpret input")
    return note_error(errors, "bool_type", loc, value, "Input should be a valid boolean")


def _date(value: Any, loc: Loc, errors: list[ErrorRecord]) -> Any:
    if isinstance(value, date):
        return value
    return note_error(errors, "date_type", loc, value, "Input should be a valid date")


SCALARS: dict[Any, Check] = {str: _str, int: _int, float: _float, bool: _bool, date: _date}
