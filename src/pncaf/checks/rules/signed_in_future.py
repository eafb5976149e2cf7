"""`signed-in-future` (Art. 11): a signature dated after the day of the check.

A signature is a fact of the past: a date after today is a typo (the year typed a year
ahead, day and month swapped). It is not harmless: the convention takes effect on the later
signature, so until that day the file counts as « à venir », owes no report, gets no
certificate and no reminder. Recording a signature refuses such a date (`pncaf new`, the
web's « Signatures »); this rule finds one written by hand in the file.

Fails as of 2026-12-05:
    signed: {caf: 2026-12-01, partner: 2027-12-03}

Passes as of 2026-12-05:
    signed: {caf: 2026-12-01, partner: 2026-12-03}
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from pncaf.checks.rules.base import Finding, Found, Rule, RuleContext
from pncaf.problems import Severity

PARTIES = {"caf": "de la Caf", "partner": "du partenaire"}


def check(ctx: RuleContext) -> Iterator[Finding]:
    signed = ctx.convention.signed
    for party, day in (("caf", signed.caf), ("partner", signed.partner)):
        if day is None or day <= ctx.as_of:
            continue
        yield Found(ctx.at_value("signed", party), (
            f"signed.{party} is {day.isoformat()}, after {ctx.as_of.isoformat()}: a signature "
            "cannot be in the future (the convention would take effect only then, Art. 11); "
            "correct the date in the file (a year typed ahead?)"),
            fr=_french(party, day, ctx.as_of))


def _french(party: str, day: date, as_of: date) -> Callable[[], str]:
    """The French message, written only when asked for (its dates need Babel)."""
    def message() -> str:
        from pncaf.french import long_date

        return (f"la signature {PARTIES[party]} est datée du {long_date(day)}, après le "
                f"{long_date(as_of)} : une signature ne peut pas être dans le futur ; "
                "corrigez la date dans le fichier (une faute de frappe sur l'année ?)")
    return message


RULE = Rule("signed-in-future", Severity.WARNING, check, True, "Art. 11",
            "a signature date after the as-of day (a typo: the convention would not be in "
            "force until then)", "signature datée dans le futur", __doc__ or "")
