"""The rules as people read them: the README's table and docs/rules.md, both generated from
the rules' own descriptions (tests/test_rule_catalogue.py fails when either drifts)."""

from __future__ import annotations

from collections.abc import Sequence

from pncaf.checks.rules.base import Rule


def rules_table(rules: Sequence[Rule] | None = None) -> str:
    """The table of rules as the README shows it (Markdown)."""
    rows = ["| rule | severity | what |", "|---|---|---|"]
    for r in _all(rules):
        where = f" ({r.article})" if r.article else ""
        rows.append(f"| `{r.id}` | {r.severity.value} | {r.summary}{where} |")
    return "\n".join(rows) + "\n"


_INTRO = """\
# The rules of `pncaf check`

Generated from the rules' modules (`src/pncaf/checks/rules/`) by
`python -m pncaf.checks.rules --doc > docs/rules.md`; a test fails when it drifts.

Each example shows only the top-level keys that differ from a valid, signed convention
(signed on 10 and 15 January 2024, one site open four half-days a week, fully equipped);
the rest of the file is as usual. The examples are checked as of 15 January 2024 unless
they say otherwise, and the tests run every one of them.
"""


def rules_document(rules: Sequence[Rule] | None = None) -> str:
    """docs/rules.md: each rule with its article, severity, French name, why, and its
    failing and passing examples."""
    parts = [_INTRO]
    for r in _all(rules):
        head, _, _ = r.doc.partition("\nFails")
        article = f"{r.article}, " if r.article else ""
        parts.append(f"\n## `{r.id}`\n\n{article}{r.severity.value} — « {r.name_fr} »: "
                     f"{r.summary}.\n\n{_prose(head)}\n")
        for example in r.examples():
            when = f" as of {example.as_of.isoformat()}" if example.as_of else ""
            verdict = "Fails" if example.fails else "Passes"
            parts.append(f"\n{verdict}{when}:\n\n```yaml\n{example.text}```\n")
    return "".join(parts)


def _prose(doc: str) -> str:
    """The docstring's explanation without its first line (the heading says it)."""
    _, _, rest = doc.strip().partition("\n\n")
    return rest.strip() or doc.strip()


def _all(rules: Sequence[Rule] | None) -> Sequence[Rule]:
    if rules is not None:
        return rules
    from pncaf.checks.rules import RULES

    return RULES
