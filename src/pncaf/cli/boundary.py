"""The one place where an error becomes what the user sees: one `pncaf: …` line and an
exit code, never a traceback.

Both ways into pncaf go through `guarded`: the fast `check` path (`pncaf.cli.entry`) and
the full command line (`pncaf.cli.app`). So a full disk, a closed pipe or a read-only
folder gets the same answer from every command. Exit codes: 1 for what the user can fix
(a file, the disk), 2 for a mistake in the command line, 130 for Ctrl-C. This module
imports nothing heavy: the fast path loads it.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from pncaf.errors import UsageError, UserError, internal_error

P = ParamSpec("P")
R = TypeVar("R")


class _ClosedStream:
    """Stands in for a standard stream the shell closed (`>&-`), so that writing to it is
    an ordinary OSError that the boundary reports, instead of an AttributeError on None."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "it is closed, so nothing can be written there")

    def flush(self) -> None:
        """Nothing was ever written, so there is nothing to flush."""

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "it is closed")


def guarded(run: Callable[[], int | None]) -> int:
    """Run a command; return its exit code, having reported any error as one line."""
    if sys.stdout is None:
        sys.stdout = _ClosedStream(1)
    try:
        code = run()
        sys.stdout.flush()             # a full disk shows here, not in a warning at exit
        return code or 0
    except SystemExit as exc:          # typer/click finish this way (their own usage errors)
        try:
            sys.stdout.flush()
        except OSError as flush_error:
            _silence_stdout()
            return report(flush_error)
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException as exc:
        if isinstance(exc, OSError):
            _silence_stdout()
        return report(exc)


def exits(func: Callable[P, R]) -> Callable[P, R]:
    """The same answer for a command called on its own (tests, `typer.testing`): the error
    is reported here and the command exits with its code. Click's own ways of finishing
    (an exit code, its usage errors) pass through to click."""
    from typer import Abort, Exit
    from typer.exceptions import TyperException

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except (SystemExit, Exit, Abort, TyperException):
            raise
        except BaseException as exc:
            raise SystemExit(report(exc)) from None
    return wrapper


def report(exc: BaseException) -> int:
    """Say what went wrong in one line on stderr; return the exit code it deserves."""
    if isinstance(exc, KeyboardInterrupt):
        _say("pncaf: interrupted")
        return 130
    if isinstance(exc, UsageError):
        _say(f"pncaf: {exc}")
        return 2
    if isinstance(exc, UserError):
        _say(f"pncaf: {exc}")
        return 1
    if isinstance(exc, OSError):
        return _report_os_error(exc)
    _say(internal_error(exc))          # a bug: still one line for the user
    return 1


def _report_os_error(exc: OSError) -> int:
    """A failed read or write: name the file (or the stream) and what the system said."""
    if exc.errno == errno.EPIPE:
        return 1                       # the reader went away (`| head`): nothing to say
    where = exc.filename if exc.filename is not None else "standard output"
    _say(f"pncaf: {where}: {exc.strerror or exc}")
    return 1


def _silence_stdout() -> None:
    """Point standard output at /dev/null so that Python's last flush at exit cannot
    print a second error about the same failed write."""
    try:
        fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (OSError, ValueError, AttributeError):
        sys.stdout = _ClosedStream(1)
        return
    os.dup2(devnull, fd)
    os.close(devnull)


def _say(line: str) -> None:
    from pncaf.printable import shown

    with contextlib.suppress(OSError, ValueError, AttributeError):
        # (no stderr either: the exit code still tells)
        print(shown(line), file=sys.stderr, flush=True)
