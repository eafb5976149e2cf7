"""Commit one convention file in its git repository, with a message made from the meaning
of the change (`pncaf diff` against the last commit). Never pushes: sharing the commit is
the officer's decision, with the team's own tools."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pncaf.actions.common import Result, attempt


@dataclass(frozen=True)
class CommitRequest:
    file: Path
    as_of: date | None = None
    expected_sha256: str | None = None  # the file as shown when the officer asked


@dataclass(frozen=True, kw_only=True)
class CommitResult(Result):
    in_repository: bool = False
    pending: bool = False               # the file differs from its last commit
    message: str = ""                   # the commit message (proposed, or used)
    sha: str = ""                       # the new commit, once made
    changes: list[str] = field(default_factory=list)


def proposed_commit(request: CommitRequest) -> CommitResult:
    """Whether the file is in a repository and differs from its last commit, and the
    message a commit of it would carry. Outside a repository: not refused, just nothing."""
    def run() -> CommitResult:
        top, shown = _where(request.file)
        if top is None:
            return CommitResult()
        return _proposal(request, top, shown)

    return attempt(run, lambda exc: CommitResult(refused=exc))


def commit_file(request: CommitRequest) -> CommitResult:
    """Commit only this file, with the message of its meaning."""
    def run() -> CommitResult:
        from pncaf.errors import ChangedOnDisk, Refused
        from pncaf.files.digest import sha256_bytes
        from pncaf.review import git

        top, shown = _where(request.file)
        if top is None:
            raise Refused(f"{request.file} is not in a git repository: nothing to commit")
        if (request.expected_sha256 is not None
                and sha256_bytes(request.file.read_bytes()) != request.expected_sha256):
            raise ChangedOnDisk(f"{request.file} changed on disk since it was shown: nothing "
                                "committed; look at the current version first",
                                field="sha256")
        proposal = _proposal(request, top, shown)
        if not proposal.pending:
            raise Refused(f"{request.file} has no change since its last commit")
        git.run("add", "--", shown, cwd=top)
        git.run("commit", "-q", "-m", proposal.message, "--", shown, cwd=top)
        sha = git.run("rev-parse", "HEAD", cwd=top).decode().strip()
        return CommitResult(in_repository=True, pending=False, message=proposal.message,
                            sha=sha, changes=proposal.changes)

    return attempt(run, lambda exc: CommitResult(refused=exc, in_repository=True))


def _where(file: Path) -> tuple[Path | None, str]:
    """The repository's top folder and the file's path in it, or (None, "")."""
    import os

    from pncaf.errors import PncafError
    from pncaf.review import git

    try:
        top = git.toplevel(file.parent if file.parent != Path() else None)
    except PncafError:
        return None, ""
    return top, os.path.relpath(file.resolve(), top).replace(os.sep, "/")


def _proposal(request: CommitRequest, top: Path, shown: str) -> CommitResult:
    from pncaf.errors import PncafError
    from pncaf.format.loader import display_name
    from pncaf.review import git
    from pncaf.review.commit_message import commit_message
    from pncaf.review.meaning import Version, review

    now = request.file.read_bytes()
    try:
        before: bytes | None = git.show("HEAD", shown, cwd=top)
    except PncafError:
        before = None                   # not committed yet (or no commit at all)
    if before == now:
        return CommitResult(in_repository=True)
    name = display_name(request.file)
    meaning = review(Version(name, before), Version(name, now), request.as_of or date.today())
    return CommitResult(in_repository=True, pending=True, message=commit_message(meaning, shown),
                        changes=[c.message for c in meaning.changes])
