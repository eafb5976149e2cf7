"""`report-overdue` (Art. 9, annex 2): a semester's indicators past their due date and not
recorded.

The partner sends the figures of each semester by 10 August and 10 January; a semester in
force for part of its days counts too. The finding names the semester (its `subject`), so
that an `acknowledgment` can take note of a report that will never come.

Fails as of 2024-09-01:
    history: []

Passes as of 2024-09-01:
    history:
      - {date: 2024-08-05, event: report, period: 2024-S1, indicators: {accueils: 3}}
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from pncaf.checks.rules.base import Finding, Found, Rule, RuleContext
from pncaf.dates.duties import ReportStatus
from pncaf.french import long_date
from pncaf.problems import Severity


def _days(status: ReportStatus) -> str:
    return f"{status.first_day.isoformat()} to {status.last_day.isoformat()}"


def _fr(status: ReportStatus) -> str:
    return (f"indicateurs du {status.name_fr} attendus le {long_date(status.semester.due)}, "
            "non reçus : demandez-les au partenaire (art. 9, annexe 2)")


def check(ctx: RuleContext) -> Iterator[Finding]:
    position = None                     # where each finding points, looked up once
    for status in ctx.reports:
        semester = status.semester
        if status.received is None and semester.due < ctx.as_of:
            days = f"the days in force, {_days(status)}" if status.partial else _days(status)
            position = position or ctx.start_position()
            yield Found(position, (
                f"report {semester.label} (« {semester.name_fr} », {days}) was due on "
                f"{semester.due.isoformat()} and is "
                "not recorded: ask the partner for the indicators of annex 2 (the form: "
                f"`pncaf form {ctx.loaded.file} --period {semester.label}`), then record it "
                f"with `pncaf record {ctx.loaded.file} report --from FORM.xlsx` (Art. 9)"),
                subject=semester.label,
                fr=partial(_fr, status))


RULE = Rule("report-overdue", Severity.WARNING, check, True, "Art. 9",
            "a semester report past its due date (10 August, 10 January) and not recorded",
            "indicateurs non reçus", __doc__ or "")
