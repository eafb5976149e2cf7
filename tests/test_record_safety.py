"""`pncaf record` never loses or corrupts what is in the file (issue 12, points 1 to 5):
concurrent runs, multi-line notes, exact text, check's error rules, permissions and links,
the byte-order mark and line endings."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from typer.testing import CliRunner

from helpers import VALID, load, replace
from pncaf.cli.app import app
from pncaf.editing.record import record

runner = CliRunner()
PNCAF = Path(sys.executable).parent / "pncaf"


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stderr


def notes(path: Path) -> list[object]:
    """The notes of the history as PyYAML (YAML 1.1) and ruamel (YAML 1.2) read them:
    the two must agree, and each must read the file."""
    text = path.read_bytes().decode("utf-8-sig")
    by_pyyaml = yaml.safe_load(text)
    by_ruamel = YAML(typ="safe", pure=True).load(io.StringIO(text))
    found = [[e.get("note") for e in doc["history"]] for doc in (by_pyyaml, by_ruamel)]
    assert found[0] == found[1]
    return found[0]


# --- 1. concurrent runs ------------------------------------------------------------------------

def test_six_concurrent_records_leave_six_events(tmp_path: Path) -> None:
    target = tmp_path / "c.yaml"
    target.write_text(VALID)
    runs = [subprocess.Popen([str(PNCAF), "record", str(target), "committee", "--date",
                              f"2024-0{n}-01", "--note", f"evt{n}"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for n in range(2, 8)]
    outcomes = [(p.wait(), p.stderr.read().decode() if p.stderr else "") for p in runs]
    assert all(code == 0 for code, _ in outcomes), outcomes
    assert sorted(str(n) for n in notes(target)) == [f"evt{n}" for n in range(2, 8)]


# --- 2. multi-line notes ---------------------------------------------------------------------

def test_a_later_event_never_lands_inside_a_block_note(tmp_path: Path) -> None:
    text = replace(VALID, "history: []\n", (
        "history:\n"
        "  - date: 2024-02-01\n"
        "    event: committee\n"
        "    note: |\n"
        "      line one\n"
        "\n"
        "      line three\n"))
    target = tmp_path / "c.yaml"
    target.write_text(text)
    code, err = run("record", str(target), "committee", "--date", "2024-03-01", "--note", "new")
    assert code == 0, err
    assert notes(target) == ["line one\n\nline three\n", "new"]


# --- 3. exact text ---------------------------------------------------------------------------

AWKWARD = ["a\nb", "trail ", "x\ry", "tab\tin", "<<", ".inf", "0b101", "1_000", "yes", "Off",
           "~", "null", "2024-01-01", "12:30", "0x1F", "1e3", "a: b", "a #b", "'q'", '"q"',
           "é\u2028f", "word\n", "x\n\n", "g\x85h", "\ufeffbom", "back\\slash", "!tag",
           "&anchor", "*alias",
           "% pct", "`tick", "{x}", "[x]", "a, b", "?", "|", ">", "cafe\u0301",
           "\U0001f600 smile", "1 place", "1_000 x", "0x1F a", "1.5 e", "ctrl\x07bell", "del\x7f"]


@pytest.mark.parametrize("note", AWKWARD, ids=[repr(n) for n in AWKWARD])
def test_awkward_notes_read_back_identical(tmp_path: Path, note: str) -> None:
    target = tmp_path / "c.yaml"
    target.write_text(VALID)
    code, err = run("record", str(target), "committee", "--date", "2024-02-01", "--note", note)
    assert code == 0, err
    assert notes(target) == [note]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=any_text)
def test_any_note_reads_back_identical_or_is_refused(tmp_path: Path, note: str) -> None:
    target = tmp_path / "c.yaml"
    target.write_text(VALID)
    code, err = run("record", str(target), "committee", "--date", "2024-02-01", "--note", note)
    if code == 0:
        assert notes(target) == [note]
    else:                                   # refused: say why, change nothing
        assert code == 1 and err.startswith("pncaf: nothing recorded"), err
        assert target.read_text() == VALID
        assert note.strip().startswith(FORMULA_START) or note.startswith(FORMULA_START) or (
            "\x00" in note) or any(d.is_error for d in load(replace(
                VALID, "history: []", "history: []\n# " + note.replace("\n", " "))).diagnostics)


# --- 4. what check forbids -------------------------------------------------------------------

@pytest.mark.parametrize("note,rule", [
    ("NIR 1 84 12 76 451 089 46", "social-security number"),
    ("mot de passe : x", "credential"),
    ("=HYPERLINK(\"http://x\")", "formula"),
])
def test_record_refuses_what_check_forbids(tmp_path: Path, note: str, rule: str) -> None:
    target = tmp_path / "c.yaml"
    target.write_text(VALID)
    code, err = run("record", str(target), "committee", "--date", "2024-02-01", "--note", note)
    assert code == 1 and rule in err, err
    assert target.read_text() == VALID


def test_record_refuses_a_file_that_already_breaks_a_rule(tmp_path: Path) -> None:
    target = tmp_path / "c.yaml"
    broken = VALID + "# mot de passe : secret\n"
    target.write_text(broken)
    code, err = run("record", str(target), "committee", "--date", "2024-02-01")
    assert code == 1 and "credential" in err, err
    assert target.read_text() == broken


def test_record_refuses_a_file_over_the_size_limit(tmp_path: Path) -> None:
    target = tmp_path / "c.yaml"
    big = VALID + ("# " + "x" * 98 + "\n") * 11_000
    target.write_text(big)
    code, err = run("record", str(target), "committee", "--date", "2024-02-01")
    assert code == 1 and "larger than 1024 KiB" in err, err
    assert target.read_text() == big


def test_library_record_refuses_personal_data() -> None:
    with pytest.raises(Exception, match="social-security number"):
        record(VALID, {"date": date(2024, 2, 1), "event": "committee",
                       "note": "1 84 12 76 451 089 46"}, "x")


# --- 5. permissions and links ----------------------------------------------------------------

def test_read_only_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "c.yaml"
    target.write_text(VALID)
    target.chmod(0o444)
    code, err = run("record", str(target), "committee", "--date", "2024-02-01")
    assert code == 1 and "read-only" in err, err
    assert target.read_text() == VALID and target.stat().st_mode & 0o777 == 0o444


def test_mode_owner_and_group_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "c.yaml"
    target.write_text(VALID)
    target.chmod(0o640)
    if os.geteuid() == 0:                    # as root, give it to someone else first
        os.chown(target, 4242, 4343)
    before = target.stat()
    code, err = run("record", str(target), "committee", "--date", "2024-02-01")
    assert code == 0, err
    after = target.stat()
    assert (after.st_mode, after.st_uid, after.st_gid) == (
        before.st_mode, before.st_uid, before.st_gid)
    assert after.st_ino != before.st_ino     # replaced atomically, not rewritten in place


def test_a_link_is_followed_to_its_target(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "c.yaml"
    real.write_text(VALID)
    link = tmp_path / "c.yaml"
    link.symlink_to(real)
    code, err = run("record", str(link), "committee", "--date", "2024-02-01", "--note", "via")
    assert code == 0, err
    assert link.is_symlink() and notes(real) == ["via"]


# --- byte-order mark and line endings --------------------------------------------------------

def test_byte_order_mark_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "c.yaml"
    target.write_bytes(b"\xef\xbb\xbf" + VALID.encode())
    code, err = run("record", str(target), "committee", "--date", "2024-02-01")
    assert code == 0, err
    assert target.read_bytes().startswith(b"\xef\xbb\xbfformat: pncaf/1\n")


def test_mixed_line_endings_are_kept_line_by_line(tmp_path: Path) -> None:
    head, _, _ = VALID.partition("history: []\n")
    text = head.replace("\n", "\r\n", 3) + (
        "history:\n  - {date: 2024-01-20, event: committee}\n")
    target = tmp_path / "c.yaml"
    target.write_bytes(text.encode())
    code, err = run("record", str(target), "committee", "--date", "2024-02-01")
    assert code == 0, err
    assert target.read_bytes() == (text + "  - {date: 2024-02-01, event: committee}\n").encode()


note_lines = st.lists(st.sampled_from(["", "ligne", "  indentée", "# pas un commentaire",
                                       "- pas une liste", "fin"]), min_size=1, max_size=5)


@st.composite
def block_history(draw: st.DrawFn) -> tuple[str, list[dict[str, object]]]:
    """A history written by hand in block style, notes as `|` or `|-` blocks whose lines
    may be blank or look like comments and list items."""
    days = sorted(draw(st.lists(st.integers(1, 300), min_size=1, max_size=4, unique=True)))
    text, events = "history:\n", []
    for day in days:
        when = date.fromordinal(date(2024, 2, 1).toordinal() + day)
        text += f"  - date: {when}\n    event: committee\n"
        event: dict[str, object] = {"date": when.isoformat(), "event": "committee"}
        lines = draw(note_lines)
        if any(line.strip() for line in lines):
            chomp = draw(st.sampled_from(["|", "|-"]))
            while not lines[0].strip():
                lines = lines[1:]
            if lines[0].startswith((" ", "-")):   # sets the indentation; `-` a formula
                lines = ["ligne", *lines]
            text += f"    note: {chomp}\n" + "".join(
                f"      {line}\n" if line else "\n" for line in lines)
            body = "\n".join(lines).rstrip("\n")
            event["note"] = body + ("\n" if chomp == "|" else "")
        events.append(event)
        if draw(st.booleans()):
            text += draw(st.sampled_from(["\n", "# commentaire\n", "\n# commentaire\n"]))
    return text, events


@settings(max_examples=200, deadline=None, derandomize=True)
@given(history=block_history(), day=st.integers(0, 320))
def test_an_event_is_inserted_whole_between_any_block_notes(
        history: tuple[str, list[dict[str, object]]], day: int) -> None:
    text, events = history
    source = VALID.replace("history: []\n", text)
    assert yaml.safe_load(source)["history"] == [
        {**e, "date": date.fromisoformat(str(e["date"]))} for e in events]
    when = date.fromordinal(date(2024, 2, 1).toordinal() + day)
    after = record(source, {"date": when, "event": "committee", "note": "nouveau"}, "x").after
    new_history = yaml.safe_load(after)["history"]
    assert {"date": when, "event": "committee", "note": "nouveau"} in new_history
    new_history.remove({"date": when, "event": "committee", "note": "nouveau"})
    assert new_history == [{**e, "date": date.fromisoformat(str(e["date"]))} for e in events]


def test_undo_gives_back_a_crlf_file_with_its_bom_byte_for_byte(tmp_path: Path) -> None:
    target = tmp_path / "c.yaml"
    original = b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode()
    target.write_bytes(original)
    code, err = run("record", str(target), "committee", "--date", "2024-02-01")
    assert code == 0, err
    assert target.read_bytes().startswith(b"\xef\xbb\xbf") and b"committee}\r\n" in (
        target.read_bytes())
    code, err = run("record", "--undo", str(target))
    assert code == 0, err
    assert target.read_bytes() == original
