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
_TOP = object()             # outside every container


class _NotPlain(Exception):
    pass


def plain_data(text: str) -> dict[str, Any] | None:
    """The data of `text` when it is a plain YAML mapping (as `parse_yaml` would build it,
    with no problem to report); None otherwise, or when it is not valid YAML."""
    parser = _Loader(text)
    next_event: Callable[[], Any] = parser.get_event   # None after the last event
    # the innermost open container (_TOP: none yet) and the key its next value goes to
    # (_NO_KEY: a key is expected; None for a list), kept in locals rather than on top of
    # the stack of the enclosing ones: most events are scalars, and this loop is most of
    # the reading's Python time
    container: Any = _TOP
    key: Any = _TOP
    outer: list[tuple[Any, Any]] = []
    root: Any = None
    documents = 0
    try:
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is _SCALAR:
                if event.tag is not None or event.anchor is not None:
                    raise _NotPlain
                value: Any = event.value
                if key is _NO_KEY:                              # a key: kept as written
                    if value in container:
                        raise _NotPlain                        # a duplicate key
                    key = value
                    continue
                if event.implicit[0] and value[:1] in _MAYBE_NOT_TEXT:
                    value = resolve_plain(value)
            elif kind is _MAPPING or kind is _SEQUENCE:
                if event.tag is not None or event.anchor is not None or key is _NO_KEY:
                    raise _NotPlain                            # (a mapping as a key)
                outer.append((container, key))
                container, key = ({}, _NO_KEY) if kind is _MAPPING else ([], None)
                continue
            elif kind in _ENDS:
                value = container
                container, key = outer.pop()
            elif kind is _ALIAS:
                raise _NotPlain
            else:
                if kind is _DOCUMENT:
                    documents += 1
                    if documents > 1:
                        raise _NotPlain
                continue
            if container is _TOP:
                root = value
            elif key is None:
                container.append(value)
            else:
                container[key] = value
                key = _NO_KEY
    except (_NotPlain, yaml.YAMLError, ValueError):   # ValueError: ints of 4,300 digits
        return None
    finally:
        parser.dispose()
    return root if isinstance(root, dict) else None
