"""The two kinds of mistakes a command reports to the user (no traceback, ever)."""

from __future__ import annotations


class UsageError(Exception):
    """A mistake in how the command was called: message, then exit 2."""


class UserError(Exception):
    """Something the user can fix (a file that cannot be written…): message, then exit 1."""


def internal_error(exc: BaseException) -> str:
    """The one line shown for a bug, in place of a traceback."""
    return (f"pncaf: internal error ({type(exc).__name__}: {exc}). This is a bug in pncaf: "
            "please report it with the command and the file.")
