"""The rules document themselves: the README's table is generated from them."""

from __future__ import annotations

import pytest

from helpers import AS_OF, ROOT, VALID, diagnostics
from pncaf.checks.rules import RULES, rules_document, rules_table
from pncaf.checks.rules.base import Example


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


def test_docs_rules_md_is_the_generated_one() -> None:
    written = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == rules_document(), (
        "docs/rules.md differs from the rules' modules: run "
        "`python -m pncaf.checks.rules --doc > docs/rules.md`")


def test_every_rule_is_a_module_with_a_failing_and_a_passing_example() -> None:
    for r in RULES:
        verdicts = {example.fails for example in r.examples()}
        if r.id in ("history-rewritten", "partner-duplicate"):   # two versions or two files
            assert "fails" in r.doc and "passes" in r.doc
            continue
        assert verdicts == {True, False}, f"{r.id}: its docstring needs Fails: and Passes:"


def with_example(example: str) -> str:
    """The shared valid convention with the top-level keys of `example` in place of its
    own (a key written twice in the example is written twice in the file), and the
    example's other keys and comments at the end."""
    base, replacing = _blocks(VALID), _blocks(example)
    replaced = {key for key, _ in replacing}
    out: list[str] = []
    for key, block in base:
        if key not in replaced:
            out.append(block)
        elif key not in {k for k, _ in base[:base.index((key, block))]}:
            out += [b for k, b in replacing if k == key]
    known = {key for key, _ in base}
    return "".join(out + [b for k, b in replacing if k not in known])


def _blocks(text: str) -> list[tuple[str, str]]:
    """(top-level key, its lines) in order; a comment line is a block of its own."""
    blocks: list[tuple[str, str]] = []
    for line in text.splitlines(keepends=True):
        if line.startswith(" ") and blocks:
            key, block = blocks[-1]
            blocks[-1] = (key, block + line)
        else:
            blocks.append((line.split(":")[0] if not line.startswith("#") else line, line))
    return blocks


CASES = [(r.id, n, example) for r in RULES for n, example in enumerate(r.examples())]


@pytest.mark.parametrize(("rule", "example"), [(r, e) for r, _, e in CASES],
                         ids=[f"{r}-{n}" for r, n, _ in CASES])
def test_each_example_fails_or_passes_as_its_rule_says(rule: str, example: Example) -> None:
    text = with_example(example.text)
    found = {d.rule for d in diagnostics(text, example.as_of or AS_OF)}
    assert (rule in found) is example.fails, f"{rule} found {sorted(found)} in:\n{text}"
    if not example.fails:
        assert not {"yaml", "schema"} & found, f"a passing example must be valid:\n{text}"
