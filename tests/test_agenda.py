"""`pncaf dates` and `pncaf agenda`: JSON outputs, windows, overdue items, the .ics file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from helpers import CONVENTIONS, VALID, load, replace
from pncaf.cli.app import app
from pncaf.dates.agenda import KINDS, agenda
from pncaf.french import KIND_FR

D = date.fromisoformat
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def items(text: str, day: str, days: int = 90) -> list[tuple[str, str, bool]]:
    loaded = load(text)
    assert loaded.convention is not None
    return [(i.date.isoformat(), i.kind, i.overdue)
            for i in agenda(loaded.convention, "t", "t.yaml", D(day), days)]


TRAINED = replace(VALID, "history: []", "history:\n  - {date: 2024-01-15, event: training, "
                  "attendees: [Anne Agent]}")


def test_agenda_window_and_kinds() -> None:
    # E = 2024-01-15: period 1 ends 2025-01-14, notice deadline 2024-10-14, renewal on the
    # anniversary 2025-01-15; the 2024-S1 report (due 2024-08-10) is overdue.
    assert items(TRAINED, "2024-10-01", 120) == [
        ("2024-08-10", "report_due", True),
        ("2024-10-14", "notice_deadline", False),
        ("2025-01-10", "report_due", False),
        ("2025-01-14", "committee_due", False),
        ("2025-01-14", "visit_due", False),
        ("2025-01-15", "renewal", False),
        ("2025-01-15", "training_due", False),
    ]


def test_end_replaces_notice_and_renewal() -> None:
    text = replace(TRAINED, "attendees: [Anne Agent]}",
                   "attendees: [Anne Agent]}\n  - {date: 2024-03-01, event: notice, by: caf}")
    got = items(text, "2024-12-01", 60)
    kinds = {k for _, k, _ in got}
    assert ("2025-01-14", "end", False) in got
    assert "notice_deadline" not in kinds and "renewal" not in kinds


def test_items_outside_the_window_are_left_out() -> None:
    got = items(TRAINED, "2024-02-01", 30)
    assert got == []


def test_dates_json(tmp_path: Path) -> None:
    text = replace(VALID, "signed: {caf: 2024-01-10, partner: 2024-01-15}",
                   "signed: {caf: 2022-10-05, partner: 2022-10-05}")
    (tmp_path / "a.yaml").write_text(text)
    code, out, _ = run("dates", str(tmp_path), "--format", "json", "--as-of", "2026-11-27")
    assert code == 0
    assert json.loads(out) == [{
        "id": "test-convention", "file": str(tmp_path / "a.yaml"), "status": "active",
        "effective": "2022-10-05",
        "period": {"number": 5, "start": "2026-10-05", "end": "2027-10-04"},
        "notice_deadline": "2027-07-04", "ends_on": None}]


def test_dates_json_draft(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(replace(VALID, "partner: 2024-01-15", "partner: null"))
    [row] = json.loads(run("dates", str(tmp_path), "--format", "json")[1])
    assert row["status"] == "draft" and row["period"] is None and row["notice_deadline"] is None


def test_dates_skips_invalid_files_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(VALID)
    (tmp_path / "b.yaml").write_text(replace(VALID, "monday:", "lundi:"))
    code, out, err = run("dates", str(tmp_path), "--format", "json")
    assert code == 1 and len(json.loads(out)) == 1
    assert "skipped" in err and "b.yaml" in err and "pncaf check" in err


def test_dates_table_is_french() -> None:
    code, out, _ = run("dates", str(CONVENTIONS), "--as-of", "2026-11-27")
    assert code == 0 and "brouillon" in out and "1er janv. 2027" in out


def test_agenda_json_shape(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(TRAINED)
    code, out, _ = run("agenda", str(tmp_path), "--format", "json", "--as-of", "2024-10-01",
                       "--days", "30")
    assert code == 0
    data = json.loads(out)
    assert data and set(data[0]) == {"date", "kind", "convention", "file", "title", "overdue"}
    assert [d["date"] for d in data] == sorted(d["date"] for d in data)
    assert all("Mairie de Test" in d["title"] for d in data)


def test_agenda_ics_parses_back_with_stable_uids(tmp_path: Path) -> None:
    out1, out2 = tmp_path / "1.ics", tmp_path / "2.ics"
    for target, day in ((out1, "2026-11-27"), (out2, "2026-11-28")):
        code, _, _ = run("agenda", str(CONVENTIONS), "--format", "ics", "-o", str(target),
                         "--as-of", day, "--alarm", "7")
        assert code == 0
    cal1 = Calendar.from_ical(out1.read_bytes())
    cal2 = Calendar.from_ical(out2.read_bytes())
    events1 = {str(e["uid"]): e for e in cal1.walk("VEVENT")}
    events2 = {str(e["uid"]): e for e in cal2.walk("VEVENT")}
    assert events1 and set(events1) == set(events2)       # same items, same UIDs
    event = next(e for e in events1.values() if "Préavis" in str(e["summary"]))
    assert event.decoded("dtstart") == D("2026-12-13")   # an all-day event
    assert "Valbrune" in str(event["summary"])
    assert [str(a["trigger"].dt) for a in event.walk("VALARM")] == ["-7 days, 0:00:00"]


def test_agenda_ics_same_day_same_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.ics", tmp_path / "b.ics"
    for target in (a, b):
        run("agenda", str(CONVENTIONS), "--format", "ics", "-o", str(target), "--as-of",
            "2026-11-27")
    assert a.read_bytes() == b.read_bytes()


def test_agenda_table_marks_overdue() -> None:
    code, out, _ = run("agenda", str(CONVENTIONS), "--as-of", "2026-11-27")
    assert code == 0 and "en retard" in out and "Indicateurs" in out


@pytest.mark.parametrize("args", [["--days", "-1"], ["--format", "pdf"]])
def test_agenda_usage_errors(args: list[str]) -> None:
    assert run("agenda", str(CONVENTIONS), *args)[0] == 2


def test_agenda_table_refuses_output_file(tmp_path: Path) -> None:
    code, _, err = run("agenda", str(CONVENTIONS), "-o", str(tmp_path / "x.txt"))
    assert code == 2 and "--format json" in err


def test_nothing_valid_is_an_error_not_an_empty_table(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text(replace(VALID, "monday:", "lundi:"))
    for command in ("dates", "agenda", "export"):
        code, out, err = run(command, str(tmp_path))
        assert code == 1 and out == "" and "no valid convention" in err, command


def test_every_agenda_kind_has_its_french_name() -> None:
    """Tables, calendar and report look items up in KIND_FR: a kind without a name there
    would stop them with a KeyError."""
    assert tuple(KIND_FR) == KINDS


# --- only what can still be done (workflow spec §3) ---------------------------------------------

def test_committee_and_visit_of_an_ended_period_are_not_items() -> None:
    """Period 1 ended on 2025-01-14 without committee or visit: a finding of `check`."""
    got = items(TRAINED, "2025-02-01", 30)
    assert not [i for i in got if i[1] in ("committee_due", "visit_due")]
    assert ("2024-08-10", "report_due", True) in got        # a report can still be sent


def test_a_withdrawn_label_owes_no_committee_visit_or_training() -> None:
    text = replace(TRAINED, "attendees: [Anne Agent]}", "attendees: [Anne Agent]}\n"
                   "  - {date: 2024-06-01, event: label_withdrawn, reason: point fermé}")
    kinds = {k for _, k, _ in items(text, "2024-10-01", 120)}
    assert kinds == {"report_due", "notice_deadline", "renewal"}


def test_an_ended_convention_owes_only_its_last_reports() -> None:
    text = replace(TRAINED, "attendees: [Anne Agent]}", "attendees: [Anne Agent]}\n"
                   "  - {date: 2024-03-01, event: notice, by: caf}")
    got = items(text, "2025-06-01", 365)
    assert got == [("2024-08-10", "report_due", True), ("2025-01-10", "report_due", True),
                   ("2025-08-10", "report_due", False)]
    loaded = load(text)
    assert loaded.convention is not None
    [last] = [i for i in agenda(loaded.convention, "t", "t.yaml", D("2025-06-01"), 365)
              if i.date == D("2025-08-10")]
    # ended on 14 January 2025: the 1er semestre 2025 is owed for its days in force only
    assert "1er semestre 2025 (du 1er janvier 2025 au 14 janvier 2025)" in last.title


def test_semesters_are_named_for_people_with_the_days_in_force() -> None:
    text = replace(VALID, "signed: {caf: 2024-01-10, partner: 2024-01-15}",
                   "signed: {caf: 2026-12-10, partner: 2026-12-15}")
    loaded = load(text)
    assert loaded.convention is not None
    [report] = [i for i in agenda(loaded.convention, "t", "t.yaml", D("2026-12-20"), 30)
                if i.kind == "report_due"]
    assert "2d semestre 2026 (du 15 décembre 2026 au 31 décembre 2026)" in report.title
    assert "2026-S2" not in report.title and report.span == (D("2026-12-15"), D("2026-12-31"))


# --- the calendar drops what is done (STATUS:CANCELLED, same UID) --------------------------------

def ics_events(path: Path) -> dict[str, dict[str, str]]:
    """The events as a second reader (vobject) sees them: UID → status, sequence, summary."""
    import vobject

    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    out = {}
    for event in getattr(calendar, "vevent_list", []):     # none: an empty calendar
        contents = event.contents
        out[event.uid.value] = {
            "status": contents["status"][0].value if "status" in contents else "",
            "sequence": contents["sequence"][0].value if "sequence" in contents else "0",
            "summary": event.summary.value,
        }
    return out


def test_a_report_received_cancels_its_calendar_event(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    source = (CONVENTIONS / "77-valbrune.yaml").read_text(encoding="utf-8")
    (folder / "v.yaml").write_text(source, encoding="utf-8")
    before, after = tmp_path / "before.ics", tmp_path / "after.ics"
    assert run("agenda", str(folder), "--format", "ics", "-o", str(before),
               "--as-of", "2027-01-12")[0] == 0
    uid = "77-valbrune/report/2026-S2@pncaf"
    old = ics_events(before)[uid]
    assert old["status"] == "" and "EN RETARD" in old["summary"]
    (folder / "v.yaml").write_text(source.rstrip("\n") + "\n  - {date: 2027-01-14, event: "
                                   "report, period: 2026-S2, indicators: {accueils: 250}}\n",
                                   encoding="utf-8")
    assert run("agenda", str(folder), "--format", "ics", "-o", str(after),
               "--as-of", "2027-01-15")[0] == 0
    new = ics_events(after)
    assert new[uid]["status"] == "CANCELLED"
    assert int(new[uid]["sequence"]) > int(old["sequence"])
    # icalendar reads the same
    cal = Calendar.from_ical(after.read_bytes())
    [event] = [e for e in cal.walk("VEVENT") if str(e["uid"]) == uid]
    assert str(event["status"]) == "CANCELLED"
    # items that simply went by are not cancelled, and live items stay confirmed
    assert all(e["status"] == "" for u, e in new.items() if u != uid)


def test_a_notice_cancels_the_renewal_in_the_calendar(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(TRAINED)
    before, after = tmp_path / "before.ics", tmp_path / "after.ics"
    assert run("agenda", str(tmp_path / "t.yaml"), "--format", "ics", "-o", str(before),
               "--as-of", "2024-10-01", "--days", "120")[0] == 0
    assert "test-convention/renewal/2@pncaf" in ics_events(before)
    noticed = replace(TRAINED, "attendees: [Anne Agent]}",
                      "attendees: [Anne Agent]}\n  - {date: 2024-10-05, event: notice, by: caf}")
    (tmp_path / "t.yaml").write_text(noticed)
    assert run("agenda", str(tmp_path / "t.yaml"), "--format", "ics", "-o", str(after),
               "--as-of", "2024-10-06", "--days", "120")[0] == 0
    events = ics_events(after)
    assert events["test-convention/renewal/2@pncaf"]["status"] == "CANCELLED"
    assert events["test-convention/end@pncaf"]["status"] == ""


def test_an_old_overdue_report_received_now_leaves_the_calendar(tmp_path: Path) -> None:
    """La Passerelle's 2d semestre 2024 was due on 10 January 2025 and shows « EN RETARD »;
    once it is received, the next export cancels it although its date is long past."""
    source = (CONVENTIONS / "45-la-passerelle.yaml").read_text(encoding="utf-8")
    (tmp_path / "p.yaml").write_text(source, encoding="utf-8")
    before, after = tmp_path / "before.ics", tmp_path / "after.ics"
    assert run("agenda", str(tmp_path / "p.yaml"), "--format", "ics", "-o", str(before),
               "--as-of", "2026-11-27")[0] == 0
    uid = "45-la-passerelle/report/2024-S2@pncaf"
    assert "EN RETARD" in ics_events(before)[uid]["summary"]
    (tmp_path / "p.yaml").write_text(source.rstrip("\n") + "\n  - {date: 2026-11-30, event: "
                                     "report, period: 2024-S2, indicators: {accueils: 12}}\n",
                                     encoding="utf-8")
    assert run("agenda", str(tmp_path / "p.yaml"), "--format", "ics", "-o", str(after),
               "--as-of", "2026-12-01")[0] == 0
    events = ics_events(after)
    assert events[uid]["status"] == "CANCELLED"
    assert events["45-la-passerelle/report/2025-S1@pncaf"]["status"] == ""   # still awaited


def test_reports_no_longer_asked_for_leave_the_calendar(tmp_path: Path) -> None:
    """Ended on 14 January 2025 with its reports missing: they show « EN RETARD » until six
    months after the last one fell due (10 February 2026). The exports of the following
    `--days` cancel them, so that a calendar that imported them drops them; later exports
    no longer mention them at all."""
    (tmp_path / "c.yaml").write_text(replace(
        VALID, "history: []", "history:\n  - {date: 2024-01-15, event: training, attendees: "
        "[Anne Agent]}\n  - {date: 2024-03-01, event: notice, by: caf}"))
    uid = "test-convention/report/2024-S2@pncaf"

    def export(day: str) -> dict[str, dict[str, str]]:
        out = tmp_path / f"{day}.ics"
        assert run("agenda", str(tmp_path / "c.yaml"), "--format", "ics", "-o", str(out),
                   "--as-of", day, "--days", "30")[0] == 0
        return ics_events(out)

    assert "EN RETARD" in export("2026-02-10")[uid]["summary"]
    stopped = export("2026-02-20")
    assert stopped[uid]["status"] == "CANCELLED"
    assert stopped["test-convention/report/2025-S1@pncaf"]["status"] == "CANCELLED"
    assert uid not in export("2026-06-01")


def test_the_calendar_written_in_pieces_is_the_whole_calendar(tmp_path: Path) -> None:
    """The .ics is written one event at a time (a network's fifty thousand events, held as
    one calendar, took 650 MB): the bytes are those of the calendar built whole, alarms
    and cancelled events included."""
    from datetime import UTC, datetime

    from pncaf.dates.agenda import agenda_of_files
    from pncaf.outputs.ics import SEQUENCE_EPOCH, _cancelled, _event, agenda_ics

    day = date(2026, 11, 27)
    files = sorted(CONVENTIONS.glob("*.yaml"))
    items, done = agenda_of_files(files, day, 400, lambda _: None, with_settled=True)
    done = done or items[:2]            # a cancelled event or two, whatever the corpus says
    assert len(items) > 10
    whole = Calendar()
    for name, value in (("prodid", "-//pncaf//Agenda Point numérique Caf//FR"),
                        ("version", "2.0"), ("calscale", "GREGORIAN"),
                        ("x-wr-calname", "Points numériques Caf — échéances")):
        whole.add(name, value)
    stamp = datetime(2026, 11, 27, tzinfo=UTC)
    sequence = (day - SEQUENCE_EPOCH).days
    for item in items:
        whole.add_component(_event(item, stamp, sequence, 7))
    for item in done:
        whole.add_component(_cancelled(item, stamp, sequence))
    assert b"".join(agenda_ics(iter(items), day, 7, iter(done))) == whole.to_ical()
