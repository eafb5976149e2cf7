"""`files.yaml_alike`: the old side of `pncaf diff` takes the values of the lines it writes
as the new side does from the new side's data. Whatever the edits between the two texts,
the answer is the data of the old text read alone (as `parse_yaml` reads it, types and
order included), or None (the caller then reads it alone)."""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from typing import Any

from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from helpers import ROOT, VALID
from pncaf.files.yaml_alike import data_like, key_position
from pncaf.files.yaml_plain import plain_data
from pncaf.files.yaml_positions import parse_yaml
from test_diff_fast import same


def _generated() -> str:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import convention_text

    return convention_text(3, random.Random(3), 0.0)


BASES = [VALID.replace("history: []", "history:\n  - {date: 2024-02-01, event: committee}\n"
                       "  - {date: 2024-03-01, event: visit, outcome: compliant}"),
         _generated(), "a: 1\nb:\n  - x\n  - y\n  - z\nc: [1, 2]\n"]

#: Lines that end a block or an item early, open what the next lines close, or mean
#: something only with another line (aliases, keys twice, markers, other line breaks).
LINES = [
    "  - {date: 2026-11-20, event: committee}", "  - {date: 2026-11-20,", "    event: visit}",
    "x: 1", "history:", "history: []", "history:  # the events", "# a comment", "",
    "   ", "  # indented", "---", "...", "- a", "  -", "  - a", "    - b", "  -b", " - c",
    'key: "open', '  continued"', "  - 'open", "  still'", "a: &x 1", "a: &x 2", "b: *x", "  - *x",
    "  - &y {x: 1}", "c: |", "  block", "  ", "d: >-", "\tindent", "note: 3*4",
    "  name: x", "sites:", "e: 'it''s'", "f: [1,", "  2]", "g: !!str 1", "h: 1\r",
    "i: x\u2028y", "%YAML 1.1", "? k", ": v", "j: k: l", "a: 2", "format: pncaf/1",
    "  more: text", "b: !foo", "  !!str", "  &s",
    "history:\n  - {date: 2026-11-20, event: committee}", "z:1",
    "k: \ufeff", "l: x\x85y", "m:", "n: 1 # c", "  - [a,", "  b]",
]

edits = st.lists(st.tuples(st.sampled_from(["insert", "delete", "replace"]),
                           st.integers(0, 200), st.sampled_from(LINES)), max_size=4)


def edited(text: str, changes: list[tuple[str, int, str]]) -> str:
    lines = text.split("\n")
    for op, at, line in changes:
        at %= len(lines) + 1
        if op == "insert":
            lines.insert(at, line)
        elif at < len(lines):
            if op == "delete":
                del lines[at]
            else:
                lines[at] = line
    return "\n".join(lines)


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(BASES), edits, edits)
@example(BASES[1], [("insert", BASES[1].count("\n"), LINES[0])], [])   # the benchmark's
@example(BASES[0], [], [("insert", 19, "  - *x"), ("insert", 2, "a: &x 1")])
@example(BASES[2], [("replace", 2, '  - "x'), ("replace", 3, '  - y"')],
         [("replace", 4, "  - w")])                     # a quote across two items of new
@example(BASES[2], [], [("replace", 3, '  - "x'), ("insert", 4, '  - y"')])    # of old
@example(BASES[2], [("replace", 0, 'a: "1'), ("insert", 1, 'g: 2"')],
         [("replace", 6, "c: 3")])                      # a quote across two keys of new
@example('a: "1\nb: 2"\rb: 7\nc: 3\n', [], [("replace", 0, "a: 1")])  # a quote and a
@example('b:\n  - "a\n  - b"\n  - c\x85  - d\n', [], [("replace", 1, "  - a")])  # break
@example(BASES[2], [], [("replace", 0, "a: 1\rg: 2")])
@example(BASES[2], [("replace", 2, '  - "x'), ("insert", 3, '  w"')],
         [("replace", 3, '  v"')])                     # a quote across an item's lines
@example(BASES[2], [("replace", 0, "a: &x 1"), ("insert", 1, "g: &x 2"),
                   ("replace", 3, "  - *x")], [("delete", 1, "")])   # an alias, shared
@example(BASES[2], [("replace", 0, "a: &x 1"), ("insert", 1, "g: &x 2"),
                   ("replace", 3, "  - *x")], [("delete", 1, ""), ("replace", 3, "  - w")])
