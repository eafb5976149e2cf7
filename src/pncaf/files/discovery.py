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
    seen: set[Path] = set()
    for path in paths:
        if not path.exists():
            raise PathNotFound(path)
        # anything but a folder is read as a file: a pipe or a device is then reported
        # by the loader, never silently counted as « 0 files »
        pairs = _walk(path) if path.is_dir() else [(path, path.resolve())]
        for candidate, key in pairs:
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def _walk(folder: Path) -> list[tuple[Path, Path]]:
    """Convention files under `folder`, each with where it really is (what tells a file
    reached twice). Links (symbolic, junctions) are not followed: a link named *.yaml is
    listed for the loader to judge, a linked folder is listed when it leads out of `folder`
    (so that the loader refuses it by name), else skipped (what it holds is found where it
    really is). Only a link's own name needs resolving: below the folder resolved once,
    nothing else can lead elsewhere."""
    real = folder.resolve()
    files: list[tuple[Path, Path]] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            candidate = current / entry.name
            if entry.is_symlink() or (_JUNCTIONS and is_link(candidate)):
                if _named_yaml(candidate) or (
                        candidate.is_dir() and outside_target(candidate, folder) is not None):
                    files.append((candidate, candidate.resolve()))
            elif entry.is_dir(follow_symlinks=False):
                pending.append(candidate)
            elif _named_yaml(candidate) and entry.is_file(follow_symlinks=False):
                files.append((candidate, real / candidate.relative_to(folder)))
    return sorted(files, key=lambda pair: _order(pair[0]))


def _order(path: Path) -> tuple[str, ...]:
    """Paths' own order (part by part, case-folded on Windows), compared in C."""
    return tuple(os.path.normcase(part) for part in path.parts)


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


def _named_yaml(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES
