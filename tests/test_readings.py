"""Readings a partner relies on (issue 13): the first training, semesters partly in force,
the equipment of the point as a whole, a `#` glued to a word, and findings acknowledged."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers import CONVENTIONS, VALID, diagnostics, line_of, load, replace
from pncaf.checks.runner import check_loaded
from pncaf.cli.app import app
from pncaf.dates.agenda import agenda
from pncaf.dates.duties import Semester, days_in_force, reports
from pncaf.dates.term import Term
from pncaf.french import de, semester_name

D = date.fromisoformat


def found(text: str, rule: str, as_of: str) -> list[str]:
    return [d.message for d in diagnostics(text, D(as_of)) if d.rule == rule]


# --- training: the first one is due 3 months after E --------------------------------------

def test_no_training_finding_five_days_after_signature() -> None:
    # E = 2024-01-15; the first training is due by 2024-04-15
    assert found(VALID, "training-missing", "2024-01-20") == []
    assert found(VALID, "training-missing", "2024-04-15") == []
    [message] = found(VALID, "training-missing", "2024-04-16")
    assert "first training was due by 2024-04-15, 3 months after the effective date" in message


def test_first_training_months_is_read_from_the_engagements() -> None:
    text = replace(VALID, "signed:", "engagements: {first_training_months: 6}\nsigned:")
    assert found(text, "training-missing", "2024-07-15") == []
    assert found(text, "training-missing", "2024-07-16")


def test_after_the_first_training_one_in_every_12_months() -> None:
    text = replace(VALID, "history: []",
                   "history:\n  - {date: 2024-03-01, event: training, attendees: [Anne]}")
    assert found(text, "training-missing", "2025-03-01") == []
    [message] = found(text, "training-missing", "2025-03-02")
    assert "no training since 2024-03-01" in message


def test_the_shipped_new_partner_is_not_reminded_of_training_it_cannot_owe_yet() -> None:
    loaded = load((CONVENTIONS / "77-champs-fleuris.yaml").read_text(encoding="utf-8"))
    assert loaded.convention is not None
    effective = loaded.convention.effective_date
    assert effective is not None
    soon = date.fromordinal(effective.toordinal() + 5)
    rules = [d.rule for d in check_loaded(loaded, soon).diagnostics]
    assert "training-missing" not in rules
    items = agenda(loaded.convention, "x", "x.yaml", soon, 90)
    assert not [i for i in items if i.kind == "training_due" and i.overdue]


# --- semesters named for people, with the days in force -----------------------------------

DECEMBER = replace(VALID, "signed: {caf: 2024-01-10, partner: 2024-01-15}",
                   "signed: {caf: 2026-12-15, partner: 2026-12-10}")


def test_semester_names() -> None:
    assert semester_name(2027, 1) == "1er semestre 2027"
    assert semester_name(2026, 2) == "2d semestre 2026"
    assert Semester(2026, 2).name_fr == "2d semestre 2026"


def test_a_semester_partly_in_force_names_the_days_in_force() -> None:
    conv = load(DECEMBER).convention
    assert conv is not None
    term = Term.of(conv)
    assert days_in_force(Semester(2026, 2), term) == (D("2026-12-15"), D("2026-12-31"))
    [status] = reports(conv, term, D("2026-12-20"))
    assert status.partial
    assert status.name_fr == "2d semestre 2026 (du 15 décembre 2026 au 31 décembre 2026)"
    [message] = found(DECEMBER, "report-overdue", "2027-01-11")
    assert "the days in force, 2026-12-15 to 2026-12-31" in message
    assert "« 2d semestre 2026 »" in message
    [item] = [i for i in agenda(conv, "x", "x.yaml", D("2026-12-20"), 30)
              if i.kind == "report_due"]
    assert "2d semestre 2026 (du 15 décembre 2026 au 31 décembre 2026)" in item.title
    assert "1er août" not in item.title


def test_a_semester_cut_by_the_end_names_its_last_day() -> None:
    text = replace(VALID, "history: []",
                   "history:\n  - {date: 2024-02-01, event: notice, by: partner}")
    conv = load(text).convention
    assert conv is not None
    statuses = reports(conv, Term.of(conv), D("2025-06-01"))
    assert [s.name_fr for s in statuses] == [
        "1er semestre 2024 (du 15 janvier 2024 au 31 juillet 2024)",
        "2d semestre 2024 (du 1er août 2024 au 31 décembre 2024)",
        "1er semestre 2025 (du 1er janvier 2025 au 14 janvier 2025)",
    ]


def test_reminder_names_the_days_in_force(tmp_path: Path) -> None:
    from pncaf.outputs.reminders import compose
    from pncaf.settings import Settings

    conv = load(DECEMBER).convention
    assert conv is not None
    [item] = [i for i in agenda(conv, "x", "x.yaml", D("2026-12-20"), 30)
              if i.kind == "report_due"]
    body = compose(item, conv, Settings(), D("2026-12-20")).message.get_content()
    assert "2d semestre 2026 (du 15 décembre 2026 au 31 décembre 2026)" in body


# --- equipment: the point as a whole ------------------------------------------------------

SECOND_SITE = """  - name: Médiathèque des Saules
    address: {street: 3 rue du Point, postcode: "77270", city: Villeparisis}
    hours:
      wednesday: ["09:00-12:00"]
