"""`pncaf check` as a function: shared by the full command line and its fast path.

Checking is the command people run on every commit (pre-commit) and in CI, so it must
start fast: this module imports neither typer nor rich until a progress bar is needed.
Large inputs are checked by several processes; results stream back in file order and
are written as they arrive, so memory does not grow with the number of files.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal, get_args

from pncaf.errors import UsageError

if TYPE_CHECKING:
    from pncaf.checks.runner import FileResult

DEFAULT_FOLDER = Path("conventions")
CheckFormat = Literal["text", "json", "github"]
FORMATS: tuple[str, ...] = get_args(CheckFormat)
#: From this many files on, a progress bar is shown on a terminal.
PROGRESS_FROM = 300


def parse_date_option(option: str, value: str) -> date:
    """The one reading of a date given on the command line, for every option and command:
    YYYY-MM-DD, or the French day-first form 31/01/2027, in a year a convention may hold.
    Light on imports: the fast `check` path uses it for --as-of."""
    from pncaf.format.models import date_problem, french_date

    day = french_date(value)
    if day is not None:
        value = day.isoformat()
    problem = date_problem(value)
    if problem is not None:
        if "YYYY-MM-DD" in problem:
            problem = "not a date: write it YYYY-MM-DD (or DD/MM/YYYY)"
        raise UsageError(f"{option} {value!r}: {problem}, for example {option} 2027-01-31")
    return date.fromisoformat(value)


def parse_as_of(value: str | None) -> date:
    """`--as-of`: the day to compute for, today when not given."""
    return date.today() if value is None else parse_date_option("--as-of", value)


def resolve_paths(paths: Sequence[Path] | None) -> list[Path]:
    """The files to work on; a missing path is a usage error."""
    from pncaf.files.discovery import resolve_paths as resolve

    return resolve(paths)


def run_check(paths: Sequence[Path] | None, format: str, strict: bool, as_of: str | None,
              out: IO[str] | None = None, err: IO[str] | None = None,
              config: Path | None = None, base: str | None = None) -> int:
    """Check (`actions.check`), write the report, return the exit status (0 fine, 1
    problems). The team's settings (`config`, else pncaf.toml found from here) give the list
    of indicators; their own problems are reported first, like a file's. With `base` (a git
    revision), events of that version removed or changed are errors too."""
    out = out or sys.stdout
    err = err or sys.stderr
    from pncaf.actions.check import CheckRequest, check_network
    from pncaf.cli import check_output as formatters

    if format not in FORMATS:
        raise UsageError(f"--format {format!r}: use text, json or github")
    layout = formatters.renderer(format, out)
    run = check_network(CheckRequest(tuple(paths or ()), parse_as_of(as_of), config, base,
                                     layout))
    if run.refused is not None:
        raise run.refused
    results = run.results
    if format != "json" and run.files >= PROGRESS_FROM and _is_terminal(err):
        results = _with_progress(results, run.files, err)
    writer = {"text": formatters.write_text, "json": formatters.write_json,
              "github": formatters.write_github}[format]
    summary = writer(results, out, layout)
    return 1 if summary.failed(strict) else 0


def _is_terminal(stream: IO[str]) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _with_progress(results: Iterator[FileResult], total: int, err: IO[str],
                   ) -> Iterator[FileResult]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("Checking", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(file=err), transient=True) as progress:
        task = progress.add_task("check", total=total)
        for result in results:
            progress.advance(task)
            yield result
