"""Small modules and short commands (issue 20): no module of pncaf over 400 lines, and no
function of the command line over 40, so that every command stays « parse options → call
the action → print » and its business steps live in `pncaf.actions`, where the web app
calls them too. Measured on the syntax tree, docstrings and decorators included."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

SRC = ROOT / "src" / "pncaf"
MAX_MODULE_LINES = 400
MAX_COMMAND_LINES = 40


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_no_module_over_400_lines() -> None:
    long = {str(p.relative_to(SRC)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"split these modules (lines): {long}"


def _functions(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            assert node.end_lineno is not None
            found.append((node.name, node.end_lineno - first + 1))
    return found


def test_no_command_function_over_40_lines() -> None:
    long = {f"{p.relative_to(SRC)}:{name}": n for p in _modules()
            if p.is_relative_to(SRC / "cli") for name, n in _functions(p)
            if n > MAX_COMMAND_LINES}
    assert not long, f"move business steps into pncaf.actions (lines): {long}"


def test_the_measure_sees_a_long_function(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(45))
    sample = tmp_path / "sample.py"
    sample.write_text(f"@decorated\ndef long() -> None:\n{body}\n", encoding="utf-8")
    assert _functions(sample) == [("long", 47)]
