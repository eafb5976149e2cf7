"""`pncaf new`: options or prompts, a commented file that passes check, never overwriting."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import CONVENTIONS
from pncaf.cli.app import app

runner = CliRunner()

PARTNER = ["--partner-name", "Mairie d'Essai", "--siren", "217709997",
           "--partner-street", "1 place de la Mairie", "--partner-postcode", "77999",
           "--partner-city", "Essai-sur-Seine", "--partner-representative", "Anne Bernard",
           "--partner-title", "Maire", "--hours", "monday=09:00-12:00,14:00-17:00",
           "--hours", "jeudi=09:00-12:00,14:00-17:00"]


def test_new_with_options_passes_check(tmp_path: Path) -> None:
    target = tmp_path / "77-essai.yaml"
    result = runner.invoke(app, ["new", str(target), "--from",
                                 str(CONVENTIONS / "77-valbrune.yaml"), *PARTNER])
    assert result.exit_code == 0, result.stderr
    text = target.read_text()
    assert text.startswith("# ") and "# Art. 7" in text          # commented for people
    assert 'monday: ["09:00-12:00", "14:00-17:00"]' in text
    assert "thursday:" in text and "Gaëlle Choquer-Marchand" in text
    check = runner.invoke(app, ["check", str(target), "--format", "json"])
    assert check.exit_code == 0 and '"errors": 0' in check.stdout


def test_new_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("keep me")
    result = runner.invoke(app, ["new", str(target), "--from",
                                 str(CONVENTIONS / "77-valbrune.yaml"), *PARTNER])
    assert result.exit_code == 2 and "never overwrites" in result.stderr
    assert target.read_text() == "keep me"


def test_new_without_terminal_lists_missing_options(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2 and "--caf-name" in result.stderr and "--siren" in result.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_new_rejects_bad_values(tmp_path: Path) -> None:
    args = [a if a != "217709997" else "217709998" for a in PARTNER]
    result = runner.invoke(app, ["new", str(tmp_path / "x.yaml"), "--from",
                                 str(CONVENTIONS / "77-valbrune.yaml"), *args])
    assert result.exit_code == 2 and "check digit" in result.stderr


def test_new_refuses_a_convention_below_the_minimum(tmp_path: Path) -> None:
    args = PARTNER[:-2]              # only Monday: 2 half-days, 6 hours
    result = runner.invoke(app, ["new", str(tmp_path / "x.yaml"), "--from",
                                 str(CONVENTIONS / "77-valbrune.yaml"), *args])
    assert result.exit_code == 1 and "opening minimum" in result.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_new_interactive_asks_and_validates_each_answer(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import pncaf.cli.commands.new

    monkeypatch.setattr(pncaf.cli.commands.new, "interactive", lambda: True)   # as on a terminal
    answers = [
        "Caisse d'allocations familiales de Test", "1 rue de la Caf", "7700", "77000",
        "Melun", "",   # signing city: the default (the Caf's city)
        "Anne Caf", "Directrice", "pas-un-courriel", "niveau2@caf.example",
        "Mairie de Test", "217705145", "217705144", "1 place", "77270", "Villeparisis",
        "Marc Maire", "Maire", "",                       # no partner e-mail
        "", "", "", "",                                  # the site takes the partner's details
        "lundi=09:00-12:00,14:00-17:00; tuesday=09:00-12:00,14:00-17:00",
        "",                                              # no monthly opening
        "",                                              # no site manager
        "1", "1", "1",                                   # equipment
        "",                                              # no other site
        "2024-01-10", "2024-01-15",
    ]
    target = tmp_path / "x.yaml"
    result = runner.invoke(app, ["new", str(target)], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "a postcode is 5 digits" in result.output           # asked again after 7700
    assert "check digit" in result.output                       # and after a bad SIREN
    text = target.read_text()
    assert "city: Melun" in text and "signed: {caf: 2024-01-10, partner: 2024-01-15}" in text
    assert "name: Mairie de Test" in text and "street: 1 place" in text


@pytest.mark.parametrize("name", ["X\neffective: 2020-01-01", "X\reffective: 2020-01-01",
                                  "X\u2028effective: 2020-01-01", "X\x1b[31m"])
def test_a_line_break_in_a_value_never_injects_a_key(tmp_path: Path, name: str) -> None:
    target = tmp_path / "x.yaml"
    args = [name if a == "Mairie d'Essai" else a for a in PARTNER]
    result = runner.invoke(app, ["new", str(target), "--from",
                                 str(CONVENTIONS / "77-valbrune.yaml"), *args])
    assert result.exit_code == 2 and "partner-name: one line" in result.stderr, result.stderr
    assert not target.exists()


def test_a_line_break_in_the_file_name_stays_in_the_comment(tmp_path: Path) -> None:
    target = tmp_path / "x\neffective: 2020-01-01\n.yaml"
    result = runner.invoke(app, ["new", str(target), "--from",
                                 str(CONVENTIONS / "77-valbrune.yaml"), "--id", "x", *PARTNER])
    assert result.exit_code == 0, result.stderr
    import yaml
    assert "effective" not in yaml.safe_load(target.read_text())


def test_new_takes_hours_and_dates_written_the_french_way(tmp_path: Path) -> None:
    target = tmp_path / "77-essai.yaml"
    args = [a for a in PARTNER[:-4]] + ["--hours", "lundi=8h30-12h,14h-17h30",
                                        "--hours", "jeudi=9h-12h,14h-17h",
                                        "--signed-caf", "10/01/2024",
                                        "--signed-partner", "15/01/2024"]
    result = runner.invoke(app, ["new", str(target), "--from",
                                 str(CONVENTIONS / "77-valbrune.yaml"), *args])
    assert result.exit_code == 0, result.stderr
    text = target.read_text()
    assert 'monday: ["08:30-12:00", "14:00-17:30"]' in text
    assert 'thursday: ["09:00-12:00", "14:00-17:00"]' in text
    assert "signed: {caf: 2024-01-10, partner: 2024-01-15}" in text
