"""A document asked of a broken convention file: the refusal says where the first problem is
(file:line:col) and what to write, so the officer need not run another command to find it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import VALID, replace
from pncaf.cli.app import app

runner = CliRunner()


@pytest.mark.parametrize("command", [
    ["certificate"], ["sheet"], ["convention"], ["form", "--period", "2024-S2"]])
def test_a_refusal_names_the_first_error_and_its_place(tmp_path: Path,
                                                       command: list[str]) -> None:
    broken = tmp_path / "77-test.yaml"
    broken.write_text(replace(VALID, "      monday:", "      lundi:"), encoding="utf-8")
    out = tmp_path / "out.pdf" if command[0] != "form" else tmp_path / "out.xlsx"
    result = runner.invoke(app, [command[0], str(broken), *command[1:], "-o", str(out)])
    assert result.exit_code == 1
    assert f"{broken}:18:7" in result.stderr
    assert "use `monday`" in result.stderr
    assert f"pncaf check {broken}" in result.stderr
    assert not out.exists()
