"""Open-data export in the « lieux de médiation numérique » schema v1.0.2."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import opening_hours
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers import CONVENTIONS
from pncaf.cli.app import app
from pncaf.format.hours import WEEKDAYS, TimeRange, union
from pncaf.format.loader import load_file
from pncaf.format.models import MonthlyOpening
from pncaf.outputs.opendata import FIELDS, osm_opening_hours

runner = CliRunner()
MONDAY = datetime(2026, 11, 23)      # a sample week: Monday 23 – Sunday 29 November 2026


def open_intervals(oh: str, start: datetime = MONDAY, days: int = 7,
                   ) -> dict[str, list[TimeRange]]:
    """What opening-hours-py says is open each weekday of the sample week."""
    out: dict[str, list[TimeRange]] = {d: [] for d in WEEKDAYS}
    parsed = opening_hours.OpeningHours(oh)
    for begin, end, state, _ in parsed.intervals(start, start + timedelta(days=days)):
        while str(state) == "open" and begin < end:      # split at midnight, day by day
            midnight = datetime.combine(begin.date() + timedelta(days=1), datetime.min.time())
            stop = min(end, midnight)
            minutes = 1440 if stop == midnight else stop.hour * 60 + stop.minute
            out[WEEKDAYS[begin.weekday()]].append(
                TimeRange(begin.hour * 60 + begin.minute, minutes))
            begin = stop
    return {d: union(r) for d, r in out.items()}


def test_export_csv_rows(tmp_path: Path) -> None:
    out = tmp_path / "lieux.csv"
    result = runner.invoke(app, ["export", str(CONVENTIONS), "--format", "mediation-num",
                                 "-o", str(out), "--as-of", "2026-11-27"])
    assert result.exit_code == 0, result.stderr
    raw = out.read_bytes()
    raw.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(raw.decode())))
    assert list(rows[0]) == list(FIELDS)
    # only labels in force: not the draft, the upcoming one, nor the withdrawn label
    assert {r["structure_parente"] for r in rows} == {"Mairie de Valbrune-sur-Loing",
                                                     "Association Les Clés du Numérique"}
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert re.fullmatch(r"[a-zA-Z0-9]{9,14}", row["pivot"])
        assert re.fullmatch(r"\d{5}", row["code_postal"])
        assert row["dispositif_programmes_nationaux"] == "Point d'accès numérique CAF"
        assert row["date_maj"] == "2026-11-27" and row["source"].startswith("Caisse")
        assert set(row["services"].split("|")) <= {"Aide aux démarches administratives",
                                                   "Accès internet et matériel informatique"}
        assert len(row["presentation_resume"]) <= 280
        assert opening_hours.validate(row["horaires"])


def test_export_ids_are_stable(tmp_path: Path) -> None:
    args = ["export", str(CONVENTIONS), "--format", "json", "--as-of", "2026-11-27"]
    first = json.loads(runner.invoke(app, args).stdout)
    second = json.loads(runner.invoke(app, args).stdout)
    assert [r["id"] for r in first] == [r["id"] for r in second]
    assert first[0]["id"] == "77-valbrune--espace-france-services-de-valbrune"


@pytest.mark.parametrize("name", ["77-valbrune.yaml", "93-cles-du-numerique.yaml",
                                  "77-villeparisis.yaml", "77-champs-fleuris.yaml"])
def test_horaires_open_exactly_when_the_convention_says(name: str) -> None:
    convention = load_file(CONVENTIONS / name).convention
    assert convention is not None
    for site in convention.sites:
        week = site.hours.as_dict()
        oh = osm_opening_hours(week, site.monthly)
        assert opening_hours.validate(oh), oh
        got = open_intervals(oh)
        for day in WEEKDAYS:
            monthly_days = {m.weekday for m in site.monthly}
            if day in monthly_days:
                continue            # that day of the sample week may be a monthly opening
            assert got[day] == union(week[day]), (day, oh)


def test_monthly_opening_rules() -> None:
    oh = osm_opening_hours({"monday": [TimeRange(540, 720)]},
                           [MonthlyOpening(nth=4, weekday="saturday",
                                           note="un samedi matin par mois")])
    assert oh == 'Mo 09:00-12:00, Sa[4] unknown "un samedi matin par mois"'
    # 28 November 2026 is the 4th Saturday: unknown, with the note as comment
    states = [(b.date(), str(s), c) for b, _, s, c in
              opening_hours.OpeningHours(oh).intervals(MONDAY, MONDAY + timedelta(days=7))]
    assert (date(2026, 11, 28), "unknown", "un samedi matin par mois") in states
    with_hours = osm_opening_hours({}, [MonthlyOpening(nth=-1, weekday="saturday",
                                                       hours=[TimeRange(570, 750)])])
    assert with_hours == "Sa[-1] 09:30-12:30"
    got = open_intervals(with_hours, datetime(2026, 11, 23), 7)
    assert got["saturday"] == [TimeRange(570, 750)]     # 28 Nov is also the last Saturday


ranges = st.builds(lambda s, length: TimeRange(s, min(1440, s + length)),
                   st.integers(0, 1380), st.integers(15, 300))


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(WEEKDAYS), st.lists(ranges, min_size=1, max_size=3)))
def test_any_week_round_trips_through_opening_hours(week: dict[str, list[TimeRange]]) -> None:
    week = {day: union(rs) for day, rs in week.items()}
    oh = osm_opening_hours(week)
    if not oh:
        return
    assert opening_hours.validate(oh), oh
    got = open_intervals(oh)
    assert {d: got[d] for d in WEEKDAYS} == {d: week.get(d, []) for d in WEEKDAYS}, oh


# --- the national schema and hostile values (issue 12) --------------------------------------

NATIONAL_SCHEMA = Path(__file__).parent / "data" / "mediation-num-schema-1.0.2.json"


def frictionless_errors(csv_path: Path) -> list[str]:
    """What frictionless, the national schema's own validator, finds in the file."""
    from frictionless import Resource, Schema, validate

    resource = Resource(path=csv_path.name, basepath=str(csv_path.parent),
                        schema=Schema.from_descriptor(json.loads(NATIONAL_SCHEMA.read_text())))
    report = validate(resource)
    return [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors]


