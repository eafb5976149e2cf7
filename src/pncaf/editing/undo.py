"""`pncaf record --undo FILE`: take back the last event `record` added, without git.

Most Caf teams keep their files on a shared drive, with no version history to go back to.
Each `record` therefore keeps, beside the file, the text as it was before and a digest of
the text it wrote (`.NAME.pncaf-undo`, hidden, like the lock). `--undo` puts the old text
back only when the file is still exactly what that `record` wrote: if anyone changed it
since, nothing is touched and the message says so. One level of undo, under the file's lock.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from pncaf.errors import Refused


def undo_path(path: Path) -> Path:
    """The undo record of `path`: hidden, beside it."""
    from pncaf.files.lock import companion

    return companion(path, "undo")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def remember(path: Path, before: str, after: str, what: str) -> None:
    """Keep what `--undo` needs to take back the edit that turned `before` into `after`."""
    from pncaf.files.atomic import write_text_atomic

    data = {"what": what, "after_sha256": _digest(after), "before": before}
    write_text_atomic(undo_path(path), json.dumps(data, ensure_ascii=False))


def undo(path: Path) -> str:
    """Put back the text `path` had before the last `record`; return what was taken back.
    Call it while holding the file's lock."""
    saved = undo_path(path)
    try:
        data = json.loads(saved.read_text(encoding="utf-8"))
        what, expected, before = data["what"], data["after_sha256"], data["before"]
    except FileNotFoundError:
        raise Refused(f"{path}: nothing to undo (pncaf keeps only the last event `record` "
                        "added to each file, and it was already undone or never recorded "
                        "here)") from None
    except (ValueError, KeyError, TypeError):
        raise Refused(f"{saved} is damaged: delete it, and remove the event by hand") from None
    from pncaf.editing.rewrite import BOM, decoded, read_limited
    from pncaf.files.atomic import write_bytes_atomic

    raw = read_limited(path)      # the text as `record` read it: BOM apart, line ends kept
    current = decoded(raw, path)
    if _digest(current) != expected:
        raise Refused(
            f"{path} changed since pncaf recorded {what}: nothing undone, so that the later "
            "change is not lost. Remove that event by hand (delete its lines under "
            "`history:`), then run `pncaf check` on the file")
    write_bytes_atomic(path, (BOM if raw.startswith(BOM) else b"") + before.encode("utf-8"))
    with contextlib.suppress(FileNotFoundError):
        saved.unlink()
    return str(what)
