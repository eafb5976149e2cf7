"""Network commands read the files one at a time: ten times more conventions do not take
ten times the memory (a loaded convention weighs about 120 KB; 300 of them held would add
some 35 MB). Memory, not time: the peak of a child process, which load does not change."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from generate import generate

PNCAF = Path(sys.executable).parent / "pncaf"


def peak_mb(args: list[str], cwd: Path) -> float:
    child = subprocess.Popen([str(PNCAF), *args], cwd=cwd, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    assert child.stderr is not None
    assert os.waitstatus_to_exitcode(status) == 0, child.stderr.read()
    return usage.ru_maxrss / 1024


@pytest.mark.parametrize("command", [["dates", "--format", "json"],
                                     ["agenda", "--format", "json"],
                                     ["export", "-o", "out.csv"],
                                     ["report", "-o", "site"],
                                     ["reminders", "-o", "drafts"]])
def test_memory_does_not_grow_with_the_network(tmp_path: Path, command: list[str]) -> None:
    generate(tmp_path / "few" / "conventions", 30)
    generate(tmp_path / "many" / "conventions", 300)
    few = peak_mb([*command, "--as-of", "2026-11-27"], tmp_path / "few")
    many = peak_mb([*command, "--as-of", "2026-11-27"], tmp_path / "many")
    assert many - few < 15, (few, many)
