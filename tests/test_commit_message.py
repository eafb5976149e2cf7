"""The commit pncaf makes from a change's meaning: a subject git shows whole (≤ 72
characters, never cut within a word) naming the convention and what was recorded, the
details in the body. Against a real git repository."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from helpers import CONVENTIONS
from pncaf.actions.commit import CommitRequest, commit_file, proposed_commit
from pncaf.actions.record import RecordRequest, record
from pncaf.actions.sign import SignRequest, sign


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(CONVENTIONS, tmp_path / "conventions")
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.name", "Agent Test")
    git(tmp_path, "config", "user.email", "agent@example.org")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "Les conventions")
    return tmp_path


def test_signatures_make_a_short_subject_and_a_detailed_body(repo: Path) -> None:
    file = repo / "conventions" / "77-villeparisis.yaml"
    assert sign(SignRequest(file, "01/12/2026", "03/12/2026")).written
    done = commit_file(CommitRequest(file))
    assert done.ok, done.refused
    subject, blank, *body = git(repo, "log", "-1", "--format=%B").rstrip("\n").split("\n")
    assert subject == ("77-villeparisis : Signatures Caf 01/12/2026, partenaire "
                       "03/12/2026")
    assert len(subject) <= 72 and blank == ""
    text = "\n".join(body)
    assert "- Signature de la Caf : aucune → 1er décembre 2026" in text
    assert "- Signature du partenaire : aucune → 3 décembre 2026" in text
    assert "Statut au" in text and text.endswith("Fichier : conventions/77-villeparisis.yaml "
                                                 "(pncaf)")
    assert all(len(line) <= 72 for line in body), body


def test_a_long_name_gives_way_to_the_id_and_more_events_are_counted(repo: Path) -> None:
    file = repo / "conventions" / "77-valbrune.yaml"
    long_name = "Communauté de communes du Pays de Valbrune-sur-Loing et des Quatre Vents"
    file.write_text(file.read_text(encoding="utf-8").replace(
        "name: Mairie de Valbrune-sur-Loing", f"name: {long_name}"), encoding="utf-8")
    git(repo, "commit", "-qam", "nom")
    for day in ("2026-10-01", "2026-10-15", "2026-11-02"):
        assert record(RecordRequest(file, "committee", date=day,
                                    note="bilan annuel et nouvelle affiche")).written
    message = proposed_commit(CommitRequest(file)).message
    subject = message.split("\n", 1)[0]
    assert subject == "77-valbrune : Comité de pilotage du 01/10/2026 (+2)"
    assert len(subject) <= 72
    assert message.count("- Comité de pilotage tenu le") == 3


def test_one_event_is_named_whole(repo: Path) -> None:
    file = repo / "conventions" / "77-valbrune.yaml"
    assert record(RecordRequest(file, "visit", date="2026-11-02",
                                outcome="action_plan", note="signalétique")).written
    message = proposed_commit(CommitRequest(file)).message
    assert message.split("\n")[0] == ("Mairie de Valbrune-sur-Loing : Visite du 02/11/2026 "
                                      "(plan d'action)")


def test_no_subject_is_cut_within_a_word() -> None:
    from pncaf.checks.diagnostics import Severity
    from pncaf.review.changes import Change, FileReview
    from pncaf.review.commit_message import commit_message

    sentence = ("Ensemble des sites passés de 24 h d'ouverture par semaine à 10 h sous le "
                "minimum de l'article 4 et le point n'assure plus l'accueil")
    review = FileReview("conventions/77-x.yaml", "77-x", "Mairie de X",
                        [Change("network-hours", sentence, Severity.ERROR)])
    subject = commit_message(review).split("\n")[0]
    assert len(subject) <= 72 and subject.endswith(" …")
    shown = subject.split(" : ", 1)[1].removesuffix(" …")
    assert sentence.startswith(shown + " ")              # whole words only


def test_an_acknowledgment_is_named_by_the_rule_s_french_name(repo: Path) -> None:
    file = repo / "conventions" / "45-la-passerelle.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace(
        "name: Centre social La Passerelle", "name: La Passerelle"), encoding="utf-8")
    git(repo, "commit", "-qam", "nom")
    assert record(RecordRequest(file, "acknowledgment", date="2026-12-05",
                                rule="report-overdue", subject="2025-S2",
                                note="rapport jamais reçu", today=date(2026, 12, 5))).written
    message = proposed_commit(CommitRequest(file)).message
    assert message.split("\n")[0] == ("La Passerelle : Indicateurs non reçus 2025-S2 pris en "
                                      "compte")
    assert "(« indicateurs non reçus », 2025-S2)" in " ".join(message.split())
    assert "report-overdue" not in message
