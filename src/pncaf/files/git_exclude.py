"""Keep pncaf's hidden companions (the lock and the undo record beside a convention) out of
`git status`, without a file to commit and without removing anything.

Removing a lock file after its release is not safe: a run waiting on it holds the old file
open and would take a lock nobody else sees, while a third run creates a new one (filelock
leaves the file in place on Linux and macOS for that reason). So the lock stays, and the
repository is told to ignore it: the patterns are appended to the repository's own
`info/exclude` (git's list of « patterns specific to this repository that need not be
shared »), found by walking up from the file to its `.git`, a folder or, in a worktree or
a submodule, a file naming it. Nothing is done outside a repository, and a repository that
cannot be written is left as it is: ignoring is a comfort, never a reason to refuse a save.
"""

from __future__ import annotations

from pathlib import Path

#: What pncaf leaves beside a file it rewrites (files/lock.py, editing/undo.py).
PATTERNS = (".*.pncaf-lock", ".*.pncaf-undo")
_HEADER = "# pncaf: its lock and undo files beside each convention (never committed)"


def ignore_companions(path: Path) -> None:
    """Make sure the git repository holding `path`, if any, ignores pncaf's companions."""
    exclude = exclude_file(path)
    if exclude is None or not (exclude.parent.parent / "HEAD").is_file():
        return                          # not a git folder: a `.git` file naming anything
    try:
        known = exclude.read_text(encoding="utf-8").splitlines() if exclude.exists() else []
        missing = [p for p in PATTERNS if p not in known]
        if not missing:
            return
        exclude.parent.mkdir(exist_ok=True)
        with exclude.open("a", encoding="utf-8") as out:
            lead = "\n" if known and known[-1] != "" else ""
            out.write(lead + "\n".join([_HEADER, *missing]) + "\n")
    except (OSError, UnicodeDecodeError):
        return


def exclude_file(path: Path) -> Path | None:
    """The `info/exclude` of the repository `path` is in, or None outside one."""
    folder = path.resolve().parent
    for parent in (folder, *folder.parents):
        dot_git = parent / ".git"
        if dot_git.is_dir():
            return dot_git / "info" / "exclude"
        if dot_git.is_file():
            return _linked(dot_git)
    return None


def _linked(dot_git: Path) -> Path | None:
    """A worktree's or a submodule's `.git` file: `gitdir: X`; a worktree's X names the
    main repository's folder in `commondir`, where `info/exclude` is read."""
    try:
        line = dot_git.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not line.startswith("gitdir:"):
        return None
    git_dir = (dot_git.parent / line.removeprefix("gitdir:").strip()).resolve()
    common = git_dir / "commondir"
    try:
        if common.is_file():
            git_dir = (git_dir / common.read_text(encoding="utf-8").strip()).resolve()
    except (OSError, UnicodeDecodeError):
        return None
    return git_dir / "info" / "exclude"
