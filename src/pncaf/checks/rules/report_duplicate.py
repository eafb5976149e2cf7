"""`report-duplicate` (Art. 9): two reports for one semester, the later one without
`correction: true`.

Only the latest report of a semester counts on the dashboard; `correction: true` says the
second one replaces the first on purpose (`pncaf record … --correction`).

Fails as of 2024-02-01:
    history:
      - {date: 2024-01-15, event: report, period: 2024-S1, indicators: {accueils: 3}}
      - {date: 2024-01-16, event: report, period: 2024-S1}

Passes as of 2024-02-01:
    history:
      - {date: 2024-01-15, event: report, period: 2024-S1, indicators: {accueils: 3}}
      - {date: 2024-01-16, event: report, period: 2024-S1, correction: true}
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import partial

from pncaf.checks.rules.base import Finding, Found, Rule, RuleContext
from pncaf.dates.duties import Semester
from pncaf.format.models import ReportEvent
from pncaf.french import long_date
from pncaf.problems import Severity


def _fr(period: str, first: date) -> str:
    return (f"deuxième rapport pour le {Semester.parse(period).name_fr} (le premier est du "
            f"{long_date(first)}) sans `correction: true` : seul le dernier compte ; ajoutez "
            "`correction: true` pour dire qu'il remplace le premier")


def check(ctx: RuleContext) -> Iterator[Finding]:
    first: dict[str, ReportEvent] = {}
    for index, event in enumerate(ctx.convention.history):
        if not isinstance(event, ReportEvent):
            continue
        earlier = first.setdefault(event.period, event)
        if earlier is not event and not event.correction:
            yield Found(ctx.at_value("history", index), (
                f"a second report for {event.period} (the first one is dated "
                f"{earlier.date.isoformat()}) without `correction: true`: the dashboard "
                "counts only the latest report of a semester; add `correction: true` to this "
                "one to say it replaces the first (record it with `pncaf record … "
                "--correction`)"),
                fr=partial(_fr, event.period, earlier.date))


RULE = Rule("report-duplicate", Severity.WARNING, check, True, "Art. 9",
            "two reports for one semester, the later one without `correction: true`",
            "rapport en double", __doc__ or "")
