"""The position-aware YAML reader: values, positions and the inputs it refuses."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from pncaf.files.yaml_positions import MAX_NODES, parse_yaml, resolve_plain


def test_values_and_positions() -> None:
    parsed, problems = parse_yaml("a: 1\nb:\n  - x\n  - {c: 'd'}\n")
    assert problems == [] and parsed is not None
    assert parsed.data == {"a": 1, "b": ["x", {"c": "d"}]}
    assert parsed.source.value(("a",)) == (1, 4)
    assert parsed.source.key(("b",)) == (2, 1)
    assert parsed.source.value(("b", 1, "c")) == (4, 9)
    assert parsed.source.key(("b", 1, "c")) == (4, 6)
    # an unknown path falls back to its nearest known ancestor
    assert parsed.source.value(("b", 1, "missing")) == (4, 5)


def test_core_schema_resolution_keeps_dates_and_codes_as_written() -> None:
    assert resolve_plain("2023-06-15") == "2023-06-15"
    assert resolve_plain("08:30-12:00") == "08:30-12:00"
    assert resolve_plain("yes") == "yes"           # YAML 1.2: not a boolean
    assert resolve_plain("true") is True
    assert resolve_plain("~") is None
    assert resolve_plain("012") == 12
    assert resolve_plain("1.5") == 1.5
    assert resolve_plain("077-217705144") == "077-217705144"


def test_quoted_scalars_stay_text() -> None:
    parsed, _ = parse_yaml('a: "77270"\nb: \'true\'\n')
    assert parsed is not None and parsed.data == {"a": "77270", "b": "true"}


def test_duplicate_key_is_reported_at_the_second_one() -> None:
    _, problems = parse_yaml("name: a\nother: b\nname: c\n")
    assert [(p.line, p.column) for p in problems] == [(3, 1)]
    assert "duplicate key `name`" in problems[0].message and "line 1" in problems[0].message


def test_aliases_are_followed_within_a_budget() -> None:
    parsed, problems = parse_yaml("a: &h ['09:00-12:00']\nb: *h\n")
    assert problems == [] and parsed is not None
    assert parsed.data["b"] == ["09:00-12:00"]
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n"
        for i in range(8))
    parsed, problems = parse_yaml(bomb)
    assert parsed is None and str(MAX_NODES) in problems[0].message


def test_custom_tags_are_refused() -> None:
    _, problems = parse_yaml("a: !!python/object:os.system ls\n")
    assert problems and "tags" in problems[0].message and problems[0].line == 1


def test_second_document_is_refused() -> None:
    _, problems = parse_yaml("a: 1\n---\nb: 2\n")
    assert problems[0].line == 2 and "one file holds one convention" in problems[0].message


def test_syntax_error_has_position_and_hint() -> None:
    parsed, problems = parse_yaml("a: 1\nb: [1, 2\nc: 3\n")
    assert parsed is None
    assert problems[0].rule == "yaml" and problems[0].line >= 2


def test_deep_nesting_is_one_error_not_a_crash() -> None:
    parsed, problems = parse_yaml("a: " + "[" * 10_000 + "]" * 10_000)
    assert parsed is None and "deeper" in problems[0].message


def test_comment_only_file() -> None:
    parsed, problems = parse_yaml("# nothing here\n")
    assert parsed is None and "no data" in problems[0].message


def _core_schema(value: str) -> object:
    """The YAML 1.2 core schema as its patterns state it: what the fast reading must give."""
    import re

    if re.fullmatch(r"~|null|Null|NULL|", value):
        return None
    if value in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return value.lower() == "true"
    if re.fullmatch(r"[-+]?[0-9]+", value):
        return int(value)
    if re.fullmatch(r"0o[0-7]+", value):
        return int(value[2:], 8)
    if re.fullmatch(r"0x[0-9a-fA-F]+", value):
        return int(value[2:], 16)
    if (re.fullmatch(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?", value)
            and any(c.isdigit() for c in value)):
        return float(value)
    return value


@given(st.text(alphabet="0123456789-+.eExob:~ nulNtrTfFaA\u00b2\u0663", max_size=12))
@example("1e-5")
@example("2026-12-05")
@example("0x1F")
@example("12\u0663")
@example("training")
@example("nULL")
@example("False")
@example("t")
def test_plain_scalars_resolve_as_the_core_schema_says(value: str) -> None:
    """Every plain scalar reads as the core schema's patterns say, though most are sent
    back as text on their first character or a minus (dates) without trying them."""
    expected = _core_schema(value)
    got = resolve_plain(value)
    assert got == expected and type(got) is type(expected)
