"""The validator's quick path (`format/validator_quick.py`) builds a valid file's model
without noting where each value is; at the first problem it gives up and the full
validator judges. It must never build anything the full validator would not build, value
for value and type for type, and it must actually take every valid convention (else the
network commands pay for both)."""

from __future__ import annotations

import copy
import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from helpers import CONVENTIONS, VALID
from pncaf.files.yaml_positions import parse_yaml
from pncaf.format.models import Convention, Event
from pncaf.format.validator import validate_fully
from pncaf.format.validator_quick import Unsure, quick
from test_validator import CORPUS, ODD_VALUES, PARITY, SCALAR_PLACES, mutated_data, parsed


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (1, 1.0 and True are not alike here);
    a model holds the same values in its instance, in the same order, defaults included
    (the quick path makes it without `__init__`)."""
    if type(a) is not type(b):
        return False
    if dataclasses.is_dataclass(a):
        mine, theirs = vars(a), vars(b)
        return (list(mine) == list(theirs) == [f.name for f in dataclasses.fields(a)]
                and all(same(mine[k], theirs[k]) for k in mine))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def assert_quick_agrees(data: Any, annotation: Any = Convention) -> bool:
    """The quick path gives up, or builds what the full validator builds; whether it took
    the data."""
    full, errors = validate_fully(annotation, copy.deepcopy(data))
    try:
        built = quick(annotation)(copy.deepcopy(data))
    except Unsure:
        return False
    assert not errors, "the quick path took what the full validator refuses"
    assert same(built, full)
    return True


@PARITY
@given(mutated_data())
def test_a_mutated_convention_is_built_alike_or_left_to_the_full_validator(data: Any) -> None:
    assert_quick_agrees(data)


def valid_files() -> list[Path]:
    found = []
    for path in [*sorted(CONVENTIONS.glob("*.yaml")), *sorted(CORPUS.rglob("*.yaml"))]:
        result, problems = parse_yaml(path.read_bytes().decode("utf-8", "replace"))
        if result is not None and not problems and validate_fully(Convention, result.data)[0]:
            found.append(path)
    return found


@pytest.mark.parametrize("path", valid_files(), ids=lambda p: p.name)
def test_every_valid_file_is_built_by_the_quick_path(path: Path) -> None:
    result, _ = parse_yaml(path.read_bytes().decode("utf-8", "replace"))
    assert result is not None
    assert assert_quick_agrees(result.data), "a valid file left to the full validator"


@pytest.mark.parametrize("place", sorted(SCALAR_PLACES))
@pytest.mark.parametrize("value", ODD_VALUES, ids=repr)
def test_each_odd_value_is_converted_alike_or_left(place: str, value: Any) -> None:
    data = parsed(VALID)
    node = data
    *parents, last = SCALAR_PLACES[place]
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = copy.deepcopy(value)
    assert_quick_agrees(data)


@pytest.mark.parametrize(("event", "taken"), [
    ({"date": "2024-03-01", "event": "training", "attendees": ["Ana"]}, True),
    ({"date": date(2024, 3, 1), "event": "visit", "outcome": "compliant"}, True),
    ({"date": "2024-03-01", "event": "notice", "by": "caf", "sent": "2024-03-02"}, False),
    ({"date": "2024-03-01", "event": "report", "period": "2023-S2",
      "indicators": {" accueils ": 3}, "correction": 1}, True),
    ({"date": "2024-03-01", "event": "report", "period": "2023-S2",
      "indicators": {"accueils": -1}}, False),
    ({"date": "2024-03-01", "event": "closure", "until": "2024-02-01", "reason": "x"}, False),
    ({"date": "2024-03-01", "event": "nope"}, False),
    ({"date": "2024-03-01"}, False),
])
def test_an_event_alone(event: dict[str, Any], taken: bool) -> None:
    assert assert_quick_agrees(event, Event) is taken


def test_a_refused_file_s_values_are_not_kept_alive() -> None:
    """What the quick path gave up on is dropped with it: an exception raised again and
    again would keep every frame it went through, and the data of every invalid file."""
    import gc
    import weakref

    from pncaf.format.validator import validate_as

    class Odd:
        """A value no field takes."""

    odd = Odd()
    seen = weakref.ref(odd)
    data = parsed(VALID)
    data["partner"]["name"] = odd
    assert validate_as(Convention, data)[0] is None
    assert validate_as(Convention, parsed(VALID))[0] is not None
    del data, odd
    gc.collect()
    assert seen() is None
