"""Time-based rules of `pncaf check` (reports, committee, visit, training, notice, label),
all driven by the date of the check."""

from __future__ import annotations

from datetime import date

import pytest

from helpers import VALID, diagnostics, line_of, replace
from pncaf.dates.duties import Semester

D = date.fromisoformat

# E = 2024-01-15 (the later signature of VALID)


def with_history(*events: str) -> str:
    return replace(VALID, "history: []", "history:\n" + "".join(f"  - {e}\n" for e in events))


def found(text: str, rule: str, as_of: str) -> list[str]:
    return [d.message for d in diagnostics(text, D(as_of)) if d.rule == rule]


TRAINED = "{date: 2024-01-15, event: training, attendees: [Anne Agent]}"


def test_semesters() -> None:
    s1, s2 = Semester(2024, 1), Semester(2024, 2)
    assert (s1.start, s1.end, s1.due) == (D("2024-01-01"), D("2024-07-31"), D("2024-08-10"))
    assert (s2.start, s2.end, s2.due) == (D("2024-08-01"), D("2024-12-31"), D("2025-01-10"))
    assert Semester.containing(D("2024-07-31")) == s1 and Semester.containing(D("2024-08-01")) == s2


@pytest.mark.parametrize("as_of,overdue", [
    ("2024-08-10", []),                       # the due day itself: not overdue yet
    ("2024-08-11", ["2024-S1"]),
    ("2025-01-11", ["2024-S1", "2024-S2"]),
])
def test_report_overdue_around_the_due_date(as_of: str, overdue: list[str]) -> None:
    messages = found(with_history(TRAINED), "report-overdue", as_of)
    assert [m.split()[1] for m in messages] == overdue


def test_report_overdue_points_at_signed() -> None:
    text = with_history(TRAINED)
    [d] = [d for d in diagnostics(text, D("2024-08-11")) if d.rule == "report-overdue"]
    assert d.line == line_of(text, "signed:")


def test_report_on_due_date_is_on_time_and_the_day_after_is_late() -> None:
    on_time = with_history(TRAINED, "{date: 2024-08-10, event: report, period: 2024-S1}")
    assert found(on_time, "report-late", "2024-09-01") == []
    assert found(on_time, "report-overdue", "2024-09-01") == []
    late = with_history(TRAINED, "{date: 2024-08-11, event: report, period: 2024-S1}")
    [message] = found(late, "report-late", "2024-09-01")
    assert "1 day after" in message
    [d] = [d for d in diagnostics(late, D("2024-09-01")) if d.rule == "report-late"]
    assert d.line == line_of(late, "2024-S1")


def test_a_report_received_after_the_check_date_is_not_known_yet() -> None:
    text = with_history(TRAINED, "{date: 2024-09-01, event: report, period: 2024-S1}")
    assert len(found(text, "report-overdue", "2024-08-20")) == 1


def test_semester_owed_when_it_overlaps_the_time_in_force() -> None:
    # E = 2024-01-15, notice on time in period 1 → ends 2025-01-14: 2025-S1 (1 Jan–31 Jul)
    # overlaps the last two weeks, 2025-S2 does not.
    text = with_history(TRAINED, "{date: 2024-02-01, event: notice, by: partner}")
    owed = [m.split()[1] for m in found(text, "report-overdue", "2026-06-01")]
    assert owed == ["2024-S1", "2024-S2", "2025-S1"]


def test_committee_and_visit_per_finished_period() -> None:
    text = with_history(TRAINED, "{date: 2024-06-01, event: committee}",
                        "{date: 2025-01-14, event: visit, outcome: compliant}")
    assert found(text, "committee-missing", "2025-01-14") == []      # period 1 not finished
    assert found(text, "visit-missing", "2025-01-15") == []          # visit on the échéance
    [message] = found(text, "committee-missing", "2026-01-15")
    assert "period 2 (2025-01-15 to 2026-01-14)" in message
    assert len(found(text, "visit-missing", "2026-01-15")) == 1


@pytest.mark.parametrize("as_of,missing", [
    ("2024-01-15", False), ("2025-01-15", False), ("2025-01-16", True),
])
def test_training_in_the_last_12_months(as_of: str, missing: bool) -> None:
    assert bool(found(with_history(TRAINED), "training-missing", as_of)) is missing


def test_training_missing_only_while_in_force() -> None:
    text = with_history("{date: 2024-02-01, event: notice, by: partner}")
    assert found(text, "training-missing", "2024-06-01")
    assert found(text, "training-missing", "2025-06-01") == []        # ended


def test_notice_late_at_the_event_line() -> None:
    text = with_history(TRAINED, "{date: 2024-10-16, event: notice, by: partner}")
    [d] = [d for d in diagnostics(text, D("2024-11-01")) if d.rule == "notice-late"]
    assert d.line == line_of(text, "event: notice")
    assert "2024-10-14" in d.message and "ends on 2026-01-14" in d.message
    on_time = with_history(TRAINED, "{date: 2024-10-14, event: notice, by: partner}")
    assert found(on_time, "notice-late", "2024-11-01") == []


def test_label_withdrawn_without_notice() -> None:
    text = with_history(TRAINED, "{date: 2024-05-01, event: label_withdrawn, reason: visite}")
    [message] = found(text, "label-withdrawn", "2024-06-01")
    assert "received by 2024-10-14" in message
    followed = with_history(TRAINED, "{date: 2024-05-01, event: label_withdrawn, reason: x}",
                            "{date: 2024-05-03, event: notice, by: caf}")
    assert found(followed, "label-withdrawn", "2024-06-01") == []


def test_label_withdrawn_after_a_notice_already_given() -> None:
    # The partner gave notice first, then the Caf withdrew the label: the convention already
    # ends, so "no notice followed ... will be renewed" would be false and send a second one.
    text = with_history(TRAINED, "{date: 2024-05-01, event: notice, by: partner}",
                        "{date: 2024-05-03, event: label_withdrawn, reason: visite}")
    assert found(text, "label-withdrawn", "2024-06-01") == []


def test_nothing_time_based_for_a_draft() -> None:
    text = replace(VALID, "partner: 2024-01-15", "partner: null")
    assert [d.rule for d in diagnostics(text, D("2030-01-01"))] == ["unsigned"]
