"""`pncaf diff`'s lines, read as tables: the version before, the version after, and the
French lines a reviewer reads (severity[kind] message)."""

from __future__ import annotations

from datetime import date

import pytest

from helpers import VALID, replace
from pncaf.checks.diagnostics import Severity
from pncaf.review.meaning import Version, review

AS_OF = date(2024, 6, 1)     # VALID is in force since 15 January 2024
HISTORY = "history: []"
DRAFT = replace(VALID, "signed: {caf: 2024-01-10, partner: 2024-01-15}",
                "signed: {caf: null, partner: null}")


def edit(old: str, new: str) -> str:
    return replace(VALID, old, new)


def events(*lines: str) -> str:
    return edit(HISTORY, "history:\n" + "".join(f"  - {line}\n" for line in lines))


def changes(before: str, after: str) -> list[str]:
    found = review(Version("c.yaml", before.encode()), Version("c.yaml", after.encode()), AS_OF)
    return [f"{c.severity}[{c.kind}] {c.message}" for c in found.changes]


MONDAY = 'monday: ["09:00-12:00", "14:00-17:00"]'
TUESDAY = 'tuesday: ["09:00-12:00", "14:00-17:00"]'
MEDIATHEQUE = ('  - name: Médiathèque\n'
               '    address: {street: 3 rue du Livre, postcode: "77270", city: Villeparisis}\n'
               '    hours:\n      wednesday: ["14:00-18:00"]\n'
               '    equipment: {computers: 4, printers: 0, scanners: 1}\nsigned:')
PARTNER = "  representative: {name: Marc Maire, title: Maire}"
REPORT = "{date: 2024-08-02, event: report, period: 2024-S1}"

