"""What `committee-missing` and `visit-missing` share: a yearly duty of Art. 9 that a
finished period of the term went without."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from pncaf.checks.rules.base import Finding, Found, RuleContext
from pncaf.dates.term import Period
from pncaf.french import long_date

_DUTY_FR = {"committee": "comité de pilotage", "visit": "visite de la Caf"}


def _fr(kind: str, p: Period) -> str:
    e = "e" if kind == "visit" else ""
    return (f"aucun{e} {_DUTY_FR[kind]} enregistré{e} pendant la période {p.number} (du "
            f"{long_date(p.start)} au {long_date(p.end)}) : l'article 9 en prévoit au moins "
            f"un{e} par an")


def missing_duty(ctx: RuleContext, kind: str, label: str) -> Iterator[Finding]:
    position = None                     # where each finding points, looked up once
    for duty in ctx.duties:
        if duty.kind == kind and duty.done_on is None and duty.period.end < ctx.as_of:
            p = duty.period
            position = position or ctx.start_position()
            yield Found(position, (
                f"no {label} recorded in period {p.number} "
                f"({p.start.isoformat()} to {p.end.isoformat()}): Art. 9 "
                f"asks for one a year; record it with `event: {kind}` if it took place"),
                subject=f"period {p.number}",
                fr=partial(_fr, kind, p))
