"""Each rule of `pncaf check`, on variations of a valid convention."""

from __future__ import annotations

from helpers import VALID, diagnostics, line_of, replace, rules_of

HOURS = '''    hours:
      monday: ["09:00-12:00", "14:00-17:00"]
      tuesday: ["09:00-12:00", "14:00-17:00"]
'''


def with_hours(block: str, text: str = VALID) -> str:
    return replace(text, HOURS, block)


def opening(text: str) -> list[str]:
    return [d.message for d in diagnostics(text) if d.rule == "opening-minimum"]


def test_valid_fixture_passes_every_rule() -> None:
    assert rules_of(VALID) == []


def test_exactly_four_half_days_and_twelve_hours_pass() -> None:
    assert opening(VALID) == []


def test_three_half_days_fail() -> None:
    text = with_hours('    hours:\n      monday: ["09:00-12:00", "14:00-20:00"]\n'
                      '      tuesday: ["09:00-12:00"]\n')
    [message] = opening(text)
    assert "3 half-days (at least 4 required)" in message
    assert "lundi matin, lundi après-midi, mardi matin" in message


def test_eleven_and_a_half_hours_fail() -> None:
    text = with_hours('    hours:\n      monday: ["09:00-12:00", "14:00-17:00"]\n'
                      '      tuesday: ["09:00-12:00", "14:00-16:30"]\n')
    [message] = opening(text)
    assert "11 h 30 a week (at least 12 h required)" in message


def test_error_points_at_sites() -> None:
    text = with_hours('    hours:\n      monday: ["09:00-12:00"]\n')
    [d] = [d for d in diagnostics(text) if d.rule == "opening-minimum"]
    assert (d.line, d.column) == (line_of(text, "sites:"), 1) and d.severity.value == "error"


def test_union_not_sum_of_two_sites() -> None:
    second = VALID[VALID.index("  - name: Point"):VALID.index("signed:")]
    one_site = with_hours('    hours:\n      monday: ["09:00-12:00", "14:00-17:00"]\n')
    # the same Monday at a second site adds nothing: still 2 half-days and 6 hours
    twice = replace(one_site, "signed:", second.replace(
        HOURS, '    hours:\n      monday: ["09:00-12:00", "14:00-17:00"]\n') + "signed:")
    [message] = opening(twice)
    assert "2 half-days" in message and "6 h a week" in message


def test_a_second_site_can_complete_the_minimum() -> None:
    one_site = with_hours('    hours:\n      monday: ["09:00-12:00", "14:00-17:00"]\n')
    second = VALID[VALID.index("  - name: Point"):VALID.index("signed:")]
    second = second.replace(HOURS, '    hours:\n      saturday: ["09:00-12:00"]\n'
                            '      sunday: ["14:00-17:00"]\n')
    assert opening(replace(one_site, "signed:", second + "signed:")) == []


def test_slivers_across_13h_count_hours_not_half_days() -> None:
    text = with_hours('    hours:\n'
                      '      monday: ["09:00-12:00", "14:00-17:00"]\n'
                      '      tuesday: ["12:30-13:30"]\n'
                      '      wednesday: ["12:30-13:30", "15:00-18:00"]\n'
                      '      thursday: ["12:30-13:30"]\n')
    # 6 + 1 + 4 + 1 = 12 hours, but only 3 half-days
    [message] = opening(text)
    assert "3 half-days" in message and "a week" not in message


def test_monthly_openings_never_count() -> None:
    text = with_hours('    hours:\n      monday: ["09:00-12:00", "14:00-17:00"]\n'
                      '      tuesday: ["09:00-12:00"]\n'
                      '    monthly:\n'
                      '      - {nth: 4, weekday: saturday, hours: ["09:00-12:00"]}\n')
    assert len(opening(text)) == 1


def test_raised_minimum_is_enforced() -> None:
    text = replace(VALID, "history: []", "engagements: {min_weekly_hours: 14}\nhistory: []")
    [message] = opening(text)
    assert "at least 14 h required" in message


def test_personal_data_nir_in_a_comment() -> None:
    text = VALID + "# dossier de M. X : 1 85 05 78 006 084 91\n"
    [d] = [d for d in diagnostics(text) if d.rule == "personal-data"]
    assert d.line == line_of(text, "dossier") and d.column == text.splitlines()[
        d.line - 1].index("1 85") + 1
    assert "084 91" not in d.message      # the number itself is never repeated in full


def test_personal_data_credentials_as_keys_and_in_comments() -> None:
    text = VALID + "# mot de passe : Soleil2024\n"
    assert "personal-data" in rules_of(text)
    text = replace(VALID, "history: []", "history: []\npassword: hunter2")
    assert set(rules_of(text)) == {"schema", "personal-data"}


def test_personal_data_no_false_positive() -> None:
    text = VALID + ("# SIRET 217 705 144 00012, tél. 01 60 21 23 45, n° 1 85 05 78 006 084 36\n"
                    "# le login se fait sur caf.fr ; le mot de passe n'est jamais noté\n")
    assert rules_of(text) == []


def test_equipment_warnings() -> None:
    text = replace(VALID, "equipment: {computers: 1, printers: 1, scanners: 1}",
                   "equipment: {computers: 1, printers: 1, scanners: 0}")
    [d] = diagnostics(text)
    assert d.rule == "equipment" and "no scanner" in d.message and d.severity.value == "warning"
    text = replace(VALID, "    equipment: {computers: 1, printers: 1, scanners: 1}\n", "")
    [d] = diagnostics(text)
    assert d.rule == "equipment" and "no site lists its equipment" in d.message


PREFECTURE = ("prefecture: {id: 077-217705144-20240110-24_001-DE, transmitted: 2024-01-12, "
              "received: 2024-01-12}\nhistory: []")


def test_prefecture_consistent() -> None:
    assert rules_of(replace(VALID, "history: []", PREFECTURE)) == []


def test_prefecture_problems() -> None:
    for old, new, fragment in [
        ("077-217705144", "077-217709997", "SIREN 217709997"),
        ("077-", "093-", "département 093"),
        ("20240110", "20240115", "after its transmission"),
        ("received: 2024-01-12", "received: 2024-01-11", "before it was transmitted"),
        ("077-217705144-20240110-24_001-DE", "07741703744-20221003-22105169152",
         "not an ACTES identifier"),
    ]:
        found = [d for d in diagnostics(replace(VALID, "history: []",
                                                PREFECTURE.replace(old, new)))
                 if d.rule == "prefecture-id"]
        assert found and fragment in found[0].message, (new, found)


def test_unsigned_is_a_warning_at_signed() -> None:
    text = replace(VALID, "signed: {caf: 2024-01-10, partner: 2024-01-15}",
                   "signed: {caf: 2024-01-10, partner: null}")
    [d] = diagnostics(text)
    assert (d.rule, d.severity.value, d.line) == ("unsigned", "warning", line_of(text, "signed"))
    assert "`signed.partner`" in d.message and "`signed.caf`" not in d.message
