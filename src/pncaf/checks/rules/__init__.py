"""The engagements `pncaf check` enforces: one module per rule, yamllint's way.

Each module holds a `check` function and its `RULE` (id, severity, article, summary in
English, name in French, and a docstring with a failing and a passing example): adding a
rule is writing one module and listing it in `RULES` below, in the order the README's table
shows them. The rules that the loader or `check --base` raise themselves (`yaml`, `schema`,
`history-rewritten`) have their modules too, so that `RULES` is the whole catalogue, from
which the README's table (`rules_table`) and docs/rules.md (`rules_document`) are generated
(`python -m pncaf.checks.rules [--doc]`; tests fail when they drift).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from pncaf.checks.rules import (
    comment_in_text,
    committee_missing,
    equipment,
    history_rewritten,
    indicator_unknown,
    label_withdrawn,
    notice_late,
    opening_minimum,
    partner_duplicate,
    personal_data,
    prefecture_id,
    report_duplicate,
    report_late,
    report_overdue,
    schema,
    signed_in_future,
    training_missing,
    unsigned,
    visit_missing,
    yaml_syntax,
)
from pncaf.checks.rules.base import Finding, Found, Rule, RuleContext
from pncaf.checks.rules.document import rules_document, rules_table
from pncaf.checks.rules.indicator_unknown import indicator_suggestion
from pncaf.format.loader import Loaded
from pncaf.format.models import AcknowledgmentEvent
from pncaf.french import long_date
from pncaf.problems import Diagnostic, Severity
from pncaf.settings import DEFAULT_INDICATORS

__all__ = ["RULES", "Finding", "Found", "Rule", "RuleContext", "indicator_suggestion",
           "rule_named", "rules_document", "rules_table", "run_rules"]

RULES: tuple[Rule, ...] = tuple(module.RULE for module in (
    yaml_syntax, schema, history_rewritten,
    opening_minimum, personal_data, comment_in_text, equipment, prefecture_id, unsigned,
    signed_in_future, report_overdue, report_late, committee_missing, visit_missing,
    training_missing,
    notice_late, label_withdrawn, indicator_unknown, report_duplicate, partner_duplicate,
))


def rule_named(rule_id: str) -> Rule:
    return next(r for r in RULES if r.id == rule_id)


def run_rules(loaded: Loaded, as_of: date, rules: Iterable[Rule] | None = None,
              french: bool = False, indicators: Mapping[str, str] | None = None,
              context: RuleContext | None = None) -> list[Diagnostic]:
    """Apply every rule that can run on `loaded`; return the diagnostics they raise (with
    their French message too when `french`, for the dashboard). `indicators` is the team's
    list of annex 2 (default: pncaf's own list). `context`: the caller's own context of
    this file and day, when it wants the term, reports and duties the rules computed."""
    ctx = context or RuleContext(loaded, as_of,
                                 DEFAULT_INDICATORS if indicators is None else indicators)
    found: list[Diagnostic] = []
    noted = _acknowledgments(ctx) if loaded.convention is not None else {}
    for r in RULES if rules is None else rules:
        if r.check is None:
            continue
        if r.needs_valid and loaded.convention is None:
            continue
        if not r.needs_valid and loaded.text is None:
            continue
        try:
            findings = list(r.check(ctx))
        except Exception as exc:  # a bug on one file's values: say so, check the rest
            findings = [((1, 1), f"pncaf could not apply this rule to this file (internal "
                                 f"error: {type(exc).__name__}: {exc}); the other rules and "
                                 "files were checked; please report it with the file")]
        for finding in findings:
            f = finding if isinstance(finding, Found) else Found(*finding)
            line, column = f.position if f.position else (None, None)
            severity, message = r.severity, f.message
            fr = f.fr() if french and f.fr else None
            ack = noted.get((r.id, f.subject)) if f.subject is not None else None
            if ack is not None:
                severity = Severity.INFO
                message += f" [acknowledged on {ack.date.isoformat()}: {ack.note}]"
                if french:
                    fr = (f"{fr or r.name_fr} [pris en compte le {long_date(ack.date)} : "
                          f"{ack.note}]")
            found.append(Diagnostic(loaded.file, line, column, severity, r.id, message,
                                    loaded.id, f.subject, fr))
    return found


def _acknowledgments(ctx: RuleContext) -> dict[tuple[str, str | None], AcknowledgmentEvent]:
    """(rule, subject) → the acknowledgment of that finding, as of the check date."""
    return {(e.rule, e.subject): e for e in ctx.convention.history
            if isinstance(e, AcknowledgmentEvent)}
