"""Write files so that a failure never leaves a half-written or truncated file.

The text goes to a temporary file in the target's folder, is flushed to disk, then renamed
over the target (or linked to a new name): readers see the old file or the new one, never
a mix. A replaced file keeps its mode, owner and group; a read-only file is refused, not
replaced (renaming over it would succeed, the folder being writable); a symbolic link is
followed, so that the file it points to is changed and the link stays a link.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Container, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from pncaf.errors import Refused, UserError


class WriteFailed(Refused):
    """A write the system refused, said of the file the user asked for (never of pncaf's
    temporary file or lock), with what to do; `path` and `cause` let a caller that wrote
    into a folder aside say it of the folder's real name instead."""

    def __init__(self, path: Path, cause: OSError) -> None:
        super().__init__(_sentence(path, cause))
        self.path = path
        self.cause = cause

    def __reduce__(self) -> tuple[type[WriteFailed], tuple[Path, OSError]]:
        return WriteFailed, (self.path, self.cause)       # back from a worker process


def _sentence(path: Path, cause: OSError) -> str:
    code = cause.errno
    said = cause.strerror or str(cause)
    if code == errno.ENOSPC:
        return (f"{path}: the disk is full ({said}): it was not written, and any previous "
                "version is unchanged; free some space and run the command again")
    if code == getattr(errno, "EDQUOT", -1):
        return (f"{path}: your disk quota is used up ({said}): it was not written; delete "
                "some of your files (or ask for a larger quota) and run the command again")
    if code == errno.EROFS:
        return (f"{path}: the disk is read-only ({said}): it was not written; use another "
                "place, or ask for this disk to be made writable")
    if code in (errno.EACCES, errno.EPERM):
        folder = path.parent if str(path.parent) else Path(".")
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent           # the folder that refused a new subfolder
        return (f"{path}: you may not write in {folder} ({said}): it was not written; ask "
                "the folder's owner for the right to write there, or use a folder you can "
                "write in")
    return f"{path}: {said}: it was not written"


def write_failed(path: Path, cause: OSError) -> WriteFailed:
    """The refusal for `cause`, a failed write of `path`."""
    return WriteFailed(path, cause)


def write_bytes_atomic(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write `path`, replacing it if it exists (keeping its mode, owner and group); `data`:
    bytes, or pieces of them written one after the other."""
    with contextlib.suppress(OSError):
        if stat.S_ISFIFO(mode := os.stat(path).st_mode) or stat.S_ISCHR(mode):
            _write_into(path, data)     # through links too: -o /dev/stdout
            return
    target = path.resolve() if path.is_symlink() else path
    if target.is_dir():
        raise UserError(f"{path} is a folder: give the name of a file to write")
    if not target.exists():
        with _written_aside(target, data, None) as temporary:
            os.replace(temporary, target)
        return
    status = target.stat()
    refuse_read_only(path, status)
    with _written_aside(target, data, status.st_mode & 0o7777) as temporary:
        _same_owner(temporary, status, path)
        os.replace(temporary, target)


def _write_into(path: Path, data: bytes | Iterable[bytes]) -> None:
    """A FIFO or a device (`-o /dev/stdout`, /dev/full): written into, never replaced by a
    regular file, which would break it for every other program."""
    try:
        with open(path, "wb") as out:
            _write_all(out, data)
    except OSError as exc:
        raise write_failed(path, exc) from None


def refuse_read_only(path: Path, status: os.stat_result | None = None) -> None:
    """A file nobody may write (mode 444, Windows' read-only flag), or that this user may
    not write, is someone's decision: say so instead of replacing it."""
    status = status or path.stat()
    if status.st_mode & 0o222 == 0 or not os.access(path, os.W_OK):
        raise UserError(f"{path}: the file is read-only (or you may not write it): nothing "
                        "written; make it writable first if it should change")


def _same_owner(temporary: str, status: os.stat_result, path: Path) -> None:
    if not hasattr(os, "chown"):                      # Windows: a new file inherits the ACL
        return
    if (status.st_uid, status.st_gid) == (os.geteuid(), os.getegid()):
        return
    try:
        os.chown(temporary, status.st_uid, status.st_gid)
    except PermissionError:
        raise UserError(f"{path} belongs to another user or group, which pncaf could not "
                        "keep on the new version: nothing written; run it as that user"
                        ) from None


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


@contextlib.contextmanager
def folder_aside(target: Path, own_names: Container[str]) -> Iterator[Path]:
    """A new folder beside `target` to write into (plainly: it is flushed to disk as a
    whole at the end); when the block ends without error it
    replaces `target` as a whole (the old one is removed), otherwise it is removed and
    `target` stays as it was. A `target` holding anything but `own_names` is refused: it is
    not ours to replace."""
    if target.exists():
        if not target.is_dir():
            raise UserError(f"{target} is a file, not a folder: nothing written")
        strangers = sorted(p.name for p in target.iterdir() if p.name not in own_names)
        if strangers:
            raise UserError(f"{target} holds files pncaf did not write ({', '.join(strangers[:3])}"
                            f"{', …' if len(strangers) > 3 else ''}): nothing written; choose "
                            "a new or empty folder")
    parent = target.parent if str(target.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    try:
        aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise write_failed(target, exc) from None
    try:
        os.chmod(aside, target.stat().st_mode & 0o7777 if target.exists()
                 else new_folder_mode())
        try:
            yield aside
        except WriteFailed as failed:  # name the folder the user asked for, not ours
            raise write_failed(target, failed.cause) from None
        except OSError as exc:
            raise write_failed(target, exc) from None
        _on_disk(aside)
        try:
            _swap(aside, target)
        except OSError as exc:
            raise write_failed(target, exc) from None
    finally:
        shutil.rmtree(aside, ignore_errors=True)


def _on_disk(folder: Path) -> None:
    """Everything written in `folder` flushed to disk before it is swapped in: one sync
    for the whole folder (a dashboard has thousands of pages; a sync each took a quarter
    of its time), or each file where the system has no sync."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb+") as handle:
                os.fsync(handle.fileno())


def _swap(new: Path, target: Path) -> None:
    if not target.exists():
        os.rename(new, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=new.parent))
    os.rmdir(old)
    os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


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
def _written_aside(path: Path, data: bytes | Iterable[bytes], mode: int | None,
                   ) -> Iterator[str]:
    """A temporary file beside `path` holding `data` on disk, with `mode` (default: what
    a new file gets under the umask); it is removed afterwards unless it was renamed."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=folder)
    except OSError as exc:
        raise write_failed(path, exc) from None
    try:
        with os.fdopen(handle, "wb") as out:
            _write_all(out, data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, _new_file_mode() if mode is None else mode)
        yield temporary
    except FileExistsError:  # create_*_atomic: the name is taken, said by the caller
        raise
    except OSError as exc:   # name the file the user asked for, never our temporary one
        raise write_failed(path, exc) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _write_all(out: BinaryIO, data: bytes | Iterable[bytes]) -> None:
    for chunk in [data] if isinstance(data, bytes) else data:
        out.write(chunk)


def _new_file_mode() -> int:
    return 0o666 & ~_umask()


def new_folder_mode() -> int:
    """The mode `mkdir` gives a new folder (under the umask): a folder written aside
    (`tempfile.mkdtemp` makes it private) gets it before it is renamed into place."""
    return 0o777 & ~_umask()


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask
