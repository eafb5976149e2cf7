"""Links that lead out of a folder: found, named, never read.

A cloned repository, a pull request or a shared drive can hold `conventions/evil.yaml ->
/etc/passwd` (or `-> ~/.config/gh/hosts.yml`, where a token lives). Read, its text would end
up in a CI annotation or in the dashboard. So a convention file that is a link (a symbolic
link, or on Windows a junction) is read only when what it points to lies inside the folder
holding the link, outside any hidden folder (`.git`, `.config`); a linked folder met while
walking is treated the same way. `os.path.realpath` follows symbolic links and junctions
alike, on every system.

Hard links (a regular file with more than one name) are read: no name is the original one,
so there is nothing outside to point to; git never makes them (a pull request cannot carry
one); making one needs write access to the file itself on Linux (`protected_hardlinks`) and
on NTFS, so it gives nobody a file they could not already read; and backups make them
legitimately. What protects the user there is that pncaf never quotes a file that is not a
convention (`pncaf.format.messages`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: `st_reparse_tag` of a Windows junction (a folder link that is not a symbolic link).
_JUNCTION = getattr(stat, "IO_REPARSE_TAG_MOUNT_POINT", None)


def is_link(path: Path) -> bool:
    """A symbolic link, or a Windows junction (which Python 3.11 does not call a link)."""
    try:
        status = os.lstat(path)
    except OSError:
        return False
    if stat.S_ISLNK(status.st_mode):
        return True
    return _JUNCTION is not None and getattr(status, "st_reparse_tag", None) == _JUNCTION


def outside_target(path: Path, folder: Path | None = None) -> Path | None:
    """Where the link `path` leads when that is outside `folder` (default: the folder
    holding the link) or inside a hidden folder there; None for anything else (not a link,
    or a link within)."""
    if not is_link(path):
        return None
    target = Path(os.path.realpath(path))
    inside = Path(os.path.realpath(folder if folder is not None else path.parent))
    try:
        relative = target.relative_to(inside)
    except ValueError:
        return target
    if any(part.startswith(".") for part in relative.parts):
        return target
    return None


def refusal(target: Path) -> str:
    """The message that says why a link is not read and what to do (the diagnostic's file
    names the link)."""
    return (f"this is a link to {target}, outside its folder: pncaf does not read "
            "it, so that a link cannot publish another file; put the convention itself "
            "in the folder (a copy, not a link)")
