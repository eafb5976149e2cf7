"""One boundary: every command answers a full disk, a closed output or a bad place to write
the same way — one `pncaf:` line on stderr, exit 1, never « internal error »."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import CONVENTIONS

PNCAF = str(Path(sys.executable).parent / "pncaf")
ONE = str(CONVENTIONS / "77-valbrune.yaml")

#: Every command, in a form that writes to standard output.
TO_STDOUT = {
    "check": ["check", str(CONVENTIONS)],
    "check-json": ["check", str(CONVENTIONS), "--format", "json"],
    "dates": ["dates", str(CONVENTIONS)],
    "agenda": ["agenda", str(CONVENTIONS), "--format", "json"],
    "agenda-table": ["agenda", str(CONVENTIONS)],
    "export": ["export", str(CONVENTIONS)],
    "schema": ["schema"],
    "record-dry-run": ["record", ONE, "committee", "--date", "2027-02-02", "--dry-run"],
    "help": ["--help"],
    "version": ["--version"],
}


def run(args: list[str], **redirect: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PNCAF, *args], text=True, stderr=subprocess.PIPE, timeout=120,
                          env={**os.environ, "NO_COLOR": "1"}, **redirect)  # type: ignore[call-overload]


def one_clean_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in result.stderr.splitlines() if line.startswith("pncaf:")]
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr, result.stderr
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("name", sorted(TO_STDOUT))
def test_full_disk_on_standard_output(name: str) -> None:
    with open("/dev/full", "w") as full:
        result = run(TO_STDOUT[name], stdout=full)
    line = one_clean_line(result)
    assert "No space left on device" in line and "standard output" in line


@pytest.mark.parametrize("name", sorted(TO_STDOUT))
def test_closed_standard_output(name: str) -> None:
    # the shell's `>&-`: descriptor 1 is not open at all
    result = subprocess.run(["/bin/bash", "-c", 'exec "$0" "$@" >&-', PNCAF, *TO_STDOUT[name]],
                            text=True, stderr=subprocess.PIPE, timeout=120,
                            env={**os.environ, "NO_COLOR": "1"})
    line = one_clean_line(result)
    assert "standard output" in line


@pytest.mark.parametrize("args", [
    ["certificate", ONE, "-o", "{ro}/cert.html"],
    ["sheet", ONE, "-o", "{ro}/fiche.md"],
    ["agenda", str(CONVENTIONS), "--format", "ics", "-o", "{ro}/a.ics"],
    ["export", str(CONVENTIONS), "-o", "{ro}/lieux.csv"],
    ["schema", "-o", "{ro}/s.json"],
    ["reminders", str(CONVENTIONS), "-o", "{ro}/relances", "--as-of", "2027-01-05"],
    ["report", str(CONVENTIONS), "-o", "{ro}/site"],
], ids=lambda a: a[0])
def test_read_only_folder(args: list[str], tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root writes anywhere: a path under a regular file cannot be created by anyone
        blocked = tmp_path / "a-file"
        blocked.write_text("")
    else:
        blocked = tmp_path / "ro"
        blocked.mkdir()
        blocked.chmod(0o555)
    result = run([a.format(ro=blocked) for a in args], stdout=subprocess.PIPE)
    line = one_clean_line(result)
    assert str(blocked) in line


@pytest.mark.parametrize("args", [
    ["certificate", ONE, "-o", "{tmp}/c.html"],
    ["sheet", ONE, "-o", "{tmp}/s.html"],
    ["reminders", str(CONVENTIONS), "-o", "{tmp}/r"],
    ["report", str(CONVENTIONS), "-o", "{tmp}/site"],
], ids=lambda a: a[0])
def test_missing_template_folder_is_the_same_usage_error_everywhere(args: list[str],
                                                                     tmp_path: Path) -> None:
    result = run([a.format(tmp=tmp_path) for a in args] + ["--templates", "nowhere"],
                 stdout=subprocess.PIPE)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["pncaf: --templates nowhere: no such folder"]
