"""`training-missing` (Art. 3): the partner's staff follow the Caf's monthly webinars.

The first training is due `engagements.first_training_months` (default 3) after the
effective date, then one at least every 12 months while the convention is in force.

Fails as of 2024-05-01:
    history: []

Passes as of 2024-05-01:
    history:
      - {date: 2024-03-01, event: training, attendees: [Nadia Roussel]}
"""

from __future__ import annotations

from collections.abc import Iterator

from pncaf.checks.rules.base import Finding, Found, Rule, RuleContext
from pncaf.dates.duties import first_training_due, last_training, training_due
from pncaf.french import long_date
from pncaf.problems import Severity


def check(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.term
    if term is None or not term.in_force(ctx.as_of):
        return
    due = training_due(ctx.convention, term, ctx.as_of)
    if due is None or due >= ctx.as_of:
        return
    last = last_training(ctx.convention, ctx.as_of)
    months = ctx.convention.engagements.first_training_months
    first = last is None or due == first_training_due(ctx.convention, term)
    if first:
        message = (f"the first training was due by {due.isoformat()}, {months} months after "
                   f"the effective date, and none is recorded")
    else:
        message = f"no training since {last}: the next one was due by {due.isoformat()}"

    def fr() -> str:
        if first:
            return (f"première formation attendue au plus tard le {long_date(due)} ({months} "
                    "mois après la prise d'effet), aucune n'est enregistrée ; les webinaires "
                    "mensuels de la Caf sont obligatoires (art. 3)")
        assert last is not None and due is not None
        return (f"aucune formation depuis le {long_date(last)} : la suivante était attendue au "
                f"plus tard le {long_date(due)} ; les webinaires mensuels de la Caf sont "
                "obligatoires (art. 3)")

    yield Found(ctx.start_position(), (
        f"{message}: the Caf's monthly webinars are mandatory for the partner's staff "
        "(Art. 3); record the next one with `event: training`"),
        subject=due.isoformat(), fr=fr)


RULE = Rule("training-missing", Severity.WARNING, check, True, "Art. 3",
            "no training by `engagements.first_training_months` (default 3) after the "
            "effective date, or none in the 12 months since the last one",
            "formation manquante", __doc__ or "")
