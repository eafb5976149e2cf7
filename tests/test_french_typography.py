"""French typography in what is printed: a quotation mark never sits alone at the end or the
start of a line (« Point numérique Caf » stays one piece), as a partner sees on paper."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from typer.testing import CliRunner

from helpers import CONVENTIONS
from pncaf.cli.app import app
from pncaf.outputs.documents import SPACES, tie_quotes

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_user_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def lines_of(pdf: Path) -> list[str]:
    return [line.strip() for page in PdfReader(str(pdf)).pages
            for line in page.extract_text().splitlines() if line.strip()]


@pytest.mark.parametrize("command", ["certificate", "sheet", "convention"])
def test_no_line_of_the_pdf_ends_on_an_opening_quote(tmp_path: Path, command: str) -> None:
    out = tmp_path / f"{command}.pdf"
    result = runner.invoke(app, [command, str(CONVENTIONS / "77-valbrune.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = lines_of(out)
    assert any("Point numérique Caf" in line for line in lines)
    assert [line for line in lines if line.endswith("«") or line.startswith("»")] == []


@pytest.mark.parametrize("command", ["certificate", "convention"])
def test_the_html_ties_quotes_to_their_words(tmp_path: Path, command: str) -> None:
    out = tmp_path / f"{command}.html"
    result = runner.invoke(app, [command, str(CONVENTIONS / "77-valbrune.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "«\u00a0Point numérique Caf\u00a0»" in html
    assert "« " not in html and " »" not in html


def test_the_dashboard_says_une_visite_par_an(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = runner.invoke(app, ["report", str(CONVENTIONS), "-o", str(site),
                                 "--as-of", "2026-11-27"])
    assert result.exit_code == 0, result.output
    page = (site / "conventions" / "45-la-passerelle.html").read_text(encoding="utf-8")
    # La Passerelle had no visit in its second period: « une » visite, « un » comité
    assert "aucune visite de la Caf enregistrée pendant la période 2" in page
    assert "en prévoit au moins une par an" in page
    assert "aucun comité de pilotage enregistré pendant la période 1" in page
    assert "en prévoit au moins un par an" in page


def test_the_dashboard_counts_equipment_in_words(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = runner.invoke(app, ["report", str(CONVENTIONS), "-o", str(site),
                                 "--as-of", "2026-11-27"])
    assert result.exit_code == 0, result.output
    page = (site / "conventions" / "77-valbrune.html").read_text(encoding="utf-8")
    # as the convention's article 8 says it, not « 1 imprimante(s) »
    assert "Équipement : 2 ordinateurs, 1 imprimante et 1 scanner." in page
    assert "(s)" not in page


# How the quotes were tied, by two patterns: the faster `tie_quotes` must give the same text.
_OPENING, _CLOSING = re.compile(r"«[^\S\u00a0]+"), re.compile(r"[^\S\u00a0]+»")


@given(st.lists(st.sampled_from(["«", "»", " ", "\u00a0", "\t", "\n", "\u2009", "\u3000",
                                  "\u202f", "a", "<b>"]), max_size=40).map("".join))
def test_quotes_are_tied_as_the_patterns_tied_them(text: str) -> None:
    assert tie_quotes(text) == _CLOSING.sub("\u00a0»", _OPENING.sub("«\u00a0", text))


def test_the_spaces_before_a_closing_quote_are_every_space_but_the_no_break_one() -> None:
    spaces = {c for c in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(r"\s", c)}
    assert spaces - {"\u00a0"} == set(SPACES)
