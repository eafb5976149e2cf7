"""`pncaf` end to end: through typer's CliRunner and through the installed console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import AS_OF, CONVENTIONS, VALID, other_partner, replace
from pncaf import __version__
from pncaf.cli.app import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.yaml").write_text(replace(VALID, "id: test-convention", "id: a"))
    (tmp_path / "b.yml").write_text(other_partner(replace(VALID, "id: test-convention",
                                                          "id: b"), 1))
    (tmp_path / "notes.txt").write_text("not a convention")
    return tmp_path


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"pncaf {__version__}"


def test_python_dash_m_pncaf_is_the_command(tmp_path: Path) -> None:
    """`python -m pncaf`, for an officer whose `pncaf` is not on PATH: the same answers,
    exit statuses and help as the command."""
    (tmp_path / "broken.yaml").write_text(replace(VALID, "monday:", "lundi:"))

    def module(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pncaf", *args], capture_output=True,
                              text=True, timeout=120, cwd=tmp_path)

    assert module("--version").stdout.strip() == f"pncaf {__version__}"
    checked = module("check", "broken.yaml")
    assert checked.returncode == 1 and "broken.yaml:" in checked.stdout
    assert "error[schema]" in checked.stdout
    helped = module("dates", "--help")
    assert helped.returncode == 0 and "--as-of" in helped.stdout


def test_help_shows_an_example_for_every_command() -> None:
    code, out, _ = run("--help")
    commands = ("check", "dates", "agenda", "certificate", "sheet", "reminders", "report",
                "record", "new", "export", "schema")
    assert code == 0 and all(f"pncaf {c} " in out for c in commands)
    for command in commands:
        code, out, _ = run(command, "--help")
        assert code == 0 and "Examples" in out and f"pncaf {command}" in out


def test_check_clean_folder(folder: Path) -> None:
    code, out, _ = run("check", str(folder), "--as-of", AS_OF.isoformat())
    assert code == 0
    assert out.strip().endswith("2 files checked: no problem found.")


def test_check_text_lines_are_jumpable(folder: Path) -> None:
    (folder / "a.yaml").write_text(replace(VALID, "monday:", "lundi:"))
    code, out, _ = run("check", str(folder), "--as-of", "2024-01-15")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{folder / 'a.yaml'}:18:7: error[schema] unknown key `lundi`")
    assert "2 files checked: 1 error, 0 warnings." in out


def test_check_json_output(folder: Path) -> None:
    (folder / "b.yml").write_text(replace(VALID, "signed: {caf: 2024-01-10, partner: 2024-01-15}",
                                          "signed: {caf: null, partner: null}"))
    code, out, _ = run("check", str(folder), "--format", "json", "--as-of", "2024-01-15")
    assert code == 0
    report = json.loads(out)
    assert (report["files"], report["errors"], report["warnings"]) == (2, 0, 1)
    [d] = report["diagnostics"]
    assert d == {"file": str(folder / "b.yml"), "line": 21, "column": 1, "severity": "warning",
                 "rule": "unsigned", "message": d["message"], "convention": "test-convention",
                 "subject": None}


def test_strict_turns_warnings_into_failure(folder: Path) -> None:
    (folder / "b.yml").write_text(replace(VALID, "scanners: 1", "scanners: 0"))
    assert run("check", str(folder), "--as-of", "2024-01-15")[0] == 0
    assert run("check", str(folder), "--strict", "--as-of", "2024-01-15")[0] == 1


def test_github_annotations(folder: Path) -> None:
    (folder / "a.yaml").write_text(replace(VALID, 'siren: "217705144"', 'siren: "217705145"'))
    code, out, _ = run("check", str(folder), "--format", "github", "--as-of", "2024-01-15")
    assert code == 1
    assert out.splitlines()[0].startswith(
        f"::error file={folder / 'a.yaml'},line=11,col=10,title=schema::`partner.siren`")


def test_duplicate_ids_across_files(folder: Path) -> None:
    (folder / "b.yml").write_text(other_partner(VALID.replace("id: test-convention", "id: a"),
                                                1))
    code, out, _ = run("check", str(folder), "--format", "json", "--as-of", "2024-01-15")
    [d] = json.loads(out)["diagnostics"]
    assert code == 1 and d["rule"] == "schema" and d["line"] == 2 and "a.yaml" in d["message"]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path / "nowhere"))
    assert code == 2 and "no such file or folder" in err


def test_bad_as_of_is_a_usage_error(folder: Path) -> None:
    code, _, err = run("check", str(folder), "--as-of", "fin novembre")
    assert code == 2 and "YYYY-MM-DD" in err
    code, _, err = run("check", str(folder), "--as-of", "2026-13-01")
    assert code == 2 and "not a real date" in err


def test_as_of_reads_like_every_other_date_option(folder: Path) -> None:
    """One reading of dates on the command line: day first as in France, or ISO."""
    french = run("dates", str(folder), "--as-of", "27/11/2026", "--format", "json")
    iso = run("dates", str(folder), "--as-of", "2026-11-27", "--format", "json")
    assert french[0] == iso[0] == 0 and french[1] == iso[1]


def test_bad_option_is_a_usage_error(folder: Path) -> None:
    assert run("check", str(folder), "--format", "xml")[0] == 2


def test_default_folder_is_conventions(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    code, _, err = run("check", "--as-of", "2024-01-15")
    assert code == 2 and "no conventions/ folder" in err
    (folder / "conventions").mkdir()
    shutil.move(folder / "a.yaml", folder / "conventions" / "a.yaml")
    code, out, _ = run("check", "--as-of", "2024-01-15")
    assert code == 0 and "1 file checked" in out


def test_schema_is_json_schema(tmp_path: Path) -> None:
    code, out, _ = run("schema")
    schema = json.loads(out)
    assert code == 0 and schema["$schema"].endswith("2020-12/schema")
    assert "sites" in schema["required"] and schema["additionalProperties"] is False
    target = tmp_path / "schema.json"
    assert run("schema", "-o", str(target))[0] == 0
    assert json.loads(target.read_text()) == schema


def test_shipped_schema_is_up_to_date() -> None:
    shipped = CONVENTIONS.parent / "schema" / "pncaf.schema.json"
    assert json.loads(shipped.read_text()) == json.loads(run("schema")[1]), (
        "run `make schema` to refresh schema/pncaf.schema.json")


def test_shipped_conventions_pass() -> None:
    code, out, _ = run("check", str(CONVENTIONS), "--format", "json", "--as-of", "2026-11-27")
    report = json.loads(out)
    assert code == 0 and report["errors"] == 0 and report["files"] >= 4


# --- the installed console script -----------------------------------------------------

def script() -> str:
    found = shutil.which("pncaf", path=str(Path(sys.executable).parent)) or shutil.which("pncaf")
    assert found, "the pncaf console script is not installed (pip install -e .)"
    return found


def test_console_script_end_to_end(folder: Path) -> None:
    (folder / "a.yaml").write_text(replace(VALID, "monday:", "lundi:"))
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run([script(), "check", str(folder), "--as-of", "2024-01-15"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1
    assert "error[schema] unknown key `lundi`" in done.stdout and "\x1b[" not in done.stdout
    assert "Traceback" not in done.stderr


def test_console_script_never_prints_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\xff\xfe\x00garbage: [")
    done = subprocess.run([script(), "check", str(bad)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr + done.stdout
    done = subprocess.run([script(), "check", str(tmp_path / "missing.yaml")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "no such file or folder" in done.stderr


def test_fast_path_answers_like_the_full_command_line(folder: Path) -> None:
    (folder / "a.yaml").write_text(replace(VALID, "monday:", "lundi:"))
    full = runner.invoke(app, ["check", str(folder), "--as-of", "2024-01-15",
                               "--format", "json"])
    fast = subprocess.run([script(), "check", str(folder), "--as-of=2024-01-15", "-f", "json"],
                          capture_output=True, text=True, timeout=60)
    assert (fast.returncode, json.loads(fast.stdout)) == (full.exit_code, json.loads(full.stdout))
    helped = subprocess.run([script(), "check", "--help"], capture_output=True, text=True,
                            timeout=60)
    assert helped.returncode == 0 and "Examples" in helped.stdout


def test_shell_completion_reaches_the_full_command_line() -> None:
    env = {**os.environ, "_PNCAF_COMPLETE": "complete_bash", "COMP_WORDS": "pncaf ag",
           "COMP_CWORD": "1"}
    done = subprocess.run([script()], capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.split() == ["agenda"]


@pytest.mark.parametrize("command", ["check", "dates"])
def test_a_bug_is_one_line_without_traceback(command: str, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """`check` (fast path) and every other command (full command line) turn an unexpected
    exception into the same single line and exit status 1."""
    from pncaf.checks import runner as checker
    from pncaf.cli import entry
    from pncaf.dates import summary as lifecycle

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(checker, "check_file", broken)
    monkeypatch.setattr(lifecycle, "dates_row", broken)
    monkeypatch.setattr(sys, "argv", ["pncaf", command, str(CONVENTIONS)])
    with pytest.raises(SystemExit) as exited:
        entry.main()
    captured = capsys.readouterr()
    assert exited.value.code == 1
    assert captured.err.splitlines() == [
        "pncaf: internal error (RuntimeError: boom). This is a bug in pncaf: please report it "
        "with the command and the file."]


def test_the_acknowledgment_example_of_record_help_works_on_the_shipped_conventions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An officer copies the example from `pncaf record --help`: it must name a finding
    # that `check` really makes in the shipped conventions.
    import shlex

    from pncaf.cli.commands.record import EPILOG
    [example] = [line.strip() for line in EPILOG.splitlines() if "acknowledgment --date" in line]
    shutil.copytree(CONVENTIONS, tmp_path / "conventions")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(*shlex.split(example)[1:])
    assert code == 0, err


@pytest.mark.parametrize("command", ["check", "dates", "agenda"])
def test_as_of_takes_the_french_date_like_record_date(command: str) -> None:
    # `record --date 31/01/2027` is accepted; an officer writes --as-of the same way.
    french = subprocess.run([str(Path(sys.executable).with_name("pncaf")), command,
                             str(CONVENTIONS), "--as-of", "31/12/2026"],
                            capture_output=True, text=True)
    iso = subprocess.run([str(Path(sys.executable).with_name("pncaf")), command,
                          str(CONVENTIONS), "--as-of", "2026-12-31"],
                         capture_output=True, text=True)
    assert french.returncode == iso.returncode != 2, french.stderr
    assert french.stdout == iso.stdout
