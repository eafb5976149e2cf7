"""Schema errors: each names the right place and says what to do."""

from __future__ import annotations

import pytest

from helpers import VALID, diagnostics, line_of, load, replace


def schema_errors(text: str) -> list[tuple[int | None, int | None, str]]:
    return [(d.line, d.column, d.message) for d in load(text).diagnostics if d.rule == "schema"]


def test_valid_fixture_has_no_schema_error() -> None:
    loaded = load(VALID)
    assert loaded.diagnostics == [] and loaded.convention is not None


def test_french_weekday_suggests_english_key() -> None:
    text = replace(VALID, "monday:", "lundi:")
    [(line, column, message)] = schema_errors(text)
    assert (line, column) == (line_of(text, "lundi"), 7)
    assert "unknown key `lundi`" in message and "`monday`" in message


def test_typo_suggests_the_close_key() -> None:
    text = replace(VALID, "  siren:", "  sirene:")
    [(line, _, message)] = schema_errors(text)
    assert line == line_of(text, "sirene") and "did you mean `siren`?" in message


def test_unknown_key_lists_allowed_keys() -> None:
    text = replace(VALID, "history: []", "history: []\ncolour: blue")
    [(_, _, message)] = schema_errors(text)
    assert "format" in message and "engagements" in message


def test_unquoted_postcode_asks_for_quotes() -> None:
    text = replace(VALID, 'postcode: "77270", city: Villeparisis}\n  representative',
                   'postcode: 77270, city: Villeparisis}\n  representative')
    [(line, _, message)] = schema_errors(text)
    assert line == line_of(text, "postcode: 77270")
    assert "put it in quotes" in message


@pytest.mark.parametrize("old,new,fragment", [
    ('siren: "217705144"', 'siren: "217705145"', "check digit"),
    ("signed: {caf: 2024-01-10", "signed: {caf: 2024-02-30", "not a real date"),
    ("signed: {caf: 2024-01-10", "signed: {caf: 10/01/2024", "write 2024-01-10 (year-month-day)"),
    ('["09:00-12:00", "14:00-17:00"]', '["09:00-12:00", "11:00-17:00"]', "overlap"),
    ('["09:00-12:00", "14:00-17:00"]', '["09:00-12:00", "18:00-17:00"]', "ends before it starts"),
    ("format: pncaf/1", "format: pncaf/2", "reads `pncaf/1`"),
    ("history: []", "engagements: {min_half_days: 3}\nhistory: []", "never lower it"),
    ("history: []", "engagements: {min_weekly_hours: 10}\nhistory: []", "12 hours"),
    ("history: []", "history:\n  - {date: 2024-05-01, event: repport}", "unknown event"),
    ("history: []", "history:\n  - {date: 2024-05-01, event: report, period: 2024-S3}",
     "YYYY-S1"),
    ("history: []", "history:\n  - {date: 2024-05-01, event: visit}", "missing key `outcome`"),
    ("history: []", "history:\n  - {date: 2024-05-01, event: training, attendees: []}",
     "at least one attendee"),
    ("history: []", "history:\n  - {date: 2024-05-01, event: notice, by: caf, sent: 2024-06-01}",
     "sent (2024-06-01) after it was received"),
    ("history: []", "history:\n  - {date: 2024-05-01, event: committee}\n"
     "  - {date: 2024-04-01, event: committee}", "oldest first"),
])
def test_schema_error_messages(old: str, new: str, fragment: str) -> None:
    text = replace(VALID, old, new)
    errors = schema_errors(text)
    assert errors, f"no schema error for {new!r}"
    assert any(fragment in message for _, _, message in errors), errors
    assert all(line is not None and column is not None for line, column, _ in errors)


def test_error_inside_a_history_event_points_at_the_value() -> None:
    text = replace(VALID, "history: []",
                   "history:\n  - {date: 2024-05-01, event: report, period: 2024-S3}")
    [(line, column, _)] = schema_errors(text)
    assert line == line_of(text, "2024-S3")
    assert column == text.splitlines()[line - 1].index("2024-S3") + 1


def test_missing_key_points_at_its_parent() -> None:
    text = replace(VALID, "  representative: {name: Marc Maire, title: Maire}\n", "")
    [(line, _, message)] = schema_errors(text)
    assert line == line_of(text, "partner:")
    assert "missing key `representative` in `partner`" in message


def test_every_error_is_reported_not_only_the_first() -> None:
    text = replace(replace(VALID, "monday:", "lundi:"), 'siren: "217705144"', 'siren: "1"')
    assert len(schema_errors(text)) == 2


def test_top_level_list() -> None:
    [(line, column, message)] = schema_errors("- a\n- b\n")
    assert (line, column) == (1, 1) and "not a list" in message


def test_only_one_signature_is_a_draft() -> None:
    convention = load(replace(VALID, "partner: 2024-01-15", "partner: null")).convention
    assert convention is not None and convention.effective_date is None


def test_effective_date_is_the_later_signature_or_the_override() -> None:
    convention = load(VALID).convention
    assert convention is not None and str(convention.effective_date) == "2024-01-15"
    convention = load(replace(VALID, "history: []", "effective: 2024-02-01\nhistory: []")
                      ).convention
    assert convention is not None and str(convention.effective_date) == "2024-02-01"


def test_schema_errors_do_not_hide_personal_data() -> None:
    text = replace(VALID, "monday:", "lundi:") + "# 1 85 05 78 006 084 91\n"
    assert {d.rule for d in diagnostics(text)} == {"schema", "personal-data"}


def test_a_schema_message_never_quotes_a_social_security_number() -> None:
    """A value refused by the schema is quoted in its message (which goes to CI logs and
    pull-request annotations): a NIR in it is masked there, as personal-data masks it."""
    from pncaf.format.loader import load_text

    text = VALID.replace("name: Point d'accueil", 'name: "=Point 185057800608491"', 1)
    loaded = load_text(text, "c.yaml", "c")
    schema = [d.message for d in loaded.diagnostics if d.rule == "schema"]
    assert schema and all("185057800608491" not in m for m in schema)
    assert any("1 85 ** ** *** *** **" in m for m in schema)
