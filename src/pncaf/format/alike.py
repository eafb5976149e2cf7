"""Validate a version of a convention with the help of another, already validated one.

`pncaf diff` compares two versions that are mostly the same: a committee added to a
history of eighty events leaves every other part as it was. Validating a part depends only
on its data, and equal data gives equal models (the checks convert 1, 1.0 and `true` to
the field's own type alike), so a part of the old version equal to the same part of the
new one is given to the validator as the new version's model, which it takes as it is
(`pncaf.format.validator`: a model instance is already valid). What holds the parts
together (the history in date order, a closure naming one of the sites, the convention
itself) is still checked on the whole.
"""

from __future__ import annotations

from typing import Any

from pncaf.format.models import Convention
from pncaf.format.validator import is_model

#: The lists of the convention whose items are models (`history`'s are a tagged union).
_LISTS = ("sites", "history")


def with_parts_of(data: dict[str, Any], other: dict[str, Any], valid: Convention,
                  ) -> dict[str, Any]:
    """`data`, where a part equals the same part of `other` (the data `valid` was built
    from), that part of `valid` instead; same keys, same order."""
    out = dict(data)
    for key, value in data.items():
        if key not in other:
            continue
        if key in _LISTS:
            if isinstance(value, list) and isinstance(other[key], list):
                out[key] = _items(value, other[key], getattr(valid, key))
        elif isinstance(value, dict) and (value is other[key] or value == other[key]):
            model = getattr(valid, key, None)
            if is_model(type(model)):
                out[key] = model
    return out


def _items(items: list[Any], others: list[Any], valid: list[Any]) -> list[Any]:
    """The items of `items` that equal those of `others` at the start and at the end (one
    event added, removed or edited leaves all the others in place) as their models."""
    count = min(len(items), len(others))
    start = 0
    while start < count and _same(items[start], others[start]):
        start += 1
    end = 0
    while end < count - start and _same(items[-1 - end], others[-1 - end]):
        end += 1
    return [*valid[:start], *items[start:len(items) - end], *valid[len(valid) - end:]]


def _same(a: Any, b: Any) -> bool:
    """Equal; at once when `files.yaml_alike` gave both versions the very same object."""
    return a is b or bool(a == b)
