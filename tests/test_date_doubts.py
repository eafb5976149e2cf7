"""A date that is very likely a typo (a year off: a signature in 2027 typed on 5 December
2026, a committee in 2020 for a convention of 2023) is written, since it can be right,
but said at once in French, in the notes both faces show, while undoing is one click."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from helpers import CONVENTIONS
from pncaf.actions.record import RecordRequest, record
from pncaf.actions.sign import SignRequest, sign
from pncaf.format.loader import load_file


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("77-valbrune.yaml", "77-villeparisis.yaml"):
        shutil.copy(CONVENTIONS / name, tmp_path)
    return tmp_path


def test_a_signature_a_year_ahead_is_pointed_out(folder: Path) -> None:
    done = sign(SignRequest(folder / "77-villeparisis.yaml", "01/12/2026", "03/12/2027",
                            today=date(2026, 12, 5)))
    assert done.written, done.refused
    assert done.date_doubts == [
        "Date à vérifier : la signature du partenaire porte la date du 03/12/2027, "
        "postérieure à aujourd'hui (05/12/2026) (une faute de frappe sur l'année ?). Jusqu'à "
        "ce jour, pncaf n'en tient pas compte. Si la date est fausse, annulez ce dernier "
        "enregistrement et refaites-le."]
    signed = load_file(folder / "77-villeparisis.yaml").convention
    assert signed is not None and signed.signed.partner == date(2027, 12, 3)


def test_signatures_of_the_past_raise_no_doubt(folder: Path) -> None:
    done = sign(SignRequest(folder / "77-villeparisis.yaml", "01/12/2026", "03/12/2026",
                            today=date(2026, 12, 5)))
    assert done.written and done.notes == [] and done.date_doubts == []


def test_an_event_before_the_convention_took_effect_is_pointed_out(folder: Path) -> None:
    done = record(RecordRequest(folder / "77-valbrune.yaml", "committee", date="01/01/2020"))
    assert done.written, done.refused
    assert done.date_doubts == [
        "Date à vérifier : la réunion du comité porte la date du 01/01/2020, antérieure à "
        "la prise d'effet de la convention (14/03/2023) : elle ne compte pour aucune de ses "
        "périodes. Si la date est fausse, annulez ce dernier enregistrement et refaites-le."]


def test_an_event_after_today_is_pointed_out_and_a_usual_one_is_not(folder: Path) -> None:
    later = date.today().replace(year=date.today().year + 1)
    done = record(RecordRequest(folder / "77-valbrune.yaml", "visit",
                                date=later.isoformat(), outcome="compliant"))
    assert done.written and len(done.date_doubts) == 1
    assert "la visite porte la date du" in done.date_doubts[0]
    assert "une faute de frappe sur l'année ?" in done.date_doubts[0]
    usual = record(RecordRequest(folder / "77-valbrune.yaml", "committee", date="2026-11-30"))
    assert usual.written and usual.date_doubts == []
