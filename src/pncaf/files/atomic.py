"""Write files so that a failure never leaves a half-written or truncated file.

The text goes to a temporary file in the target's folder, is flushed to disk, then renamed
over the target (or linked to a new name): readers see the old file or the new one, never
a mix.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `path`, replacing it if it exists (keeping its permissions)."""
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    with _written_aside(path, data, mode) as temporary:
        os.replace(temporary, path)


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def create_text_atomic(path: Path, text: str) -> None:
    """Write a new file, never replacing an existing one, and never leave half a file:
    the text is written aside, then hard-linked into place (which fails if the name is
    taken, even when another process creates it meanwhile)."""
    with _written_aside(path, text.encode("utf-8"), None) as temporary:
        os.link(temporary, path)


def create_bytes_atomic(path: Path, data: bytes) -> None:
    """`create_text_atomic` for bytes (a spreadsheet): FileExistsError if `path` exists."""
    with _written_aside(path, data, None) as temporary:
        os.link(temporary, path)


@contextlib.contextmanager
def _written_aside(path: Path, data: bytes, mode: int | None) -> Iterator[str]:
    """A temporary file beside `path` holding `data` on disk, with `mode` (default: what
    a new file gets under the umask); it is removed afterwards unless it was renamed."""
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, _new_file_mode() if mode is None else mode)
        yield temporary
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
