"""Git, through git itself: revisions, the files a change touches, a file at a revision.

pncaf never reads `.git` on its own: every answer comes from the `git` command (so
worktrees, packed refs, partial clones and the user's settings all work as in git).
Paths that git prints are relative to the top of the repository; paths given to it are
relative to the current folder, as the user typed them.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pncaf.errors import InvalidRequest, Refused

#: Git's status letters as pncaf reads them (T, a type change, and U, unmerged, are
#: modifications of the file's content as far as its meaning goes).
_STATUS = {"A": "added", "D": "deleted", "M": "modified", "T": "modified", "U": "modified",
           "R": "renamed", "C": "added"}


@dataclass(frozen=True)
class FileChange:
    status: str                 # added, deleted, modified, renamed
    old: str | None             # path from the top of the repository, None when added
    new: str | None             # None when deleted
    old_blob: str | None = None  # the old content's object id, as git's raw diff gives it
    new_blob: str | None = None  # None for the working tree (git has not hashed it)


def run(*args: str, cwd: Path | None = None) -> bytes:
    """Standard output of `git ARGS`; a failure is a user error quoting git's own words."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False,
                              env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"})
    except FileNotFoundError:
        raise InvalidRequest("git is not installed (or not on PATH): install it, or compare two "
                         "files with `pncaf diff OLD.yaml NEW.yaml`") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise Refused(f"git {args[0]} failed: {said[-1] if said else 'no message'}")
    return done.stdout


def toplevel(cwd: Path | None = None) -> Path:
    """The top folder of the repository holding `cwd`; a usage error outside one."""
    try:
        return Path(run("rev-parse", "--show-toplevel", cwd=cwd).decode().strip())
    except Refused:
        raise InvalidRequest("not inside a git repository: run this in the conventions' "
                         "repository, or compare two files with "
                         "`pncaf diff OLD.yaml NEW.yaml`") from None


def commit_of(revision: str, cwd: Path | None = None) -> str | None:
    """The commit a revision names (`HEAD~1`, `main`, a tag, a hash), or None."""
    if not revision or revision.startswith("-"):
        return None
    try:
        out = run("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", cwd=cwd)
    except Refused:
        return None
    return out.decode().strip() or None


def has_commits(cwd: Path | None = None) -> bool:
    return commit_of("HEAD", cwd) is not None


def changed_files(revision: str, revision2: str | None, pathspecs: list[str],
                  cwd: Path | None = None) -> list[FileChange]:
    """Files that differ between `revision` and `revision2` (the working tree when None),
    renames detected as git does; untracked files count as added in the working tree."""
    args = ["diff", "--raw", "--no-abbrev", "-z", "-M", "--no-ext-diff", revision]
    if revision2 is not None:
        args.append(revision2)
    fields = run(*args, "--", *pathspecs, cwd=cwd).decode("utf-8", "surrogateescape").split("\0")
    changes: list[FileChange] = []
    i = 0
    while i < len(fields) and fields[i]:
        # `:old-mode new-mode old-id new-id STATUS`, then one path (two for R and C); the
        # object ids let `Blobs` read each version without looking its path up in a tree
        _, _, old_id, new_id, letters = fields[i].split(" ")
        status = _STATUS.get(letters[:1], "modified")
        old_blob, new_blob = _object(old_id), _object(new_id)
        if letters[:1] in ("R", "C"):
            old, new = fields[i + 1], fields[i + 2]
            i += 3
            renamed = status == "renamed"
            changes.append(FileChange(status, old if renamed else None, new,
                                      old_blob if renamed else None, new_blob))
            continue
        path = fields[i + 1]
        i += 2
        changes.append(FileChange(status, None if status == "added" else path,
                                  None if status == "deleted" else path, old_blob, new_blob))
    if revision2 is None:
        untracked = run("ls-files", "--others", "--exclude-standard", "-z", "--full-name",
                        "--", *pathspecs, cwd=cwd).decode("utf-8", "surrogateescape")
        changes.extend(FileChange("added", None, p) for p in untracked.split("\0") if p)
    return changes


def _object(name: str) -> str | None:
    """An object id of git's raw diff; None for the zeros that stand for no object (a side
    that does not exist, or a file of the working tree that git did not hash)."""
    return None if not name.strip("0") else name


def show(revision: str, path: str, cwd: Path | None = None) -> bytes:
    """The content of `path` (from the top of the repository) at `revision`."""
    return run("show", f"{revision}:{path}", cwd=cwd)


class Blobs:
    """Files at revisions through one `git cat-file --batch` (a `git show` per file took
    most of `pncaf diff` over ten thousand changed files: a process each). Use as a context
    manager; `get` answers in the order asked."""

    def __init__(self, cwd: Path | None = None) -> None:
        self.cwd = cwd
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Blobs:
        return self

    def __exit__(self, *exc: object) -> None:
        # Every answer is read: stop git. (Closing its input would not end it while forked
        # workers of `pncaf diff` hold a copy of the pipe.)
        if self.process is not None:
            self.process.terminate()
            self.process.wait()

    def get(self, revision: str, path: str, blob: str | None = None) -> bytes:
        """The content of `path` (from the top) at `revision`, as `show` gives it; asked by
        its object id `blob` when known (`REV:PATH` makes git look the path up in the
        revision's tree, a long scan in a folder of ten thousand files)."""
        if self.process is None:
            self.process = subprocess.Popen(
                ["git", "cat-file", "--batch"], cwd=self.cwd, stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, env={**os.environ, "GIT_OPTIONAL_LOCKS": "0",
                                             "LC_ALL": "C"})
        assert self.process.stdin is not None and self.process.stdout is not None
        name = blob if blob is not None else f"{revision}:{path}"
        self.process.stdin.write(f"{name}\n".encode("utf-8", "surrogateescape"))
        self.process.stdin.flush()
        header = self.process.stdout.readline().decode("utf-8", "replace").split()
        if len(header) != 3 or header[1] != "blob":
            return show(revision, path, cwd=self.cwd)     # git's own words for the error
        data = self.process.stdout.read(int(header[2]))
        self.process.stdout.read(1)                       # the newline after the content
        return data


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str                   # ISO 8601, the author's date
    author: str
    subject: str
    path: str                   # the file's path at this commit, from the top


def file_log(path: Path, limit: int = 50) -> list[Commit]:
    """The commits that changed `path`, newest first, following renames."""
    top = toplevel(path.parent if path.parent != Path() else None)
    shown = os.path.relpath(path.resolve(), top).replace(os.sep, "/")
    out = run("log", "--follow", f"-n{limit}", "--name-only", "-z",
              "--format=%x1e%H%x00%aI%x00%an%x00%s", "--", shown, cwd=top)
    commits = []
    for record in out.decode("utf-8", "replace").split("\x1e")[1:]:
        fields = [f.strip("\n") for f in record.split("\x00")]
        sha, day, author, subject = fields[:4]
        name = next((f for f in fields[4:] if f), shown)
        commits.append(Commit(sha, day, author, subject, name))
    return commits
