"""What a town hall reads in a reminder: its sites named one by one, French agreement, and
no claim that does not hold for its convention."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import CONVENTIONS, VALID
from pncaf.cli.app import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_user_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from an empty folder, so that the repository's templates/ is not picked up."""
    monkeypatch.chdir(tmp_path)


def bodies(paths: list[str], out: Path, as_of: str) -> dict[str, str]:
    """The reminders written for `paths` on `as_of`, each parsed as a mail client would."""
    result = runner.invoke(app, ["reminders", *paths, "-o", str(out), "--as-of", as_of])
    assert result.exit_code == 0, result.stderr
    return {p.name: text_of(p.read_bytes()) for p in sorted(out.iterdir())}


def text_of(data: bytes) -> str:
    """The plain-text body, whether or not the annex 2 form is attached."""
    body = email.message_from_bytes(data, policy=email.policy.default).get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def one(messages: dict[str, str], part: str) -> str:
    (body,) = [text for name, text in messages.items() if part in name]
    return body


def test_each_site_is_quoted_on_its_own(tmp_path: Path) -> None:
    messages = bodies([str(CONVENTIONS / "77-valbrune.yaml")], tmp_path / "out", "2026-11-27")
    notice = one(messages, "notice")
    # two sites are two names, not one name « A, B » that does not exist
    assert ("« Espace France services de Valbrune » et « Médiathèque des Quatre Vents »"
            in notice)
    assert "Valbrune, Médiathèque" not in notice


def test_the_visit_is_feminine_and_the_committee_masculine(tmp_path: Path) -> None:
    convention = tmp_path / "test.yaml"
    convention.write_text(VALID, encoding="utf-8")
    # period 1 (15 Jan 2024 – 14 Jan 2025) ends soon without a committee or a visit
    messages = bodies([str(convention)], tmp_path / "out", "2024-12-01")
    visit, committee = one(messages, "_visit-1"), one(messages, "_committee-1")
    assert "au moins une visite annuelle de la Caf" in visit
    assert "Aucune n'est enregistrée" in visit and "elle reste à organiser" in visit
    assert "au moins un comité de pilotage" in committee
    assert "Aucun n'est enregistré" in committee and "il reste à organiser" in committee


def test_no_label_claim_once_the_label_is_withdrawn(tmp_path: Path) -> None:
    messages = bodies([str(CONVENTIONS)], tmp_path / "out", "2026-11-27")
    # La Passerelle lost its label on 2025-03-01: its reports are still owed (Art. 9), but
    # they no longer « conditionnent le suivi du label »
    withdrawn = one(messages, "45-la-passerelle_report-2025-S2")
    assert "Sauf erreur de notre part" in withdrawn and "article 9" in withdrawn
    assert "label" not in withdrawn


def test_the_label_claim_stays_while_the_label_holds(tmp_path: Path) -> None:
    convention = tmp_path / "test.yaml"
    convention.write_text(VALID, encoding="utf-8")
    messages = bodies([str(convention)], tmp_path / "out", "2025-02-01")
    overdue = one(messages, "report-2024-S2")
    assert "ils sont prévus par l'article 9 de la convention et permettent le suivi du label" \
        in overdue


def test_the_notice_deadline_is_not_called_the_term(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["reminders", str(CONVENTIONS / "77-valbrune.yaml"), "-o",
                                 str(out), "--as-of", "2026-11-27"])
    assert result.exit_code == 0, result.stderr
    [notice] = [p for p in out.iterdir() if "notice" in p.name]
    subject = email.message_from_bytes(notice.read_bytes(),
                                       policy=email.policy.default)["Subject"]
    # 13/12/2026 is the last day to give notice; the échéance is 13 March 2027
    assert "dernier jour pour dénoncer la convention" in subject
    assert "13/12/2026" in subject and "Échéance" not in subject


def test_the_subject_sets_the_partners_name_apart(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["reminders", str(CONVENTIONS / "77-valbrune.yaml"), "-o",
                                 str(out), "--as-of", "2026-11-27"])
    assert result.exit_code == 0, result.stderr
    subjects = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)["Subject"]
                for p in out.iterdir()]
    # not « Point numérique Caf Mairie de Valbrune-sur-Loing », as if that were its name
    assert subjects and all("Point numérique Caf (Mairie de Valbrune-sur-Loing) — " in s
                            for s in subjects), subjects


def test_a_site_name_with_its_own_guillemets_is_not_quoted_twice(tmp_path: Path) -> None:
    convention = tmp_path / "77-valbrune.yaml"
    convention.write_text((CONVENTIONS / "77-valbrune.yaml").read_text(encoding="utf-8")
                          .replace("name: Espace France services de Valbrune",
                                   'name: "Salle « L’Atelier » & <Co>"'), encoding="utf-8")
    notice = one(bodies([str(convention)], tmp_path / "out", "2026-11-27"), "notice")
    assert "« Salle “L’Atelier” & <Co> » et « Médiathèque des Quatre Vents »" in notice
    assert "« Salle «" not in notice
