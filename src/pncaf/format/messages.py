"""Validate parsed data against the models and turn the errors into diagnostics.

An error's `loc` reads like `("history", 3, "report", "period")` (the shape pydantic uses,
which `pncaf.format.validator` keeps); we follow it through the data (skipping the union tags) to
find the YAML node it concerns, and rewrite the message so that it says what to do, in the
vocabulary of the file.
"""

from __future__ import annotations

import difflib
from typing import Any

from pncaf.files.yaml_positions import Path, Position, SourceMap
from pncaf.format.hours import WEEKDAYS_FR
from pncaf.format.identifiers import mask_nirs
from pncaf.format.models import EVENT_KINDS, Convention
from pncaf.format.validator import fields_of, validate_as
from pncaf.printable import excerpt
from pncaf.problems import Diagnostic, Severity

#: What a pattern-checked field should look like, by the key that holds it.
_PATTERN_HINTS = {
    "postcode": "a postcode is 5 digits in quotes, for example \"77270\"",
    "period": "a report period is written YYYY-S1 (January–July) or YYYY-S2 (August–December)",
    "email": "expected an e-mail address such as accueil@mairie.fr",
    "level2_contact": "expected an e-mail address",
    "id": "an id uses letters, digits, dots, dashes and underscores, e.g. 77-villeparisis",
}

_MINIMUM_HINTS = {
    "min_half_days": "Art. 4 sets at least 4 half-days a week: a convention may raise it, "
                     "never lower it",
    "min_weekly_hours": "Art. 4 sets at least 12 hours a week: a convention may raise it, "
                        "never lower it",
}

_MAXIMUM_HINTS = {
    "equipment": " (the machines the public uses at this site: an extra digit?)",
    "indicators": " (one semester's count at one point: an extra digit?)",
}

_LIST_HINTS = {
    "sites": "a convention names at least one site (Art. 7)",
    "attendees": "name at least one attendee, e.g. `attendees: [Atika Belkebir]`",
}


def validate(data: Any, source: SourceMap) -> tuple[Convention | None, list[Diagnostic]]:
    """Validate `data`; on failure return every problem (`schema`) at the position it
    concerns, in the one shape of pncaf's problems (the loader gives it the file's name)."""
    convention, errors = validate_as(Convention, data)
    if convention is not None:
        return convention, []
    if isinstance(data, dict) and not any(key in fields_of(Convention) for key in data):
        # another kind of YAML file (a CI secret, a tool's settings): not a word of it
        return None, [_schema(((1, 1), "this file is not a convention: none of its keys is "
                               "one of format:, caf:, partner:, sites:, …; is this the right "
                               "file?"))]
    errors = _drop_missing_explained_by_typos(errors, data)
    problems = sorted({_translate(err, data, source) for err in errors})
    return None, [_schema(problem) for problem in problems]


def _schema(problem: tuple[Position, str]) -> Diagnostic:
    (line, column), message = problem
    # a message quotes the value: a NIR in it masked (`personal-data` reports it, masked)
    return Diagnostic("", line, column, Severity.ERROR, "schema", mask_nirs(message))


def explain(err: Any, data: Any) -> str:
    """The message for one error on `data`, without a position (for data that does not come
    from a file, such as the options of `pncaf record`)."""
    return _translate(err, data, SourceMap())[1]


def _drop_missing_explained_by_typos(errors: list[Any], data: Any) -> list[Any]:
    """`sirene:` for `siren:` is one mistake: keep "unknown key … did you mean `siren`?" and
    drop the "missing key `siren`" that follows from it."""
    typos: set[Path] = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            path = data_path(data, err["loc"])
            close = difflib.get_close_matches(str(path[-1]).lower(), err["ctx"]["allowed"],
                                              n=1, cutoff=0.6)
            if close:
                typos.add((*path[:-1], close[0]))
    return [err for err in errors
            if not (err["type"] == "missing" and data_path(data, err["loc"]) in typos)]


