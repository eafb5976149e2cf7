"""A date that is very likely a typo (a committee in 2020 for a convention of 2023) is
written, since it can be right, but said at once in French, in the notes both faces show,
while undoing is one click. A signature after today cannot be right: it is refused, and
`check` warns of one typed in the file (`signed-in-future`)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import CONVENTIONS
from pncaf.actions.record import RecordRequest, record
from pncaf.actions.sign import SignRequest, sign
from pncaf.cli.app import app


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("77-valbrune.yaml", "77-villeparisis.yaml"):
        shutil.copy(CONVENTIONS / name, tmp_path)
    return tmp_path


def test_a_signature_after_today_is_refused_and_nothing_written(folder: Path) -> None:
    before = (folder / "77-villeparisis.yaml").read_bytes()
    done = sign(SignRequest(folder / "77-villeparisis.yaml", "01/12/2026", "03/12/2027",
                            today=date(2026, 12, 5)))
    assert not done.written and done.refused is not None
    assert done.refused.field == "signed_partner"
    assert ("--signed-partner 2027-12-03 is after today (2026-12-05): a signature cannot be "
            "in the future") in str(done.refused)
    assert (folder / "77-villeparisis.yaml").read_bytes() == before


def test_new_refuses_a_signature_after_today(folder: Path) -> None:
    target = folder / "77-essai.yaml"
    tomorrow = date.fromordinal(date.today().toordinal() + 1)
    result = CliRunner().invoke(app, [
        "new", str(target), "--from", str(folder / "77-valbrune.yaml"), "--id", "77-essai",
        "--partner-name", "Mairie d'Essai", "--siren", "217705144",
        "--signed-caf", "10/01/2024", "--signed-partner", tomorrow.strftime("%d/%m/%Y")])
    assert result.exit_code == 2 and not target.exists(), result.output
    assert f"{tomorrow.isoformat()} is after today" in result.output


def test_check_warns_of_a_signature_dated_after_the_as_of_day(folder: Path) -> None:
    path = folder / "77-valbrune.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("signed: {caf: 2023-03-01, partner: 2023-03-14}",
                                 "signed: {caf: 2023-03-01, partner: 2027-03-14}"))
    result = CliRunner().invoke(app, ["check", str(path), "--as-of", "2026-12-05"])
    line, column = next((n, row.index("2027") + 1)
                        for n, row in enumerate(path.read_text().splitlines(), 1)
                        if row.startswith("signed:"))
    assert (f"77-valbrune.yaml:{line}:{column}: warning[signed-in-future] signed.partner is "
            "2027-03-14, after 2026-12-05: a signature cannot be in the future") in (
        " ".join(result.output.split())), result.output


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