"""


def test_equipment_is_counted_over_all_sites() -> None:
    two = replace(VALID, "signed:", SECOND_SITE + "signed:")
    assert found(two, "equipment", "2024-01-15") == []          # second site has none: fine
    no_scanner = replace(two, "scanners: 1", "scanners: 0")
    [message] = found(no_scanner, "equipment", "2024-01-15")
    assert "the sites together offer no scanner" in message
    scanner_elsewhere = replace(no_scanner, '      wednesday: ["09:00-12:00"]\n',
                                '      wednesday: ["09:00-12:00"]\n'
                                "    equipment: {scanners: 1}\n")
    assert found(scanner_elsewhere, "equipment", "2024-01-15") == []


def test_no_equipment_listed_anywhere_is_one_finding() -> None:
    text = replace(VALID, "    equipment: {computers: 1, printers: 1, scanners: 1}\n", "")
    text = replace(text, "signed:", SECOND_SITE + "signed:")
    [message] = found(text, "equipment", "2024-01-15")
    assert "no site lists its equipment" in message


# --- comment-in-text ------------------------------------------------------------------------

def test_a_hash_glued_to_a_word_is_a_warning_with_the_quoted_fix() -> None:
    text = replace(VALID, "  - name: Point d'accueil", "  - name: Antenne #2 de la Grange")
    [d] = [d for d in diagnostics(text) if d.rule == "comment-in-text"]
    assert d.severity.value == "warning"
    assert (d.line, d.column) == (line_of(text, "Antenne"), 11)
    assert "« Antenne »" in d.message and '"Antenne #2 de la Grange"' in d.message
    fixed = replace(text, "Antenne #2 de la Grange", '"Antenne #2 de la Grange"')
    assert [d for d in diagnostics(fixed) if d.rule == "comment-in-text"] == []


@pytest.mark.parametrize("line", [
    "  name: Mairie de Test # an ordinary comment",
    "  name: Mairie de Test   #",
    "  name: 'Mairie #2'",
    "  name: Mairie de Test#2",                  # no space before: part of the text
])
def test_ordinary_comments_and_quoted_hashes_stay_quiet(line: str) -> None:
    text = replace(VALID, "  name: Mairie de Test", line)
    assert [d for d in diagnostics(text) if d.rule == "comment-in-text"] == []


def test_numbers_followed_by_a_glued_comment_are_not_text() -> None:
    text = replace(VALID, "equipment: {computers: 1, printers: 1, scanners: 1}",
                   "equipment: {computers: 1, printers: 1, scanners: 1}  #salle B")
    assert [d for d in diagnostics(text) if d.rule == "comment-in-text"] == []


# --- acknowledgments --------------------------------------------------------------------------

LATE = replace(VALID, "history: []", "history:\n"
               "  - {date: 2024-03-01, event: training, attendees: [Anne]}\n"
               "  - {date: 2024-09-01, event: report, period: 2024-S1}\n")


def test_time_based_findings_carry_a_subject() -> None:
    by_rule: dict[str, list[str | None]] = {}
    for d in diagnostics(LATE, D("2026-02-01")):
        by_rule.setdefault(d.rule, []).append(d.subject)
    assert by_rule["report-late"] == ["2024-S1"]
    assert by_rule["report-overdue"] == ["2024-S2", "2025-S1", "2025-S2"]
    assert by_rule["committee-missing"] == ["period 1", "period 2"]
    assert by_rule["visit-missing"] == ["period 1", "period 2"]
    assert by_rule["training-missing"] == ["2025-03-01"]


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout


def test_an_acknowledged_finding_is_info_and_never_fails_strict(tmp_path: Path) -> None:
    base = replace(VALID, "history: []", "history:\n"
                   "  - {date: 2024-03-01, event: training, attendees: [Anne]}\n"
                   "  - {date: 2024-06-01, event: committee}\n"
                   "  - {date: 2024-06-01, event: visit, outcome: compliant}\n"
                   "  - {date: 2024-09-01, event: report, period: 2024-S1}\n"
                   "  - {date: 2024-12-20, event: training, attendees: [Anne]}\n"
                   "  - {date: 2025-01-05, event: report, period: 2024-S2}\n")
    path = tmp_path / "c.yaml"
    path.write_text(base, encoding="utf-8")
    code, out = _cli("check", str(path), "--as-of", "2025-01-06", "--strict",
                     "--format", "json")
    report = json.loads(out)
    assert code == 1 and [d["rule"] for d in report["diagnostics"]] == ["report-late"]
    assert report["diagnostics"][0]["subject"] == "2024-S1"
    path.write_text(base + "  - {date: 2025-01-06, event: acknowledgment, rule: report-late, "
                    "subject: 2024-S1, note: relancé par téléphone}\n", encoding="utf-8")
    code, out = _cli("check", str(path), "--as-of", "2025-01-06", "--strict",
                     "--format", "json")
    report = json.loads(out)
    assert code == 0, out
    [d] = report["diagnostics"]
    assert (d["severity"], report["warnings"], report["infos"]) == ("info", 0, 1)
    assert "acknowledged on 2025-01-06: relancé par téléphone" in d["message"]
    code, out = _cli("check", str(path), "--as-of", "2025-01-06", "--strict")
    assert code == 0 and "info[report-late]" in out
    assert "0 errors, 0 warnings" not in out and "no problem found (1 acknowledged" in out
    code, out = _cli("check", str(path), "--as-of", "2025-01-06", "--format", "github")
    assert code == 0 and out.startswith("::notice file=")


def test_french_elision() -> None:
    assert de("Espace Lumière") == "d'Espace Lumière"
    assert de("Maison des Droits") == "de Maison des Droits"
    assert de("Île-de-France") == "d'Île-de-France"


def test_first_training_reminders_never_say_more_than_a_year() -> None:
    from pncaf.outputs.reminders import compose
    from pncaf.settings import Settings

    conv = load(VALID).convention
    assert conv is not None
    for day, overdue in (("2024-01-20", False), ("2024-05-01", True)):
        [item] = [i for i in agenda(conv, "x", "x.yaml", D(day), 120)
                  if i.kind == "training_due"]
        assert item.overdue is overdue and item.date == D("2024-04-15")
        body = compose(item, conv, Settings(), D(day)).message.get_content()
        assert "première formation" in body and "plus d'un an" not in body


@given(st.text(st.sampled_from(["#", " ", "\t", "\n", "a", "é", "\u00a0", "\x1c", "\r"]),
               max_size=12))
def test_the_quick_look_for_a_glued_hash_is_the_pattern(text: str) -> None:
    """`comment-in-text` looks at each `#` instead of running its pattern over the file
    (most files have none glued to a word): both agree on every text, whitespace of any
    kind after the `#` included."""
    from pncaf.checks.rules.comment_in_text import _GLUED_HASH, glued_hash

    assert glued_hash(text) == (_GLUED_HASH.search(text) is not None)
