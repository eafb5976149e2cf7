"""Create a convention file that passes `check` (`pncaf new`): start from what is given
(options, a form, `--from`'s Caf), let a face ask for the rest, then write it, never over an
existing file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pncaf.actions.common import Result, attempt

if TYPE_CHECKING:
    from pncaf.checks.partners import Twin
    from pncaf.editing.creation import Answers, Question


def _counts() -> dict[str, int]:
    return {"computers": 1, "printers": 1, "scanners": 1}


@dataclass(frozen=True)
class CreateRequest:
    file: Path
    given: Mapping[str, str | None] = field(default_factory=dict)   # option name → value
    source: Path | None = None          # copy the Caf's details from this convention
    counts: Mapping[str, int] = field(default_factory=_counts)
    id: str | None = None               # default: the file's name
    answers: Answers | None = None      # what a face asked on top of `given` (`start`)


@dataclass(frozen=True, kw_only=True)
class CreateResult(Result):
    file: Path | None = None
    answers: Answers | None = None
    missing: list[Question] = field(default_factory=list)   # still to ask
    text: str = ""
    written: bool = False
    duplicates: list[Twin] = field(default_factory=list)   # other files with this partner


def start(request: CreateRequest) -> CreateResult:
    """The answers the request gives, checked, and the questions still open (a face that
    can ask asks them, then calls `create` with the answers)."""
    def run() -> CreateResult:
        answers = _answers(request)
        return CreateResult(file=request.file, answers=answers, missing=answers.missing())

    return attempt(run, lambda exc: CreateResult(refused=exc, file=request.file))


def create(request: CreateRequest) -> CreateResult:
    """Write the new convention, only when it passes `check` (warnings allowed); the
    other files of its folder that hold the same partner are named (`duplicates`)."""
    def run() -> CreateResult:
        from pncaf.checks.partners import twins_of_text
        from pncaf.editing.creation import create_convention

        answers = request.answers or _answers(request)
        text = create_convention(request.file, answers, request.id or request.file.stem)
        return CreateResult(file=request.file, answers=answers, text=text, written=True,
                            duplicates=twins_of_text(request.file, text))

    return attempt(run, lambda exc: CreateResult(refused=exc, file=request.file))


def _answers(request: CreateRequest) -> Answers:
    from pncaf.editing.creation import start_answers
    from pncaf.errors import InvalidRequest

    if request.file.exists():
        raise InvalidRequest(f"{request.file} already exists: pncaf new never overwrites a "
                             "file; choose another name", field="file")
    return start_answers(dict(request.given), request.source, dict(request.counts))