@example(BASES[2], [], [("insert", 0, "  - a")])               # not a mapping
@example(BASES[2], [], [("replace", 1, "b: !foo")])           # a tag on the list: refused
@example(BASES[2], [], [("insert", 2, "  !!str")])
@example(BASES[2], [], [("insert", 3, "zz")])                  # the list ends early
def test_the_old_text_is_read_as_alone(base: str, to_new: list[tuple[str, int, str]],
                                       to_old: list[tuple[str, int, str]]) -> None:
    new = edited(base, to_new)
    old = edited(new, to_old)
    parsed_new, problems = parse_yaml(new)
    if parsed_new is None or problems:
        return                        # an invalid new version: diff does not read the old
    found = data_like(old, new, parsed_new.data)
    event("read alike" if found is not None else "read alone")
    if found is None:
        return
    parsed_old, problems = parse_yaml(old)
    assert parsed_old is not None and not problems, (old, new)
    assert same(found, parsed_old.data), (old, new)
    alone = plain_data(old)
    assert alone is None or same(found, alone), (old, new)


def test_a_block_or_an_item_written_alike_is_shared_not_read() -> None:
    new = BASES[1] + LINES[0] + "\n"
    data = parse_yaml(new)[0].data                    # type: ignore[union-attr]
    found = data_like(BASES[1], new, data)
    assert found is not None and same(found, plain_data(BASES[1]))
    assert found["caf"] is data["caf"]
    assert found["history"][0] is data["history"][0]
    assert found["history"] is not data["history"]
    first_line = parse_yaml(BASES[2] + "d: 4\n")[0].data     # type: ignore[union-attr]
    assert data_like(BASES[2], BASES[2] + "d: 4\n", first_line) == plain_data(BASES[2])


def paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every path into `value`, and one past each end (`key` then falls back)."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, (*path, index))
    if path:
        yield (*path, "missing")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(BASES), edits)
@example(BASES[2], [("replace", 2, '  - "x'), ("replace", 3, '  - y"')])
@example(BASES[2], [("insert", 2, "  # a comment"), ("insert", 0, "# top")])
@example(BASES[2], [("insert", 3, "    more"), ("replace", 4, "  -\n    - nested")])
@example('a: "1\nb: 2"\nb: 5\n', [])                  # a quote across two keys
def test_a_change_is_placed_as_the_whole_map_places_it(
        base: str, changes: list[tuple[str, int, str]]) -> None:
    text = edited(base, changes)
    parsed, problems = parse_yaml(text)
    if parsed is None or problems or not isinstance(parsed.data, dict):
        return
    for path in paths(parsed.data):
        found = key_position(text, parsed.data, path)
        event("placed alone" if found is not None else "not placed")
        assert found is None or found == parsed.source.key(path), (text, path)


def test_an_added_event_is_placed_from_its_own_lines() -> None:
    text = BASES[1] + LINES[0] + "\n"
    parsed = parse_yaml(text)[0]
    assert parsed is not None
    last = len(parsed.data["history"]) - 1
    assert key_position(text, parsed.data, ("history", last)) == (text.count("\n"), 5)


@given(st.sampled_from(BASES), edits, edits)
def test_windows_line_ends_are_read_alike_and_placed_alike(
        base: str, to_new: list[tuple[str, int, str]], to_old: list[tuple[str, int, str]],
) -> None:
    """A Windows checkout (git's `core.autocrlf`) ends every line with `\\r\\n`: the old
    version is still taken from the new one's parts and gives what libyaml reads, and a
    change is placed on the line and column the whole map gives."""
    new = edited(base, to_new).replace("\n", "\r\n")
    old = edited(edited(base, to_new), to_old).replace("\n", "\r\n")
    parsed_new, problems = parse_yaml(new)
    if parsed_new is None or problems or not isinstance(parsed_new.data, dict):
        return
    found = data_like(old, new, parsed_new.data)
    if found is not None:
        parsed_old, problems = parse_yaml(old)
        assert parsed_old is not None and not problems, (old, new)
        assert same(found, parsed_old.data), (old, new)
    for path in paths(parsed_new.data):
        where = key_position(new, parsed_new.data, path)
        assert where is None or where == parsed_new.source.key(path), (new, path)


def test_a_windows_checkout_takes_the_quick_way() -> None:
    """The benchmark's change (one committee added) with Windows line ends: the old
    version is taken from the new one's parts, not read in full (it was read twice)."""
    new = (BASES[1] + LINES[0] + "\n").replace("\n", "\r\n")
    data = parse_yaml(new)[0].data                    # type: ignore[union-attr]
    found = data_like(BASES[1].replace("\n", "\r\n"), new, data)
    assert found is not None and found["caf"] is data["caf"]
    assert key_position(new, data, ("history", 1)) == \
        parse_yaml(new)[0].source.key(("history", 1))  # type: ignore[union-attr]
