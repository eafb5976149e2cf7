"""Annex 2 rules: indicators off the team's list, and a semester reported twice."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from helpers import VALID, diagnostics, line_of, load, replace
from pncaf.checks.runner import check_loaded
from pncaf.cli.entry import run

LATER = date(2025, 3, 1)


def with_history(*events: str) -> str:
    return replace(VALID, "history: []", "history:\n" + "".join(f"  - {e}\n" for e in events))


@pytest.mark.parametrize(("written", "suggested"), [
    ("démarches", "demarches"),
    ("demarche", "demarches"),
    ("nombre d'accueils", "accueils"),
    ("Personnes accueillies", "accueils"),
    ("rendez-vous", "rendez_vous"),
])
def test_an_indicator_off_the_list_is_named_with_the_nearest_one(written: str,
                                                                 suggested: str) -> None:
    text = with_history(f'{{date: 2024-08-05, event: report, period: 2024-S1, '
                        f'indicators: {{"{written}": 12, accueils: 30}}}}')
    found = [d for d in diagnostics(text, LATER) if d.rule == "indicator-unknown"]
    assert len(found) == 1
    assert found[0].severity.value == "warning"
    assert f"`{written}`" in found[0].message
    assert f"did you mean `{suggested}`" in found[0].message
    assert found[0].line == line_of(text, written)


def test_an_indicator_with_nothing_near_lists_the_keys() -> None:
    text = with_history("{date: 2024-08-05, event: report, period: 2024-S1, "
                        "indicators: {zzz: 1}}")
    [found] = [d for d in diagnostics(text, LATER) if d.rule == "indicator-unknown"]
    assert "did you mean" not in found.message
    assert "`accueils`" in found.message and "[indicators]" in found.message


def test_the_teams_list_replaces_the_default_one() -> None:
    text = with_history("{date: 2024-08-05, event: report, period: 2024-S1, "
                        "indicators: {accueils: 3, ateliers: 2}}")
    loaded = load(text)
    default = [d.message for d in check_loaded(loaded, LATER).diagnostics
               if d.rule == "indicator-unknown"]
    assert len(default) == 1 and "`ateliers`" in default[0]
    own = {"ateliers": "Ateliers collectifs", "accueils": "Personnes accueillies"}
    assert [d for d in check_loaded(loaded, LATER, indicators=own).diagnostics
            if d.rule == "indicator-unknown"] == []


def test_check_reads_the_indicators_of_pncaf_toml(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    conventions = tmp_path / "conventions"
    conventions.mkdir()
    (conventions / "a.yaml").write_text(with_history(
        "{date: 2024-08-05, event: report, period: 2024-S1, indicators: {ateliers: 2}}"))
    monkeypatch.chdir(tmp_path)
    assert run(["check", "--as-of", "2025-03-01", "-f", "json"]) == 0
    rules = [d["rule"] for d in json.loads(capsys.readouterr().out)["diagnostics"]]
    assert "indicator-unknown" in rules
    (tmp_path / "pncaf.toml").write_text('[indicators]\nateliers = "Ateliers collectifs"\n')
    assert run(["check", "--as-of", "2025-03-01", "-f", "json"]) == 0
    rules = [d["rule"] for d in json.loads(capsys.readouterr().out)["diagnostics"]]
    assert "indicator-unknown" not in rules
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_text('[indicators]\naccueils = "Personnes accueillies"\n')
    assert run(["check", "--as-of", "2025-03-01", "--config", str(elsewhere), "-f",
                "json"]) == 0
    rules = [d["rule"] for d in json.loads(capsys.readouterr().out)["diagnostics"]]
    assert "indicator-unknown" in rules


def test_a_broken_pncaf_toml_fails_the_check_with_its_position(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    conventions = tmp_path / "conventions"
    conventions.mkdir()
    (conventions / "a.yaml").write_text(VALID)
    (tmp_path / "pncaf.toml").write_text('[indicators]\naccueils = "Accueils"\n[oficer]\n')
    monkeypatch.chdir(tmp_path)
    assert run(["check", "--as-of", "2024-01-15"]) == 1
    out = capsys.readouterr().out
    assert "pncaf.toml:3:1: error[settings] unknown setting `oficer`" in out


def test_a_second_report_needs_correction() -> None:
    first = "{date: 2024-08-05, event: report, period: 2024-S1, indicators: {accueils: 12}}"
    second = "{date: 2024-09-01, event: report, period: 2024-S1, indicators: {accueils: 14}}"
    text = with_history(first, second)
    [found] = [d for d in diagnostics(text, LATER) if d.rule == "report-duplicate"]
    assert found.line == line_of(text, "2024-09-01")
    assert "2024-08-05" in found.message and "correction: true" in found.message
    corrected = with_history(first, second.replace("period: 2024-S1,",
                                                   "period: 2024-S1, correction: true,"))
    assert "report-duplicate" not in [d.rule for d in diagnostics(corrected, LATER)]
    other = with_history(first, second.replace("2024-S1", "2024-S2"))
    assert "report-duplicate" not in [d.rule for d in diagnostics(other, LATER)]


def test_the_dashboard_reads_both_rules_in_french() -> None:
    text = with_history(
        "{date: 2024-08-05, event: report, period: 2024-S1, indicators: {accueils: 12}}",
        "{date: 2024-09-01, event: report, period: 2024-S1, indicators: {\"démarches\": 3}}")
    found = {d.rule: d.message_fr for d in check_loaded(load(text), LATER, french=True)
             .diagnostics}
    assert found["indicator-unknown"] == (
        "l'indicateur `démarches` du rapport du 1er semestre 2024 n'est pas dans la liste de "
        "l'annexe 2 et il est compté à part : vouliez-vous dire « Démarches en ligne "
        "accompagnées » (`demarches`) ? Sinon, ajoutez-le à [indicators] dans pncaf.toml")
    assert found["report-duplicate"] == (
        "deuxième rapport pour le 1er semestre 2024 (le premier est du 5 août 2024) sans "
        "`correction: true` : seul le dernier compte ; ajoutez `correction: true` pour dire "
        "qu'il remplace le premier")
