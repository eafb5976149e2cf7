"""The digest of a file as it was shown, so that a save made from that view can tell
whether anyone changed the file since (another officer, an editor, `git pull`)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pncaf.errors import ChangedOnDisk


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str | None:
    """The SHA-256 of `path`'s bytes, or None when there is no such file."""
    try:
        return sha256_bytes(path.read_bytes())
    except FileNotFoundError:
        return None


def refuse_if_changed(path: Path, raw: bytes | None, expected: str | None) -> None:
    """Refuse a save when the file (`raw`, None when absent) is not the one shown
    (`expected`; None: no check asked)."""
    if expected is None:
        return
    current = None if raw is None else sha256_bytes(raw)
    if current != expected.strip().lower():
        what = "was deleted" if raw is None else "changed on disk"
        raise ChangedOnDisk(f"{path} {what} since it was shown (another officer, an editor "
                            "or `git pull`): nothing was written; open the current version "
                            "and make the change again", field="sha256")
