"""The rules' French names, for a face that shows a finding to an officer: each rule
carries its name in French (`Rule.name_fr`, with its article), the dashboard's words."""

from __future__ import annotations

from functools import cache

from pncaf.problems import Diagnostic

__all__ = ["Diagnostic", "rule_name_fr"]


@cache
def _labels() -> dict[str, str]:
    from pncaf.checks.rules import RULES

    return {r.id: r.label_fr for r in RULES}


def rule_name_fr(rule_id: str) -> str:
    """« comité de pilotage manquant (art. 9) »; the id itself for a rule not known."""
    return _labels().get(rule_id, rule_id)
