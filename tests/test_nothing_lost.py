"""Every command that writes leaves the previous file intact when writing fails, and
writes only where it was asked to."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import CONVENTIONS, VALID
from pncaf.cli.app import app

runner = CliRunner()
ACTIVE = str(CONVENTIONS / "77-valbrune.yaml")


def disk_full(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device", str(args[-1]) if args else "")


# command line, the file it writes (relative to the test folder)
WRITERS = [
    (["certificate", ACTIVE, "-o", "{out}/cert.pdf"], "cert.pdf"),
    (["certificate", ACTIVE, "-o", "{out}/cert.html"], "cert.html"),
    (["sheet", ACTIVE, "-o", "{out}/fiche.md"], "fiche.md"),
    (["agenda", str(CONVENTIONS), "--format", "ics", "-o", "{out}/a.ics"], "a.ics"),
    (["agenda", str(CONVENTIONS), "--format", "json", "-o", "{out}/a.json"], "a.json"),
    (["export", str(CONVENTIONS), "-o", "{out}/lieux.csv"], "lieux.csv"),
    (["schema", "-o", "{out}/schema.json"], "schema.json"),
    (["record", "{out}/conv.yaml", "committee", "--date", "2024-02-01"], "conv.yaml"),
]


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("args,name", WRITERS, ids=[w[1] for w in WRITERS])
def test_a_failed_write_keeps_the_previous_file(out: Path, monkeypatch: pytest.MonkeyPatch,
                                                args: list[str], name: str) -> None:
    previous = VALID if name == "conv.yaml" else "previous content\n"
    (out / name).write_text(previous)
    monkeypatch.setattr(os, "replace", disk_full)
    result = runner.invoke(app, [a.format(out=out) for a in args])
    assert result.exit_code == 1, result.output
    assert "No space left on device" in result.stderr and "Traceback" not in result.output
    assert (out / name).read_text() == previous
    left = sorted(p.name for p in out.iterdir() if not p.name.endswith(".pncaf-lock"))
    assert left == [name]                                           # no temporary file left


def test_reminders_failure_keeps_earlier_messages(out: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["reminders", str(CONVENTIONS), "-o", str(out / "r"), "--as-of", "2026-11-27"]
    assert runner.invoke(app, args).exit_code == 0
    before = {p.name: p.read_bytes() for p in (out / "r").iterdir()}
    monkeypatch.setattr(os, "replace", disk_full)
    # the next day: each draft is dated anew, so each replaces its previous version
    result = runner.invoke(app, [*args[:-1], "2026-11-28"])
    assert result.exit_code == 1 and "No space left" in result.stderr
    assert {p.name: p.read_bytes() for p in (out / "r").iterdir()} == before


def test_new_failure_leaves_nothing(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "link", disk_full)
    result = runner.invoke(app, [
        "new", "n.yaml", "--from", ACTIVE, "--partner-name", "Mairie X", "--siren",
        "217709997", "--partner-street", "1 place", "--partner-postcode", "77999",
        "--partner-city", "X", "--partner-representative", "A B", "--partner-title", "Maire",
        "--hours", "monday=09:00-12:00,14:00-17:00", "--hours",
        "tuesday=09:00-12:00,14:00-17:00"])
    assert result.exit_code == 1 and "No space left" in result.stderr
    assert [p.name for p in out.iterdir() if not p.name.endswith(".pncaf-lock")] == []


def test_read_only_target_is_a_clear_error(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(out / "cert.md"))

    monkeypatch.setattr(os, "replace", read_only)
    result = runner.invoke(app, ["certificate", ACTIVE, "-o", str(out / "cert.md")])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"pncaf: {out / 'cert.md'}: the disk is read-only "
                                     "(Read-only file system): it was not written; use "
                                     "another place, or ask for this disk to be made writable")
