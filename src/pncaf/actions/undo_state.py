"""Whether a file has a record to take back: the web page offers « Annuler le dernier
enregistrement » only then (one level of undo, kept beside the file by `record`)."""

from __future__ import annotations

from pathlib import Path


def can_undo(file: Path) -> bool:
    """A record of the last `record` (or `sign`) exists beside `file`; whether the file is
    still what it wrote is decided by `undo` itself, which says why when it is not."""
    from pncaf.editing.undo import undo_path

    return undo_path(file).is_file()
