"""What a value must satisfy, declared once and read by two engines.

The models (`pncaf.format.models`) are standard dataclasses whose fields carry these markers in
`Annotated[...]`. `pncaf.format.validator` reads them to check every file; pydantic reads them
through the `__get_pydantic_*_schema__` hooks below to write the JSON Schema for editors
(and, in the tests, as a second opinion on what is accepted). Nothing here imports pydantic
until pydantic asks, so `pncaf check` never pays for loading it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar, dataclass_transform

#: How every model behaves for pydantic: unknown keys are errors, text is trimmed.
PYDANTIC_CONFIG = {"extra": "forbid", "str_strip_whitespace": True}

T = TypeVar("T")


@dataclass_transform(kw_only_default=True, frozen_default=True)
def model(cls: type[T]) -> type[T]:
    """A convention model: a frozen, keyword-only dataclass that pydantic also understands."""
    cls.__pydantic_config__ = PYDANTIC_CONFIG  # type: ignore[attr-defined]
    return dataclass(frozen=True, kw_only=True)(cls)


class Problem(ValueError):
    """A value that is well-typed but wrong; `kind` names the problem, `message` says what
    to do. Raised by the checks declared with `Before` and `After` and by `__post_init__`."""

    def __init__(self, kind: str, message: str, where: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.where = where      # from `__post_init__`: the key inside the model it is about


@dataclass(frozen=True)
class _Function:
    """A check written as a function of the value; it raises `Problem` to refuse it."""

    function: Callable[[Any], Any]
    when: ClassVar[str] = ""

    def for_pydantic(self, value: Any) -> Any:
        try:
            return self.function(value)
        except Problem as problem:
            from pydantic_core import PydanticCustomError

            message = problem.message.replace("{", "{{").replace("}", "}}")
            raise PydanticCustomError(problem.kind, message) from None

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        make = getattr(core_schema, f"no_info_{self.when}_validator_function")
        return make(self.for_pydantic, handler(source))


class Before(_Function):
    """Turn the raw value into the field's type (e.g. "2024-05-02" → a date) or refuse it."""

    when = "before"


class After(_Function):
    """Check (and possibly normalise) a value once it has its type."""

    when = "after"


@dataclass(frozen=True)
class _Bound:
    """A bound checked once the value has its type; `key` is its name in pydantic's core
    schema, from which pydantic also writes the JSON Schema keyword."""

    limit: Any
    key: ClassVar[str] = ""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema[self.key] = self.limit
        return schema


class Pattern(_Bound):
    """Text that must match the regular expression `limit` (after trimming)."""

    key = "pattern"

    @functools.cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.limit)


class Ge(_Bound):
    """A number at least `limit`."""

    key = "ge"


class Le(_Bound):
    """A number at most `limit`."""

    key = "le"


class MinLen(_Bound):
    """Text or a list with at least `limit` characters or items."""

    key = "min_length"


@dataclass(frozen=True)
class Tagged:
    """A union of models told apart by the value of one key (history's `event:`)."""

    key: str

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import Discriminator

        return Discriminator(self.key).__get_pydantic_core_schema__(source, handler)


@dataclass(frozen=True)
class Doc:
    """Description and examples shown by editors; no effect on validation."""

    description: str | None = None
    examples: tuple[Any, ...] = ()

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        out = dict(handler(schema))
        if self.description:
            out["description"] = self.description
        if self.examples:
            out["examples"] = list(self.examples)
        return out


class JsonSchema:
    """The JSON Schema to publish for a field whose check is a function (dates, SIREN)."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        return dict(self.schema)
