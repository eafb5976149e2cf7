"""A link in a conventions folder never publishes another file (issue 23): a symbolic link
or a linked folder leading out is refused by name, never read; a file that is not a
convention (a hard link to a secret, a tool's settings) is never quoted; no message quotes
more than a short excerpt of a value."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import VALID, replace

PNCAF = str(Path(sys.executable).parent / "pncaf")
SECRET = "SECRET-7f3a9c-token"


def pncaf(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PNCAF, *args], text=True, capture_output=True, timeout=120,
                          cwd=cwd, env={**os.environ, "NO_COLOR": "1"})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A cloned repository: one good convention; secrets outside its conventions/."""
    (tmp_path / "conventions").mkdir()
    (tmp_path / "conventions" / "good.yaml").write_text(VALID)
    (tmp_path / "passwd").write_text(f"root:x:0:0:{SECRET}:/root:/bin/bash\n")
    (tmp_path / ".config" / "gh").mkdir(parents=True)
    (tmp_path / ".config" / "gh" / "hosts.yml").write_text(f"github.com:\n  oauth_token: "
                                                           f"{SECRET}\n")
    return tmp_path


def test_a_link_to_a_file_outside_is_refused_by_name_in_a_ci_annotation(repo: Path) -> None:
    (repo / "conventions" / "evil.yaml").symlink_to(repo / "passwd")
    result = pncaf("check", "--format", "github", cwd=repo)
    assert SECRET not in result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if "evil.yaml" in line]
    assert len(lines) == 1 and lines[0].startswith("::error file=conventions/evil.yaml")
    assert f"a link to {repo / 'passwd'}, outside its folder" in lines[0]
    assert result.returncode == 1


def test_the_report_never_copies_a_linked_file(repo: Path) -> None:
    (repo / "conventions" / "evil.yaml").symlink_to(repo / "passwd")
    result = pncaf("report", "-o", "site", "conventions", cwd=repo)
    assert result.returncode == 0, result.stderr
    written = "".join(p.read_text() for p in (repo / "site").rglob("*.html"))
    assert SECRET not in written and "outside its folder" in written


def test_a_linked_folder_leading_out_is_refused_and_not_walked(repo: Path) -> None:
    (repo / "conventions" / "gh").symlink_to(repo / ".config" / "gh")
    result = pncaf("check", "conventions", cwd=repo)
    assert SECRET not in result.stdout + result.stderr
    assert "conventions/gh: error[yaml] this is a link to" in result.stdout
    assert "1 error" in result.stdout


def test_a_link_into_a_hidden_folder_is_refused(repo: Path) -> None:
    (repo / "conventions" / ".git").mkdir()
    (repo / "conventions" / ".git" / "config.yaml").write_text(VALID)
    (repo / "conventions" / "c.yaml").symlink_to(repo / "conventions" / ".git" / "config.yaml")
    result = pncaf("check", "conventions/c.yaml", cwd=repo)
    assert result.returncode == 1 and "outside its folder" in result.stdout


def test_a_link_within_the_folder_is_read(repo: Path) -> None:
    (repo / "conventions" / "2026").mkdir()
    (repo / "conventions" / "2026" / "c.yaml").write_text(replace(VALID, "id: test-convention",
                                                                  "id: c"))
    (repo / "conventions" / "current").symlink_to("2026")
    (repo / "conventions" / "alias.yaml").symlink_to("good.yaml")
    result = pncaf("check", "conventions", cwd=repo)
    assert result.returncode == 0, result.stdout
    assert "2 files checked" in result.stdout      # each file once, by its real place


def test_a_hard_linked_secret_is_read_but_never_quoted(repo: Path) -> None:
    os.link(repo / "passwd", repo / "conventions" / "passwd.yaml")
    os.link(repo / ".config" / "gh" / "hosts.yml", repo / "conventions" / "hosts.yaml")
    for args in (["check", "--format", "github"], ["check", "--format", "json"]):
        result = pncaf(*args, cwd=repo)
        assert SECRET not in result.stdout + result.stderr
        assert "github.com" not in result.stdout
        assert result.stdout.count("this file is not a convention") == 2


def test_a_long_value_is_quoted_as_a_short_excerpt(repo: Path) -> None:
    long = "9" * 30 + SECRET * 20
    (repo / "conventions" / "good.yaml").write_text(
        replace(VALID, 'postcode: "77270"', f'postcode: "{long}"'))
    result = pncaf("check", "--format", "json", cwd=repo)
    assert result.returncode == 1
    assert "9" * 30 in result.stdout and SECRET * 2 not in result.stdout
