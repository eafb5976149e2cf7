"""`pncaf new` on a real pseudo-terminal (pexpect), as an officer types it: a mistake in
the hours is asked again with the Art. 4 minimum explained, nothing typed is lost, and
several sites, monthly openings, a manager and the equipment can be given."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect

from pncaf.format.loader import load_file

PNCAF = str(Path(sys.executable).with_name("pncaf"))
CAF_AND_PARTNER = [
    ("Caf \\(nom complet\\)", "Caisse d'allocations familiales de Test"),
    ("Caf — adresse", "1 rue de la Caf"),
    ("Caf — code postal", "77000"),
    ("Caf — commune", "Melun"),
    ("Ville où la Caf signe", ""),
    ("Caf — nom du ou de la signataire", "Anne Caf"),
    ("Caf — titre", "Directrice"),
    ("contact niveau 2", "niveau2@caf.example"),
    ("Partenaire \\(nom\\)", "Mairie de Test"),
    ("SIREN", "217705144"),
    ("Partenaire — adresse", "1 place de la Mairie"),
    ("Partenaire — code postal", "77270"),
    ("Partenaire — commune", "Villeparisis"),
    ("représentant", "Marc Maire"),
    ("Partenaire — titre", "Maire"),
    ("courriel", ""),
]


def spawn(target: Path) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return pexpect.spawn(PNCAF, ["new", str(target)], env=env, encoding="utf-8", timeout=30,
                         dimensions=(50, 200))


def answer(child: pexpect.spawn, prompt: str, reply: str) -> None:
    child.expect(prompt)
    child.sendline(reply)


def test_new_on_a_terminal_with_two_sites_and_a_second_try_at_the_hours(tmp_path: Path,
                                                                         ) -> None:
    target = tmp_path / "77-test.yaml"
    child = spawn(target)
    for prompt, reply in CAF_AND_PARTNER:
        answer(child, prompt, reply)
    answer(child, "Lieu d'accueil 1\\s+Nom", "")                    # the partner's name
    answer(child, "Adresse", "")
    answer(child, "Code postal", "")
    answer(child, "Commune", "")
    answer(child, "Horaires", "lundi=8h30-12h")                     # below the minimum
    answer(child, "Ouverture mensuelle", "4 samedi 9h-12h")
    answer(child, "Ouverture mensuelle", "")
    answer(child, "Responsable du lieu, nom", "Atika Belkebir")
    answer(child, "Responsable du lieu, fonction", "Responsable")
    answer(child, "ordinateurs", "3")
    answer(child, "imprimantes", "1")
    answer(child, "scanners", "0")
    answer(child, "Ajouter un autre lieu", "o")
    answer(child, "Lieu d'accueil 2\\s+Nom", "Médiathèque des Saules")
    answer(child, "Adresse", "3 rue des Saules")
    answer(child, "Code postal", "")
    answer(child, "Commune", "")
    answer(child, "Horaires", "mardi=14h-17h")
    answer(child, "Ouverture mensuelle", "")
    answer(child, "Responsable du lieu, nom", "")
    answer(child, "ordinateurs", "1")
    answer(child, "imprimantes", "0")
    answer(child, "scanners", "1")
    answer(child, "Ajouter un autre lieu", "n")
    child.expect("Minimum d'ouverture de l'article 4 non atteint")
    child.expect("au moins 4 demi-journées et 12 h")
    child.expect("rien n'est perdu")
    answer(child, "Horaires du lieu 1 \\(Mairie de Test\\)", "lundi=8h30-12h,14h-17h; jeudi=9h-12h")
    answer(child, "Horaires du lieu 2 \\(Médiathèque des Saules\\)", "")    # kept as it was
    answer(child, "signature de la Caf", "10/01/2024")
    answer(child, "signature du partenaire", "2024-01-15")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    loaded = load_file(target)
    assert loaded.convention is not None, loaded.diagnostics
    first, second = loaded.convention.sites
    assert [str(r) for r in first.hours.monday] == ["08:30-12:00", "14:00-17:00"]
    assert first.monthly[0].nth == 4 and first.monthly[0].weekday == "saturday"
    assert first.manager is not None and first.manager.name == "Atika Belkebir"
    assert first.equipment is not None and first.equipment.computers == 3
    assert second.name == "Médiathèque des Saules" and second.equipment is not None
    assert second.equipment.scanners == 1 and [str(r) for r in second.hours.tuesday] == [
        "14:00-17:00"]
    assert str(loaded.convention.signed.caf) == "2024-01-10"


def test_a_wrong_answer_is_asked_again_on_the_terminal(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    child = spawn(target)
    answer(child, "Caf \\(nom complet\\)", "Caisse d'allocations familiales de Test")
    answer(child, "Caf — adresse", "1 rue de la Caf")
    answer(child, "Caf — code postal", "7700")
    child.expect("a postcode is 5 digits")
    answer(child, "Caf — code postal", "77000")
    child.expect("Caf — commune")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert not target.exists()


def test_hours_typed_again_below_the_minimum_add_to_those_already_given(tmp_path: Path,
                                                                        ) -> None:
    # « Complétez les horaires (rien n'est perdu) »: an officer types only the days to add;
    # the Monday typed first must not be dropped.
    target = tmp_path / "77-test.yaml"
    child = spawn(target)
    for prompt, reply in CAF_AND_PARTNER:
        answer(child, prompt, reply)
    answer(child, "Lieu d'accueil 1\\s+Nom", "")
    answer(child, "Adresse", "")
    answer(child, "Code postal", "")
    answer(child, "Commune", "")
    answer(child, "Horaires", "lundi=8h30-12h")                     # below the minimum
    answer(child, "Ouverture mensuelle", "")
    answer(child, "Responsable du lieu, nom", "")
    answer(child, "ordinateurs", "1")
    answer(child, "imprimantes", "1")
    answer(child, "scanners", "1")
    answer(child, "Ajouter un autre lieu", "n")
    child.expect("Minimum d'ouverture de l'article 4 non atteint")
    answer(child, "Horaires du lieu 1 \\(Mairie de Test\\)",
           "mardi=8h30-12h,14h-17h; jeudi=9h-12h")
    answer(child, "signature de la Caf", "")
    answer(child, "signature du partenaire", "")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    loaded = load_file(target)
    assert loaded.convention is not None, loaded.diagnostics
    [site] = loaded.convention.sites
    assert [str(r) for r in site.hours.monday] == ["08:30-12:00"]
    assert [str(r) for r in site.hours.tuesday] == ["08:30-12:00", "14:00-17:00"]
    assert [str(r) for r in site.hours.thursday] == ["09:00-12:00"]
