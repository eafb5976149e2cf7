"""Read, change and write back one convention file with nothing lost on the way.

Used by `pncaf record`. The whole read-modify-write holds the file's lock
(`pncaf.files.lock`), so that concurrent runs take turns and each one reads what the
previous one wrote. The file is read as `check` reads it (size limit, UTF-8, no NUL); a
byte-order mark is put back; a read-only file is refused before anything is computed; the
write is atomic and keeps mode, owner and group, and follows a link to its target
(`pncaf.files.atomic`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pncaf.errors import Refused

BOM = b"\xef\xbb\xbf"
E = TypeVar("E")


def rewrite(path: Path, change: Callable[[str], E], after: Callable[[E], str | None],
            expected_sha256: str | None = None) -> E:
    """Under the file's lock: read `path`, compute `change(text)`, then write the text that
    `after(result)` gives (None: write nothing, e.g. a dry run). Returns the result. With
    `expected_sha256` (the file as it was shown), a file changed since is refused."""
    from pncaf.files.atomic import write_bytes_atomic
    from pncaf.files.digest import refuse_if_changed
    from pncaf.files.lock import locked

    with locked(path):
        raw = read_limited(path)
        refuse_if_changed(path, raw, expected_sha256)
        text = decoded(raw, path)
        result = change(text)
        new_text = after(result)
        if new_text is not None and new_text != text:
            prefix = BOM if raw.startswith(BOM) else b""
            write_bytes_atomic(path, prefix + new_text.encode("utf-8"))
    return result


def read_limited(path: Path) -> bytes:
    from pncaf.format.loader import MAX_BYTES

    with path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise Refused(f"{path}: the file is larger than {MAX_BYTES // 1024} KiB (the limit "
                        "of `pncaf check`): nothing written")
    return raw


def decoded(raw: bytes, path: Path) -> str:
    from pncaf.format.loader import decode

    text, problem = decode(raw)
    if problem is not None:
        raise Refused(f"{path}:{problem.line}:{problem.column}: {problem.message}")
    assert text is not None
    return text
