"""`unsigned` (Art. 11): a convention without an effective date has no term.

The convention takes effect on signature (or on `effective`): until both parties' dates
are filled in, no date of the term, reports or duties can be computed, so the file is a
draft and every time-based rule stays silent.

Fails:
    signed: {caf: 2024-01-10}

Passes:
    signed: {caf: 2024-01-10, partner: 2024-01-15}
"""

from __future__ import annotations

from collections.abc import Iterator

from pncaf.checks.rules.base import Finding, Found, Rule, RuleContext
from pncaf.problems import Severity


def check(ctx: RuleContext) -> Iterator[Finding]:
    conv = ctx.convention
    if conv.effective_date is not None:
        return
    missing = [who for who, day in (("caf", conv.signed.caf), ("partner", conv.signed.partner))
               if day is None]
    yield Found(ctx.at("signed"), (
        "not signed yet, so its term cannot be computed: fill in "
        f"{' and '.join(f'`signed.{m}`' for m in missing)} with the signature date "
        "(the convention takes effect on signature, Art. 11)"),
        fr=lambda: ("convention pas encore signée : ses dates ne peuvent pas être calculées ; "
                    "indiquez les dates de signature (`signed`), la convention prend effet "
                    "à la signature (art. 11)"))


RULE = Rule("unsigned", Severity.WARNING, check, True, "Art. 11",
            "no effective date: the term cannot be computed",
            "convention non signée", __doc__ or "")
