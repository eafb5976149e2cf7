"""Which files a folder gives, in which order, each once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pncaf.files.discovery import _order, discover

#: A name the walk lists (a hidden one, `.git`, is never walked into).
_PART = st.text(alphabet="aA-_.0é b", min_size=1, max_size=4).filter(
    lambda part: not part.startswith("."))


@given(st.lists(st.lists(_PART, min_size=1, max_size=3), max_size=20))
def test_files_come_in_the_paths_own_order(parts: list[list[str]]) -> None:
    """The walk sorts each file's path below the folder, split into its parts compared in
    C; the order is pathlib's own (`a/b` before `a-c`, whatever the characters)."""
    below = [os.sep.join(names) for names in parts]
    assert [Path(b) for b in sorted(below, key=_order)] == sorted(Path(b) for b in below)


def test_a_folder_named_twice_or_through_a_link_gives_each_file_once(tmp_path: Path) -> None:
    folder = tmp_path / "conventions"
    (folder / "sub").mkdir(parents=True)
    for name in ("b.yaml", "a-c.yaml", "sub/a.yaml"):
        (folder / name).write_text("format: pncaf/1\n")
    (folder / "link.yaml").symlink_to(folder / "b.yaml")
    (tmp_path / "again").symlink_to(folder)
    found = discover([folder, tmp_path / "conventions" / ".." / "conventions",
                      tmp_path / "again", folder / "sub" / "a.yaml"])
    assert [str(p.relative_to(folder)) for p in found] == ["a-c.yaml", "b.yaml", "sub/a.yaml"]


@pytest.mark.parametrize("name", ["conventions/a.yaml", ".", "/", "../x.yaml", "a/../../b.yaml",
                                  "conventions//b.yaml", "//srv/c.yaml", "x\udce9.yaml",
                                  "HERE", "HERE/sub/d.yaml", "HEREx/e.yaml"])
def test_files_are_named_as_pathlib_names_them(name: str, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Every message names a file relative to the current folder when it is inside, as
    given otherwise (`display_name`, written with os.path for speed): the same text
    pathlib's `relative_to` gives, whatever the folder, the root included."""
    import os

    from pncaf.format.loader import display_name

    here = tmp_path / "here"
    here.mkdir()
    for folder in (here, Path("/")):
        monkeypatch.chdir(folder)
        path = Path(name.replace("HERE", str(here)))
        try:
            expected = str(Path(os.path.abspath(path)).relative_to(os.path.abspath(Path.cwd())))
        except ValueError:
            expected = str(path)
        expected = expected.encode("utf-8", "surrogateescape").decode("utf-8",
                                                                     "backslashreplace")
        assert display_name(path) == expected
