"""`pncaf record`: one event added, everything else byte for byte; atomic, validated."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import VALID, load
from pncaf.cli.app import app
from pncaf.editing.record import EditError, record

runner = CliRunner()
CORPUS = Path(__file__).parent / "corpus" / "roundtrip"
FILES = sorted(CORPUS.iterdir())


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def only_added(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`, asserting that nothing else changed (but for an
    empty `history: []`, which necessarily becomes `history:`, its comment kept)."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    added: list[str] = []
    i = 0
    for line in new:
        same = i < len(old) and line == old[i]
        emptied = (i < len(old) and old[i].startswith("history: []")
                   and line.startswith("history:")
                   and line.replace("history:", "history: []", 1).split("#")[-1]
                   == old[i].split("#")[-1])
        if same or emptied:
            i += 1
        elif (i == len(old) - 1 and not old[i].endswith(("\n", "\r"))
              and line.startswith(old[i])):
            i += 1          # the last line gained the newline it lacked
        else:
            added.append(line)
    assert i == len(old), "some original lines were changed or removed"
    return added


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
@pytest.mark.parametrize("when", ["2024-01-20", "2024-06-01", "2025-03-01"])
def test_round_trip_adds_exactly_one_event(path: Path, when: str) -> None:
    before = path.read_bytes().decode()
    event = {"date": date.fromisoformat(when), "event": "visit", "outcome": "compliant",
             "note": "tout va bien"}
    after = record(before, event, path.name).after
    added = only_added(before, after)
    assert len(added) in (1, 2, 3, 4), added          # one flow line, or a block mapping
    assert "visit" in "".join(added)
    newline = "\r\n" if "\r\n" in before else "\n"
    assert all(line.endswith(newline) for line in added)
    loaded = load(after)
    assert loaded.convention is not None, loaded.diagnostics
    dates = [e.date for e in loaded.convention.history]
    assert dates == sorted(dates) and date.fromisoformat(when) in dates


def test_flow_style_follows_the_neighbours() -> None:
    before = (CORPUS / "flow-items-with-comments.yaml").read_text()
    after = record(before, {"date": date(2024, 9, 1), "event": "committee"}, "x").after
    assert "  - {date: 2024-09-01, event: committee}\n" in after
    # inserted after the August report, before the blank line and the comment that follow
    assert after.index("2024-09-01") < after.index("# fin de 2024")


def test_block_style_follows_the_neighbours() -> None:
    before = (CORPUS / "block-items.yaml").read_text()
    after = record(before, {"date": date(2025, 1, 5), "event": "visit",
                            "outcome": "compliant"}, "x").after
    assert after.endswith("- date: 2025-01-05\n  event: visit\n  outcome: compliant\n")


def test_values_are_quoted_when_needed() -> None:
    after = record(VALID, {"date": date(2024, 2, 1), "event": "committee",
                           "note": "avis: favorable # suite"}, "x").after
    loaded = load(after)
    assert loaded.convention is not None
    assert loaded.convention.history[0].note == "avis: favorable # suite"  # type: ignore[union-attr]


def test_a_file_with_errors_is_refused() -> None:
    with pytest.raises(EditError, match="already has 1 error"):
        record(VALID.replace("monday:", "lundi:"), {"date": date(2024, 2, 1),
                                                    "event": "committee"}, "x")


def test_invalid_event_is_refused_with_option_names() -> None:
    with pytest.raises(EditError, match="--period is required"):
        record(VALID, {"date": date(2024, 2, 1), "event": "report"}, "x")
    with pytest.raises(EditError, match="--outcome does not apply"):
        record(VALID, {"date": date(2024, 2, 1), "event": "committee", "outcome": "compliant"},
               "x")


def test_cli_record_and_dry_run(tmp_path: Path) -> None:
    target = tmp_path / "c.yaml"
    target.write_text(VALID)
    code, out, _ = run("record", str(target), "report", "--date", "2024-08-09", "--period",
                       "2024-S1", "--indicator", "accueils=41", "--dry-run")
    assert code == 0 and out.count("\n+  - {date: 2024-08-09") == 1
    assert target.read_text() == VALID                       # dry run wrote nothing
    code, _, err = run("record", str(target), "report", "--date", "2024-08-09", "--period",
                       "2024-S1", "--indicator", "accueils=41")
    assert code == 0 and "recorded" in err
    assert only_added(VALID, target.read_text()) == [
        "  - {date: 2024-08-09, event: report, period: 2024-S1, indicators: {accueils: 41}}\n"]


def test_cli_record_refusals_leave_the_file(tmp_path: Path) -> None:
    target = tmp_path / "c.yaml"
    target.write_text(VALID)
    for args, fragment in [
        (["visit", "--date", "2024-02-01"], "--outcome is required"),
        (["report", "--date", "2024-02-01", "--period", "2024-S1", "--indicator", "x"],
         "NAME=COUNT"),
        (["training", "--date", "31/02/2024", "--attendee", "A"], "YYYY-MM-DD"),
        (["report", "--date", "2024-08-09", "--period", "2024-S3"],
         "--period: `period` is `2024-S3`: a report period is written YYYY-S1"),
        (["notice", "--date", "2024-03-01", "--by", "caf", "--sent", "2024-03-05"],
         "nothing recorded: the notice was sent (2024-03-05) after it was received"),
    ]:
        code, _, err = run("record", str(target), *args)
        assert code in (1, 2) and fragment in err, err
        assert target.read_text() == VALID


def test_failure_before_the_rename_leaves_the_original(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "c.yaml"
    target.write_text(VALID)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(os, "replace", broken_replace)
    code, _, err = run("record", str(target), "committee", "--date", "2024-02-01")
    assert code == 1 and "No space left on device" in err
    assert target.read_text() == VALID
    left = sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".pncaf-lock"))
    assert left == ["c.yaml"]                                           # no temporary left


def test_read_only_folder_gives_a_clear_error(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    target = tmp_path / "c.yaml"
    target.write_text(VALID)

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(tempfile, "mkstemp", refused)     # what a read-only folder does
    code, _, err = run("record", str(target), "committee", "--date", "2024-02-01")
    assert code == 1 and "Permission denied" in err and str(tmp_path) in err
    assert target.read_text() == VALID
