"""The errors a user can meet, with no exit code: the command line chooses those at its one
boundary (`pncaf.cli.boundary`), the web face shows the message beside the field.

Two kinds, raised anywhere below the faces:

- `InvalidRequest`: the request itself cannot be right (a date that is not one, an option
  that goes with another, a file that does not exist): the command line exits 2.
- `Refused`: the request is well formed but cannot be carried out (the file has errors,
  another officer changed it, the disk is read-only): exit 1.

`field` names the part of the request a message concerns (`date`, `indicator`…), for a form
to show it beside that field; None when it concerns the whole request.
"""

from __future__ import annotations


class PncafError(Exception):
    """Something the user can fix, said in one sentence (no traceback, ever)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field

    @property
    def message(self) -> str:
        return str(self)


class InvalidRequest(PncafError):
    """A mistake in what was asked (the command line's usage error)."""


class Refused(PncafError):
    """What was asked cannot be done as things are (a file, the disk, the settings)."""


class ChangedOnDisk(Refused):
    """The file is no longer the one the officer saw: nothing was written."""


#: The names the command line used before the boundary chose exit codes: kept for the
#: command line and its tests (a usage error, a user error); the stages below it raise
#: `InvalidRequest` and `Refused` by name (importing/ still says the old names).
UsageError = InvalidRequest
UserError = Refused


def internal_error(exc: BaseException) -> str:
    """The one line shown for a bug, in place of a traceback."""
    return (f"pncaf: internal error ({type(exc).__name__}: {exc}). This is a bug in pncaf: "
            "please report it with the command and the file.")
