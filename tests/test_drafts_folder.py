"""`pncaf reminders -o DIR` puts its drafts in DIR only once all are written: a new DIR is
the hidden folder they were written in, renamed (one rename, not one per draft); an
existing DIR gets each draft moved in. Either way a refusal or a failure leaves DIR as it
was, or absent, and nothing hidden behind."""

from __future__ import annotations

import email
import email.policy
import errno
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import CONVENTIONS
from pncaf.cli.app import app

runner = CliRunner()
AS_OF = "2026-11-27"


def drafts(out: Path) -> list[str]:
    result = runner.invoke(app, ["reminders", str(CONVENTIONS), "-o", str(out),
                                 "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    return sorted(p.name for p in out.iterdir())


def test_a_new_folder_is_made_as_mkdir_makes_it_and_nothing_is_left_beside(
        tmp_path: Path) -> None:
    out = tmp_path / "partage" / "relances"
    names = drafts(out)
    assert names and all(name.endswith(".eml") for name in names)
    (tmp_path / "made").mkdir()
    assert out.stat().st_mode == (tmp_path / "made").stat().st_mode   # not mkdtemp's 0700
    assert [p.name for p in out.parent.iterdir()] == ["relances"]


def test_an_existing_folder_keeps_its_other_files_and_gets_the_same_drafts(
        tmp_path: Path) -> None:
    names = drafts(tmp_path / "new")
    out = tmp_path / "existing"
    out.mkdir()
    (out / "notes.txt").write_text("à garder\n")
    assert drafts(out) == sorted([*names, "notes.txt"])
    assert (out / "notes.txt").read_text() == "à garder\n"
    assert all((out / n).read_bytes() == (tmp_path / "new" / n).read_bytes() for n in names)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing", "new"]


def test_a_folder_made_meanwhile_by_someone_else_gets_the_drafts_moved_in(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = drafts(tmp_path / "new")
    out = tmp_path / "relances"
    rename = os.rename

    def someone_first(source: str, target: str) -> None:
        if Path(target) == out:          # another process makes DIR and writes in it
            out.mkdir()
            (out / "notes.txt").write_text("à garder\n")
        rename(source, target)

    monkeypatch.setattr(os, "rename", someone_first)
    assert drafts(out) == sorted([*names, "notes.txt"])
    assert (out / "notes.txt").read_text() == "à garder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new", "relances"]


def test_a_failure_on_the_last_step_leaves_no_folder_and_nothing_hidden(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "relances"
    mkdir = os.mkdir

    def full(path: str, *args: object, **kwargs: object) -> None:
        if Path(path) == out:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        mkdir(path, *args, **kwargs)  # type: ignore[arg-type]

    def full_rename(source: str, target: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(os, "rename", full_rename)
    monkeypatch.setattr(os, "mkdir", full)
    result = runner.invoke(app, ["reminders", str(CONVENTIONS), "-o", str(out),
                                 "--as-of", AS_OF])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith(f"pncaf: {out}") and "the disk is full" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_collision_leaves_no_folder_and_nothing_hidden(tmp_path: Path) -> None:
    source = tmp_path / "conventions"
    source.mkdir()
    text = (CONVENTIONS / "77-valbrune.yaml").read_text(encoding="utf-8")
    (source / "a.yaml").write_text(text, encoding="utf-8")
    (source / "b.yaml").write_text(text, encoding="utf-8")     # the same id: same names
    out = tmp_path / "relances"
    result = runner.invoke(app, ["reminders", str(source), "-o", str(out), "--as-of", AS_OF])
    assert result.exit_code == 1 and "a.yaml" in result.stderr and "b.yaml" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["conventions"]


def test_the_team_templates_are_found_once_and_used_for_every_draft(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "reminder-subject.txt.j2").write_text(
        "Relance maison — {{ item.kind }}", encoding="utf-8")
    names = drafts(tmp_path / "relances")
    subjects = [email.message_from_bytes((tmp_path / "relances" / n).read_bytes(),
                                         policy=email.policy.default)["Subject"]
                for n in names]
    assert subjects and all(s.startswith("Relance maison — ") for s in subjects), subjects
    other = tmp_path / "autre-équipe"
    (other / "templates").mkdir(parents=True)
    (other / "templates" / "reminder.txt.j2").write_text(
        "{% include 'absent.txt.j2' %}", encoding="utf-8")
    monkeypatch.chdir(other)
    result = runner.invoke(app, ["reminders", str(CONVENTIONS), "-o", "relances",
                                 "--as-of", AS_OF])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert ("template absent.txt.j2 not found (looked in templates/ and the shipped "
            "templates)") in result.stderr, result.stderr
    assert [p.name for p in other.iterdir()] == ["templates"]


def run_again(out: Path) -> str:
    result = runner.invoke(app, ["reminders", str(CONVENTIONS), "-o", str(out),
                                 "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    return result.stderr


def test_a_second_run_on_the_same_day_leaves_every_draft_untouched_and_says_so(
        tmp_path: Path) -> None:
    out = tmp_path / "relances"
    names = drafts(out)
    before = {n: ((out / n).stat().st_ino, (out / n).stat().st_mtime_ns) for n in names}
    said = run_again(out)
    assert (f"wrote 0 drafts to {out}/ and left {len(names)} untouched, already there as "
            "they are") in said, said
    assert {n: ((out / n).stat().st_ino, (out / n).stat().st_mtime_ns)
            for n in names} == before                       # not even rewritten alike
    assert [p.name for p in tmp_path.iterdir()] == ["relances"]


def test_a_draft_edited_by_hand_or_made_a_link_is_written_again(tmp_path: Path) -> None:
    out = tmp_path / "relances"
    names = drafts(out)
    edited, linked = names[0], names[1]
    first = {n: (out / n).read_bytes() for n in (edited, linked)}
    (out / edited).write_bytes(b"Y" + first[edited][1:])     # the same size, not the same
    elsewhere = tmp_path / "ailleurs.eml"
    elsewhere.write_bytes(first[linked])                   # the same bytes, through a link
    (out / linked).unlink()
    (out / linked).symlink_to(elsewhere)
    said = run_again(out)
    assert (f"wrote 2 drafts to {out}/ and left {len(names) - 2} untouched, already there"
            in said), said
    assert (out / edited).read_bytes() == first[edited]
    assert not (out / linked).is_symlink() and (out / linked).read_bytes() == first[linked]
    assert elsewhere.read_bytes() == first[linked]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ailleurs.eml", "relances"]


def test_a_folder_moved_away_during_the_run_is_said_and_nothing_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pncaf.outputs.drafts as module

    out = tmp_path / "relances"
    names = drafts(out)
    moved = tmp_path / "relances-déplacé"
    holds = module.holds

    def moved_meanwhile(path: str, data: bytes) -> bool:
        same = holds(path, data)
        if out.exists():                  # someone moves DIR while the drafts are made
            out.rename(moved)
        return same

    monkeypatch.setattr(module, "holds", moved_meanwhile)
    result = runner.invoke(app, ["reminders", str(CONVENTIONS), "-o", str(out),
                                 "--as-of", AS_OF])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith(f"pncaf: {out}: the folder was moved or deleted while "
                                    "the drafts were being written"), result.stderr
    assert "run the command again" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["relances-déplacé"]
    assert sorted(p.name for p in moved.iterdir()) == names


@pytest.mark.parametrize("where", ["notes.txt", "notes.txt/relances"])
def test_a_file_given_as_the_folder_is_said_before_any_draft_is_made(
        tmp_path: Path, where: str) -> None:
    (tmp_path / "notes.txt").write_text("à garder\n")
    result = runner.invoke(app, ["reminders", str(CONVENTIONS), "-o", str(tmp_path / where),
                                 "--as-of", AS_OF])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.strip() == (
        f"pncaf: {tmp_path / 'notes.txt'}: this is a file, not a folder: -o names the "
        "folder the drafts are written in (it is made when missing)")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text() == "à garder\n"


def test_a_folder_whose_parent_cannot_be_written_in_still_gets_its_drafts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    names = drafts(tmp_path / "new")
    out = tmp_path / "partage" / "relances"        # rights given on relances/ only
    out.mkdir(parents=True)
    (out / "notes.txt").write_text("à garder\n")
    mkdtemp = tempfile.mkdtemp

    def only_in_relances(*args: object, dir: str | Path, **kwargs: object) -> str:
        if Path(dir) == out.parent:
            raise PermissionError(13, "Permission denied", str(dir))
        return mkdtemp(*args, dir=dir, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(tempfile, "mkdtemp", only_in_relances)
    assert drafts(out) == sorted([*names, "notes.txt"])      # nothing hidden left inside
    assert all((out / n).read_bytes() == (tmp_path / "new" / n).read_bytes() for n in names)
    assert [p.name for p in out.parent.iterdir()] == ["relances"]