TABLE = [
    # (what, before, after, expected lines)
    ("a morning removed below the minimum", VALID, edit(MONDAY, 'monday: ["14:00-17:00"]'), [
        "error[hours] « Point d'accueil » : ouverture hebdomadaire 12 h → 9 h, demi-journées "
        "4 → 3 ; le lundi matin n'est plus ouvert (lundi : 9 h – 12 h, 14 h – 17 h → "
        "14 h – 17 h) ; le minimum de l'art. 4 (4 demi-journées et 12 h par semaine) n'est "
        "plus atteint (3 demi-journées et 9 h seulement) : ajoutez des horaires ou gardez "
        "ceux d'avant"]),
    ("a day added", VALID, edit(TUESDAY, f'{TUESDAY}\n      saturday: ["09:00-12:00"]'), [
        "info[hours] « Point d'accueil » : ouverture hebdomadaire 12 h → 15 h, demi-journées "
        "4 → 5 ; le samedi est désormais ouvert (samedi : fermé → 9 h – 12 h) ; le minimum "
        "de l'art. 4 (4 demi-journées et 12 h par semaine) reste atteint"]),
    ("a day closed", edit(TUESDAY, f'{TUESDAY}\n      saturday: ["09:00-12:00"]'), VALID, [
        "warning[hours] « Point d'accueil » : ouverture hebdomadaire 15 h → 12 h, "
        "demi-journées 5 → 4 ; le samedi n'est plus ouvert (samedi : 9 h – 12 h → fermé) ; "
        "le minimum de l'art. 4 (4 demi-journées et 12 h par semaine) reste atteint"]),
    ("hours moved, same total", VALID, edit(MONDAY, 'monday: ["08:30-11:30", "14:00-17:00"]'), [
        "info[hours] « Point d'accueil » : ouverture hebdomadaire inchangée (12 h) (lundi : "
        "9 h – 12 h, 14 h – 17 h → 8 h 30 – 11 h 30, 14 h – 17 h) ; le minimum de l'art. 4 "
        "(4 demi-journées et 12 h par semaine) reste atteint"]),
    ("a second site", VALID, edit("signed:", MEDIATHEQUE), [
        "info[site-added] Site ajouté : « Médiathèque » (3 rue du Livre, 77270 Villeparisis), "
        "ouvert 4 h par semaine sur 1 demi-journée",
        "info[network-hours] Ensemble des sites : ouverture hebdomadaire 12 h → 16 h, "
        "demi-journées 4 → 5 ; le mercredi est désormais ouvert ; le minimum de l'art. 4 "
        "(4 demi-journées et 12 h par semaine) reste atteint"]),
    ("the second site removed", edit("signed:", MEDIATHEQUE), VALID, [
        "warning[site-removed] Site retiré : « Médiathèque » (3 rue du Livre, 77270 "
        "Villeparisis)",
        "warning[network-hours] Ensemble des sites : ouverture hebdomadaire 16 h → 12 h, "
        "demi-journées 5 → 4 ; le mercredi n'est plus ouvert ; le minimum de l'art. 4 "
        "(4 demi-journées et 12 h par semaine) reste atteint"]),
    ("a site renamed", VALID, edit("name: Point d'accueil", "name: Point numérique"), [
        "info[site-renamed] Site renommé : « Point d'accueil » → « Point numérique »"]),
    ("the last scanner", VALID, edit("scanners: 1", "scanners: 0"), [
        "warning[equipment] « Point d'accueil » : équipement pour le public (art. 8) : "
        "scanners 1 → 0 ; plus aucun scanner dans le point"]),
    ("signed", DRAFT, VALID, [
        "info[signature] Signature de la Caf : aucune → 10 janvier 2024",
        "info[signature] Signature du partenaire : aucune → 15 janvier 2024",
        "info[effective-date] Date d'effet de la convention : aucune (brouillon) → "
        "15 janvier 2024",
        "info[status] Statut au 1er juin 2024 : brouillon → en cours"]),
    ("a signature date changed", VALID, edit("partner: 2024-01-15", "partner: 2024-01-16"), [
        "warning[signature] Signature du partenaire : 15 janvier 2024 → 16 janvier 2024 : "
        "une date de signature ne change pas, sauf erreur de saisie",
        "warning[effective-date] Date d'effet de la convention : 15 janvier 2024 → "
        "16 janvier 2024 : toutes les échéances, dates de préavis et périodes se décalent"]),
    ("notice shortened", VALID, edit(HISTORY, f"term: {{notice_months: 2}}\n{HISTORY}"), [
        "warning[term] Préavis (art. 11) : 3 mois → 2 mois : la convention est signée, ce "
        "changement demande un avenant"]),
    ("a draft's term", DRAFT, replace(DRAFT, HISTORY, f"term: {{years: 3}}\n{HISTORY}"), [
        "info[term] Durée d'une période (art. 11) : 1 an → 3 ans"]),
    ("a new mayor", VALID, edit("{name: Marc Maire, title: Maire}",
                                "{name: Léa Martin, title: Maire}"), [
        "info[representative] Représentant du partenaire : Marc Maire (Maire) → Léa Martin "
        "(Maire)"]),
    ("the partner's e-mail", VALID, edit(PARTNER, f"{PARTNER}\n  email: mairie@test.example"), [
        "info[contact] E-mail du partenaire (destinataire des relances) : aucun → "
        "mairie@test.example"]),
    ("notice on time", VALID, events("{date: 2024-05-02, event: notice, by: partner}"), [
        "warning[event] Préavis du partenaire reçu le 2 mai 2024, dans le délai (au plus tard "
        "le 14 octobre 2024) : la convention prend fin le 14 janvier 2025",
        "warning[status] Statut au 1er juin 2024 : en cours → fin programmée, dernier jour le "
        "14 janvier 2025"]),
    ("notice late", VALID, events("{date: 2024-11-02, event: notice, by: caf}"), [
        "warning[event] Préavis de la Caf reçu le 2 novembre 2024, après la date limite du "
        "14 octobre 2024 : la convention est reconduite une fois et prend fin le 14 janvier "
        "2026, non le 14 janvier 2025"]),
    ("report late", VALID, events("{date: 2024-08-15, event: report, period: 2024-S1, "
                                  "indicators: {accueils: 40}}"), [
        "warning[event] Indicateurs du 1er semestre 2024 (2024-S1) reçus le 15 août 2024, "
        "en retard de 5 jours (attendus au plus tard le 10 août 2024) : accueils 40"]),
    ("report on time", VALID, events("{date: 2024-08-02, event: report, period: 2024-S1}"), [
        "info[event] Indicateurs du 1er semestre 2024 (2024-S1) reçus le 2 août 2024, dans "
        "les délais (attendus au plus tard le 10 août 2024)"]),
    ("a second report", events(REPORT), events(REPORT, "{date: 2024-08-09, event: report, "
                                                 "period: 2024-S1}"), [
        "warning[event] Indicateurs du 1er semestre 2024 (2024-S1) reçus le 9 août 2024, dans "
        "les délais (attendus au plus tard le 10 août 2024) ; un rapport pour ce semestre est "
        "déjà enregistré (le 2 août 2024) : s'il le corrige, enregistrez-le avec "
        "`--correction`"]),
    ("a correction", events(REPORT), events(REPORT, "{date: 2024-08-09, event: report, "
                                             "period: 2024-S1, correction: true}"), [
        "info[event] Indicateurs du 1er semestre 2024 (2024-S1) reçus le 9 août 2024, dans "
        "les délais (attendus au plus tard le 10 août 2024) ; corrige le rapport déjà "
        "enregistré pour ce semestre (seul le dernier compte)"]),
    ("label withdrawn", VALID, events("{date: 2024-05-02, event: label_withdrawn, "
                                      "reason: point fermé}"), [
        "warning[event] Retrait du label le 2 mai 2024 (point fermé) : le certificat ne peut "
        "plus être délivré ; sans préavis, la convention continue et sera reconduite "
        "(art. 6, 11)"]),
    # the notice came first: the convention already ends, nothing « sera reconduite »
    ("label withdrawn after a notice", events("{date: 2024-05-01, event: notice, by: caf}"),
     events("{date: 2024-05-01, event: notice, by: caf}",
            "{date: 2024-05-02, event: label_withdrawn, reason: point fermé}"), [
        "warning[event] Retrait du label le 2 mai 2024 (point fermé) : le certificat ne peut "
        "plus être délivré (art. 6)"]),
    ("an event removed", events("{date: 2024-02-01, event: committee}"), VALID, [
        "error[history-rewritten] Historique réécrit : l'événement « Comité de pilotage du "
        "1er février 2024 » a été supprimé. L'historique ne fait que s'allonger : "
        "remettez-le, et enregistrez une correction comme un nouvel événement"]),
    ("an event changed", events("{date: 2024-02-01, event: visit, outcome: non_compliant}"),
     events("{date: 2024-02-01, event: visit, outcome: compliant}"), [
        "error[history-rewritten] Historique réécrit : l'événement « Visite de la Caf du "
        "1er février 2024 » a été modifié (outcome : non_compliant → compliant). "
        "L'historique ne fait que s'allonger : remettez-le tel qu'il était, et enregistrez "
        "la correction comme un nouvel événement"]),
    ("a report's figures changed", events(
        "{date: 2024-08-02, event: report, period: 2024-S1, indicators: {accueils: 255}}"),
     events("{date: 2024-08-02, event: report, period: 2024-S1, indicators: {accueils: 256}}"),
     ["error[history-rewritten] Historique réécrit : l'événement « Rapport semestriel du "
      "2 août 2024 » a été modifié (indicators : accueils 255 → "
      "accueils 256). L'historique ne fait que s'allonger : remettez-le tel qu'il était, et "
      "enregistrez la correction comme un nouvel événement"]),
    ("a yes-or-no field changed", events(
        "{date: 2024-08-02, event: report, period: 2024-S1, indicators: {accueils: 255}}"),
     events("{date: 2024-08-02, event: report, period: 2024-S1, indicators: {accueils: 255}, "
            "correction: true}"),
     ["error[history-rewritten] Historique réécrit : l'événement « Rapport semestriel du "
      "2 août 2024 » a été modifié (correction : false → true). L'historique ne fait que "
      "s'allonger : remettez-le tel qu'il était, et enregistrez la correction comme un "
      "nouvel événement"]),
    ("an event inserted before others", events("{date: 2024-03-01, event: committee}"),
     events("{date: 2024-02-01, event: training, attendees: [Léa Martin], kind: webinar}",
            "{date: 2024-03-01, event: committee}"), [
        "info[event] Formation (webinaire) le 1er février 2024 : Léa Martin"]),
    ("comments only", VALID, edit(HISTORY, f"# nothing yet\n{HISTORY}"), [
        "info[layout] Aucun changement de sens : seuls des commentaires ou la mise en forme "
        "ont changé"]),
    ("nothing", VALID, VALID, []),
    # what a note copies is shown as check shows it: a social-security number masked (it
    # would go into a pull request's summary), a note of several lines on one line
    ("a NIR in a note", VALID,
     events("{date: 2024-02-01, event: committee, note: bilan 185057800608491}"), [
        "info[event] Comité de pilotage tenu le 1er février 2024 (bilan "
        "1 85 ** ** *** *** **)"]),
    ("a NIR wrapped over two lines of a note", VALID,
     events('{date: 2024-02-01, event: committee, note: "usager 1 85 05 78\\n006 084 91 vu"}'), [
        "info[event] Comité de pilotage tenu le 1er février 2024 (usager "
        "1 85 ** ** *** *** ** vu)"]),
    ("a note of several lines", VALID,
     events('{date: 2024-02-01, event: committee, note: "bilan\\n\\nsuite\\r\\nfin"}'), [
        "info[event] Comité de pilotage tenu le 1er février 2024 (bilan / suite / fin)"]),
]


