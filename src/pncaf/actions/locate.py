"""Find a convention's file from its id, as the web face addresses it: the id is checked
against a strict shape and only ever compared with the files the network already holds,
so no part of a request becomes a path (`../`, `%2e%2e`, an absolute path never reach the
disk)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

#: What an id may look like (the file names `pncaf new` and `import` write): no separator,
#: no leading dot, so it can never name a folder or climb out of one.
ID_SHAPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*")
MAX_ID = 120


def plausible_id(convention_id: str) -> bool:
    """Whether `convention_id` has the shape of an id (checked before any file is read)."""
    return len(convention_id) <= MAX_ID and ID_SHAPE.fullmatch(convention_id) is not None


def locate(paths: Sequence[Path], convention_id: str, scan: bool = True) -> Path | None:
    """The file of the network whose convention id is `convention_id`, or None.

    A file named after its id is tried first (the usual case, one file read); otherwise,
    with `scan`, every file's id is read, the first one wins (`check` reports a
    duplicate). A face that keeps the overview looks there instead (`scan=False`)."""
    from pncaf.actions.common import resolve_paths
    from pncaf.format.loader import load_file

    if not plausible_id(convention_id):
        return None
    files = resolve_paths(paths)
    named = [p for p in files if p.stem == convention_id]
    others: list[Path] = [p for p in files if p.stem != convention_id] if scan else []
    for path in [*named, *others]:
        if load_file(path).id == convention_id:
            return path
    return None


def new_file(paths: Sequence[Path], name: str) -> Path | None:
    """Where a new convention named `name` (an id) goes: the network's first folder (default
    conventions/), never elsewhere; None when the name is not an id."""
    from pncaf.files.discovery import DEFAULT_FOLDER

    if not plausible_id(name):
        return None
    folders = [p for p in paths if p.is_dir()] or [DEFAULT_FOLDER]
    return folders[0] / f"{name}.yaml"
