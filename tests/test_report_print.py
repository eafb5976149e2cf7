"""The dashboard printed for the steering committee (Chromium's print to PDF, as « Imprimer »
in a browser): no on-screen instruction on paper, and the tables at the page's full width."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner

from helpers import CONVENTIONS
from pncaf.cli.app import app
from test_report import browse

runner = CliRunner()


def test_the_printed_dashboard_reads_as_paper(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = runner.invoke(app, ["report", str(CONVENTIONS), "-o", str(site), "--as-of",
                                 "2026-11-27", "--templates", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "index.pdf"
    browse((site / "index.html").as_uri(), tmp_path / "profile", "--no-pdf-header-footer",
           f"--print-to-pdf={pdf}")
    lines = [" ".join(line.split()) for page in PdfReader(str(pdf)).pages
             for line in page.extract_text().splitlines()]
    text = " ".join(lines)
    assert "Réseau des Points numériques Caf" in text
    # « click a column title » means nothing on paper
    assert "cliquez" not in text
    # the semesters' table is not squeezed into half a page: a semester's name on one line
    assert any(line.startswith("1er semestre 2022") for line in lines), lines
