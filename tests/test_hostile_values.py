"""Hostile values become diagnostics or one clean line, never an internal error, and one bad
file never stops a folder run (issue 12, « Internal errors instead of diagnostics »)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import VALID, line_of, replace
from pncaf.cli.app import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def with_id(text: str, new_id: str) -> str:
    return replace(text, "id: test-convention", f"id: {new_id}")


HOSTILE = {
    "huge-number": with_id(VALID, "huge") .replace(
        "equipment: {computers: 1,", "equipment: {computers: " + "9" * 4301 + ","),
    "far-future": replace(with_id(VALID, "far"), "signed: {caf: 2024-01-10, partner: 2024-01-15}",
                          "signed: {caf: 9999-12-20, partner: 9999-12-31}"),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "good.yaml").write_text(with_id(VALID, "good"))
    for name, text in HOSTILE.items():
        (tmp_path / f"{name}.yaml").write_text(text)
    return tmp_path


def test_check_reports_each_bad_value_and_checks_the_others(folder: Path) -> None:
    code, out, err = run("check", str(folder), "--format", "json", "--as-of", "2024-06-01")
    assert code == 1 and "internal error" not in err, err
    report = json.loads(out)
    assert report["files"] == 3
    by_file = {Path(d["file"]).stem: d for d in report["diagnostics"] if d["severity"] == "error"}
    assert set(by_file) == {"huge-number", "far-future"}
    assert "digits" in by_file["huge-number"]["message"]
    assert "9999" in by_file["far-future"]["message"]


@pytest.mark.parametrize("command", [["dates"], ["agenda"], ["report", "-o", "{tmp}/r"],
                                     ["reminders", "-o", "{tmp}/m"], ["export"]])
def test_other_commands_skip_the_bad_files_cleanly(folder: Path, tmp_path: Path,
                                                   command: list[str]) -> None:
    args = [a.format(tmp=tmp_path) for a in command]
    code, _, err = run(*args[:1], str(folder), *args[1:], "--as-of", "2024-06-01")
    assert "internal error" not in err and "Traceback" not in err, err
    assert code in (0, 1)


@pytest.mark.parametrize("command", ["check", "dates", "agenda", "report", "reminders"])
@pytest.mark.parametrize("as_of", ["9999-01-01", "0001-01-01"])
def test_an_as_of_date_out_of_range_is_a_usage_error(tmp_path: Path, command: str,
                                                     as_of: str) -> None:
    (tmp_path / "good.yaml").write_text(VALID)
    extra = ["-o", str(tmp_path / "o")] if command in ("report", "reminders") else []
    code, _, err = run(command, str(tmp_path / "good.yaml"), "--as-of", as_of, *extra)
    assert code == 2 and "internal error" not in err and "--as-of" in err, err


@pytest.mark.parametrize("option", ["--date", "--period"])
def test_record_refuses_dates_out_of_range(tmp_path: Path, option: str) -> None:
    target = tmp_path / "c.yaml"
    target.write_text(VALID)
    args = (["--date", "9999-12-31", "--period", "2024-S1"] if option == "--date"
            else ["--date", "2024-08-01", "--period", "9999-S2"])
    code, _, err = run("record", str(target), "report", *args, "--indicator", "accueils=1")
    assert code in (1, 2) and "internal error" not in err and option in err, err
    assert target.read_text() == VALID


@pytest.mark.parametrize("indicator,why", [
    ("v=²", "NAME=COUNT"), ("v=٣", "NAME=COUNT"), ("v=" + "1" * 5000, "too large"),
    ("v=-1", "NAME=COUNT"),
])
def test_indicator_values_are_plain_ascii_counts(tmp_path: Path, indicator: str,
                                                 why: str) -> None:
    target = tmp_path / "c.yaml"
    target.write_text(VALID)
    code, _, err = run("record", str(target), "report", "--date", "2024-08-01", "--period",
                       "2024-S1", "--indicator", indicator)
    assert code == 2 and why in err and "internal error" not in err, err
    assert target.read_text() == VALID


def test_an_indicator_given_twice_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "c.yaml"
    target.write_text(VALID)
    code, _, err = run("record", str(target), "report", "--date", "2024-08-01", "--period",
                       "2024-S1", "--indicator", "v=1", "--indicator", "v=2")
    assert code == 2 and "twice" in err, err
    assert target.read_text() == VALID


@pytest.mark.parametrize(("old", "new"), [
    ("name: Mairie de Test", 'name: "Mairie\\r\\nBcc: victim@example.org\\nX: y"'),
    ("name: Point d'accueil", 'name: "Point\\e[31m rouge"'),
    ("street: 2 rue du Point", 'street: "2 rue\\tdu Point"'),
    ("title: Maire}", 'title: "Maire\\u202e"}'),
])
def test_a_line_break_or_control_character_in_a_name_is_refused(tmp_path: Path, old: str,
                                                                new: str) -> None:
    """A name, title or address with a line break or a control character would split a
    mail header or a CSV row, or recolour a terminal: `check` refuses it where it stands,
    and no reminder is written from it."""
    text = replace(VALID, old, new)
    (tmp_path / "c.yaml").write_text(text)
    code, out, _ = run("check", str(tmp_path / "c.yaml"), "--format", "json")
    [d] = json.loads(out)["diagnostics"]
    assert code == 1 and d["rule"] == "schema" and d["line"] == line_of(text, new)
    assert "one line" in d["message"] and "U+" in d["message"]
    code, _, err = run("reminders", str(tmp_path / "c.yaml"), "-o", str(tmp_path / "m"),
                       "--as-of", "2024-12-01", "--days", "365")
    assert code == 1 and "skipped" in err and not (tmp_path / "m").exists()


def test_a_file_with_ten_thousand_events_is_not_an_alias_bomb(tmp_path: Path) -> None:
    events = "".join(f"  - {{date: 2024-02-01, event: committee, note: n{i}}}\n"
                     for i in range(10_000))
    (tmp_path / "c.yaml").write_text(replace(VALID, "history: []\n", "history:\n" + events))
    _, out, _ = run("check", str(tmp_path / "c.yaml"), "--format", "json")
    assert json.loads(out)["errors"] == 0, out[:500]


# --- smaller ways to get a bad answer --------------------------------------------------------



def real_run(*args: str) -> tuple[int, str]:
    import subprocess
    import sys

    done = subprocess.run([str(Path(sys.executable).parent / "pncaf"), *args], text=True,
                          capture_output=True, timeout=120)
    return done.returncode, done.stderr


@pytest.mark.parametrize("args,fragment", [
    (["record", "{f}", "visit", "--date", "2024-02-01", "--outcome", "bad"], "'bad'"),
    (["dates", "--nope"], "No such option: --nope"),
    (["record", "{f}"], "EVENT"),
    (["agenda", "{f}", "--days", "x"], "--days"),
])
def test_command_line_mistakes_are_one_line(tmp_path: Path, args: list[str],
                                            fragment: str) -> None:
    (tmp_path / "c.yaml").write_text(VALID)
    code, err = real_run(*[a.format(f=tmp_path / "c.yaml") for a in args])
    assert code == 2 and err.count("\n") == 1 and err.startswith("pncaf: "), err
    assert fragment in err and "Value error" not in err and "╭" not in err


@pytest.mark.parametrize("output", ["{tmp}/d.json", ""])
def test_an_output_that_is_a_folder_is_named_plainly(tmp_path: Path, output: str) -> None:
    (tmp_path / "c.yaml").write_text(VALID)
    (tmp_path / "d.json").mkdir()
    result = runner.invoke(app, ["agenda", str(tmp_path / "c.yaml"), "--format", "json",
                                 "-o", output.format(tmp=tmp_path)])
    assert result.exit_code == 1 and "is a folder" in result.stderr, result.stderr
    assert ".tmp" not in result.stderr


def test_a_pipe_is_reported_not_counted_as_nothing(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    code, out, _ = run("check", str(fifo))
    assert code == 1 and "not a regular file" in out and "1 file checked" in out


def test_file_names_that_are_not_utf8_still_give_json(tmp_path: Path) -> None:
    import os

    folder = os.fsencode(tmp_path) + b"/caf\xe9.yaml"
    with open(folder, "wb") as handle:
        handle.write(VALID.encode())
    code, out, _ = run("check", str(tmp_path), "--format", "json")
    assert code == 0 and json.loads(out)["files"] == 1


def test_markdown_outputs_never_carry_raw_html(tmp_path: Path) -> None:
    text = replace(VALID, "name: Point d'accueil", 'name: "<script>alert(1)</script> Point"')
    (tmp_path / "c.yaml").write_text(text)
    out = tmp_path / "fiche.md"
    code, _, err = run("sheet", str(tmp_path / "c.yaml"), "-o", str(out))
    assert code == 0, err
    assert "<script" not in out.read_text() and "&lt;script>alert(1)&lt;/script> Point" in (
        out.read_text())


def test_sigterm_during_a_large_check_is_one_line(tmp_path: Path) -> None:
    """A scheduler stopping a parallel `check`: one `pncaf: interrupted`, no worker
    traceback. The signal is sent once results are streaming, so the pool is at work."""
    import signal
    import subprocess
    import sys

    for i in range(2000):
        (tmp_path / f"c{i}.yaml").write_text(with_id(VALID, f"c{i}"))
    process = subprocess.Popen([str(Path(sys.executable).parent / "pncaf"), "check",
                                str(tmp_path), "--as-of", "2026-11-27"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert "warning[" in process.stdout.readline()
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert "Traceback" not in err, err[:2000]
    assert process.returncode == 130 and err.strip() == "pncaf: interrupted"


def test_counts_are_bounded_in_check_and_in_record(tmp_path: Path) -> None:
    """`computers: 99999999999999999999999999999` is a typo, not a room: refused at its line
    with the limit; `record --indicator` refuses the same, the file byte for byte unchanged."""
    text = replace(VALID, "computers: 1,", "computers: 99999999999999999999999999999,")
    target = tmp_path / "c.yaml"
    target.write_text(text)
    code, out, err = run("check", str(target), "--as-of", "2024-06-01")
    assert code == 1 and "internal error" not in err
    line = line_of(text, "computers: 9")
    assert f"c.yaml:{line}:" in out
    assert "it must be at most 1000 (the machines the public uses at this site" in out
    target.write_text(VALID)
    before = target.read_bytes()
    code, out, err = run("record", str(target), "report", "--date", "2024-08-01", "--period",
                         "2024-S1", "--indicator", "accueils=2000000")
    assert code in (1, 2) and "internal error" not in err, err
    assert "at most 1000000" in " ".join(err.split()), err
    assert len(err.strip().splitlines()) == 1, err
    assert target.read_bytes() == before