def _translate(err: Any, data: Any, source: SourceMap) -> tuple[Position, str]:
    kind: str = err["type"]
    path = data_path(data, err["loc"])
    value = err.get("input")
    ctx = err.get("ctx") or {}
    last = path[-1] if path else None
    where = _describe(path, data)

    if kind == "extra_forbidden":
        pos = source.key(path) or (1, 1)
        message = _unknown_key(str(last), list(ctx["allowed"]))
        if value is None and " " in str(last):
            message += ("; if this text belongs to the value before it, put that value in "
                        "quotes: a comma inside { … } starts a new key")
        return pos, message
    if kind == "missing":
        parent = path[:-1]
        pos = (source.key(parent) if parent else None) or (1, 1)
        inside = f" in {_describe(parent, data)}" if parent else ""
        if last == "format":
            return pos, "missing `format: pncaf/1`: add it as the first line of the file"
        return pos, f"missing key `{last}`{inside}: add it"
    pos = source.value(path) or (1, 1)
    if not path and kind in ("model_type", "model_attributes_type", "dict_type"):
        return pos, ("this file is not a convention: a convention is a mapping of keys "
                     f"(format:, caf:, partner:, sites:, …), not {_kind_of_unquoted(value)}"
                     "; is this the right file?")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return pos, f"{where} should be a mapping of `key: value` lines, not {_kind_of(value)}"
    if kind == "list_type":
        return pos, f"{where} should be a list (lines starting with `- `), not {_kind_of(value)}"
    if kind == "string_type":
        hint = ": put it in quotes" if isinstance(value, (int, float, bool)) else ""
        return pos, f"{where} should be text, not {_kind_of(value)}{hint}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return pos, f"{where} should be a whole number, not {_kind_of(value)}"
    if kind == "int_parsing_size":
        return pos, (f"{where} is {_kind_of(value)}, far too large: it should be a whole "
                     "number such as 12 (an extra digit?)")
    if kind in ("float_type", "float_parsing"):
        return pos, f"{where} should be a number, not {_kind_of(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return pos, f"{where} should be true or false, not {_kind_of(value)}"
    if kind == "literal_error":
        if last == "format":
            return pos, (f"`format` is {_kind_of(value)}, but this version of pncaf reads "
                         "`pncaf/1`")
        return pos, f"{where} is {_kind_of(value)}: use {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(str(last), f"expected the form {ctx.get('pattern')}")
        return pos, f"{where} is {_kind_of(value)}: {hint}"
    if kind in ("greater_than_equal", "greater_than"):
        hint = _MINIMUM_HINTS.get(str(last), f"it must be at least {ctx.get('ge', ctx.get('gt'))}")
        return pos, f"{where} is {_kind_of(value)}: {hint}"
    if kind in ("less_than_equal", "less_than"):
        limit = ctx.get("le", ctx.get("lt"))
        hint = _MAXIMUM_HINTS.get(str(path[-2]) if len(path) > 1 else "", "")
        return pos, f"{where} is {_kind_of(value)}: it must be at most {limit}{hint}"
    if kind == "too_short":
        hint = _LIST_HINTS.get(str(last), f"it needs at least {ctx.get('min_length')} item(s)")
        return pos, f"{where} is empty: {hint}"
    if kind == "string_too_short":
        return pos, f"{where} is empty: write a value or remove the key"
    if kind == "union_tag_invalid":
        return pos, (f"unknown event {_kind_of(ctx.get('tag'))}: an event is one of "
                     f"{', '.join(EVENT_KINDS)}")
    if kind == "union_tag_not_found":
        return pos, f"each history entry starts with `event:` (one of {', '.join(EVENT_KINDS)})"
    return pos, f"{where}: {err['msg']}" if path else err["msg"]


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"the number `{value}`"
    if isinstance(value, str):
        return f"`{excerpt(value)}`"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"`{excerpt(str(value))}`"


def _kind_of_unquoted(value: Any) -> str:
    """What the top of a file is, without a word of it: a file that is not a convention
    (a link's target, a secret) is never quoted."""
    if isinstance(value, str):
        return f"a text of {len(value)} characters"
    if isinstance(value, list):
        return "a list"
    return "a number or a date" if value is not None else "empty"


_ITEM_NOUNS = {"sites": "site", "history": "event"}


def _describe(path: Path, data: Any = None) -> str:
    """How a person reads a position in the file: `partner.siren`, or for an item of a list
    its number from 1 and its name: `hours.monday` of site 2 (Médiathèque des Saules)."""
    owner, rest = "", path
    if len(path) >= 2 and path[0] in _ITEM_NOUNS and isinstance(path[1], int):
        owner = f"{_ITEM_NOUNS[str(path[0])]} {path[1] + 1}"
        label = _item_label(data, str(path[0]), path[1])
        owner += f" ({label})" if label else ""
        rest = path[2:]
    dotted = ""
    for part in rest:
        dotted += f"[{part}]" if isinstance(part, int) else (f".{part}" if dotted else str(part))
    if owner and dotted:
        return f"`{dotted}` of {owner}"
    return owner or f"`{dotted}`"


def _item_label(data: Any, key: str, index: int) -> str:
    """A site's name, or an event's kind and date, as written in the file."""
    try:
        item = data[key][index]
    except (TypeError, KeyError, IndexError):
        return ""
    if not isinstance(item, dict):
        return ""
    if key == "sites":
        name = item.get("name")
        return name if isinstance(name, str) else ""
    kind, day = item.get("event"), item.get("date")
    if isinstance(kind, str) and day is not None:
        return f"{kind} of {day}"
    return kind if isinstance(kind, str) else ""


def data_path(data: Any, loc: tuple[Any, ...]) -> Path:
    """Follow pydantic's `loc` through the data, dropping the union tags it inserts."""
    path: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and _is_field_name(part):
            # a missing or unknown key: it ends the path
            path.append(part)
            node = None
    return tuple(path)


def _is_field_name(part: str) -> bool:
    return part not in EVENT_KINDS and not part.startswith(("function-", "["))


def _unknown_key(key: str, allowed: list[str]) -> str:
    message = f"unknown key `{excerpt(key)}`"
    lowered = key.lower()
    if lowered in WEEKDAYS_FR and WEEKDAYS_FR[lowered] in allowed:
        return f"{message}: weekdays are written in English, use `{WEEKDAYS_FR[lowered]}`"
    close = difflib.get_close_matches(lowered, allowed, n=1, cutoff=0.6)
    if close:
        return f"{message}: did you mean `{close[0]}`?"
    if allowed:
        return f"{message}: the keys allowed here are {', '.join(allowed)}"
    return message
