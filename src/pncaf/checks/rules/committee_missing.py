"""`committee-missing` (Art. 9): a finished period of the term without a steering
committee.

Each period runs one year from the effective date; the finding names the period (its
`subject`), for an `acknowledgment` of a committee that can no longer be held.

Fails as of 2025-02-01:
    history: []

Passes as of 2025-02-01:
    history:
      - {date: 2024-06-10, event: committee}
"""

from __future__ import annotations

from collections.abc import Iterator

from pncaf.checks.rules.base import Finding, Rule, RuleContext
from pncaf.checks.rules.yearly_duty import missing_duty
from pncaf.problems import Severity


def check(ctx: RuleContext) -> Iterator[Finding]:
    return missing_duty(ctx, "committee", "steering committee")


RULE = Rule("committee-missing", Severity.WARNING, check, True, "Art. 9",
            "a finished period without a steering committee", "comité de pilotage manquant",
            __doc__ or "")
