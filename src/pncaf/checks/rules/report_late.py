"""`report-late` (Art. 9): a semester's indicators received after their due date.

Fails as of 2024-09-01:
    history:
      - {date: 2024-08-20, event: report, period: 2024-S1, indicators: {accueils: 3}}

Passes as of 2024-09-01:
    history:
      - {date: 2024-08-05, event: report, period: 2024-S1, indicators: {accueils: 3}}
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import partial

from pncaf.checks.rules.base import Finding, Found, Rule, RuleContext
from pncaf.dates.duties import Semester
from pncaf.french import long_date
from pncaf.problems import Severity, counted


def _fr(semester: Semester, received: date, days: int) -> str:
    return (f"indicateurs du {semester.name_fr} reçus le {long_date(received)}, {days} "
            f"jour{'s' if days > 1 else ''} après la date prévue du {long_date(semester.due)} "
            "(art. 9)")


def check(ctx: RuleContext) -> Iterator[Finding]:
    for status in ctx.reports:
        received, semester = status.received, status.semester
        if status.late and received is not None and status.index is not None:
            due = semester.due
            days = (received.date - due).days
            yield Found(ctx.at_value("history", status.index), (
                f"report {semester.label} (« {semester.name_fr} ») arrived on "
                f"{received.date.isoformat()}, {counted(days, 'day')} after its due "
                f"date {due.isoformat()} (Art. 9)"),
                subject=semester.label, fr=partial(_fr, semester, received.date, days))


RULE = Rule("report-late", Severity.WARNING, check, True, "Art. 9",
            "a report received after its due date", "indicateurs reçus en retard",
            __doc__ or "")
