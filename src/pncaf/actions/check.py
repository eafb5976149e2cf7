"""Check a network (`pncaf check`, the web app's findings): every file's problems, in file
order, as they come.

Checking is what people run on every commit, so this action stays light: nothing heavy is
imported, and the results are a stream (`FileResult` by `FileResult`), so that a face can
show each file's problems as soon as they are known and memory stays flat on ten thousand
files. Large inputs are checked by several processes (`workers`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pncaf.actions.common import Result, attempt

if TYPE_CHECKING:
    from pncaf.checks.runner import FileResult
    from pncaf.checks.written import Layout
    from pncaf.problems import Diagnostic

#: From this many files on, checking is spread over the available cores.
PARALLEL_FROM = 64


@dataclass(frozen=True)
class CheckRequest:
    paths: tuple[Path, ...] = ()        # files and folders; default: conventions/
    as_of: date | None = None           # default: the system's date
    config: Path | None = None          # pncaf.toml (default: found from here): the indicators
    base: str | None = None             # a git revision: its events must still be there
    #: How the face writes diagnostics, when it writes them as text: the checking
    #: processes then write them (`FileResult.written`), not the face's own process.
    layout: Layout | None = None


def _nothing() -> Iterator[FileResult]:
    return iter(())


@dataclass(frozen=True, kw_only=True)
class CheckRun(Result):
    files: int = 0
    #: Each file's problems in file order, the settings' own problems first (as a file's).
    results: Iterator[FileResult] = field(default_factory=_nothing)


def check_network(request: CheckRequest) -> CheckRun:
    return attempt(lambda: _check(request), lambda exc: CheckRun(refused=exc))


def _check(request: CheckRequest) -> CheckRun:
    from pncaf.checks.runner import check_files
    from pncaf.errors import InvalidRequest
    from pncaf.files.discovery import resolve_paths
    from pncaf.settings import load_settings

    day = request.as_of or date.today()
    files = resolve_paths(request.paths or None)
    if request.config is not None and not request.config.is_file():
        raise InvalidRequest(f"--config {request.config}: no such file", field="config")
    settings, problems = load_settings(request.config)
    results = check_files(files, day, workers=workers(len(files)),
                          indicators=settings.indicators, layout=request.layout)
    if request.base is not None:
        from pncaf.review.history import against_base

        results = against_base(results, list(request.paths) or [Path("conventions")],
                               request.base)
    if problems:
        results = _settings_first(problems, results)
    return CheckRun(files=len(files), results=results)


def _settings_first(problems: list[Diagnostic], results: Iterator[FileResult],
                    ) -> Iterator[FileResult]:
    from pncaf.checks.runner import FileResult

    yield FileResult(problems[0].file, "", None, problems)
    yield from results


def workers(count: int) -> int:
    """How many processes check `count` files: one below PARALLEL_FROM, else one per core
    (at most 8: beyond, reading the files is the limit)."""
    if count < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))