@pytest.mark.parametrize(("before", "after", "expected"), [t[1:] for t in TABLE],
                         ids=[t[0] for t in TABLE])
def test_each_change_reads_as_one_french_line(before: str, after: str,
                                              expected: list[str]) -> None:
    assert changes(before, after) == expected


def test_a_version_that_does_not_load_is_the_change() -> None:
    found = review(Version("c.yaml", VALID.encode()),
                   Version("c.yaml", edit("monday:", "lundi:").encode()), AS_OF)
    assert [c.kind for c in found.changes] == ["invalid"]
    assert found.changes[0].severity is Severity.ERROR
    assert "unknown key `lundi`" in found.changes[0].message
    assert "pncaf check c.yaml" in found.changes[0].message


def test_lines_point_into_the_new_file_and_a_removal_onto_the_list_it_left() -> None:
    """`FILE:LINE` names the new file: a removed site is on its `sites:` line (its own
    line was in the old version: `b.yaml:31` in a file of 22 lines, before)."""
    after = edit(MONDAY, 'monday: ["14:00-17:00"]')
    found = review(Version("c.yaml", VALID.encode()), Version("c.yaml", after.encode()), AS_OF)
    assert found.changes[0].line == after.splitlines().index("    hours:") + 1
    before = "# notes\n" * 10 + edit("signed:", MEDIATHEQUE)
    removed = review(Version("a.yaml", before.encode()), Version("b.yaml", VALID.encode()),
                     AS_OF)
    assert removed.changes[0].kind == "site-removed"
    assert removed.changes[0].line == VALID.splitlines().index("sites:") + 1
