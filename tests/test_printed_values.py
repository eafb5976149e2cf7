"""Values are printed harmlessly (issue 12, point 10): no escape sequence reaches the
terminal, no line break splits a diagnostic, no line of a CI log can start with `::`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import VALID, replace
from pncaf.cli.app import app
from pncaf.printable import shown

runner = CliRunner()
#: A partner name with a colour, a window-title sequence, a line that is a workflow command
#: and a right-to-left override, written with YAML escapes.
HOSTILE = r'"Mairie \e[31mROUGE\e]0;pwned\a\n::error file=x::pwned \u202eevil"'


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    text = replace(VALID, "name: Mairie de Test", f"name: {HOSTILE}")
    text = replace(text, "name: Point d'accueil", f"name: {HOSTILE}")
    (tmp_path / "c.yaml").write_text(text)
    bad = replace(text, 'postcode: "77000"', 'postcode: "7\\n::error::x\\e[2J"')
    (tmp_path / "bad.yaml").write_text(replace(bad, "id: test-convention", "id: bad"))
    return tmp_path


def assert_harmless(output: str, github: bool = False) -> None:
    """No control character; the only lines starting with `::` are pncaf's own annotations
    (`::error file=…/bad.yaml,line=…`)."""
    assert "\x1b" not in output and "\a" not in output and "\u202e" not in output
    for line in output.splitlines():
        if line.startswith("::"):
            assert github and line.startswith(("::error file=/", "::warning file=/")), line


@pytest.mark.parametrize("args", [
    ["dates", "{f}", "--as-of", "2024-06-01"],
    ["agenda", "{f}", "--as-of", "2024-06-01", "--days", "400"],
    ["check", "{f}", "--as-of", "2024-06-01"],
    ["check", "{f}", "--as-of", "2024-06-01", "--format", "github"],
])
def test_values_never_act_on_the_terminal_or_the_log(folder: Path, args: list[str]) -> None:
    result = runner.invoke(app, [a.format(f=folder) for a in args], env={"COLUMNS": "300"})
    assert result.exit_code in (0, 1), result.output
    assert_harmless(result.stdout, github="github" in args)
    assert_harmless(result.stderr)
    if args[0] in ("dates", "agenda"):
        # such a name is refused by `check` (a name is one line of plain text), so the
        # commands that compute with conventions skip the file and say so
        assert result.exit_code == 1 and "skipped" in result.stderr
    else:
        assert "ROUGE" in result.stdout and "\\x1b" in result.stdout   # shown, escaped


def test_json_keeps_the_value_exactly(folder: Path) -> None:
    result = runner.invoke(app, ["check", str(folder / "bad.yaml"), "--format", "json"])
    messages = " ".join(d["message"] for d in json.loads(result.stdout)["diagnostics"])
    assert "7\n::error::x\x1b[2J" in messages        # JSON escapes it; the data is intact


def test_shown_escapes_only_what_acts() -> None:
    assert shown("Mairie de l’Haÿ-les-Roses — 5 €") == "Mairie de l’Haÿ-les-Roses — 5 €"
    assert shown("a\nb\x1b[0m\u202e") == "a\\nb\\x1b[0m\\u202e"


def test_a_printable_text_is_shown_as_it_is_and_only_then() -> None:
    """`shown` skips its pattern on a text Python counts as printable: every character the
    pattern escapes (controls, separators, bidirectional marks) is one Python does not
    count as printable, so that text comes out the same either way; all the others still
    go through the pattern."""
    from pncaf.printable import _UNSAFE

    for code in range(0x110000):
        char = chr(code)
        if _UNSAFE.match(char):
            assert not char.isprintable(), hex(code)
            assert shown(f"a{char}b") != f"a{char}b"
    assert shown("« 1er semestre 2024 », 3 days") == "« 1er semestre 2024 », 3 days"
    assert shown("x\u00a0y\u202ez") == "x\u00a0y\\u202ez"      # not printable: the pattern
