"""The `check` pipeline over many files: discover → load → rules → cross-file checks.

Results stream file by file (nothing but the diagnostics is kept), so memory stays flat
however many conventions a folder holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from pathlib import Path

from pncaf.checks.diagnostics import Diagnostic, Severity, sort_key
from pncaf.checks.partners import PartnerMark, SeenPartners, partner_mark
from pncaf.checks.rules import run_rules
from pncaf.format.loader import Loaded, load_file
from pncaf.format.stream import ignore_interrupts, stop_on_sigterm

#: A diagnostic as a face writes it (a line of text, an item of JSON). Given to the checking
#: workers, it lets them write each diagnostic themselves, so that the parent process,
#: which otherwise rebuilt and wrote the 170,000 warnings of a 10,000-file network alone,
#: only copies text out. A function of a module (the workers receive it pickled).
Render = Callable[[Diagnostic], str]

#: A rendered diagnostic: its sort key, its severity (`Severity.value`) and its text.
Rendered = tuple[tuple[str, int, int, str], str, str]

_BY_KEY = itemgetter(0)


@dataclass
class FileResult:
    file: str
    id: str
    id_position: tuple[int, int] | None
    diagnostics: list[Diagnostic]
    partner: PartnerMark | None = None      # compared across files (`partner-duplicate`)
    #: The file's diagnostics already rendered, sorted (when the face gave a `Render`);
    #: `diagnostics` then holds only what was found after, across files.
    rendered: list[Rendered] = field(default_factory=list)

    def sorted_rendered(self, render: Render) -> list[Rendered]:
        """Every diagnostic of the file rendered, in the order they are written (by
        position, then rule; those found across files after the file's own at a tie)."""
        if not self.diagnostics:
            return self.rendered
        found = self.rendered + [(sort_key(d), d.severity.value, render(d))
                                 for d in self.diagnostics]
        found.sort(key=_BY_KEY)
        return found


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
        for severity in [s for _, s, _ in result.rendered] + [
                d.severity for d in result.diagnostics]:
            if severity == Severity.ERROR:
                self.errors += 1
            elif severity == Severity.WARNING:
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
    diagnostics = loaded.diagnostics + run_rules(loaded, as_of, french=french,
                                                 indicators=indicators)
    id_position = loaded.source.value_at(("id",))
    return FileResult(loaded.file, loaded.id, id_position, diagnostics,
                      partner_mark(loaded, as_of))


def check_file(path: Path, as_of: date, indicators: Mapping[str, str] | None = None,
               render: Render | None = None) -> FileResult:
    """One file checked; with `render`, its diagnostics rendered (`FileResult.rendered`)."""
    result = check_loaded(load_file(path), as_of, indicators=indicators)
    if render is not None:
        result.rendered, result.diagnostics = result.sorted_rendered(render), []
    return result


def check_files(files: Iterable[Path], as_of: date, workers: int = 1,
                indicators: Mapping[str, str] | None = None,
                render: Render | None = None) -> Iterator[FileResult]:
    """Check each file, in order, then flag ids used by more than one file, and partners
    (SIREN) held by two files at once. With several workers, files are checked by a pool
    of processes and results come back in order. With `render`, each file's own
    diagnostics come rendered (`FileResult.rendered`); those found across files are added
    to `diagnostics`."""
    first_seen: dict[str, FileResult] = {}
    partners = SeenPartners()
    for result in _results(list(files), as_of, workers, indicators, render):
        previous = first_seen.get(result.id)
        if previous is None:
            first_seen[result.id] = FileResult(result.file, result.id, None, [])
        else:
            result.diagnostics.append(duplicate_id(result, previous))
        result.diagnostics += partners.see(result.partner, result.id)
        result.partner = None               # kept once, in `partners`
        yield result


def _results(files: list[Path], as_of: date, workers: int,
             indicators: Mapping[str, str] | None, render: Render | None,
             ) -> Iterator[FileResult]:
    if workers <= 1 or len(files) < 2:
        for path in files:
            yield check_file(path, as_of, indicators, render)
        return
    import multiprocessing

    # fork: the workers start with everything already imported (no second start-up cost)
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    chunk = max(1, min(32, len(files) // (workers * 8)))
    with stop_on_sigterm(), context.Pool(workers, initializer=ignore_interrupts) as pool:
        jobs = [(path, as_of, indicators, render) for path in files]
        yield from pool.imap(_check_one, jobs, chunksize=chunk)


#: Kept under its former name (the tests of Ctrl-C use it).
_ignore_interrupts = ignore_interrupts


def _check_one(job: tuple[Path, date, Mapping[str, str] | None, Render | None]) -> FileResult:
    return check_file(*job)


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
