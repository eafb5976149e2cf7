"""Which versions to compare: two files, two git revisions (or one and the working tree),
or the seven arguments git gives a diff driver.

`pncaf diff [REV [REV2]] [PATHS]` reads its arguments as git does: leading arguments that
name a commit are revisions (at most two), the rest are paths. Two existing files that are
not revisions are compared with each other.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pncaf.errors import InvalidRequest
from pncaf.files.discovery import SUFFIXES
from pncaf.review import git
from pncaf.review.changes import FileReview
from pncaf.review.meaning import Version, review

DEFAULT_FOLDER = Path("conventions")
NULL = "/dev/null"


@dataclass(frozen=True)
class Pair:
    old: Version
    new: Version
    renamed: bool = False


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InvalidRequest(f"{path}: {exc.strerror or exc}") from None


def two_files(old: Path, new: Path) -> list[Pair]:
    return [Pair(Version(str(old), _read(old)), Version(str(new), _read(new)))]


def driver(args: list[str]) -> list[Pair]:
    """git's external diff arguments: `path old-file old-hex old-mode new-file new-hex
    new-mode`, two more (new path, rename message) for a rename, one alone when unmerged."""
    if len(args) == 1:
        return []                  # an unmerged path: git shows the conflict itself
    if len(args) not in (7, 9):
        raise InvalidRequest(f"--driver takes the 7 arguments git gives a diff driver, got "
                         f"{len(args)}: set it with `git config diff.pncaf.command "
                         "'pncaf diff --driver'`")
    path, old_file, _, _, new_file = args[:5]
    new_path = args[7] if len(args) == 9 else path
    old = Version(path, None if old_file == NULL else _read(Path(old_file)))
    new = Version(new_path, None if new_file == NULL else _read(Path(new_file)))
    return [Pair(old, new, renamed=new_path != path)]


def from_arguments(args: list[str]) -> Versions:
    """Pairs of versions for `pncaf diff ARGS`, as described in the module's docstring."""
    if len(args) == 2 and all(Path(a).is_file() for a in args) and not any(
            _is_revision(a) for a in args):
        return Versions(two_files(Path(args[0]), Path(args[1])))
    git.toplevel()                 # a clear message outside a repository
    revisions: list[str] = []
    rest = list(args)
    while rest and len(revisions) < 2 and _is_revision(rest[0]):
        revisions.append(rest.pop(0))
    for path in rest:
        if not os.path.lexists(path) and not _known_to_git(path, revisions):
            raise InvalidRequest(f"{path}: neither a revision nor a file (of the working tree or "
                             "of the revisions named)")
    if not revisions:
        if not git.has_commits():
            raise InvalidRequest("this repository has no commit yet: there is nothing to compare "
                             "with; commit the conventions first")
        revisions = ["HEAD"]
    return revisions_pairs(revisions[0], revisions[1] if len(revisions) > 1 else None,
                           rest or _default_paths())


def _is_revision(arg: str) -> bool:
    return not arg.startswith("-") and git.commit_of(arg) is not None


def _known_to_git(path: str, revisions: list[str]) -> bool:
    for revision in revisions or ["HEAD"]:
        if git.run("ls-tree", "--name-only", revision, "--", path).strip():
            return True
    return False


def _default_paths() -> list[str]:
    return [str(DEFAULT_FOLDER)] if DEFAULT_FOLDER.is_dir() else ["."]


@dataclass(frozen=True)
class InGit:
    """A pair of versions in git, not read yet: the few names a worker is handed (rather
    than two files' bytes, which the parent would read and copy to it)."""

    change: git.FileChange
    old_name: str           # as the user sees it from the current folder; "" when none
    new_name: str


class Versions:
    """The pairs to compare, in git's order; `read` turns each into its two versions' bytes,
    in the process that compares them (a forked worker reads through its own git). Use as a
    context manager: it stops the git it started."""

    def __init__(self, items: Iterable[Pair | InGit], reader: Reader | None = None) -> None:
        self.items = items
        self.reader = reader

    def __enter__(self) -> Versions:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.reader is not None:
            self.reader.close()

    def __iter__(self) -> Iterator[Pair | InGit]:
        return iter(self.items)

    def read(self, item: Pair | InGit) -> Pair:
        if isinstance(item, Pair):
            return item
        assert self.reader is not None
        return self.reader.pair(item)

    def reviews(self, as_of: date, placed: bool = True) -> Iterator[FileReview]:
        """Each pair's review, in order: by forked workers when there are many, each
        reading the pairs it reviews (`placed`: as `review`)."""
        from pncaf.format.stream import each_item

        def one(item: Pair | InGit) -> FileReview:
            pair = self.read(item)
            return review(pair.old, pair.new, as_of, pair.renamed, placed)

        return each_item(self, one)


class Reader:
    """The files at the revisions compared (revision2 None: the working tree), through one
    `git cat-file --batch` per process: a worker forked while the parent held one starts its
    own, since the parent's pipe is not its to read."""

    def __init__(self, top: Path, revision: str, revision2: str | None) -> None:
        self.top, self.revision, self.revision2 = top, revision, revision2
        self._blobs: git.Blobs | None = None
        self._pid = 0

    def _get(self, revision: str, path: str, blob: str | None) -> bytes:
        if self._blobs is None or self._pid != os.getpid():
            self._blobs, self._pid = git.Blobs(self.top), os.getpid()
        return self._blobs.get(revision, path, blob)

    def close(self) -> None:
        if self._blobs is not None and self._pid == os.getpid():
            self._blobs.__exit__()
        self._blobs = None

    def pair(self, item: InGit) -> Pair:
        change = item.change
        old = new = None
        if change.old is not None:
            old = Version(item.old_name, self._get(self.revision, change.old, change.old_blob))
        if change.new is not None:
            new = Version(item.new_name, _read(self.top / change.new)
                          if self.revision2 is None else
                          self._get(self.revision2, change.new, change.new_blob))
        assert old is not None or new is not None
        return Pair(old or Version(item.new_name, None), new or Version(item.old_name, None),
                    renamed=change.status == "renamed")


def revisions_pairs(revision: str, revision2: str | None, paths: list[str]) -> Versions:
    """Each convention file that differs between the revisions (revision2 None: the working
    tree), named as the user sees them from the current folder; read one pair at a time
    (memory stays flat), by the process that compares it."""
    top = git.toplevel()
    here = Path.cwd()

    def shown(path: str | None) -> str:
        """A path from the top of the repository, as seen from the current folder."""
        if not path or here == top:     # git's paths are normalised: seen as they are
            return path or ""
        return os.path.relpath(top / path, here).replace(os.sep, "/")

    changes = git.changed_files(revision, revision2, paths)

    def items() -> Iterator[InGit]:
        for change in changes:
            names = [p for p in (change.old, change.new) if p]
            if any(name.lower().endswith(SUFFIXES) for name in names):
                yield InGit(change, shown(change.old), shown(change.new))

    return Versions(items(), Reader(top, revision, revision2))
