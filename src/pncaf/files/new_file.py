"""A file written into a folder only pncaf writes into (a site's or drafts' folder aside,
`files.atomic.folder_aside` and `outputs.drafts`), by the system's calls alone.

Thousands are written in a run (a 10,000-convention site, 39,000 drafts): no buffered file
object (its size, terminal and position queries were half the system calls of a file),
and the folder is made only when a file finds it missing. Binary on Windows, where a file
opened without `O_BINARY` turns every `\\n` written into `\\r\\n`.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

_READ = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
_NEW_FILE = (os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
             | getattr(os, "O_CLOEXEC", 0))


def write_new_file(path: Path | str, data: bytes) -> None:
    """`path` holding `data`, its folder made if missing."""
    try:
        handle = os.open(path, _NEW_FILE, 0o666)
    except FileNotFoundError:
        with contextlib.suppress(FileExistsError):     # made meanwhile by another worker
            os.mkdir(os.path.dirname(path))
        handle = os.open(path, _NEW_FILE, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


def holds(path: Path | str, data: bytes) -> bool:
    """Whether `path` is a regular file holding exactly `data` (a link, a folder, a file of
    another size or that cannot be read: False). Its size is asked first, so that a file
    that differs is seldom read."""
    try:
        status = os.lstat(path)
        if not stat.S_ISREG(status.st_mode) or status.st_size != len(data):
            return False
        handle = os.open(path, _READ)
    except OSError:
        return False
    try:
        return os.read(handle, len(data) + 1) == data
    except OSError:
        return False
    finally:
        os.close(handle)
