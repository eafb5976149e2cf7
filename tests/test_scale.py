"""Many files: the process pool gives the same results in the same order, a progress bar
shows on a terminal only, and one invalid file among many is still reported."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from helpers import VALID, other_partner, replace
from pncaf.actions import check as check_action
from pncaf.checks.runner import check_files
from pncaf.cli.check import run_check


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for n in range(320):
        text = other_partner(replace(VALID, "id: test-convention", f"id: c{n:03d}"), n)
        if n == 137:
            text = replace(text, "monday:", "lundi:")
        if n % 50 == 0:
            text = replace(text, "scanners: 1", "scanners: 0")
        (folder / f"c{n:03d}.yaml").write_text(text)
    return folder


def test_pool_gives_the_same_results_in_order(many: Path) -> None:
    files = sorted(many.glob("*.yaml"))
    alone = [(r.file, r.diagnostics) for r in check_files(files, date(2024, 1, 15), workers=1)]
    pooled = [(r.file, r.diagnostics) for r in check_files(files, date(2024, 1, 15), workers=2)]
    assert pooled == alone
    assert sum(1 for _, ds in alone for d in ds if d.is_error) == 1


def test_workers_write_what_the_parent_would_have_written(many: Path, tmp_path: Path) -> None:
    """`check` lets its workers write each diagnostic (the parent of a 10,000-file check
    only copies text out); what is found across files (an id used twice, a partner held
    twice) is merged in at its place. The lines are exactly those written from the
    diagnostics themselves, in the same order, for text, JSON and GitHub alike."""
    import shutil

    from pncaf.checks.diagnostics import sort_key
    from pncaf.cli.check_output import github_line, text_line

    folder = tmp_path / "network"
    shutil.copytree(many, folder)
    twin = (folder / "c050.yaml").read_text()              # a warning, the id again
    (folder / "c050-copy.yaml").write_text(twin)
    files = sorted(folder.glob("*.yaml"))
    day = date(2024, 1, 15)
    found = [d for result in check_files(files, day, workers=1)
             for d in sorted(result.diagnostics, key=sort_key)]
    assert {"partner-duplicate", "schema"} <= {d.rule for d in found}   # across files
    for format, line in (("text", text_line), ("github", github_line)):
        out = io.StringIO()
        run_check([folder], format, False, "2024-01-15", out=out, err=io.StringIO())
        assert out.getvalue().splitlines()[:-1] == [line(d) for d in found]
    out = io.StringIO()
    run_check([folder], "json", False, "2024-01-15", out=out, err=io.StringIO())
    import json
    assert json.loads(out.getvalue())["diagnostics"] == [d.to_json() for d in found]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_only(many: Path) -> None:
    err = Terminal()
    code = run_check([many], "text", False, "2024-01-15", out=io.StringIO(), err=err)
    assert code == 1 and "Checking" in err.getvalue()
    quiet = io.StringIO()
    run_check([many], "text", False, "2024-01-15", out=io.StringIO(), err=quiet)
    assert quiet.getvalue() == ""
    as_json = Terminal()
    run_check([many], "json", False, "2024-01-15", out=io.StringIO(), err=as_json)
    assert as_json.getvalue() == ""


def test_text_output_streams_every_problem(many: Path) -> None:
    out = io.StringIO()
    run_check([many], "text", False, "2024-01-15", out=out, err=io.StringIO())
    lines = out.getvalue().splitlines()
    assert lines[-1] == "320 files checked: 1 error, 7 warnings."
    assert [line.split(":")[0].rsplit("/", 1)[-1] for line in lines[:-1]] == sorted(
        line.split(":")[0].rsplit("/", 1)[-1] for line in lines[:-1])


def test_workers_follow_the_size_of_the_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check_action.os, "cpu_count", lambda: 2)
    assert check_action.workers(check_action.PARALLEL_FROM - 1) == 1
    assert check_action.workers(check_action.PARALLEL_FROM) == 2
    monkeypatch.setattr(check_action.os, "cpu_count", lambda: 64)
    assert check_action.workers(10_000) == 8


def test_ctrl_c_gives_one_line_and_status_130(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from pncaf.cli import entry

    def interrupted(argv: list[str]) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(entry, "run", interrupted)
    with pytest.raises(SystemExit) as exited:
        entry.main()
    assert exited.value.code == 130
    assert capsys.readouterr().err == "pncaf: interrupted\n"


def test_pool_workers_leave_ctrl_c_to_the_parent() -> None:
    import signal

    from pncaf.checks.runner import _ignore_interrupts

    previous = signal.getsignal(signal.SIGINT)
    try:
        _ignore_interrupts()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


HEAVY = ("pydantic", "typer", "click", "rich", "jinja2", "weasyprint", "babel", "icalendar",
         "ruamel")


@pytest.mark.parametrize("args", [["--version"], ["check", "CONVENTIONS"],
                                  ["check", "CONVENTIONS", "--format", "json", "--strict"],
                                  ["check", "CONVENTIONS", "--base", "HEAD"],
                                  # one file against itself: a change of hours is worded
                                  # by outputs.templating, which loads Jinja
                                  ["diff", "--format", "json", "CONVENTIONS/77-valbrune.yaml",
                                   "CONVENTIONS/77-valbrune.yaml"]],
                         ids=" ".join)
def test_quick_commands_load_no_heavy_library(args: list[str]) -> None:
    """`pncaf check` runs on every commit through pre-commit, `pncaf diff --driver` once for
    each file git shows: they must not pay for the libraries that only documents, the
    schema or the full command line need."""
    import subprocess

    from helpers import CONVENTIONS

    argv = [a.replace("CONVENTIONS", str(CONVENTIONS)) for a in args]
    probe = ("import sys\nsys.argv = ['pncaf', *sys.argv[1:]]\nfrom pncaf.cli.entry import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print('LOADED', sorted({m.split('.')[0] for m in sys.modules}))")
    done = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True,
                          timeout=60)
    loaded = done.stdout.rsplit("LOADED", 1)[1]
    assert [name for name in HEAVY if f"'{name}'" in loaded] == []


@pytest.mark.parametrize("order", ["as found", "reversed", "subprocess", "ascii terminal"])
def test_json_output_is_json_dump_of_the_sorted_diagnostics(tmp_path: Path,
                                                            order: str) -> None:
    """`check --format json` keeps each diagnostic as rendered text in a temporary file
    (memory flat at 10,000 files): the output is still exactly what `json.dump(…,
    indent=2)` writes, diagnostics sorted by file, line, column and rule, whatever order
    the files were given in."""
    import json

    from typer.testing import CliRunner

    from pncaf.cli.app import app

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from generate import generate

    files = generate(tmp_path / "conventions", 12, off_list=0.5)
    # files in order: the spool is copied whole (to the real standard output's buffer in
    # a subprocess); reversed: item by item, sorted
    args = ["check", *map(str, reversed(files) if order == "reversed" else files),
            "--format", "json", "--as-of", "2026-11-27"]
    if order in ("subprocess", "ascii terminal"):
        # JSON is UTF-8 even where the terminal's encoding (a Windows code page) cannot
        # write « » or é: never an internal error
        env = {**os.environ, "PYTHONIOENCODING": "ascii"} if order == "ascii terminal" \
            else None
        done = subprocess.run([str(Path(sys.executable).parent / "pncaf"), *args],
                              capture_output=True, timeout=120, env=env)
        assert b"internal error" not in done.stderr, done.stderr
        stdout = done.stdout.decode("utf-8")
    else:
        stdout = CliRunner().invoke(app, args).stdout
    data = json.loads(stdout)
    assert data["warnings"] > 12 and len(data["diagnostics"]) == data["warnings"] + \
        data["errors"] + data["infos"]
    assert stdout == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    keys = [(d["file"], d["line"] or 0, d["column"] or 0, d["rule"])
            for d in data["diagnostics"]]
    assert keys == sorted(keys)
