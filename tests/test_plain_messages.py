"""Messages for people who do not program (issue 13): items named by number and name,
exact fixes for the ways people write dates, times and apostrophes, French values and dates
on the command line, and `record` saying what it did."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import VALID, diagnostics, line_of, replace
from pncaf.cli.app import app

SECOND_SITE = """  - name: Médiathèque des Saules
    address: {street: 3 rue du Point, postcode: "7727", city: Villeparisis}
    hours:
      wednesday: [8h30-12h]
signed:"""


def messages(text: str) -> list[str]:
    return [d.message for d in diagnostics(text)]


def test_the_second_site_is_named_by_number_and_name() -> None:
    text = replace(VALID, "signed:", SECOND_SITE)
    found = messages(text)
    assert any(m.startswith("`address.postcode` of site 2 (Médiathèque des Saules)")
               for m in found), found
    assert not any("sites[" in m for m in found)


def test_events_are_named_by_number_kind_and_date() -> None:
    text = replace(VALID, "history: []",
                   "history:\n  - {date: 2024-02-01, event: visit, outcome: good}")
    [message] = messages(text)
    assert message.startswith("`outcome` of event 1 (visit of 2024-02-01)")


@pytest.mark.parametrize("old,new,fix", [
    ("signed: {caf: 2024-01-10", "signed: {caf: 05/10/2022", "write 2022-10-05"),
    ('monday: ["09:00-12:00", "14:00-17:00"]', 'monday: [8h30-12h, "14:00-17:00"]',
     'write "08:30-12:00" (with the quotes)'),
    ('monday: ["09:00-12:00", "14:00-17:00"]', 'monday: ["9 h - 12 h", "14:00-17:00"]',
     'write "09:00-12:00"'),
])
def test_exact_fixes_for_dates_and_times_written_the_french_way(old: str, new: str,
                                                                 fix: str) -> None:
    [message] = messages(replace(VALID, old, new))
    assert fix in message


def test_an_apostrophe_inside_single_quotes() -> None:
    text = replace(VALID, "  name: Mairie de Test", "  name: 'Antenne de l'Ile'")
    [d] = diagnostics(text)
    assert d.rule == "yaml" and d.line == line_of(text, "Antenne")
    assert "write \"Antenne de l'Ile\" with double quotes" in d.message
    assert "indentation" not in d.message


# --- the command line ------------------------------------------------------------------------

def record(target: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["record", str(target), *args])
    return result.exit_code, result.stderr


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "c.yaml"
    path.write_text(VALID, encoding="utf-8")
    return path


def test_french_values_and_dates_on_the_command_line(target: Path) -> None:
    assert record(target, "training", "--date", "31/01/2024", "--attendee", "Léa Martin",
                  "--kind", "webinaire")[0] == 0
    assert record(target, "visit", "--date", "01/02/2024", "--outcome", "conforme")[0] == 0
    assert record(target, "notice", "--date", "02/02/2024", "--by", "partenaire")[0] == 0
    text = target.read_text(encoding="utf-8")
    assert "{date: 2024-01-31, event: training, attendees: [Léa Martin], kind: webinar}" in text
    assert "{date: 2024-02-01, event: visit, outcome: compliant}" in text
    assert "{date: 2024-02-02, event: notice, by: partner}" in text


def test_a_name_split_by_the_shell_gets_advice(target: Path) -> None:
    code, err = record(target, "training", "--date", "2024-01-31", "--attendee", "Léa",
                       "Martin")
    assert code == 2 and "Martin" in err and 'in quotes, e.g. --attendee "Léa Martin"' in err
    assert target.read_text(encoding="utf-8") == VALID


def test_a_wrong_choice_names_both_languages(target: Path) -> None:
    code, err = record(target, "visit", "--date", "2024-02-01", "--outcome", "bien")
    assert code == 2 and "compliant" in err and "conforme" in err


def test_record_says_what_a_notice_does(target: Path) -> None:
    # E = 2024-01-15: period 1 ends 2025-01-14, its notice deadline is 2024-10-14
    code, err = record(target, "notice", "--date", "2024-10-14", "--by", "caf")
    assert code == 0 and "notice on time (deadline 2024-10-14): the convention ends on " \
        "2025-01-14" in err
    target.write_text(VALID, encoding="utf-8")
    code, err = record(target, "notice", "--date", "2024-10-15", "--by", "caf")
    assert code == 0 and ("notice late (the deadline was 2024-10-14): the convention is "
                          "renewed once more and now ends on 2026-01-14 instead of "
                          "2025-01-14") in err


def test_record_refuses_the_same_event_twice(target: Path) -> None:
    assert record(target, "committee", "--date", "2024-03-01")[0] == 0
    before = target.read_text(encoding="utf-8")
    code, err = record(target, "committee", "--date", "2024-03-01")
    assert code == 1 and "already recorded (event 1 of the history)" in err
    assert target.read_text(encoding="utf-8") == before


def test_record_says_when_an_event_falls_after_the_end(target: Path) -> None:
    assert record(target, "notice", "--date", "2024-02-01", "--by", "caf")[0] == 0
    code, err = record(target, "committee", "--date", "2025-03-01")
    assert code == 0 and "the convention ended on 2025-01-14" in err


def test_acknowledgment_recorded_from_the_command_line(target: Path) -> None:
    code, err = record(target, "acknowledgment", "--date", "2025-02-01", "--rule",
                       "committee-missing", "--subject", "period 1", "--note",
                       "comité non tenu, vu avec la mairie")
    assert code == 0, err
    assert "committee-missing « period 1 » as info" in err
    assert ("{date: 2025-02-01, event: acknowledgment, rule: committee-missing, subject: "
            'period 1, note: "comité non tenu, vu avec la mairie"}') in target.read_text(
                encoding="utf-8")
    [d] = [d for d in diagnostics(target.read_text(encoding="utf-8"), date(2025, 2, 1))
           if d.rule == "committee-missing"]
    assert d.severity.value == "info"


def test_acknowledgment_after_the_end_is_not_pointed_out_as_after_the_end(target: Path,
                                                                         ) -> None:
    # Taking note of a missed committee once the convention has ended is the normal case:
    # « this event falls after its end » would make the officer doubt a correct command.
    assert record(target, "notice", "--date", "2024-02-01", "--by", "caf")[0] == 0
    code, err = record(target, "acknowledgment", "--date", "2025-03-01", "--rule",
                       "committee-missing", "--subject", "period 1", "--note", "vu")
    assert code == 0, err
    assert "as info" in err and "after its end" not in err


@pytest.mark.parametrize("rule,subject,fragment", [
    ("committee-mising", "period 1", "did you mean `committee-missing`"),
    ("committee-missing", "period 7", "its findings then are about `period 1`"),
    ("report-late", "2024-S1", "finds no report-late on 2025-02-01"),
    # `check --help` lists no rules: the message names them itself
    ("nope", "2024-S1", "(the rules: `opening-minimum`, "),
])
def test_acknowledgment_of_nothing_is_refused(target: Path, rule: str, subject: str,
                                             fragment: str) -> None:
    code, err = record(target, "acknowledgment", "--date", "2025-02-01", "--rule", rule,
                       "--subject", subject, "--note", "x")
    assert code == 1 and fragment in err, err
    assert target.read_text(encoding="utf-8") == VALID


def test_undo_takes_back_the_last_event_only_when_nothing_changed_since(target: Path) -> None:
    assert record(target, "committee", "--date", "2024-03-01")[0] == 0
    after_first = target.read_text(encoding="utf-8")
    assert record(target, "visit", "--date", "2024-03-02", "--outcome", "compliant")[0] == 0
    result = CliRunner().invoke(app, ["record", "--undo", str(target)])
    assert result.exit_code == 0 and "the visit of 2024-03-02" in result.stderr
    assert target.read_text(encoding="utf-8") == after_first
    result = CliRunner().invoke(app, ["record", "--undo", str(target)])
    assert result.exit_code == 1 and "nothing to undo" in result.stderr
    assert record(target, "visit", "--date", "2024-03-02", "--outcome", "compliant")[0] == 0
    target.write_text(target.read_text(encoding="utf-8") + "# a later edit\n",
                      encoding="utf-8")
    changed = target.read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["record", "--undo", str(target)])
    assert result.exit_code == 1 and "changed since" in result.stderr
    assert target.read_text(encoding="utf-8") == changed


# --- the certificate keeps to annex 1 ----------------------------------------------------------

def test_certificate_keeps_to_annex_1_and_signs_as_it_does(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(replace(VALID, "name: Mairie de Test", "name: Mairie de Villeparisis"),
                    encoding="utf-8")
    out = tmp_path / "certificat.md"
    result = CliRunner().invoke(app, ["certificate", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "tout au long de l'année" not in text
    assert "le partenaire est formé et évalué chaque\nannée" in text
    assert "\nLa Directrice de la Caf\n\nAnne Caf\n" in text
    assert text.count("Villeparisis") == text.count("77270 Villeparisis") + 1   # no town twice
    from pncaf.outputs.templating import signatory
    assert signatory("Directeur général") == "Le Directeur général de la Caf"
    assert signatory("Directrice de la Caf de l'Essonne") == "La Directrice de la Caf de l'Essonne"


def test_undo_keeps_a_byte_order_mark(target: Path) -> None:
    original = b"\xef\xbb\xbf" + VALID.encode("utf-8")
    target.write_bytes(original)
    assert record(target, "committee", "--date", "2024-03-01")[0] == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf") and target.read_bytes() != original
    result = CliRunner().invoke(app, ["record", "--undo", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes() == original


def test_record_says_what_check_will_now_warn_about(target: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # A mistyped indicator is recorded (warnings do not block), but the history is
    # append-only: the officer must learn it now, while `--undo` can still take it back.
    monkeypatch.chdir(target.parent)
    code, err = record(target, "report", "--date", "2024-08-02", "--period", "2024-S1",
                       "--indicator", "acceuils=3")
    assert code == 0, err
    assert "did you mean `accueils`" in err and "pncaf record --undo" in err
    code, err = record(target, "committee", "--date", "2024-09-01")
    assert code == 0 and "will warn" not in err


def test_record_points_out_a_date_after_today(target: Path) -> None:
    # 2062 for 2026: check would silently ignore the committee until 2062
    code, err = record(target, "committee", "--date", "2062-02-01")
    assert code == 0 and "la date du 01/02/2062, postérieure à aujourd'hui" in err
    code, err = record(target, "committee", "--date", "2024-03-01")
    assert code == 0 and "postérieure à aujourd'hui" not in err


def test_the_last_report_after_the_end_is_not_pointed_out_as_after_the_end(target: Path,
                                                                          ) -> None:
    # The report of the last semester is due after the end (art. 9): recording it then is
    # the normal case; an event about no day in force still gets the note.
    assert record(target, "notice", "--date", "2024-02-01", "--by", "caf")[0] == 0
    code, err = record(target, "report", "--date", "2025-01-20", "--period", "2024-S2",
                       "--indicator", "accueils=12")
    assert code == 0, err
    assert "after its end" not in err
    code, err = record(target, "committee", "--date", "2025-03-01")
    assert code == 0 and "after its end" in err, err
