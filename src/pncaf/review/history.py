"""The history is append-only: which events of a base version are gone or changed.

A correction is a new event (`correction: true`, an acknowledgment…), never an edit of an
old one: the history is what the Caf and the partner can both rely on. This module pairs
the events of two versions and says which base events no longer stand as they were. It
is used by `pncaf check --base REV` (the fast path: nothing heavy is imported here) and by
`pncaf diff`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pncaf.checks.diagnostics import Diagnostic, Severity
from pncaf.errors import InvalidRequest
from pncaf.format.loader import Loaded

if TYPE_CHECKING:
    from pncaf.checks.runner import FileResult

RULE = "history-rewritten"


@dataclass(frozen=True)
class Rewrite:
    """A base event that no longer stands: changed (`new` is the event in its place, same
    date and kind) or removed (`new` is None)."""

    base_index: int
    base: Any
    new_index: int | None
    new: Any | None

    def changed_fields(self) -> list[str]:
        if self.new is None:
            return []
        return [f.name for f in dataclasses.fields(self.base)
                if getattr(self.base, f.name) != getattr(self.new, f.name, None)]


@dataclass(frozen=True)
class HistoryChanges:
    added: list[int]            # indexes in the new history of events the base did not have
    rewritten: list[Rewrite]


def compare_histories(base: Sequence[Any], new: Sequence[Any]) -> HistoryChanges:
    """Pair each base event with an equal event of the new history (in order, so that two
    identical events need two); what is left over was added, removed or changed."""
    used: set[int] = set()
    missing: list[int] = []
    free = 0                    # no index below is free: where the search starts
    for i, event in enumerate(base):
        while free in used:
            free += 1
        j = next((j for j in range(free, len(new)) if j not in used and (
            new[j] is event or new[j] == event)), None)
        if j is None:
            missing.append(i)
        else:
            used.add(j)
    rewritten = []
    for i in missing:
        event = base[i]
        j = next((j for j, other in enumerate(new) if j not in used
                  and other.date == event.date and other.event == event.event), None)
        if j is not None:
            used.add(j)
        rewritten.append(Rewrite(i, event, j, None if j is None else new[j]))
    added = [j for j in range(len(new)) if j not in used]
    return HistoryChanges(added, rewritten)


def describe(event: Any) -> str:
    """`2024-02-20 committee`, `2023-08-08 report 2023-S1`: an event as the file names it."""
    period = getattr(event, "period", None)
    return f"{event.date.isoformat()} {event.event}" + (f" {period}" if period else "")


def rewrites(base: Loaded, new: Loaded) -> list[Rewrite]:
    """The events of `base` that `new` removed or changed (none when either is invalid)."""
    if base.convention is None or new.convention is None:
        return []
    return compare_histories(base.convention.history, new.convention.history).rewritten


def rewritten_diagnostics(found: list[Rewrite], new: Loaded, base_label: str,
                          ) -> list[Diagnostic]:
    """`history-rewritten` errors for `found` (`rewrites`), on the lines of `new`, loaded
    with its positions."""
    out = []
    for rewrite in found:
        if rewrite.new_index is None:
            position = new.source.key(("history",)) or (1, 1)
            what = (f"the event {describe(rewrite.base)} of {base_label} is no longer in the "
                    "history")
        else:
            position = new.source.value(("history", rewrite.new_index)) or (1, 1)
            fields = ", ".join(f"`{name}`" for name in rewrite.changed_fields())
            what = f"the event {describe(rewrite.base)} of {base_label} was changed ({fields})"
        out.append(Diagnostic(
            new.file, position[0], position[1], Severity.ERROR, RULE,
            f"{what}: the history is append-only; put the event back as it was and record "
            "the correction as a new event", new.id))
    return out


def against_base(results: Iterator[FileResult], paths: Sequence[Path], revision: str,
                 ) -> Iterator[FileResult]:
    """`check --base REV`: each result, with a `history-rewritten` error for every event of
    its version at REV that is gone or changed (a renamed file is followed, as git does).
    HEAD in a repository without commits yet is an empty base (the first commit)."""
    from pncaf.files.links import outside_target
    from pncaf.format.loader import display_name, load_bytes_quickly, load_file
    from pncaf.review import git

    top = git.toplevel()
    if git.commit_of(revision) is None:
        if revision == "HEAD" and not git.has_commits():
            yield from results
            return
        raise InvalidRequest(f"--base {revision}: no such revision in this repository (a branch, "
                         "a tag, a commit or HEAD~1)")
    base_of: dict[str, tuple[str, str | None]] = {}
    for change in git.changed_files(revision, None, [str(p) for p in paths]):
        if change.old is not None and change.new is not None:
            base_of[display_name(top / change.new)] = (change.old, change.old_blob)
    # every base version through one `git cat-file`, by its object id: a `git show` each
    # took minutes over a network's ten thousand changed files
    with git.Blobs(cwd=top) as blobs:
        for result in results:
            old = base_of.get(result.file)
            if old is not None and outside_target(Path(result.file)) is None:
                old_path, blob = old
                new = load_bytes_quickly(Path(result.file).read_bytes(), result.file,
                                         result.id)
                base = load_bytes_quickly(blobs.get(revision, old_path, blob), old_path,
                                          result.id, like=new)     # shared parts lent
                found = rewrites(base, new)
                if found:                       # placed on the new file's lines
                    result.diagnostics.extend(rewritten_diagnostics(
                        found, load_file(Path(result.file)), revision))
            yield result
