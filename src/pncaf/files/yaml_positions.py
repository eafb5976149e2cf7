"""Parse YAML text into plain Python data plus a map of where each value stands.

The check path reads thousands of files, so this uses libyaml's C parser (through PyYAML)
and builds the data from its event stream in one pass: no round-trip objects, and every
key and value keeps its 1-based line and column. Building from events also lets us refuse
what a convention never needs and an attacker could abuse: custom tags, alias bombs,
duplicate keys, several documents in one file. (Edits that must keep comments and layout
use ruamel.yaml's round-trip mode instead; see `pncaf.editing.record`.)

Plain scalars are resolved with the YAML 1.2 core schema: `null`, `true`/`false`, integers,
floats; everything else — dates included — stays text, and the models parse dates strictly
so that an impossible date gets a precise message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import yaml

from pncaf.files.yaml_errors import problem_of
from pncaf.printable import excerpt
from pncaf.problems import Diagnostic, Severity

try:  # libyaml's C parser when PyYAML was built with it (the wheels are); pure Python otherwise
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[str | int, ...]
Position = tuple[int, int]

#: Most values aliases may add to a file (a convention uses a few, if any); the file itself
#: is bounded by the loader's size limit.
MAX_NODES = 50_000

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_STR_TAGS = {"tag:yaml.org,2002:str", "!"}
#: The first characters of every plain scalar the core schema does not keep as text (and
#: "" for the empty one, which is null): any other plain scalar is text as it stands.
_MAYBE_NOT_TEXT = frozenset([*"0123456789+-.~nNtTfF", ""])
_DIGITS = frozenset("0123456789")
#: The first letters of null and the booleans, which start no number.
_WORD_STARTS = frozenset("~nNtTfF")
_NULLS = frozenset({"~", "null", "Null", "NULL"})


class Mark(Protocol):
    """Where libyaml saw a node start (0-based), as PyYAML gives it with each event."""

    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


def _at(mark: Mark) -> Position:
    """A mark as pncaf's positions count: line and column from 1."""
    return mark.line + 1, mark.column + 1


#: One value's place: (its mark, its key's mark or None in a list, the entries of its items
#: when it is a mapping or a list, else None). The marks are kept as libyaml gives them and
#: made positions only when asked: a file's few lookups, not its four hundred values.
Entry = tuple[Mark, Mark | None, Any]


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of a document stands in its file.

    Kept as a tree shaped like the data (`entries`: a dict by key or a list by index of
    `Entry`) rather than a table by path: building it costs no path per value, which was a
    fifth of reading a convention; a lookup walks down the path, a few steps."""

    root: Mark | None = None
    entries: Any = None

    def _walk(self, path: Path) -> tuple[Mark | None, Entry | None]:
        """The position of the deepest value on `path` that exists, and the entry at the
        end of `path` (None when `path` goes further than the data)."""
        pos, node = self.root, self.entries
        entry: Entry | None = None
        for part in path:
            entry = None
            if isinstance(node, dict):
                entry = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                entry = node[part]
            if entry is None:
                return pos, None
            pos, node = entry[0], entry[2]
        return pos, entry

    def value(self, path: Path) -> Position | None:
        """Position of the value at `path`, or of its nearest ancestor that has one."""
        mark = self._walk(path)[0]
        return None if mark is None else _at(mark)

    def key(self, path: Path) -> Position | None:
        """Position of the key that introduces `path` (falls back to the value)."""
        mark, entry = self._walk(path)
        if entry is not None and entry[1] is not None:
            mark = entry[1]
        return None if mark is None else _at(mark)

    def value_at(self, path: Path) -> Position | None:
        """Position of the value at `path` itself, None when there is none."""
        if not path:
            return None if self.root is None else _at(self.root)
        mark, entry = self._walk(path)
        return _at(mark) if entry is not None and mark is not None else None

    def key_at(self, path: Path) -> Position | None:
        """Position of the key that introduces `path` itself, None when there is none."""
        entry = self._walk(path)[1] if path else None
        return _at(entry[1]) if entry is not None and entry[1] is not None else None


def YamlProblem(line: int, column: int, message: str) -> Diagnostic:
    """A YAML-level problem (the text cannot become data), in the one shape of pncaf's
    problems; the loader gives it the file's name."""
    return Diagnostic("", line, column, Severity.ERROR, "yaml", message)


@dataclass
class Parsed:
    data: Any
    source: SourceMap


def resolve_plain(value: str) -> Any:
    """Resolve an unquoted scalar with the YAML 1.2 core schema."""
    first = value[:1]
    if first not in _MAYBE_NOT_TEXT:
        return value
    if first in _WORD_STARTS:           # `training`, `notice`, `true`: only null or a bool
        return None if value in _NULLS else _BOOL.get(value, value)
    if first in _DIGITS:
        if value.isdigit() and value.isascii():
            return int(value)
        if "-" in value and "e" not in value and "E" not in value:
            return value                # a date, a phone number: a minus only after an e
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        return float(value)
    return value


class _Frame:
    __slots__ = ("container", "entries", "is_map", "key", "key_pos", "start")

    def __init__(self, container: Any, entries: Any, start: int) -> None:
        self.container = container
        self.entries = entries
        self.is_map = isinstance(container, dict)
        self.key: str | None = None
        self.key_pos: Mark | None = None
        self.start = start


class _TooBig(Exception):
    pass


def parse_yaml(text: str) -> tuple[Parsed | None, list[Diagnostic]]:
    """Turn YAML text into (data with positions, problems). Never raises on bad input."""
    if not text.strip():
        return None, [YamlProblem(1, 1, "the file is empty: a convention starts with "
                                  "`format: pncaf/1`")]
    try:
        return _build(text)
    except yaml.YAMLError as exc:       # a syntax error, a control character…
        return None, [YamlProblem(*problem_of(exc, text))]


