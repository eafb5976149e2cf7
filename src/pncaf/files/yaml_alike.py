"""The plain data of a YAML text, taken from the data of a similar text where the two are
written alike: the old side of `pncaf diff`, which the new side has just read in full.

Two versions of a convention differ by a few lines (a committee added to a history of
eighty events). A top-level key starts at the left margin; every line of its value is
indented (or blank, or a comment), so the lines from one such key to the next always mean
the same value, whatever comes before or after: libyaml reads them in the same state (at
the margin, in the root mapping), and anything left open at their end (a quote, a bracket)
would make them unreadable alone. The same holds one level down, for the items of a block
list (`  - …` at one indentation). So a block written exactly as in the other text takes
the other text's value, and only the blocks (or list items) that differ are read, alone,
by `plain_data`.

Anything outside that plain layout — a line at the margin that is not a `key:`, a
document marker, a line break other than `\\n`, an alias (`*name`, whose meaning lies
elsewhere) in a shared block, a key twice — answers None: the caller reads the whole text.
So does a quote left open across two keys or items: the other text's keys and items are
counted against its data (a quote can only join what this module cut), and what is read
alone must give one key. The other text's data must be what `parse_yaml` or `plain_data`
made of it; `tests/test_yaml_alike.py` holds the result to `parse_yaml`'s on generated
edits.
"""

from __future__ import annotations

import re
from typing import Any

from pncaf.files.yaml_plain import plain_data

#: A line at the left margin that is not blank or a comment.
_AT_MARGIN = re.compile(r"^[^ #\n][^\n]*", re.MULTILINE)
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: |$)")
#: Line breaks YAML knows besides `\n` (and a byte-order mark past the start): with them
#: a quote open across two keys (or items) and a break inside one line could cut the text
#: where this module does not and still give as many keys as it counts.
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029\ufeff]")
_ITEM = re.compile(r"( +)-(?: |$)")
_NOTHING = object()


def data_like(text: str, other_text: str, other_data: Any) -> dict[str, Any] | None:
    """`plain_data(text)`, with the values of the blocks written as in `other_text` taken
    from `other_data` (shared, not copied); None when the layout is not plain enough to
    tell (the caller then reads `text` in full)."""
    mine, theirs = _blocks(text), _blocks(other_text)
    if mine is None or theirs is None or not mine or not isinstance(other_data, dict) \
            or [key for key, _ in theirs] != list(other_data):
        return None
    their_blocks = dict(theirs)
    out: dict[str, Any] = {}
    for key, block in mine:
        if key in out:
            return None                         # a key twice: plain_data says None
        same = their_blocks.get(key)
        value: Any = _NOTHING
        if same == block and "*" not in block:
            value = other_data[key]
        elif same is not None and isinstance(other_data[key], list):
            value = _list_like(block, same, other_data[key])
        if value is _NOTHING:
            value = _alone(key, block)
            if value is _NOTHING:
                return None
        out[key] = value
    return out


def _blocks(text: str) -> list[tuple[str, str]] | None:
    """Each top-level key with the text of its lines (up to the next key), in order."""
    if _OTHER_BREAKS.search(text):
        return None
    starts: list[tuple[int, str]] = []
    for found in _AT_MARGIN.finditer(text):
        key = _KEY.match(found.group())
        if key is None:
            return None
        starts.append((found.start(), key.group(1)))
    if not starts:
        return []
    if not _only_comments(text[:starts[0][0]]):
        return None
    ends = [start for start, _ in starts[1:]] + [len(text)]
    return [(key, text[start:end]) for (start, key), end in zip(starts, ends, strict=True)]


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.split("\n"))


def _alone(key: str, block: str) -> Any:
    """The value of one block, read by itself (_NOTHING when it is not plain)."""
    data = plain_data(block)
    # its other lines are indented, blank or comments: `key` is its only key
    return _NOTHING if data is None else data[key]


def _list_like(block: str, other_block: str, other_list: list[Any]) -> Any:
    """The list of `block` (`key:` then items `- …` at one indentation), the items written
    as in `other_block` at its start and at its end taken from `other_list`; _NOTHING when
    either block is not such a list."""
    mine, theirs = _items(block), _items(other_block)
    if mine is None or theirs is None or len(theirs) != len(other_list):
        return _NOTHING
    count = min(len(mine), len(theirs))
    start = 0
    while start < count and mine[start] == theirs[start] and "*" not in mine[start]:
        start += 1
    end = 0
    while end < count - start and mine[-1 - end] == theirs[-1 - end] \
            and "*" not in mine[-1 - end]:
        end += 1
    middle = mine[start:len(mine) - end]
    read: list[Any] = []
    if middle:
        # read under a key of their own, at the indentation they have (never the margin)
        data = plain_data("x:\n" + "".join(middle))
        if data is None or not isinstance(data.get("x"), list):
            return _NOTHING
        read = data["x"]
    return [*other_list[:start], *read, *other_list[len(other_list) - end:]]


def _items(block: str) -> list[str] | None:
    """The text of each item of a block that is `key:` (a comment at most) then a list of
    items at one indentation; None for any other block."""
    lines = block.split("\n")
    head = lines[0]
    rest = head[head.index(":") + 1:].strip()
    if rest and not rest.startswith("#"):
        return None
    items: list[str] = []
    current: list[str] = []
    indent = -1
    for line in lines[1:]:
        item = _ITEM.match(line)
        if item is not None and (indent < 0 or len(item.group(1)) == indent):
            if current:
                items.append("\n".join(current) + "\n")
            indent, current = len(item.group(1)), [line]
        elif not line.strip() or line.lstrip().startswith("#") or (
                indent >= 0 and len(line) - len(line.lstrip(" ")) > indent):
            if current:
                current.append(line)
            # blank lines and comments before the first item say nothing
        else:
            return None
    if not current:
        return None
    last = "\n".join(current)
    # the block's own end: a newline unless the text ends without one
    items.append(last + "\n" if block.endswith("\n") and not last.endswith("\n") else last)
    return items
