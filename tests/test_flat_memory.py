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
                                     ["agenda", "--format", "ics", "-o", "out.ics"],
                                     ["export", "-o", "out.csv"],
                                     ["report", "-o", "site"],
                                     ["reminders", "-o", "drafts"]])
def test_memory_does_not_grow_with_the_network(tmp_path: Path, command: list[str]) -> None:
    generate(tmp_path / "few" / "conventions", 30)
    generate(tmp_path / "many" / "conventions", 300)
    few = peak_mb([*command, "--as-of", "2026-11-27"], tmp_path / "few")
    many = peak_mb([*command, "--as-of", "2026-11-27"], tmp_path / "many")
    assert many - few < 15, (few, many)


def test_sending_keeps_the_conventions_due_packed(tmp_path: Path) -> None:
    """`reminders --send` sorts what is due over the whole network before sending it: it
    keeps each convention with something due as its compressed text (a fraction of the
    file), and reads it back into the very convention the file holds."""
    from datetime import date

    from pncaf.actions.reminders import due
    from pncaf.format.loader import load_file

    files = generate(tmp_path / "conventions", 60)
    work, skipped = due((tmp_path / "conventions",), date(2026, 11, 27), 90)
    assert work and not skipped
    packs = {id(packed): packed for _, packed in work}
    assert len(packs) > 30
    by_file = {p.name: p for p in files}
    for packed in packs.values():
        source = by_file[Path(packed.file).name]
        assert len(packed.text) < source.stat().st_size / 2.5
        assert packed.convention() == load_file(source).convention
