"""The network commands (dates, agenda, export, reminders) read each file with
`load_file_quickly`: without the map of positions when it is a plain valid convention.
They must get what `check`'s reading gets — the same model of every valid file, and the
same files left out, for the same number of errors — and a link out of the folder is
still refused without being read."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import CONVENTIONS, ROOT, VALID, replace
from pncaf.format.loader import load_file, load_file_quickly
from pncaf.format.stream import Skipped, each_convention


def corpus() -> list[Path]:
    return sorted([*CONVENTIONS.glob("*.yaml"), *(ROOT / "tests" / "corpus").rglob("*.yaml")])


@pytest.mark.parametrize("path", corpus(), ids=lambda p: p.name)
def test_a_file_read_quickly_is_the_file_check_reads(path: Path) -> None:
    thorough, quick = load_file(path), load_file_quickly(path)
    assert quick.convention == thorough.convention
    assert (quick.file, quick.id) == (thorough.file, thorough.id)
    if thorough.convention is None:     # left out: what the user is told is the same
        assert quick.diagnostics == thorough.diagnostics


def test_every_example_convention_is_read_without_positions() -> None:
    for path in CONVENTIONS.glob("*.yaml"):
        loaded = load_file_quickly(path)
        assert loaded.convention is not None and not loaded.source.entries, path.name


@pytest.mark.parametrize(("old", "new"), [
    ("id: test", "id: &a test"),                # an anchor: read with positions, still valid
    ("id: test", "id: !!str test"),             # a tag
    ("id: test", "id: test\nid: other"),        # a key twice: left out, with its error
    ("id: test", "id: test\nbogus: 1"),         # not a field: left out
])
def test_files_that_are_not_plain_are_read_as_check_reads_them(tmp_path: Path, old: str,
                                                               new: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(replace(VALID, old, new), encoding="utf-8")
    thorough, quick = load_file(path), load_file_quickly(path)
    assert quick.convention == thorough.convention
    assert quick.diagnostics == thorough.diagnostics


def test_a_link_out_of_the_folder_is_left_out_unread(tmp_path: Path) -> None:
    folder = tmp_path / "conventions"
    folder.mkdir()
    (folder / "a.yaml").write_text(VALID, encoding="utf-8")
    secret = tmp_path / "secret.yaml"
    secret.write_text(VALID.replace("id: test", "id: secret"), encoding="utf-8")
    (folder / "b.yaml").symlink_to(secret)
    done = list(each_convention(sorted(folder.iterdir()), lambda loaded: loaded.id))
    assert [type(d).__name__ for d in done] == ["Valid", "Skipped"]
    skipped = done[1]
    assert isinstance(skipped, Skipped) and skipped.errors == 1 and skipped.id == "b"
