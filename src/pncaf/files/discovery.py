"""Find convention files: explicit files as given, folders walked for *.yaml / *.yml."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

SUFFIXES = (".yaml", ".yml")


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
        candidates = _walk(path) if path.is_dir() else [path]
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def _walk(folder: Path) -> list[Path]:
    files = []
    for candidate in folder.rglob("*"):
        relative = candidate.relative_to(folder).parts
        if any(part.startswith(".") for part in relative):
            continue
        if candidate.suffix.lower() in SUFFIXES and candidate.is_file():
            files.append(candidate)
    return sorted(files)


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
