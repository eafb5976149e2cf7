"""The `check` pipeline over many files: discover → load → rules → cross-file checks.

Results stream file by file (nothing but the diagnostics is kept), so memory stays flat
however many conventions a folder holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pncaf.diagnostics import Diagnostic, Severity
from pncaf.loader import Loaded, load_file
from pncaf.rules import run_rules


@dataclass
class FileResult:
    file: str
    id: str
    id_position: tuple[int, int] | None
    diagnostics: list[Diagnostic]


@dataclass
class Summary:
    files: int = 0
    errors: int = 0
    warnings: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)
        if diagnostic.severity is Severity.ERROR:
            self.errors += 1
        else:
            self.warnings += 1

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


def check_loaded(loaded: Loaded, as_of: date) -> FileResult:
    """Rules over one loaded file; the loader's own diagnostics come first."""
    diagnostics = loaded.diagnostics + run_rules(loaded, as_of)
    id_position = loaded.source.values.get(("id",))
    return FileResult(loaded.file, loaded.id, id_position, diagnostics)


def check_file(path: Path, as_of: date) -> FileResult:
    return check_loaded(load_file(path), as_of)


def check_files(files: Iterable[Path], as_of: date) -> Iterator[FileResult]:
    """Check each file in turn, then report ids used by more than one file."""
    first_seen: dict[str, FileResult] = {}
    for path in files:
        result = check_file(path, as_of)
        previous = first_seen.get(result.id)
        if previous is None:
            first_seen[result.id] = result
        else:
            result.diagnostics.append(duplicate_id(result, previous))
        yield result


def duplicate_id(result: FileResult, previous: FileResult) -> Diagnostic:
    line, column = result.id_position or (1, 1)
    how = "" if result.id_position else " (taken from the file name)"
    return Diagnostic(
        result.file, line, column, Severity.ERROR, "schema",
        f"id `{result.id}`{how} is already used by {previous.file}: each convention needs "
        "its own id; set `id:` to a different value", result.id)


def summarize(results: Iterable[FileResult]) -> Summary:
    summary = Summary()
    for result in results:
        summary.files += 1
        for diagnostic in result.diagnostics:
            summary.add(diagnostic)
    return summary


def load_valid(files: Iterable[Path]) -> tuple[list[Loaded], list[Loaded]]:
    """Load files for the commands that compute with them (dates, agenda, documents):
    (valid conventions, files skipped because they do not pass the schema)."""
    valid: list[Loaded] = []
    skipped: list[Loaded] = []
    for path in files:
        loaded = load_file(path)
        (valid if loaded.convention is not None else skipped).append(loaded)
    return valid, skipped
