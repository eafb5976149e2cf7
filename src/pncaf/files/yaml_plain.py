"""YAML text into plain data, without positions, for the plain files that conventions are:
the old side of `pncaf diff` needs only its data (what changed is placed on the new file's
lines), and building the map of positions is most of the cost of `parse_yaml`.

This reads the same libyaml events as `parse_yaml` and resolves scalars with the same
`resolve_plain`, but knows only the plain case: one document, no tags, anchors or aliases,
text keys, each key once, a mapping at the top. For anything else it answers None and the
caller uses `parse_yaml`, which says what is wrong and where; on a plain file both give
the same data (`tests/test_diff_fast.py` holds them to it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from pncaf.files.yaml_positions import _MAYBE_NOT_TEXT, resolve_plain

try:  # libyaml's C parser when PyYAML was built with it (the wheels are); pure Python otherwise
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAPPING, _SEQUENCE = yaml.MappingStartEvent, yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_DOCUMENT = yaml.DocumentStartEvent
_NO_KEY = object()          # a mapping waiting for its next key


class _NotPlain(Exception):
    pass


def plain_data(text: str) -> dict[str, Any] | None:
    """The data of `text` when it is a plain YAML mapping (as `parse_yaml` would build it,
    with no problem to report); None otherwise, or when it is not valid YAML."""
    parser = _Loader(text)
    next_event: Callable[[], Any] = parser.get_event   # None after the last event
    # each open container with the key its next value goes to (_NO_KEY: a key is expected;
    # None for a list)
    stack: list[tuple[Any, Any]] = []
    root: Any = None
    documents = 0
    try:
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is _SCALAR:
                if event.tag is not None or event.anchor is not None:
                    raise _NotPlain
                if stack and stack[-1][1] is _NO_KEY:           # a key: kept as written
                    container = stack[-1][0]
                    if event.value in container:
                        raise _NotPlain                        # a duplicate key
                    stack[-1] = (container, event.value)
                    continue
                value: Any = event.value
                if event.implicit[0] and value[:1] in _MAYBE_NOT_TEXT:
                    value = resolve_plain(value)
            elif kind is _MAPPING or kind is _SEQUENCE:
                if event.tag is not None or event.anchor is not None or (
                        stack and stack[-1][1] is _NO_KEY):    # a mapping as a key
                    raise _NotPlain
                stack.append(({}, _NO_KEY) if kind is _MAPPING else ([], None))
                continue
            elif kind in _ENDS:
                value = stack.pop()[0]
            elif kind is _ALIAS:
                raise _NotPlain
            else:
                if kind is _DOCUMENT:
                    documents += 1
                    if documents > 1:
                        raise _NotPlain
                continue
            if not stack:
                root = value
                continue
            container, key = stack[-1]
            if key is None:
                container.append(value)
            else:
                container[key] = value
                stack[-1] = (container, _NO_KEY)
    except (_NotPlain, yaml.YAMLError, ValueError):   # ValueError: ints of 4,300 digits
        return None
    finally:
        parser.dispose()
    return root if isinstance(root, dict) else None
