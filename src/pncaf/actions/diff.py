"""What a change means (`pncaf diff`): two files, two git revisions (or one and the working
tree), git's diff driver; and a file's history, commit by commit, with the meaning of each
change."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pncaf.actions.common import Result, attempt

if TYPE_CHECKING:
    from pncaf.review.changes import FileReview
    from pncaf.review.git import Commit


@dataclass(frozen=True)
class DiffRequest:
    args: tuple[str, ...] = ()          # [REV [REV2]] [PATHS], or two files
    as_of: date | None = None
    driver: bool = False                # the 7 (or 9) arguments git gives a diff driver


@dataclass(frozen=True, kw_only=True)
class DiffResult(Result):
    reviews: list[FileReview] = field(default_factory=list)

    @property
    def breaks(self) -> bool:
        """A change breaks an engagement or rewrites the history (severity error)."""
        from pncaf.problems import Severity

        return any(c.severity is Severity.ERROR for r in self.reviews for c in r.changes)


def diff(request: DiffRequest) -> DiffResult:
    def run() -> DiffResult:
        from pncaf.review.sources import Versions, driver, from_arguments

        day = request.as_of or date.today()
        versions = Versions(driver(list(request.args))) if request.driver else \
            from_arguments(list(request.args))
        with versions:
            return DiffResult(reviews=list(versions.reviews(day)))

    return attempt(run, lambda exc: DiffResult(refused=exc))


def diff_files(old: Path, new: Path, as_of: date | None = None) -> DiffResult:
    """Two versions of a convention as files."""
    def run() -> DiffResult:
        from pncaf.review.meaning import review
        from pncaf.review.sources import two_files

        day = as_of or date.today()
        return DiffResult(reviews=[review(p.old, p.new, day, p.renamed)
                                   for p in two_files(old, new)])

    return attempt(run, lambda exc: DiffResult(refused=exc))


@dataclass(frozen=True)
class HistoryRequest:
    file: Path
    limit: int = 50
    as_of: date | None = None


@dataclass(frozen=True)
class Revision:
    commit: Commit
    review: FileReview                  # from the commit's parent to it


@dataclass(frozen=True, kw_only=True)
class HistoryResult(Result):
    revisions: list[Revision] = field(default_factory=list)   # newest first


def file_history(request: HistoryRequest) -> HistoryResult:
    """Each commit that changed the file, newest first, with what it meant."""
    def run() -> HistoryResult:
        from pncaf.review import git
        from pncaf.review.meaning import Version, review

        day = request.as_of or date.today()
        top = git.toplevel(request.file.parent if request.file.parent != Path() else None)
        commits = git.file_log(request.file, request.limit)
        revisions = []
        for number, commit in enumerate(commits):
            before = commits[number + 1] if number + 1 < len(commits) else None
            old = Version(before.path if before else commit.path,
                          git.show(before.sha, before.path, cwd=top) if before else None)
            new = Version(commit.path, _at(commit, top))
            revisions.append(Revision(commit, review(old, new, day,
                                                     bool(before and before.path != commit.path))))
        return HistoryResult(revisions=revisions)

    return attempt(run, lambda exc: HistoryResult(refused=exc))


def _at(commit: Commit, top: Path) -> bytes | None:
    """The file at `commit`, None when the commit deleted it."""
    from pncaf.errors import PncafError
    from pncaf.review import git

    try:
        return git.show(commit.sha, commit.path, cwd=top)
    except PncafError:
        return None
