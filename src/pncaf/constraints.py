"""What a value must satisfy, declared once and read by two engines.

The models (`pncaf.models`) are standard dataclasses whose fields carry these markers in
`Annotated[...]`. `pncaf.validator` reads them to check every file; pydantic reads them
through the `__get_pydantic_*_schema__` hooks below to write the JSON Schema for editors
(and, in the tests, as a second opinion on what is accepted). Nothing here imports pydantic
until pydantic asks, so `pncaf check` never pays for loading it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, dataclass_transform

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

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def _pydantic_error(problem: Problem) -> Exception:
    from pydantic_core import PydanticCustomError

    return PydanticCustomError(problem.kind, problem.message.replace("{", "{{").replace("}", "}}"))


def _for_pydantic(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def run(value: Any) -> Any:
        try:
            return function(value)
        except Problem as problem:
            raise _pydantic_error(problem) from None
    return run


@dataclass(frozen=True)
class Before:
    """Turn the raw value into the field's type (e.g. "2024-05-02" → a date) or refuse it."""

    function: Callable[[Any], Any]

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(_for_pydantic(self.function),
                                                             handler(source))


@dataclass(frozen=True)
class After:
    """Check (and possibly normalise) a value once it has its type."""

    function: Callable[[Any], Any]

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(_for_pydantic(self.function),
                                                            handler(source))


@dataclass(frozen=True)
class _Constraint:
    """A bound checked after the type: the key is pydantic's core-schema name for it."""

    def _key(self) -> str:
        raise NotImplementedError

    def _limit(self) -> Any:
        raise NotImplementedError

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema[self._key()] = self._limit()
        return schema


@dataclass(frozen=True)
class Pattern(_Constraint):
    """Text that must match `regex` (after trimming)."""

    regex: str
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.regex))

    def _key(self) -> str:
        return "pattern"

    def _limit(self) -> Any:
        return self.regex


@dataclass(frozen=True)
class Ge(_Constraint):
    """A number at least `limit`."""

    limit: int | float

    def _key(self) -> str:
        return "ge"

    def _limit(self) -> Any:
        return self.limit


@dataclass(frozen=True)
class Le(_Constraint):
    """A number at most `limit`."""

    limit: int | float

    def _key(self) -> str:
        return "le"

    def _limit(self) -> Any:
        return self.limit


@dataclass(frozen=True)
class MinLen(_Constraint):
    """Text or a list with at least `limit` characters or items."""

    limit: int

    def _key(self) -> str:
        return "min_length"

    def _limit(self) -> Any:
        return self.limit


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
