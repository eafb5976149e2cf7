"""`visit-missing` (Art. 9): a finished period of the term without a visit of the Caf.

Fails as of 2025-02-01:
    history: []

Passes as of 2025-02-01:
    history:
      - {date: 2024-06-10, event: visit, outcome: compliant}
"""

from __future__ import annotations

from collections.abc import Iterator

from pncaf.checks.rules.base import Finding, Rule, RuleContext
from pncaf.checks.rules.yearly_duty import missing_duty
from pncaf.problems import Severity


def check(ctx: RuleContext) -> Iterator[Finding]:
    return missing_duty(ctx, "visit", "visit of the Caf")


RULE = Rule("visit-missing", Severity.WARNING, check, True, "Art. 9",
            "a finished period without a visit of the Caf", "visite annuelle manquante",
            __doc__ or "")
