"""Find convention files: explicit files as given, folders walked for *.yaml / *.yml."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from pncaf.files.links import is_link, outside_target

SUFFIXES = (".yaml", ".yml")
#: Windows junctions are links that `DirEntry.is_symlink` does not report.
_JUNCTIONS = os.name == "nt"


class PathNotFound(Exception):
    """A path the user named does not exist (a usage error, exit 2)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: no such file or folder")
        self.path = path


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files to read, in a stable order: each argument in turn, folders walked sorted.

    Hidden folders (such as `.git`) are skipped; a file named explicitly is read whatever
    its extension; a file reached twice is read once.
    """
    found: list[Path] = []
    seen: set[str] = set()
    for path in paths:
        if not path.exists():
            raise PathNotFound(path)
        # anything but a folder is read as a file: a pipe or a device is then reported
        # by the loader, never silently counted as « 0 files »
        pairs = _walk(path) if path.is_dir() else [(path, str(path.resolve()))]
        for candidate, key in pairs:
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def _walk(folder: Path) -> list[tuple[Path, str]]:
    """Convention files under `folder`, each with where it really is (what tells a file
    reached twice). Links (symbolic, junctions) are not followed: a link named *.yaml is
    listed for the loader to judge, a linked folder is listed when it leads out of `folder`
    (so that the loader refuses it by name), else skipped (what it holds is found where it
    really is). Only a link's own name needs resolving: below the folder resolved once,
    nothing else can lead elsewhere. The walk joins names as text and makes a `Path` only
    of what it lists (pathlib took 8 µs a file, most of a 10,000-file walk)."""
    real = str(folder.resolve())
    found: list[tuple[tuple[str, ...], Path, str]] = []     # (sort key, file, where)
    pending = [(os.fspath(folder), "")]         # (a folder, its path below `folder`)
    while pending:
        current, below = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_symlink() or (_JUNCTIONS and is_link(Path(entry.path))):
                candidate = Path(entry.path)
                if _named_yaml(name) or (
                        candidate.is_dir() and outside_target(candidate, folder) is not None):
                    found.append((_order(below + name), candidate,
                                  str(candidate.resolve())))
            elif entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, below + name + os.sep))
            elif _named_yaml(name) and entry.is_file(follow_symlinks=False):
                found.append((_order(below + name), Path(entry.path),
                              os.path.join(real, below + name)))
    found.sort(key=lambda listed: listed[0])
    return [(path, where) for _, path, where in found]


def _order(below: str) -> tuple[str, ...]:
    """A path's place in the walk's order: part by part (case-folded on Windows), as
    pathlib orders paths, compared in C."""
    return tuple(os.path.normcase(below).split(os.sep))


DEFAULT_FOLDER = Path("conventions")


def resolve_paths(paths: Iterable[Path] | None) -> list[Path]:
    """The files to work on (default: conventions/); a missing path is an invalid request."""
    from pncaf.errors import InvalidRequest

    paths = list(paths or [])
    if not paths:
        if not DEFAULT_FOLDER.is_dir():
            raise InvalidRequest("no conventions/ folder here: name the files or folders to "
                                 "read, e.g. `pncaf check path/to/conventions`")
        paths = [DEFAULT_FOLDER]
    try:
        return discover(paths)
    except PathNotFound as exc:
        raise InvalidRequest(f"{exc.path}: no such file or folder") from None


def _named_yaml(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in SUFFIXES