def test_export_is_valid_against_the_national_schema_1_0_2(tmp_path: Path) -> None:
    out = tmp_path / "lieux.csv"
    result = runner.invoke(app, ["export", str(CONVENTIONS), "-o", str(out),
                                 "--as-of", "2026-11-27"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(NATIONAL_SCHEMA.read_text())["version"] == "v1.0.2"
    assert frictionless_errors(out) == []
    assert len(out.read_text().splitlines()) > 2


def test_the_national_schema_would_catch_a_bad_row(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(",".join(FIELDS) + "\nx,123,Nom,Ville,7700,,rue,,,,,,,,,,,,Fixe,,2026-13-01"
                   + "," * (len(FIELDS) - 21) + "\n")
    assert len(frictionless_errors(bad)) >= 2              # pivot, code_postal, date_maj


FORMULAS = ['=HYPERLINK("http://x","y")', "+33 1 23", "@SUM(A1:A2)", "-2+3", "\t=1", "\r=1"]


@pytest.mark.parametrize("value", FORMULAS)
@pytest.mark.parametrize("field", ["sites:\n  - name: ", "city: Villeparisis}", "street: 2 rue"])
def test_a_formula_is_a_schema_error_and_never_exported(tmp_path: Path, value: str,
                                                        field: str) -> None:
    from helpers import VALID, replace

    quoted = json.dumps(value)
    if field.startswith("sites"):
        text = replace(VALID, "sites:\n  - name: Point d'accueil", f"{field}{quoted}")
    elif field.startswith("city"):
        text = replace(VALID, "city: Villeparisis}\n    hours", f"city: {quoted}}}\n    hours")
    else:
        text = replace(VALID, "street: 2 rue du Point", f"street: {quoted}")
    text = replace(text, "signed: {caf: 2024-01-10, partner: 2024-01-15}",
                   "signed: {caf: 2024-01-10, partner: 2024-01-15}\neffective: 2024-01-15")
    (tmp_path / "c.yaml").write_text(text)
    (tmp_path / "v.yaml").write_text(replace(replace(text, quoted, "ok"),
                                             "id: test-convention", "id: v"))
    check = runner.invoke(app, ["check", str(tmp_path / "c.yaml")])
    assert check.exit_code == 1 and "error[schema]" in check.stdout, check.stdout
    assert "spreadsheet" in check.stdout
    out = tmp_path / "lieux.csv"
    export = runner.invoke(app, ["export", str(tmp_path), "-o", str(out), "--as-of",
                                 "2024-06-01"])
    assert export.exit_code == 1 and "1 site exported" in export.stderr
    assert value.strip() not in out.read_text() and "ok" in out.read_text()


def test_to_csv_never_writes_a_cell_a_spreadsheet_would_run() -> None:
    from pncaf.outputs.opendata import to_csv

    row = dict.fromkeys(FIELDS, "x")
    row.update(nom="=HYPERLINK(1)", commune="+1", adresse="@A", structure_parente="-2+3",
               source="\tx", presentation_detail="\rx")
    row.update(latitude="16.2", longitude="-61.5")         # a number stays a number
    for record in csv.DictReader(io.StringIO(to_csv([row]))):
        assert record["nom"] == "'=HYPERLINK(1)" and record["longitude"] == "-61.5"
        del record["longitude"]
        assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r")
                       for cell in record.values()), record
