"""`label-withdrawn` (Art. 6, 11): the Caf withdrew the label but no notice followed.

Withdrawing the label does not end the convention by itself: without a notice it runs on
and is renewed. The message gives the date by which a notice must be received.

Fails as of 2024-12-01:
    history:
      - {date: 2024-11-01, event: label_withdrawn, reason: fermeture du lieu}

Passes as of 2024-12-01:
    history:
      - {date: 2024-11-01, event: label_withdrawn, reason: fermeture du lieu}
      - {date: 2024-11-05, event: notice, by: caf}
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import partial

from pncaf.checks.rules.base import Finding, Found, Rule, RuleContext
from pncaf.dates.term import Status
from pncaf.french import long_date
from pncaf.problems import Severity


def check(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.term
    if term is None or term.status(ctx.as_of) is Status.ENDED:
        return
    if term.ends_on is not None:
        return  # a notice already given (or no tacit renewal): it ends without another one
    for index, event in term.withdrawals:
        if any(n.event.date >= event.date for n in term.notices):
            continue
        deadline = term.next_notice_deadline(ctx.as_of)
        advice = (f"send notice so that it is received by {deadline.isoformat()}"
                  if deadline else "send notice")
        yield Found(ctx.at_value("history", index), (
            f"the label was withdrawn on {event.date.isoformat()} but no notice followed: the "
            f"convention runs on and will be renewed; {advice} (Art. 6, 11)"),
            fr=partial(_fr, event.date, deadline))


def _fr(withdrawn: date, deadline: date | None) -> str:
    advice = (f"le préavis doit être reçu au plus tard le {long_date(deadline)}" if deadline
              else "envoyez un préavis")
    return (f"label retiré le {long_date(withdrawn)} sans dénonciation : la convention "
            f"continue et sera reconduite ; {advice} (art. 6 et 11)")


RULE = Rule("label-withdrawn", Severity.WARNING, check, True, "Art. 6, 11",
            "the label was withdrawn but no notice followed", "label retiré sans dénonciation",
            __doc__ or "")
