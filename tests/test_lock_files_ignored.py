"""The lock and undo files pncaf keeps beside a convention never make `git status` dirty:
they stay (removing a lock is not safe), and the repository's own `info/exclude` learns
to ignore them, in a clone and in a worktree alike. Real git, real `record`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import CONVENTIONS
from pncaf.actions.record import RecordRequest, record


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "equipe"
    shutil.copytree(CONVENTIONS, folder / "conventions")
    git(folder, "init", "-q")
    git(folder, "config", "user.name", "Agent Test")
    git(folder, "config", "user.email", "agent@example.org")
    git(folder, "add", ".")
    git(folder, "commit", "-qm", "Les conventions")
    return folder


def _record(folder: Path, day: str) -> None:
    done = record(RecordRequest(folder / "conventions" / "77-valbrune.yaml", "committee",
                                date=day))
    assert done.written, done.refused


def test_record_leaves_only_the_convention_changed(repo: Path) -> None:
    _record(repo, "2026-11-02")
    _record(repo, "2026-11-03")
    folder = repo / "conventions"
    assert (folder / ".77-valbrune.yaml.pncaf-lock").exists()     # kept: removing races
    assert (folder / ".77-valbrune.yaml.pncaf-undo").exists()
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == \
        " M conventions/77-valbrune.yaml\n"
    exclude = (repo / ".git" / "info" / "exclude").read_text(encoding="utf-8")
    assert exclude.count(".*.pncaf-lock") == 1 and exclude.count(".*.pncaf-undo") == 1


def test_in_a_worktree_too(repo: Path, tmp_path: Path) -> None:
    git(repo, "worktree", "add", "-q", str(tmp_path / "autre"))
    _record(tmp_path / "autre", "2026-11-02")
    assert git(tmp_path / "autre", "status", "--porcelain", "--untracked-files=all") == \
        " M conventions/77-valbrune.yaml\n"


def test_outside_git_nothing_but_the_lock_is_written(tmp_path: Path) -> None:
    shutil.copytree(CONVENTIONS, tmp_path / "conventions")
    _record(tmp_path, "2026-11-02")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["conventions"]
