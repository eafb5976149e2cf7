"""The validator's path for a valid file: the same checks, written out as plain code.

`pncaf.format.validator` collects every problem of a file with the place it concerns: each
check is a closure that carries a location and a list of errors, a value of a convention
goes through three or four of them, and a file's four hundred values pay for that even when
nothing is wrong, which is almost always. Here each model becomes one function, written out
once from its fields' annotations (the same conversions and tests — the very functions of
the markers, in the order the full validator nests them — one after the other), which gives
up at the first problem by raising `Unsure`. The caller then asks the full validator, which
says what is wrong and where. So a valid file is built in three quarters of the time,
and an invalid one is judged by the full validator alone; `tests/test_validator_quick.py` holds
the two to the same model on every corpus file and on thousands of mutated ones.

The code is generated from pncaf's own models only: no value of a file is ever part of it
(constants are passed by name in the namespace the code runs in).
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from datetime import date
from typing import Any

from pncaf.format.constraints import After, Before, Ge, Le, MinLen, Pattern, Tagged
from pncaf.format.scalars import SCALARS
from pncaf.format.validator import _within, compiled, fields_of, is_model

Quick = Callable[[Any], Any]


class Unsure(Exception):
    """Something is not as a valid file has it: the full validator is to say what. Raised
    new each time (never one instance kept and raised again: its traceback would grow at
    each raise and hold every frame it went through, the files' data with them)."""



def quick(annotation: Any) -> Quick:
    """The quick check of `annotation`: its value, or `Unsure`."""
    return _quick(annotation)


@functools.cache
def _quick(annotation: Any) -> Quick:
    compiled(annotation)        # the full validator's refusals of a type (TypeError), alike
    return _Writer().function(annotation)


class _Writer:
    """Writes the functions of one annotation and of what it holds."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {"Unsure": Unsure, "isinstance": isinstance,
                                      "date": date, "new": object.__new__,
                                      "set_field": object.__setattr__}
        self.by_key: dict[Any, str] = {}

    def constant(self, value: Any, stem: str) -> str:
        name = f"{stem}_{len(self.names)}"
        self.names[name] = value
        return name

    def function(self, annotation: Any) -> Quick:
        name = self.named(annotation)
        found: Quick = self.names[name]
        return found

    def named(self, annotation: Any) -> str:
        """The name of the function checking `annotation`, written on first need."""
        key = ("model", annotation) if is_model(annotation) else ("value", repr(annotation))
        if key in self.by_key:
            return self.by_key[key]
        name = f"check_{len(self.by_key)}"
        self.by_key[key] = name
        if is_model(annotation):
            lines = self.model(annotation, name)
        else:
            lines = [f"def {name}(v):", "    try:", *self.value(annotation, "        "),
                     "        return v", "    except Unsure:", "        raise",
                     "    except Exception:", "        raise Unsure from None"]
        exec("\n".join(lines), self.names)     # pncaf's own models only, never a value
        return name

    def model(self, cls: type, name: str) -> list[str]:
        """The model's function. Its instance is made as its `__init__` would make it —
        each field's value, or its default, in the fields' order, then `__post_init__` —
        but without `__init__`, which a frozen dataclass writes field by field through
        `object.__setattr__`: 0.75 → 0.31 µs an instance, fifty instances a file."""
        hints = fields_of(cls)
        defaults = {f.name: f for f in dataclasses.fields(cls)
                    if f.default is not dataclasses.MISSING
                    or f.default_factory is not dataclasses.MISSING}
        kind = self.constant(cls, "MODEL")
        allowed = self.constant(frozenset(hints), "ALLOWED")
        needed = self.constant(frozenset(hints.keys() - defaults.keys()), "REQUIRED")
        lines = [f"def {name}(value):",
                 f"    if isinstance(value, {kind}):", "        return value",
                 f"    if not isinstance(value, dict) or not {allowed}.issuperset(value) "
                 f"or not {needed}.issubset(value):", "        raise Unsure",
                 "    try:", "        kw = {}"]
        for field, hint in hints.items():
            indent = "            " if field in defaults else "        "
            if field in defaults:
                lines.append(f"        if {field!r} in value:")
            lines += [f"{indent}v = value[{field!r}]", *self.value(hint, indent),
                      f"{indent}kw[{field!r}] = v"]
            if field in defaults:
                default = self.default(defaults[field])
                lines += ["        else:", f"            kw[{field!r}] = {default}"]
        lines += [f"        made = new({kind})", "        set_field(made, '__dict__', kw)"]
        if hasattr(cls, "__post_init__"):
            lines.append("        made.__post_init__()")
        return [*lines, "        return made", "    except Unsure:", "        raise",
                "    except Exception:", "        raise Unsure from None"]

    def default(self, field: dataclasses.Field[Any]) -> str:
        """The expression of a field's default: its value, or its factory called."""
        if field.default_factory is not dataclasses.MISSING:
            return f"{self.constant(field.default_factory, 'FACTORY')}()"
        return self.constant(field.default, "DEFAULT")

    def value(self, annotation: Any, indent: str) -> list[str]:
        """Statements that turn `v` into its checked value, or raise."""
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            inner, *metadata = typing.get_args(annotation)
            return self.annotated(inner, metadata, indent)
        if is_model(annotation):
            return [f"{indent}v = {self.named(annotation)}(v)"]
        if origin is typing.Literal:
            lookup = self.constant({a: a for a in typing.get_args(annotation)}, "LITERAL")
            return [f"{indent}v = {lookup}[v]"]
        if origin is typing.Union or origin is types.UnionType:
            member = next(a for a in typing.get_args(annotation) if a is not type(None))
            return [f"{indent}if v is not None:", *self.value(member, indent + "    ")]
        if origin is list:
            item = self.named(typing.get_args(annotation)[0])
            return [f"{indent}if not isinstance(v, list):", f"{indent}    raise Unsure",
                    f"{indent}v = [{item}(x) for x in v]"]
        if origin is dict:
            item = self.named(typing.get_args(annotation)[1])
            return [f"{indent}if not isinstance(v, dict):", f"{indent}    raise Unsure",
                    f"{indent}d = {{}}", f"{indent}for k, x in v.items():",
                    f"{indent}    if not isinstance(k, str):", f"{indent}        raise Unsure",
                    f"{indent}    d[k.strip()] = {item}(x)", f"{indent}v = d"]
        if annotation in SCALARS:
            return self.scalar(annotation, indent)
        kind = self.constant(annotation, "KIND")
        return [f"{indent}if not isinstance(v, {kind}):", f"{indent}    raise Unsure"]

    def scalar(self, kind: type, indent: str) -> list[str]:
        """The usual value of `kind` in one test; any other goes through the full
        validator's own conversion, given nowhere to note a problem."""
        full = self.constant(_converted(SCALARS[kind]), "CONVERT")
        usual = {str: ("str", "v.strip()"), int: ("int", "int(v)"),
                 float: ("(int, float)", "float(v)"), bool: ("bool", "v"), date: ("date", "v")}
        test, result = usual[kind]
        return [f"{indent}v = {result} if isinstance(v, {test}) else {full}(v)"]

    def annotated(self, inner: Any, metadata: list[Any], indent: str) -> list[str]:
        """As the full validator nests them: the last `Before` runs first, then the one
        before it, …, then the inner type's check, then each `After` and bound in order."""
        tags = [m for m in metadata if isinstance(m, Tagged)]
        if tags:
            members = typing.get_args(inner)
            by_tag = {tag: self.function(member) for member in members
                      for tag in typing.get_args(fields_of(member)[tags[0].key])}
            kinds = self.constant(members, "MEMBERS")
            tagged = self.constant(by_tag, "BY_TAG")
            lines = [f"{indent}if not isinstance(v, {kinds}):",     # as `validator._tagged`
                     f"{indent}    t = v.get({tags[0].key!r}) if isinstance(v, dict) else None",
                     f"{indent}    m = {tagged}.get(t) if isinstance(t, str) else None",
                     f"{indent}    if m is None:", f"{indent}        raise Unsure",
                     f"{indent}    v = m(v)"]
        else:
            lines = self.value(inner, indent)
        for marker in metadata:
            if isinstance(marker, Before):
                lines = [f"{indent}v = {self.constant(marker.function, 'BEFORE')}(v)", *lines]
            elif isinstance(marker, After):
                lines = [*lines, f"{indent}v = {self.constant(marker.function, 'AFTER')}(v)"]
            elif isinstance(marker, (Pattern, Ge, Le, MinLen)):
                within = self.constant(_within(marker), "WITHIN")
                lines = [*lines, f"{indent}if not {within}(v):", f"{indent}    raise Unsure"]
        return lines


def _converted(full: Callable[[Any, Any, list[Any]], Any]) -> Quick:
    def convert(value: Any) -> Any:
        errors: list[Any] = []
        result = full(value, (), errors)
        if errors:
            raise Unsure
        return result
    return convert
