"""How pncaf's Jinja environments look values up (`Lookups`), quicker than Jinja's own and
to the same result, and the environment of pncaf's own templates (`ShippedEnvironment`)."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import jinja2

from pncaf.outputs.template_markdown import ShippedCodeGenerator

#: What `getattr` finds on a dict: its methods and `object`'s attributes, never its keys.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class Lookups(jinja2.Environment):
    """How both of pncaf's environments look values up, quicker than Jinja and to the
    same result (a reminder is rendered tens of thousands of times a run):

    - `partner.name` on a dict is its key `name` at once. Jinja asks for the attribute
      first, which on a dict raises an `AttributeError` (its message formatted, then
      caught) before the key is read: the values templates get are dicts, and that was a
      fifth of a reminder's rendering. An attribute a dict has (`items`) still wins.
    - A template's globals are one dict, the environment's (set once, when it is made)
      under the template's own, not a `ChainMap` of both, which each context made for
      the template (an include, each time) went through in Python to list its keys."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


class ShippedEnvironment(Lookups):
    """pncaf's own templates (no user folder): see `ShippedCodeGenerator`."""

    code_generator_class = ShippedCodeGenerator
