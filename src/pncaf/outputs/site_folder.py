"""What a report folder may hold, so that `pncaf report` replaces it only when everything
in it is a site pncaf wrote: a second report into the same folder works, and nothing of
the user's is ever deleted with it.

An earlier site is its `index.html`, its CSV, the folders `conventions/` and `certificats/`
holding only pages (`.html` files), and the other pages of its table, `liste-2.html`…,
numbered without a gap and each linked from that index. Anything else — a convention
file, a user's `liste-1.html` or `liste-2.html` beside a site of one page, a link, a
folder by a page's name — is not pncaf's, and the folder is refused as a whole
(`files.atomic.folder_aside`). Testers found each of these replaced before.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from pncaf.errors import Refused
from pncaf.outputs.figures import CSV_NAME

_PAGE_FOLDERS = ("conventions", "certificats")
#: An index links its other pages; a larger index than this is not pncaf's.
_INDEX_LIMIT = 64 * 1024 * 1024


class SiteFolder:
    """The names in `folder` that an earlier site of pncaf's holds (`in`)."""

    def __init__(self, folder: Path) -> None:
        self.names = _own_names(folder)

    def __contains__(self, name: object) -> bool:
        return name in self.names


def refuse_sources_inside(files: Sequence[Path], out: Path) -> None:
    """A report folder that holds conventions it reads (`-o` given the folder above
    `conventions/`) would have them replaced by the site: refused, saying where to write."""
    top = Path(os.path.abspath(out))
    for file in files:
        if Path(os.path.abspath(file)).is_relative_to(top):
            raise Refused(f"{out} holds the conventions the report reads ({file}): nothing "
                          f"written; write the report to a folder of its own, for example "
                          f"{out / 'site'}")


def _own_names(folder: Path) -> frozenset[str]:
    try:
        with os.scandir(folder) as found:
            entries = {entry.name: entry for entry in found}
    except OSError:             # no folder yet, or not one: folder_aside says which
        return frozenset()
    own = {name for name in ("index.html", CSV_NAME)
           if name in entries and _plain_file(entries[name])}
    own.update(name for name in _PAGE_FOLDERS
               if name in entries and _pages_only(entries[name]))
    linked = _linked_pages(folder / "index.html") if "index.html" in own else set()
    number = 2                      # the pages the index links, from 2 on, without a gap
    while (name := f"liste-{number}.html") in entries and name in linked \
            and _plain_file(entries[name]):
        own.add(name)
        number += 1
    return frozenset(own)


def _plain_file(entry: os.DirEntry[str]) -> bool:
    return entry.is_file(follow_symlinks=False)


def _pages_only(entry: os.DirEntry[str]) -> bool:
    """A folder (not a link) holding nothing but pages: plain `.html` files."""
    if not entry.is_dir(follow_symlinks=False):
        return False
    try:
        with os.scandir(entry.path) as inside:
            return all(page.name.endswith(".html") and _plain_file(page) for page in inside)
    except OSError:
        return False


def _linked_pages(index: Path) -> set[str]:
    """The other pages of the table an index links to."""
    try:
        with index.open("rb") as handle:
            text = handle.read(_INDEX_LIMIT).decode("utf-8", "replace")
    except OSError:
        return set()
    return set(re.findall(r'href="(liste-[0-9]+\.html)"', text))
