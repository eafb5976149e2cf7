"""Check parsed data against the models and build them, without pydantic.

`validate_as(Convention, data)` returns the model or the list of every problem found, each
an error record shaped like pydantic's (`type`, `loc`, `msg`, `input`, `ctx`), so that
`pncaf.format.messages` turns both into the same messages. Scalars are converted as pydantic's
default (lax) mode does, and the tests hold the two engines to the same answers on every
corpus file and on thousands of mutated ones.

Why a validator of our own: importing pydantic and building the models costs about 0.17 s,
more than half of the 0.3 s budget for checking one file. A type is compiled once into
nested closures; checking a file then walks its data once.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from pncaf.format.constraints import After, Before, Ge, Le, MinLen, Pattern, Problem, Tagged
from pncaf.format.scalars import INVALID, SCALARS, Check, ErrorRecord, Loc, note_error

T = TypeVar("T")


def validate_as(annotation: type[T] | Any, data: Any) -> tuple[T | None, list[ErrorRecord]]:
    """The value of type `annotation` built from `data`, or None and every problem. A
    valid value is built by the quick path (`validator_quick`), which gives up at the
    first problem; only then does `validate_fully` walk the data again, noting each problem
    and where."""
    from pncaf.format.validator_quick import Unsure, quick

    try:
        return quick(annotation)(data), []
    except Unsure:
        return validate_fully(annotation, data)


def validate_fully(annotation: type[T] | Any, data: Any,
                   ) -> tuple[T | None, list[ErrorRecord]]:
    """`validate_as` by the closures that note every problem and where, valid or not."""
    errors: list[ErrorRecord] = []
    value = compiled(annotation)(data, (), errors)
    if errors or value is INVALID:
        return None, errors
    return value, []


@functools.cache
def fields_of(cls: type) -> dict[str, Any]:
    """Field name → annotation of a model, in declaration order."""
    hints = typing.get_type_hints(cls, include_extras=True)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and dataclasses.is_dataclass(annotation)


def _compile(annotation: Any) -> Check:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *metadata = typing.get_args(annotation)
        return _annotated(inner, metadata)
    if is_model(annotation):
        return _model(annotation)
    if origin is typing.Literal:
        return _literal(typing.get_args(annotation))
    if origin is typing.Union or origin is types.UnionType:
        return _optional(annotation)
    if origin is list:
        return _list(compiled(typing.get_args(annotation)[0]))
    if origin is dict:
        key, value = typing.get_args(annotation)
        if key is not str:
            raise TypeError(f"only text keys are supported, not {key!r}")
        return _dict(compiled(value))
    scalar = SCALARS.get(annotation)
    if scalar is not None:
        return scalar
    if isinstance(annotation, type):
        return _instance_of(annotation)
    raise TypeError(f"pncaf.format.validator cannot check {annotation!r}")


#: The check for an annotation, compiled on first use and kept.
compiled: Callable[[Any], Check] = functools.cache(_compile)


# --- models, unions, containers -------------------------------------------------------------

def _model(cls: type) -> Check:
    fields = dataclasses.fields(cls)
    hints = fields_of(cls)
    checks = [(f.name, compiled(hints[f.name]),
               f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
              for f in fields]
    allowed = frozenset(hints)
    field_names = tuple(hints)

    def check(value: Any, loc: Loc, errors: list[ErrorRecord]) -> Any:
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            return note_error(errors, "model_type", loc, value,
                              f"Input should be a mapping for {cls.__name__}")
        before = len(errors)
        kwargs: dict[str, Any] = {}
        for name, field_check, required in checks:
            if name in value:
                kwargs[name] = field_check(value[name], (*loc, name), errors)
            elif required:
                note_error(errors, "missing", (*loc, name), value, "Field required")
        for key in value:
            if key not in allowed:
                note_error(errors, "extra_forbidden", (*loc, key), value[key],
                           "Extra inputs are not permitted", {"allowed": field_names})
        if len(errors) > before:
            return INVALID
        try:
            return cls(**kwargs)
        except Problem as problem:
            return note_error(errors, problem.kind, (*loc, *problem.where), value,
                              problem.message)
    return check


def _tagged(members: tuple[Any, ...], key: str) -> Check:
    by_tag: dict[Any, Check] = {}
    for member in members:
        for tag in typing.get_args(fields_of(member)[key]):
            by_tag[tag] = compiled(member)
    expected = ", ".join(repr(tag) for tag in by_tag)

    def check(value: Any, loc: Loc, errors: list[ErrorRecord]) -> Any:
        if isinstance(value, members):      # already a model, as `_model` takes it
            return value
        if not isinstance(value, dict):
            return note_error(errors, "model_attributes_type", loc, value,
                              "Input should be a valid dictionary or object to extract fields from")
        if key not in value:
            return note_error(errors, "union_tag_not_found", loc, value,
                              f"Unable to extract tag using discriminator '{key}'",
                              {"discriminator": f"'{key}'"})
        tag = value[key]
        member = by_tag.get(tag) if isinstance(tag, str) else None
        if member is None:
            return note_error(errors, "union_tag_invalid", loc, value,
                              f"Input tag '{tag}' found using '{key}' does not match any of the "
                              f"expected tags: {expected}",
                              {"discriminator": f"'{key}'", "tag": str(tag),
                               "expected_tags": expected})
        return member(value, (*loc, tag), errors)
    return check


def _optional(annotation: Any) -> Check:
    members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    if len(members) != 1 or len(members) == len(typing.get_args(annotation)):
        raise TypeError(f"a union needs a Tagged(...) marker: {annotation!r}")
    inner = compiled(members[0])

    def check(value: Any, loc: Loc, errors: list[ErrorRecord]) -> Any:
        return None if value is None else inner(value, loc, errors)
    return check


def _list(item: Check) -> Check:
    def check(value: Any, loc: Loc, errors: list[ErrorRecord]) -> Any:
        if not isinstance(value, list):
            return note_error(errors, "list_type", loc, value, "Input should be a valid list")
        before = len(errors)
        out = [item(element, (*loc, i), errors) for i, element in enumerate(value)]
        return INVALID if len(errors) > before else out
    return check


def _dict(item: Check) -> Check:
    def check(value: Any, loc: Loc, errors: list[ErrorRecord]) -> Any:
        if not isinstance(value, dict):
            return note_error(errors, "dict_type", loc, value, "Input should be a valid dictionary")
        before = len(errors)
        out = {}
        for key, element in value.items():
            if not isinstance(key, str):
                note_error(errors, "string_type", (*loc, key, "[key]"), key,
                           "Input should be a valid string")
                continue
            out[key.strip()] = item(element, (*loc, key), errors)
        return INVALID if len(errors) > before else out
    return check


def _literal(allowed: tuple[Any, ...]) -> Check:
    *first, last = [repr(a) for a in allowed]
    expected = f"{', '.join(first)} or {last}" if first else last
    lookup = {a: a for a in allowed}

    def check(value: Any, loc: Loc, errors: list[ErrorRecord]) -> Any:
        try:
            return lookup[value]
        except (KeyError, TypeError):
            return note_error(errors, "literal_error", loc, value, f"Input should be {expected}",
                              {"expected": expected})
    return check


def _instance_of(cls: type) -> Check:
    def check(value: Any, loc: Loc, errors: list[ErrorRecord]) -> Any:
        if isinstance(value, cls):
            return value
        return note_error(errors, "is_instance_of", loc, value,
                          f"Input should be an instance of {cls.__name__}")
    return check


# --- Annotated: conversions, checks and bounds ----------------------------------------------

def _annotated(inner: Any, metadata: list[Any]) -> Check:
    tags = [m for m in metadata if isinstance(m, Tagged)]
    if tags:
        members = typing.get_args(inner)
        check = _tagged(members, tags[0].key)
    else:
        check = compiled(inner)
    for marker in metadata:
        if isinstance(marker, Before):
            check = _before(marker.function, check)
        elif isinstance(marker, After):
            check = _after(marker.function, check)
        elif isinstance(marker, (Pattern, Ge, Le, MinLen)):
            check = _bounded(marker, check)
    return check


def _before(function: Callable[[Any], Any], then: Check) -> Check:
    def check(value: Any, loc: Loc, errors: list[ErrorRecord]) -> Any:
        try:
            converted = function(value)
        except Problem as problem:
            return note_error(errors, problem.kind, loc, value, problem.message)
        return then(converted, loc, errors)
    return check


def _after(function: Callable[[Any], Any], first: Check) -> Check:
    def check(value: Any, loc: Loc, errors: list[ErrorRecord]) -> Any:
        result = first(value, loc, errors)
        if result is INVALID:
            return INVALID
        try:
            return function(result)
        except Problem as problem:
            return note_error(errors, problem.kind, loc, value, problem.message)
    return check


def _bounded(marker: Pattern | Ge | Le | MinLen, first: Check) -> Check:
    within = _within(marker)

    def check(value: Any, loc: Loc, errors: list[ErrorRecord]) -> Any:
        result = first(value, loc, errors)
        if result is INVALID:
            return INVALID
        if within(result):
            return result
        problem = _out_of_bounds(marker, result)
        assert problem is not None
        kind, message, ctx = problem
        return note_error(errors, kind, loc, result, message, ctx)
    return check


def _within(marker: Pattern | Ge | Le | MinLen) -> Callable[[Any], bool]:
    """The test of `marker` alone, chosen once: every value of every file passes through it,
    and `_out_of_bounds` says why only for the few that fail."""
    if isinstance(marker, Pattern):
        search = marker.compiled.search
        return lambda value: search(value) is not None
    limit = marker.limit
    if isinstance(marker, Ge):
        return lambda value: bool(value >= limit)
    if isinstance(marker, Le):
        return lambda value: bool(value <= limit)
    return lambda value: len(value) >= limit


def _out_of_bounds(marker: Pattern | Ge | Le | MinLen,
                   value: Any) -> tuple[str, str, dict[str, Any]] | None:
    if isinstance(marker, Pattern):
        if marker.compiled.search(value):
            return None
        return ("string_pattern_mismatch", f"String should match pattern '{marker.limit}'",
                {"pattern": marker.limit})
    if isinstance(marker, Ge):
        if value >= marker.limit:
            return None
        return ("greater_than_equal", f"Input should be greater than or equal to {marker.limit}",
                {"ge": marker.limit})
    if isinstance(marker, Le):
        if value <= marker.limit:
            return None
        return ("less_than_equal", f"Input should be less than or equal to {marker.limit}",
                {"le": marker.limit})
    if len(value) >= marker.limit:
        return None
    if isinstance(value, str):
        return ("string_too_short", f"String should have at least {marker.limit} character(s)",
                {"min_length": marker.limit})
    return ("too_short", f"List should have at least {marker.limit} item(s) after validation, "
            f"not {len(value)}", {"field_type": "List", "min_length": marker.limit,
                                  "actual_length": len(value)})
