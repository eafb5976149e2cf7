"""`notice-late` (Art. 11): a notice received after the deadline of its period.

With tacit renewal, a notice must be received before the deadline of the period (its end
less the notice months); a later one ends the convention only at the end of the next
period, which the message says.

Fails as of 2025-06-01:
    history:
      - {date: 2024-12-20, event: notice, by: partner}

Passes as of 2025-06-01:
    history:
      - {date: 2024-09-01, event: notice, by: partner}
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from pncaf.checks.rules.base import Finding, Found, Rule, RuleContext
from pncaf.dates.term import NoticeOutcome
from pncaf.french import long_date
from pncaf.problems import Severity


def _fr(notice: NoticeOutcome) -> str:
    return (f"préavis reçu le {long_date(notice.event.date)}, après la date limite du "
            f"{long_date(notice.period.notice_deadline)} : la convention est reconduite une "
            f"fois encore et prend fin le {long_date(notice.ends_on)} (art. 11)")


def check(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.term
    if term is None or not term.tacit_renewal:
        return
    for notice in term.notices:
        if not notice.on_time:
            yield Found(ctx.at_value("history", notice.index), (
                f"notice received on {notice.event.date.isoformat()}, after the deadline "
                f"{notice.period.notice_deadline.isoformat()} of period {notice.period.number}: "
                f"the convention is renewed once more and ends on {notice.ends_on.isoformat()}, "
                f"not on {notice.period.end.isoformat()} (Art. 11)"),
                subject=notice.event.date.isoformat(),
                fr=partial(_fr, notice))


RULE = Rule("notice-late", Severity.WARNING, check, True, "Art. 11",
            "a notice received after the deadline: the convention runs one more period",
            "préavis tardif", __doc__ or "")
