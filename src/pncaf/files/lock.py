"""One writer at a time for each file that pncaf rewrites (`record`, `new`, the sent log).

Teams keep conventions on shared drives and scripts run pncaf on many files at once: a
read-modify-write that another run interleaves with loses an edit. Every rewrite therefore
holds a lock beside its file while it reads, decides and writes. The wait is bounded
(`WAIT_SECONDS`): a run that cannot get the lock says so and changes nothing, instead of
hanging a scheduled task. The lock is the operating system's (filelock: `fcntl` on Linux and
macOS, `msvcrt` on Windows, which both hold on SMB shares). Its file, `.NAME.pncaf-lock`
beside the locked file, is empty and hidden and stays after the run (removing it is not
safe while another run waits on it); in a git repository pncaf adds `.*.pncaf-lock` (and
the undo file's pattern) to the repository's `info/exclude`, so that `git status` stays
clean (`files.git_exclude`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pncaf.errors import UserError

#: How long a run waits for another one to finish with the same file.
WAIT_SECONDS = 30.0


def companion(path: Path, kind: str) -> Path:
    """A hidden file pncaf keeps beside `path` (`.NAME.pncaf-KIND`), at the target of a
    link: the lock, the undo record."""
    target = path.resolve() if path.is_symlink() else path
    return target.with_name(f".{target.name}.pncaf-{kind}")


def lock_path(path: Path) -> Path:
    """The lock file of `path` (a link is locked at its target)."""
    return companion(path, "lock")


@contextmanager
def locked(path: Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the lock of `path` for the duration of the block, waiting at most `wait` s."""
    from filelock import FileLock, Timeout

    from pncaf.files.git_exclude import ignore_companions

    ignore_companions(path)
    lock = FileLock(lock_path(path), timeout=wait)
    try:
        lock.acquire()
    except OSError as exc:
        raise _not_locked(path, exc) from None
    except Timeout:
        raise UserError(
            f"{path} is being changed by another pncaf run (lock {lock_path(path).name}); "
            f"waited {wait:g} s: try again in a moment. If no other run is going on, the "
            "lock was left by a run that crashed: delete that file") from None
    try:
        yield
    finally:
        lock.release()


def _not_locked(path: Path, cause: OSError) -> UserError:
    """Why the lock could not be taken, said of the file asked for, with what to do: a lock
    file left by another user that this one may not write, or the folder's own trouble."""
    import errno
    import os

    from pncaf.files.atomic import write_failed

    lock = lock_path(path)
    if cause.errno in (errno.EACCES, errno.EPERM) and lock.exists() and \
            not os.access(lock, os.W_OK):
        return UserError(
            f"{path}: nothing written: pncaf keeps a lock file beside it ({lock.name}), "
            "and this one was left by another user (or made read-only), so you may not "
            "take it. If no pncaf run is going on, ask that user or an administrator to "
            f"delete {lock}, or to let the team write it (chmod g+w)")
    return write_failed(path, cause)
