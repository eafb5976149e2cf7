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

import functools
import re
from typing import Any

from pncaf.files.yaml_plain import plain_data
from pncaf.files.yaml_positions import SourceMap, parse_yaml

#: Where a line at the left margin starts that is not blank or a comment (and the text's
#: first line, checked apart).
_AT_MARGIN = re.compile(r"\n(?=[^ #\n])")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?=[ \n]|\Z)")
#: Line breaks YAML knows besides `\n` (and a byte-order mark past the start): with them
#: a quote open across two keys (or items) and a break inside one line could cut the text
#: where this module does not and still give as many keys as it counts.
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029\ufeff]")
_FIRST_ITEM = re.compile(r"^( +)-(?=[ \n]|\Z)", re.MULTILINE)
_NOTHING = object()


def data_like(text: str, other_text: str, other_data: Any) -> dict[str, Any] | None:
    """`plain_data(text)`, with the values of the blocks written as in `other_text` taken
    from `other_data` (shared, not copied); None when the layout is not plain enough to
    tell (the caller then reads `text` in full)."""
    mine, theirs = _blocks(_lf(text)), _blocks(_lf(other_text))
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


def key_position(text: str, data: Any, path: tuple[str | int, ...],
                 ) -> tuple[int, int] | None:
    """`parse_yaml(text).source.key(path)` (`data` is what `text` means), reading only the
    block of `path`'s top-level key, or only its item when `path` goes into a block list:
    a change is placed on its line without the whole file's map of positions. None when
    the layout is not plain enough to tell, or the key is not there."""
    text = _lf(text)
    blocks = _blocks(text)
    if not path or blocks is None or not isinstance(data, dict) \
            or [key for key, _ in blocks] != list(data) or path[0] not in data:
        return None
    start = len(text) - sum(len(block) for _, block in blocks)    # after the comments on top
    for key, block in blocks:
        if key == path[0]:
            break
        start += len(block)
    before = text.count("\n", 0, start)          # lines above the block
    listed = _items(block) if len(path) > 1 and isinstance(path[1], int) else None
    if listed is not None and isinstance(data[path[0]], list) \
            and len(listed[1]) == len(data[path[0]]) and 0 <= int(path[1]) < len(listed[1]):
        first, items = listed
        index = int(path[1])
        above = block.count("\n", 0, first + sum(map(len, items[:index])))
        where = _key_alone("x:\n" + items[index], ("x", 0, *path[2:]))
        return None if where is None else (before + above + where[0] - 1, where[1])
    where = _key_alone(block, path)
    return None if where is None else (before + where[0], where[1])


def _lf(text: str) -> str:
    """Windows line ends (`\r\n`, what git gives a Windows checkout) as `\n`: libyaml
    reads a text alike either way (a value's line breaks are `\n` in both) and every line
    and column stays where it was, since `\r` ends its line. A lone `\r` is left, and
    sends the text to the full reading (`_OTHER_BREAKS`)."""
    return text.replace("\r\n", "\n") if "\r" in text else text


def _key_alone(text: str, path: tuple[str | int, ...]) -> tuple[int, int] | None:
    source = _positions_alone(text)
    return None if source is None else source.key(path)


@functools.lru_cache(maxsize=8)     # a block read once for all the changes it holds
def _positions_alone(text: str) -> SourceMap | None:
    parsed, problems = parse_yaml(text)
    # an alias to another block's anchor (a merge `<<: *x` brings its positions): the
    # caller places it with the whole map
    return None if parsed is None or problems else parsed.source


@functools.lru_cache(maxsize=8)     # the new text's: for the old one's data, then to place
def _blocks(text: str) -> list[tuple[str, str]] | None:
    """Each top-level key with the text of its lines (up to the next key), in order."""
    if _OTHER_BREAKS.search(text):
        return None
    starts = [found.end() for found in _AT_MARGIN.finditer(text)]
    if text[:1] not in ("", " ", "#", "\n"):
        starts.insert(0, 0)
    if not starts:
        return []
    keys = []
    for start in starts:
        key = _KEY.match(text, start)
        if key is None:
            return None
        keys.append(key.group(1))
    if not _only_comments(text[:starts[0]]):
        return None
    ends = [*starts[1:], len(text)]
    return [(key, text[start:end]) for key, start, end in zip(keys, starts, ends, strict=True)]


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
    found, other = _items(block), _items(other_block)
    if found is None or other is None or len(other[1]) != len(other_list):
        return _NOTHING
    mine, theirs = found[1], other[1]
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


@functools.lru_cache(maxsize=8)
def _items(block: str) -> tuple[int, list[str]] | None:
    """Where the first item starts and the text of each item, for a block that is `key:`
    (a comment at most) then a list of items at one indentation; None for any other."""
    head_end = block.find("\n")
    if head_end < 0:
        return None
    rest = block[block.index(":") + 1:head_end].strip()
    if rest and not rest.startswith("#"):
        return None
    first = _FIRST_ITEM.search(block, head_end + 1)
    # before the first item, blank lines and comments at most: they say nothing
    if first is None or not _only_comments(block[head_end + 1:first.start()]):
        return None
    # every line up to the next item at this indentation is the item's (YAML allows no
    # other line there, but a quote's or a bracket's, which the texts compared include)
    next_item = _next_item(len(first.group(1)))
    starts = [first.start(), *(found.end() for found in next_item.finditer(block, first.end()))]
    ends = [*starts[1:], len(block)]
    return starts[0], [block[start:end] for start, end in zip(starts, ends, strict=True)]


@functools.cache
def _next_item(indent: int) -> re.Pattern[str]:
    """Where the next item at `indent` starts."""
    return re.compile(r"\n(?=" + " " * indent + r"-(?=[ \n]|\Z))")
