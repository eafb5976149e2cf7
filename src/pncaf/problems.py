"""One shape for every problem pncaf reports, whatever stage found it (beancount's
`LoadError`: a message at a source position).

It lives at the bottom of the pipeline so that every stage can return it: the loader and
the settings, the format's validator, the rules, the editors and the application layer.

Each stage of the pipeline (parse, validate, rules) returns its result together with a list
of `Diagnostic`; they accumulate instead of stopping at the first one, so one bad file or
one bad key never hides the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"       # a finding the team took note of (`acknowledgment`): never fails


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem at a place in a file.

    `line` and `column` are 1-based; `None` only when no position exists (for example a
    file that cannot be read at all). `message` says what is wrong and, where it helps,
    how to fix it.
    """

    file: str
    line: int | None
    column: int | None
    severity: Severity
    rule: str
    message: str
    convention: str | None = None
    subject: str | None = None      # what a time-based finding is about: "2024-S1", "period 2"
    message_fr: str | None = None   # the message in French, for the dashboard, when written

    def __reduce__(self) -> tuple[type[Diagnostic], tuple[object, ...]]:
        """Pickled as its fields (workers send ten thousand files' diagnostics to the
        parent): a third of the time of a frozen dataclass's own state, both ways."""
        return (Diagnostic, (self.file, self.line, self.column, self.severity, self.rule,
                             self.message, self.convention, self.subject, self.message_fr))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity is Severity.WARNING

    def location(self) -> str:
        """`file:line:col`, the form editors and terminals can jump to."""
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "rule": self.rule,
            "message": self.message,
            "convention": self.convention,
            "subject": self.subject,
        }


#: The same shape under the name the application layer gives it.
Problem = Diagnostic


def counted(count: int, noun: str) -> str:
    """How many of a thing, as messages write it: `1 error`, `3 errors`, `0 warnings`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.file, d.line or 0, d.column or 0, d.rule)
