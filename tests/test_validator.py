"""pncaf's validator against pydantic, on the same models: the same files pass, the same
values come out, and the same places are blamed.

`pncaf check` does not import pydantic (it costs more than half of the one-file budget);
pydantic stays the reference here and writes the JSON Schema. Any difference found is a bug
in one of them: keep the input as a case below.
"""

from __future__ import annotations

import copy
import os
import typing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from helpers import CONVENTIONS, VALID
from pncaf.files.yaml_positions import parse_yaml
from pncaf.format.messages import data_path
from pncaf.format.models import EVENT_KINDS, Convention, Event, ReportEvent
from pncaf.format.validator import fields_of, validate_as

EXAMPLES = int(os.environ.get("PNCAF_FUZZ_EXAMPLES", "300"))
PARITY = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get(
    "PNCAF_FUZZ_EXAMPLES"), suppress_health_check=[HealthCheck.too_slow])
CORPUS = Path(__file__).parent / "corpus"
ADAPTER = TypeAdapter(Convention)


def parsed(text: str) -> Any:
    result, _ = parse_yaml(text)
    assert result is not None
    return result.data


SEEDS = [parsed(VALID), *(parsed(p.read_text()) for p in sorted(CONVENTIONS.glob("*.yaml")))]

#: Values a person (or a typo) may put anywhere.
ODD_VALUES = [None, True, False, 0, 1, -1, 2, 3, 12, 12.5, 1.5, 1e20, float("inf"), "", " ",
              " x ", "x", "1", "12", " 7 ", "1.5", "yes", "off", "2024-01-01", "2024-02-30",
              "24/01/2024", "08:30-12:00", "12:00-08:30", "77270", "7727", "2023-S1",
              "2023-S3", "123456782", "123 456 782", "123456789", "report", "monday", "caf",
              [], [None], ["x"], [1], {}, {"x": 1}, {"event": "report"}, {"event": "nope"},
              {"event": "committee", "date": "2024-01-01"}, {"date": "2024-01-01"},
              "=1+1", "-2+3", "+33 1", "@SUM(A1)", "\tx", "\rx", " =x", "x=1", "a@b.fr",
              "=cmd|x@x.fr", 'évil"@x.fr', "é@x.fr"]


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += paths(value, (*prefix, i))
    return out


def parent_and_key(data: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    node = data
    for part in path[:-1]:
        node = node[part]
    return node, path[-1]


@st.composite
def mutated_data(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 3))):
        targets = [p for p in paths(data) if p]
        if not targets:
            break
        parent, key = parent_and_key(data, draw(st.sampled_from(targets)))
        action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if action == "replace":
            parent[key] = copy.deepcopy(draw(st.sampled_from(ODD_VALUES)))
        elif action == "delete":
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["sirene", "lundi", "x", "event", "note", "hours"]))] = (
                copy.deepcopy(draw(st.sampled_from(ODD_VALUES))))
        else:
            parent.append(copy.deepcopy(draw(st.sampled_from(ODD_VALUES))))
    return data


def by_pydantic(annotation: Any, data: Any) -> tuple[Any, set[tuple[Any, ...]]]:
    try:
        return TypeAdapter(annotation).validate_python(data), set()
    except ValidationError as exc:
        return None, {data_path(data, err["loc"]) for err in exc.errors()}


def by_pncaf(annotation: Any, data: Any) -> tuple[Any, set[tuple[Any, ...]]]:
    value, errors = validate_as(annotation, data)
    return value, {data_path(data, err["loc"]) for err in errors}


def assert_same_answer(data: Any, annotation: Any = Convention) -> None:
    ours, our_places = by_pncaf(annotation, copy.deepcopy(data))
    theirs, their_places = by_pydantic(annotation, copy.deepcopy(data))
    assert ours == theirs
    assert our_places == their_places


@PARITY
@given(mutated_data())
def test_mutated_conventions_get_the_same_answer(data: Any) -> None:
    assert_same_answer(data)


@pytest.mark.parametrize("path", sorted(p for p in CORPUS.rglob("*.yaml")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_files_get_the_same_answer(path: Path) -> None:
    result, problems = parse_yaml(path.read_bytes().decode("utf-8", "replace"))
    if result is not None and not problems:
        assert_same_answer(result.data)


SCALAR_PLACES = {
    "whole number": ("term", "years"), "true/false": ("term", "tacit_renewal"),
    "number": ("engagements", "min_weekly_hours"), "text": ("partner", "name"),
    "pattern": ("partner", "address", "postcode"), "siren": ("partner", "siren"),
    "date": ("effective",), "list": ("sites",), "literal": ("format",),
}


@pytest.mark.parametrize("value", ODD_VALUES, ids=repr)
@pytest.mark.parametrize("place", SCALAR_PLACES, ids=str)
def test_each_kind_of_value_is_converted_alike(place: str, value: Any) -> None:
    data = copy.deepcopy(SEEDS[0])
    *parents, key = SCALAR_PLACES[place]
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[key] = copy.deepcopy(value)
    assert_same_answer(data)


COUNTS = [0, 1000, 1001, 10**6, 10**6 + 1, 10**29, "99999999999999999999999999999", 1e30,
          -1]


@pytest.mark.parametrize("value", COUNTS, ids=repr)
def test_counts_are_bounded_alike(value: Any) -> None:
    """An equipment count above 1,000 or a semester's indicator above 1,000,000 is refused
    by both engines, at the same place."""
    data = copy.deepcopy(SEEDS[0])
    data["sites"][0]["equipment"] = {"computers": value, "printers": 1}
    data["history"] = [{"event": "report", "date": "2024-08-01", "period": "2024-S1",
                        "indicators": {"accueils": value}}]
    assert_same_answer(data)
    _, places = by_pncaf(Convention, copy.deepcopy(data))
    too_big = isinstance(value, (int, float, str)) and float(value) > 1000
    assert (("sites", 0, "equipment", "computers") in places) == (too_big or value == -1)


@pytest.mark.parametrize("value", ODD_VALUES, ids=repr)
def test_monthly_openings_are_checked_alike(value: Any) -> None:
    data = copy.deepcopy(SEEDS[0])
    data["sites"][0]["monthly"] = [{"nth": value, "weekday": "monday", "note": "x"},
                                   {"nth": 1, "weekday": "friday", "hours": [value]},
                                   {"nth": -1, "weekday": value}]
    assert_same_answer(data)


def test_an_event_alone_is_checked_like_in_a_file() -> None:
    event = {"event": "report", "date": "2024-08-01", "period": "2024-S1",
             "indicators": {"visits": 3}}
    assert_same_answer(event, Event)
    value, _ = validate_as(Event, event)
    assert value == ReportEvent(event="report", date=date(2024, 8, 1), period="2024-S1",
                                indicators={"visits": 3})
    assert_same_answer({**event, "period": "2024-S3"}, Event)


def test_event_kinds_are_the_tags_of_the_event_models() -> None:
    """`pncaf record` offers EVENT_KINDS and the messages list them: they must be exactly
    the `event:` values that the models accept."""
    members = typing.get_args(typing.get_args(Event)[0])
    tags = tuple(typing.get_args(fields_of(member)["event"])[0] for member in members)
    assert tags == EVENT_KINDS
