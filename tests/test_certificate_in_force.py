"""A label certificate is issued only while the label is in force, never dated after the day
it is issued: the dashboard (`pncaf report`) and `pncaf certificate` ask the same question."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from helpers import CONVENTIONS, VALID, replace
from pncaf.cli.app import app

runner = CliRunner()


def _network(tmp_path: Path) -> Path:
    source = tmp_path / "conventions"
    shutil.copytree(CONVENTIONS, source)
    # a signature typed a year too late: the convention would take effect in 2027
    (source / "77-ecole-test.yaml").write_text(replace(replace(
        VALID, "id: test-convention", "id: 77-ecole-test"),
        "signed: {caf: 2024-01-10, partner: 2024-01-15}",
        "signed: {caf: 2026-12-01, partner: 2027-12-03}"))
    return source


def test_report_writes_no_certificate_for_a_convention_not_yet_in_force(tmp_path: Path) -> None:
    source = _network(tmp_path)
    result = runner.invoke(app, ["report", str(source), "-o", str(tmp_path / "site"),
                                 "--as-of", "2026-11-27"])
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    assert (site / "certificats" / "77-valbrune.html").exists()
    for upcoming, starts in [("77-ecole-test", "3 décembre 2027"),
                             ("77-champs-fleuris", "1er janvier 2027")]:
        assert not (site / "certificats" / f"{upcoming}.html").exists()
        page = (site / "conventions" / f"{upcoming}.html").read_text()
        assert f"Pas de certificat : la convention prend effet le {starts}" in page
    for written in (site / "certificats").glob("*.html"):
        assert "2027" not in written.read_text()     # never dated after the as-of day


def test_certificate_command_refuses_what_the_dashboard_leaves_out(tmp_path: Path) -> None:
    source = _network(tmp_path)
    out = tmp_path / "cert.html"
    result = runner.invoke(app, ["certificate", str(source / "77-ecole-test.yaml"),
                                 "-o", str(out)])
    assert result.exit_code != 0 and not out.exists()
    assert "takes effect on 2027-12-03" in result.output
    tomorrow = date.today().replace(year=date.today().year + 1).isoformat()
    result = runner.invoke(app, ["certificate", str(source / "77-valbrune.yaml"),
                                 "--date", tomorrow, "-o", str(out)])
    assert result.exit_code != 0 and not out.exists()
    assert f"--date {tomorrow} is after today" in result.output