def _tag_problem(pos: Position, tag: str) -> Diagnostic:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return YamlProblem(*pos, f"YAML tags such as `{excerpt(shown)}` are not allowed in a "
                       "convention: remove it")


def _build(text: str) -> tuple[Parsed | None, list[Diagnostic]]:
    """One pass over libyaml's events. The loop is the hot spot of every network command
    (about 400 events a convention, 10,000 conventions): the usual events — a scalar key, a
    scalar value, a mapping or a list — are handled inline; aliases and the odd cases go
    through `place`."""
    source = SourceMap()
    problems: list[Diagnostic] = []
    anchors: dict[str, tuple[Any, int]] = {}
    stack: list[_Frame] = []
    root: Any = None
    have_root = False
    documents = 0
    nodes = 0
    expanded = 0     # values added by following aliases: the only way a file can balloon
    pending_anchor: list[tuple[str, int, Any]] = []  # (anchor, node count at start, container)

    def place(value: Any, pos: Mark, size: int = 1, entries: Any = None) -> None:
        """Attach a finished value (or a container just opened, with its `entries`) to the
        current container."""
        nonlocal root, have_root, nodes
        nodes += size
        if not stack:
            root, have_root = value, True
            source.root, source.entries = pos, entries
            return
        frame = stack[-1]
        if not frame.is_map:
            frame.container.append(value)
            frame.entries.append((pos, None, entries))
            return
        if frame.key is None:  # this value is a key
            if not isinstance(value, str):
                problems.append(YamlProblem(*_at(pos), "a key must be plain text, not a list or a "
                                            "mapping"))
                frame.key = f"\0invalid{len(frame.entries)}"
            else:
                frame.key = value
            frame.key_pos = pos
            return
        keyed(frame, value, pos, entries)

    def keyed(frame: _Frame, value: Any, pos: Mark, entries: Any = None) -> None:
        """A mapping's value: stored under its key, unless the key was already there."""
        key, key_pos = frame.key, frame.key_pos
        frame.key = None
        assert key is not None and key_pos is not None
        first = frame.entries.get(key)
        if first is not None:
            problems.append(YamlProblem(*_at(key_pos), f"duplicate key `{excerpt(str(key))}` "
                                        f"(already at line {_at(first[1])[0]}): keep one of "
                                        "the two"))
            return
        frame.container[key] = value
        frame.entries[key] = (pos, key_pos, entries)

    scalar, alias = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    parser = _Loader(text)
    next_event: Callable[[], Any] = parser.get_event   # None after the last event
    try:
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is scalar:
                pos = event.start_mark
                tag = event.tag
                if tag is not None and tag not in _STR_TAGS:
                    problems.append(_tag_problem(_at(pos), tag))
                value: Any = event.value
                frame = stack[-1] if stack else None
                if frame is not None and frame.is_map and frame.key is None:
                    frame.key, frame.key_pos = value, pos       # a key stays text
                    nodes += 1
                else:
                    if event.implicit[0] and tag is None and value[:1] in _MAYBE_NOT_TEXT:
                        try:
                            value = resolve_plain(value)
                        except ValueError:      # Python refuses ints of over 4,300 digits
                            problems.append(YamlProblem(*_at(pos), f"a number of "
                                                        f"{len(value):,} digits: no value "
                                                        "of a convention is that long; "
                                                        "check this line"))
                    if frame is None:
                        place(value, pos)
                    else:                       # `place` and `keyed`, written inline
                        nodes += 1
                        if not frame.is_map:
                            frame.container.append(value)
                            frame.entries.append((pos, None, None))
                        elif (key := frame.key) not in frame.entries:
                            frame.container[key] = value
                            frame.entries[key] = (pos, frame.key_pos, None)
                            frame.key = None
                        else:
                            keyed(frame, value, pos)        # a duplicate key
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
            elif kind is mapping_start or kind is sequence_start:
                pos = event.start_mark
                if event.tag is not None and event.tag not in (
                        "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    problems.append(_tag_problem(_at(pos), event.tag))
                container: Any
                entries: Any
                if kind is mapping_start:
                    container, entries = {}, {}
                else:
                    container, entries = [], []
                # a complex key or a duplicate is not stored: its entries lead nowhere
                place(container, pos, entries=entries)
                stack.append(_Frame(container, entries, nodes))
                if event.anchor:
                    pending_anchor.append((event.anchor, nodes, container))
            elif kind in ends:
                frame = stack.pop()
                if pending_anchor and pending_anchor[-1][2] is frame.container:
                    name, start, container = pending_anchor.pop()
                    anchors[name] = (container, nodes - start + 1)
            elif kind is alias:
                pos = event.start_mark
                if event.anchor not in anchors:
                    problems.append(YamlProblem(*_at(pos), f"alias `*{event.anchor}` refers to an "
                                                "anchor that is not finished or not defined"))
                    place(None, pos)
                else:
                    value, size = anchors[event.anchor]
                    expanded += size
                    if expanded > MAX_NODES:
                        raise _TooBig
                    place(value, pos, size)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    problems.append(YamlProblem(mark.line + 1, mark.column + 1,
                                                "a second YAML document (`---`): one file "
                                                "holds one convention, split it into two files"))
                    break
    except _TooBig:
        return None, [YamlProblem(1, 1, f"the file expands to more than {MAX_NODES} values "
                                  "(aliases repeated over and over?): a convention is far "
                                  "smaller; remove the aliases")]
    finally:
        parser.dispose()
    if not have_root:
        return None, [YamlProblem(1, 1, "the file holds no data (only comments?): a "
                                  "convention starts with `format: pncaf/1`")]
    return Parsed(root, source), problems
