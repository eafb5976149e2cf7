"""The `check` pipeline over many files: discover → load → rules → cross-file checks.

Results stream file by file (nothing but the diagnostics is kept), so memory stays flat
however many conventions a folder holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from pncaf.checks.diagnostics import Diagnostic, Severity
from pncaf.checks.partners import PartnerMark, SeenPartners, mark_of
from pncaf.checks.rules import RuleContext, run_rules
from pncaf.checks.written import Layout, Written, merge, write
from pncaf.format.loader import Loaded, load_file
from pncaf.format.stream import ignore_interrupts, start_worker, stop_on_sigterm
from pncaf.settings import DEFAULT_INDICATORS


@dataclass
class FileResult:
    file: str
    id: str
    id_position: tuple[int, int] | None
    diagnostics: list[Diagnostic]
    partner: PartnerMark | None = None      # compared across files (`partner-duplicate`)
    #: The file's diagnostics already written by the checking process (when the face gave
    #: a `Layout`); `diagnostics` then holds only what was found after, across files.
    written: Written | None = None

    def __reduce__(self) -> tuple[type[FileResult], tuple[object, ...]]:
        """Pickled as its fields (a checking process sends ten thousand of them): cheaper,
        both ways, than a dataclass's own state."""
        return (FileResult, (self.file, self.id, self.id_position, self.diagnostics,
                             self.partner, self.written))

    def write(self, layout: Layout) -> Written:
        """Every diagnostic of the file written, in the order they are written (by
        position, then rule; those found across files after the file's own at a tie)."""
        if self.written is None:
            return write(self.file, self.diagnostics, layout)
        return merge(self.written, self.file, self.diagnostics, layout)


@dataclass
class Summary:
    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0              # acknowledged findings: shown, never counted as failures
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def count(self, result: FileResult, keep: bool = True) -> None:
        """Add one file's results; `keep=False` counts without keeping the diagnostics."""
        self.files += 1
        if result.written is not None:
            errors, warnings, infos = result.written.counts
            self.errors += errors
            self.warnings += warnings
            self.infos += infos
        for d in result.diagnostics:
            if d.severity is Severity.ERROR:
                self.errors += 1
            elif d.severity is Severity.WARNING:
                self.warnings += 1
            else:
                self.infos += 1
        if keep:
            self.diagnostics.extend(result.diagnostics)

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


def check_loaded(loaded: Loaded, as_of: date, indicators: Mapping[str, str] | None = None,
                 *, french: bool = False) -> FileResult:
    """Rules over one loaded file; the loader's own diagnostics come first. `french` adds
    the rules' French messages (the dashboard); `indicators`: the team's list of annex 2
    (default: pncaf's own)."""
    context = RuleContext(loaded, as_of, DEFAULT_INDICATORS if indicators is None
                          else indicators)
    diagnostics = loaded.diagnostics + run_rules(loaded, as_of, french=french,
                                                 context=context)
    id_position = loaded.source.value_at(("id",))
    mark = mark_of(loaded, context.term) if loaded.convention is not None else None
    return FileResult(loaded.file, loaded.id, id_position, diagnostics, mark)


def check_file(path: Path, as_of: date, indicators: Mapping[str, str] | None = None,
               layout: Layout | None = None) -> FileResult:
    """One file checked; with `layout`, its diagnostics written (`FileResult.written`)."""
    result = check_loaded(load_file(path), as_of, indicators=indicators)
    if layout is not None:
        result.written, result.diagnostics = result.write(layout), []
    return result


def check_files(files: Iterable[Path], as_of: date, workers: int = 1,
                indicators: Mapping[str, str] | None = None,
                layout: Layout | None = None) -> Iterator[FileResult]:
    """Check each file, in order, then flag ids used by more than one file, and partners
    (SIREN) held by two files at once. With several workers, files are checked by a pool
    of processes and results come back in order. With `layout`, each file's own
    diagnostics come written (`FileResult.written`); those found across files are added
    to `diagnostics`."""
    first_seen: dict[str, FileResult] = {}
    partners = SeenPartners()
    for result in _results(list(files), as_of, workers, indicators, layout):
        previous = first_seen.get(result.id)
        if previous is None:
            first_seen[result.id] = FileResult(result.file, result.id, None, [])
        else:
            result.diagnostics.append(duplicate_id(result, previous))
        result.diagnostics += partners.see(result.partner, result.id)
        result.partner = None               # kept once, in `partners`
        yield result


#: The most files a worker is given at once. Each chunk costs the parent about a
#: millisecond of its own (the pool's threads passing it on): over 10,000 files the
#: parent took 0.9 s of CPU at 32 files a chunk, 0.55 s at 128, and a chunk of 128 is
#: still checked in a fifth of a second (output flows, the workers finish together).
CHUNK = 128


def _results(files: list[Path], as_of: date, workers: int,
             indicators: Mapping[str, str] | None, layout: Layout | None,
             ) -> Iterator[FileResult]:
    if workers <= 1 or len(files) < 2:
        for path in files:
            yield check_file(path, as_of, indicators, layout)
        return
    import multiprocessing

    # fork: the workers start with everything already imported (no second start-up cost)
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    chunk = max(1, min(CHUNK, len(files) // (workers * 8)))
    # what is the same for every file goes once with each chunk, not with each file
    check = partial(_check_one, as_of=as_of, indicators=indicators, layout=layout)
    with stop_on_sigterm(), context.Pool(workers, initializer=start_worker) as pool:
        yield from pool.imap(check, [str(path) for path in files], chunksize=chunk)


#: Kept under its former name (the tests of Ctrl-C use it).
_ignore_interrupts = ignore_interrupts


def _check_one(path: str, as_of: date, indicators: Mapping[str, str] | None,
               layout: Layout | None) -> FileResult:
    return check_file(Path(path), as_of, indicators, layout)


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
        summary.count(result)
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
