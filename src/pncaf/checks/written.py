"""A file's diagnostics as a face writes them, made by the process that checked the file.

`check` over 10,000 files finds 170,000 diagnostics (43 MB of JSON). Each checking process
writes its files' diagnostics itself (`Layout`) and sends the parent one block of UTF-8 a
file with the few things the parent needs: the counts by severity, the first and last sort
keys (is the output still in order?). The key and size of each diagnostic travel as one
short text (`Written.table`), read only in the rare cases where a diagnostic found across
files (an id used twice, a partner held twice, `--base`) is merged in at its place, or where
the files came out of order and the JSON list must be sorted: sending them as 170,000
tuples, and unpickling them in the parent, cost more than checking the files' ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from json import loads
from json.encoder import encode_basestring
from operator import itemgetter
from typing import NamedTuple

from pncaf.problems import Diagnostic, Severity, sort_key

#: A diagnostic as a face writes it (a line of text, an item of JSON). A function of a
#: module: the checking processes receive it pickled.
Render = Callable[[Diagnostic], str]

SortKey = tuple[str, int, int, str]

_BY_KEY = itemgetter(0)


class Layout(NamedTuple):
    """How a face writes diagnostics: each one (`item`), and what goes between two."""

    item: Render
    separator: str = "\n"


class Written(NamedTuple):
    """One file's diagnostics written, sorted by position then rule."""

    text: bytes                         # the items, UTF-8, separated by the layout's separator
    counts: tuple[int, int, int]        # errors, warnings, infos
    first: SortKey | None               # None: no diagnostic
    last: SortKey | None
    #: each item's line, column, rule and size in bytes, one line each (the file too,
    #: as JSON, when it is not the checked file's): read only to merge or to sort again
    table: str

    def items(self, file: str, separator: bytes) -> list[tuple[SortKey, bytes]]:
        """Each item with its sort key, in order."""
        found: list[tuple[SortKey, bytes]] = []
        start = 0
        for key, size in sizes(self.table, file):
            found.append((key, self.text[start:start + size]))
            start += size + len(separator)
        return found


def sizes(table: str, file: str) -> Iterator[tuple[SortKey, int]]:
    """Each item's sort key and size in bytes, from `Written.table`."""
    for entry in table.split("\n")[:-1]:
        line, column, rule, size, *other = entry.split("\t")
        yield (loads(other[0]) if other else file, int(line), int(column), rule), int(size)


NOTHING = Written(b"", (0, 0, 0), None, None, "")


def write(file: str, diagnostics: Iterable[Diagnostic], layout: Layout) -> Written:
    """The diagnostics of `file`, sorted (a stable sort: at a tie, as given) and written."""
    ordered = sorted(diagnostics, key=sort_key)
    if not ordered:
        return NOTHING
    render = layout.item
    items = [render(d).encode("utf-8") for d in ordered]
    severities = [d.severity for d in ordered]
    errors, warnings = severities.count(Severity.ERROR), severities.count(Severity.WARNING)
    table = "".join([f"{d.line or 0}\t{d.column or 0}\t{d.rule}\t{len(item)}\n"
                     if d.file == file else _entry(sort_key(d), item, file)
                     for d, item in zip(ordered, items, strict=True)])
    return Written(layout.separator.encode("utf-8").join(items),
                   (errors, warnings, len(ordered) - errors - warnings),
                   sort_key(ordered[0]), sort_key(ordered[-1]), table)


def merge(written: Written, file: str, extra: list[Diagnostic], layout: Layout) -> Written:
    """`written` with the diagnostics of `extra` (found across files) written in at their
    place: after the file's own at a tie, as if all had been sorted together."""
    if not extra:
        return written
    separator = layout.separator.encode("utf-8")
    added = write(file, extra, layout)
    own = written.items(file, separator)
    found = own + added.items(file, separator)
    found.sort(key=_BY_KEY)
    errors, warnings, infos = (a + b for a, b in zip(written.counts, added.counts, strict=True))
    return Written(separator.join(item for _, item in found),
                   (errors, warnings, infos), found[0][0], found[-1][0],
                   "".join(_entry(key, item, file) for key, item in found))


def _entry(key: SortKey, item: bytes, file: str) -> str:
    elsewhere = "" if key[0] == file else f"\t{encode_basestring(key[0])}"
    return f"{key[1]}\t{key[2]}\t{key[3]}\t{len(item)}{elsewhere}\n"
