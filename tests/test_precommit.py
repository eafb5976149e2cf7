"""The shipped pre-commit hook, run by pre-commit itself in a throw-away repository.

pre-commit installs pncaf from this working tree into its own environment (the only
network use: the package install). Its cache lives in .venv/ so later runs are fast.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, VALID, line_of, replace


def pre_commit() -> str:
    found = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("pre-commit is not installed: pip install -e '.[dev]'")
    return found


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_pncaf_check_hook_blocks_a_bad_convention(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "conventions").mkdir(parents=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.invalid")
    git(repo, "config", "user.name", "test")
    good = repo / "conventions" / "good.yaml"
    bad = repo / "conventions" / "bad.yaml"
    good.write_text(replace(VALID, "id: test-convention", "id: good"))
    bad.write_text(replace(replace(VALID, "id: test-convention", "id: bad"), "monday:",
                           "lundi:"))
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(ROOT / ".venv" / "pre-commit-cache")}
    command = [pre_commit(), "try-repo", str(ROOT), "pncaf-check", "--color", "never",
               "--files"]
    passed = subprocess.run([*command, "conventions/good.yaml"], cwd=repo, env=env,
                            capture_output=True, text=True, timeout=900)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    failed = subprocess.run([*command, "conventions/bad.yaml"], cwd=repo, env=env,
                            capture_output=True, text=True, timeout=900)
    assert failed.returncode == 1
    assert "conventions/bad.yaml:18:7: error[schema] unknown key `lundi`" in failed.stdout


def test_pncaf_check_hook_refuses_a_rewritten_history(tmp_path: Path) -> None:
    """The hook runs `check --base HEAD`: a staged edit of a committed event is refused,
    a new event passes."""
    repo = tmp_path / "repo"
    (repo / "conventions").mkdir(parents=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.invalid")
    git(repo, "config", "user.name", "test")
    file = repo / "conventions" / "c.yaml"
    file.write_text(replace(VALID, "history: []",
                            "history:\n  - {date: 2024-02-01, event: committee}"))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "a committee")
    env = {**os.environ, "PRE_COMMIT_HOME": str(ROOT / ".venv" / "pre-commit-cache")}
    command = [pre_commit(), "try-repo", str(ROOT), "pncaf-check", "--color", "never",
               "--files", "conventions/c.yaml"]
    file.write_text(file.read_text().replace("event: committee}", "event: committee}\n"
                                             "  - {date: 2024-03-01, event: committee}"))
    git(repo, "add", ".")
    appended = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True,
                              timeout=900)
    assert appended.returncode == 0, appended.stdout + appended.stderr
    file.write_text(file.read_text().replace("2024-02-01", "2024-02-02"))
    git(repo, "add", ".")
    rewritten = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True,
                               timeout=900)
    assert rewritten.returncode == 1
    line = line_of(file.read_text(), "history:")
    assert (f"conventions/c.yaml:{line}:1: error[history-rewritten] the event 2024-02-01 "
            "committee of HEAD is no longer in the history") in rewritten.stdout
