"""A finding as an officer reads it: the rule's French name (each rule carries one), the
French sentence the time-based rules write, and for a file that does not match the
format (`schema`) a sentence naming the field in words and its line; the line `pncaf
check` prints (`file:line:col: severity[rule] …`) stays as the technical detail."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pncaf.actions.rule_names import Diagnostic

#: The keys of a convention file in words (docs/format.md).
KEY_FR = {
    "caf": "Caf", "partner": "partenaire", "sites": "lieu", "history": "événement",
    "name": "nom", "street": "adresse", "postcode": "code postal", "city": "commune",
    "siren": "SIREN", "email": "adresse électronique", "level2_contact": "contact niveau 2",
    "representative": "représentant", "title": "qualité", "address": "adresse",
    "hours": "horaires", "monday": "lundi", "tuesday": "mardi", "wednesday": "mercredi",
    "thursday": "jeudi", "friday": "vendredi", "saturday": "samedi", "sunday": "dimanche",
    "signed": "signatures", "effective": "date de prise d'effet", "format": "version du format",
    "equipment": "équipement", "computers": "ordinateurs", "printers": "imprimantes",
    "scanners": "scanners", "period": "semestre", "date": "date", "event": "événement",
    "indicators": "indicateurs", "attendees": "participants", "id": "identifiant",
    "monthly": "ouvertures mensuelles", "term": "durée", "min_half_days": "demi-journées minimales",
    "min_weekly_hours": "heures hebdomadaires minimales", "prefecture_id": "numéro de préfecture",
    "outcome": "résultat", "note": "note", "kind": "modalité", "by": "donné par",
}

#: What is wrong, from the schema message's English, in French.
PROBLEM_FR = [
    (r"is empty|not empty", "est vide : écrivez la valeur"),
    (r"missing key", "manque : ajoutez-la"),
    (r"unknown key", "n'est pas une rubrique connue (faute de frappe ?)"),
    (r"should be text", "doit être un texte"),
    (r"whole number|should be a number", "doit être un nombre"),
    (r"true or false", "doit être oui (true) ou non (false)"),
    (r"SIREN|Luhn", "n'est pas un SIREN valide (9 chiffres)"),
    (r"postcode", "doit être un code postal de 5 chiffres"),
    (r"e-mail", "doit être une adresse électronique complète"),
    (r"date|YYYY", "n'est pas une date possible"),
    (r"at least|at most|too large", "est hors des limites permises"),
    (r"overlap", "a des plages d'horaires qui se chevauchent"),
    (r"formula", "commence comme une formule de tableur (=, +, -, @)"),
    (r"list", "doit être une liste"),
    (r"mapping", "doit être un ensemble de rubriques"),
]


def rule_name(rule_id: str) -> str:
    """« comité de pilotage manquant (art. 9) », or the id for a rule not known."""
    from pncaf.actions.rule_names import rule_name_fr

    return rule_name_fr(rule_id)


def field_words(message: str) -> str | None:
    """`caf.city` of the message → « Caf › commune »; `hours.monday` of site 2 (…) → « lieu
    2 › horaires › lundi »."""
    found = re.search(r"`([a-z_][a-z0-9_.\[\]]*)`(?: of (site|event) (\d+))?", message)
    if found is None:
        return None
    words = [KEY_FR.get(part, part) for part in re.split(r"[.\[\]]+", found[1]) if part
             and not part.isdigit()]
    if found[2]:
        words.insert(0, f"{'lieu' if found[2] == 'site' else 'événement'} {found[3]}")
    return " › ".join(words)


def french(d: Diagnostic) -> str:
    """The French sentence of a finding (its rule's name comes beside it)."""
    if d.message_fr:
        return d.message_fr
    if d.rule == "schema":
        what = next((fr for pattern, fr in PROBLEM_FR if re.search(pattern, d.message)),
                    "n'a pas la forme attendue")
        field = field_words(d.message)
        line = f"ligne {d.line} : " if d.line else ""
        subject = f"la rubrique « {field} »" if field else "une valeur"
        sentence = f"{line}{subject} {what}."
        return sentence[0].upper() + sentence[1:]
    if d.rule == "yaml":
        return (f"Le fichier ne peut pas être lu{f' (ligne {d.line})' if d.line else ''} : "
                "une ligne est mal écrite (décalage, guillemet ou deux-points).")
    return "Voir le détail technique."
