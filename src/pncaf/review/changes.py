"""What `pncaf diff` reports: one change of meaning, in French, with how much it matters.

A change is not a diagnostic of `check`: it compares two versions instead of judging one.
Its severity is check's: `error` when the new version breaks an engagement (Art. 4) or
rewrites the history, `warning` for what a reviewer must look at, `info` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pncaf.checks.diagnostics import Severity
from pncaf.files.yaml_positions import Path as YamlPath
from pncaf.format.identifiers import find_nirs, mask_nirs

RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Change:
    kind: str                   # stable id: hours, site-added, event, history-rewritten…
    message: str                # one French sentence
    severity: Severity
    where: YamlPath = ()        # the key it concerns, in the new version (what was removed:
                                # the list or mapping it left)
    line: int | None = None     # set once the file's positions are known
    short: str = ""             # a few words for a commit's subject (« Comité du 02/11/2026 »)

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", shown_safely(self.message))
        object.__setattr__(self, "short", shown_safely(self.short))


def shown_safely(text: str) -> str:
    """A change's words as they may be shown anywhere (a terminal, a pull request's
    summary, a commit message): a social-security number copied from a note masked as
    `check` masks it (Art. 5 keeps it out of the files, so out of their reviews too), and
    the line breaks of a note of several lines written ` / `, so that a change stays one
    line of `file:line: …`."""
    lines = text.splitlines()
    if lines != [text] and text:
        parts = [line.strip() for line in lines if line.strip()]
        spaced = " ".join(parts)        # a number wrapped over two lines is one number
        text = spaced if find_nirs(spaced) else " / ".join(parts)
    return mask_nirs(text)


@dataclass
class FileReview:
    """The changes of meaning of one file between two versions."""

    file: str                   # as the user knows it (the new name when renamed)
    convention: str | None      # the convention's id
    title: str                  # the partner's name, or the file
    changes: list[Change] = field(default_factory=list)

    @property
    def worst(self) -> Severity | None:
        return min((c.severity for c in self.changes), key=RANK.__getitem__, default=None)


def worst(levels: list[Severity]) -> Severity:
    return min(levels, key=RANK.__getitem__)


def french_list(items: list[str]) -> str:
    """`a`, `a et b`, `a, b et c`."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} et {items[-1]}"
