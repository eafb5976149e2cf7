"""The rules document themselves: the README's table is generated from them."""

from __future__ import annotations

from helpers import ROOT
from pncaf.checks.rules import RULES, rules_table


def test_readme_rule_table_is_the_generated_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert rules_table() in readme, (
        "README.md's table of rules differs from the rules' own summaries: paste the output "
        "of `python -m pncaf.checks.rules` over it")


def test_every_rule_is_described() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for r in RULES:
        assert r.summary and not r.summary.endswith("."), r.id
        assert (r.name_fr and r.article is None) or r.article.startswith("Art. "), r.id
