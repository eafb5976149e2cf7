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
from pathlib import Path

from pncaf.errors import InvalidRequest
from pncaf.files.discovery import SUFFIXES
from pncaf.review import git
from pncaf.review.meaning import Version

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


def from_arguments(args: list[str]) -> Iterable[Pair]:
    """Pairs of versions for `pncaf diff ARGS`, as described in the module's docstring."""
    if len(args) == 2 and all(Path(a).is_file() for a in args) and not any(
            _is_revision(a) for a in args):
        return two_files(Path(args[0]), Path(args[1]))
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


def revisions_pairs(revision: str, revision2: str | None, paths: list[str]) -> Iterator[Pair]:
    """Each convention file that differs between the revisions (revision2 None: the working
    tree), read through one `git cat-file --batch`, one pair at a time (memory stays flat);
    named as the user sees them from the current folder."""
    top = git.toplevel()
    here = Path.cwd()

    def shown(path: str) -> str:
        """A path from the top of the repository, as seen from the current folder."""
        return os.path.relpath(top / path, here).replace(os.sep, "/")

    changes = git.changed_files(revision, revision2, paths)
    with git.Blobs(top) as blobs:
        for change in changes:
            names = [p for p in (change.old, change.new) if p]
            if not any(name.lower().endswith(SUFFIXES) for name in names):
                continue
            old = (Version(shown(change.old), blobs.get(revision, change.old, change.old_blob))
                   if change.old else None)
            if change.new is None:
                new = None
            elif revision2 is None:
                new = Version(shown(change.new), _read(top / change.new))
            else:
                new = Version(shown(change.new), blobs.get(revision2, change.new, change.new_blob))
            assert old is not None or new is not None
            yield Pair(old or Version(new.name if new else "", None),
                       new or Version(old.name if old else "", None),
                       renamed=change.status == "renamed")
