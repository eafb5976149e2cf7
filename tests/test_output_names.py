"""Outputs never overwrite each other (issue 12, points 6 and 7): two conventions that
would get the same page or message file are an error naming both, and `report` writes its
site aside, then moves it in place, so that a failure leaves the previous site whole."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import VALID, replace
from pncaf.cli.app import app

runner = CliRunner()
LONG = "77-" + "a" * 80


def without_id(text: str) -> str:
    return replace(text, "id: test-convention\n", "")


def with_id(text: str, new_id: str) -> str:
    return replace(text, "id: test-convention", f"id: {new_id}")


def partner_email(text: str) -> str:
    return replace(text, "representative: {name: Marc Maire, title: Maire}",
                   "representative: {name: Marc Maire, title: Maire}\n  email: m@x.fr")


CASES = {
    "same first 80 characters": {"a.yaml": with_id(VALID, LONG + "1"),
                                 "b.yaml": with_id(VALID, LONG + "2")},
    "file names that differ by a space": {"x y.yaml": without_id(VALID),
                                          "x-y.yaml": without_id(VALID)},
    "ids that differ by case": {"a.yaml": with_id(VALID, "Valbrune"),
                                "b.yaml": with_id(VALID, "valbrune")},
    "duplicate id": {"a.yaml": with_id(VALID, "same"), "b.yaml": with_id(VALID, "same")},
}


def folder_with(tmp_path: Path, files: dict[str, str]) -> Path:
    source = tmp_path / "conventions"
    source.mkdir()
    for name, text in files.items():
        (source / name).write_text(partner_email(text))
    return source


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("command", ["report", "reminders"])
def test_colliding_outputs_are_an_error_naming_both(tmp_path: Path, case: str,
                                                    command: str) -> None:
    source = folder_with(tmp_path, CASES[case])
    out = tmp_path / "out"
    result = runner.invoke(app, [command, str(source), "-o", str(out), "--as-of",
                                 "2024-12-01", *(["--days", "400"] if command == "reminders"
                                                 else [])])
    assert result.exit_code == 1, result.output
    names = sorted(CASES[case])
    assert all(name in result.stderr for name in names), result.stderr
    assert "same" in result.stderr and "Traceback" not in result.output
    assert not out.exists() or not any(out.rglob("*.*"))


def test_report_failure_keeps_the_previous_site(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    source = folder_with(tmp_path, {"a.yaml": with_id(VALID, "a"),
                                    "b.yaml": with_id(VALID, "b")})
    out = tmp_path / "site"
    args = ["report", str(source), "-o", str(out), "--as-of", "2024-06-01"]
    assert runner.invoke(app, args).exit_code == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (source / "c.yaml").write_text(partner_email(with_id(VALID, "c")))
    import pncaf.outputs.site as site_module

    real_write = site_module._write          # each file of the site is written by it
    calls = []

    def full_after_two(path: Path | str, text: str) -> None:
        calls.append(path)
        if len(calls) > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, text)

    monkeypatch.setattr(site_module, "_write", full_after_two)
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "No space left" in result.stderr
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before                              # the old site, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["conventions", "site"]


def test_report_replaces_the_previous_site_as_a_whole(tmp_path: Path) -> None:
    source = folder_with(tmp_path, {"a.yaml": with_id(VALID, "a"),
                                    "b.yaml": with_id(VALID, "b")})
    out = tmp_path / "site"
    args = ["report", str(source), "-o", str(out), "--as-of", "2024-06-01"]
    assert runner.invoke(app, args).exit_code == 0
    (source / "b.yaml").unlink()
    assert runner.invoke(app, args).exit_code == 0
    assert sorted(p.name for p in (out / "conventions").iterdir()) == ["a.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["conventions", "site"]


def test_report_never_replaces_a_folder_that_is_not_a_report(tmp_path: Path) -> None:
    source = folder_with(tmp_path, {"a.yaml": with_id(VALID, "a")})
    out = tmp_path / "documents"
    out.mkdir()
    (out / "budget.xlsx").write_text("keep me")
    result = runner.invoke(app, ["report", str(source), "-o", str(out)])
    assert result.exit_code == 1 and "budget.xlsx" in result.stderr, result.stderr
    assert (out / "budget.xlsx").read_text() == "keep me"
