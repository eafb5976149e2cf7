"""Refusals in French for the record form: the actions word them for the command line
(`--date 'x': not a date…`); an officer reads, beside the field, what to type instead, and
the command's own words stay below as the detail (nothing of the reason is lost)."""

from __future__ import annotations

from pncaf.web.wording import Said, refusal

DATE = ("Date non reconnue : écrivez-la JJ/MM/AAAA ou AAAA-MM-JJ, par exemple 02/02/2027, "
        "dans une année possible pour une convention.")
SIGNATURE = ("Signature non inscrite : écrivez la date JJ/MM/AAAA ou AAAA-MM-JJ ; une date "
             "déjà inscrite se corrige dans le fichier, pas ici.")
BY_FIELD = {
    "date": DATE, "sent": DATE, "until": DATE,
    "indicator": ("Indicateurs : un par ligne, sous la forme NOM=NOMBRE (par exemple "
                  "accueils=412), en chiffres, chaque indicateur une seule fois."),
    "event": "Choisissez l'événement à enregistrer.",
    "outcome": "Résultat de la visite : conforme, plan d'action ou non conforme.",
    "kind": "Modalité de la formation : webinaire ou présentiel.",
    "by": "Préavis donné par : le partenaire ou la Caf.",
    "form": "Le formulaire annexe 2 n'a pas pu être enregistré.",
    "period": "Semestre : écrivez-le AAAA-S1 ou AAAA-S2, par exemple 2026-S2.",
    "signed_caf": SIGNATURE, "signed_partner": SIGNATURE,
}
REQUIRED = {"date": "La date est obligatoire : le jour de l'événement ou de la réception, "
                    "par exemple 02/02/2027."}


def french_refusal(field: str | None, message: str) -> Said:
    """What the officer reads beside `field`, with the action's words as the detail: a
    sentence known to `wording` first, else what to type in that field."""
    lead = (REQUIRED.get(field or "") if "required" in message and field == "date" else None) \
        or BY_FIELD.get(field or "")
    return refusal(message, lead)


def french_undone(what: str) -> str:
    """`undo`'s « the committee of 2026-11-02 » as « le comité de pilotage du 2 novembre
    2026 »; any other wording as it is."""
    import re
    from datetime import date

    from pncaf.actions.words import EVENT_FR, french_date

    parties = {"caf": "de la Caf", "partner": "du partenaire"}
    said = []
    for part in what.strip().split(" and "):
        found = re.fullmatch(r"the (\w+) (?:signature )?of (\d{4}-\d{2}-\d{2})", part.strip())
        if found is None:
            return what
        day = french_date(date.fromisoformat(found.group(2)))
        if found.group(1) in parties:
            said.append(f"la signature {parties[found.group(1)]} du {day}")
        elif found.group(1) in EVENT_FR:
            said.append(f"{EVENT_FR[found.group(1)].lower()} du {day}")
        else:
            return what
    return " et ".join(said)


#: What to type in the creation form's checked fields (`pncaf new`'s checks).
CREATE_FR = {
    "siren": "SIREN : 9 chiffres, les 9 premiers du SIRET.",
    "caf_postcode": "Code postal : 5 chiffres.", "partner_postcode": "Code postal : 5 chiffres.",
    "site_postcode": "Code postal : 5 chiffres.",
    "level2_contact": "Courriel complet, par exemple contact@caf77.fr.",
    "partner_email": "Adresse électronique complète, ou rien.",
    "hours": ("Horaires non reconnus : chaque jour suivi de ses plages, les jours séparés par "
              "« ; », par exemple lundi 8h30-12h, 14h-17h30 ; jeudi 9h-12h, 14h-17h."),
    "signed_caf": DATE, "signed_partner": DATE,
}


def french_creation(field: str, message: str) -> Said:
    """A refusal of the creation form beside its field, in French, with `new`'s words."""
    lead = CREATE_FR.get(field)
    return Said(lead, message) if lead else refusal(message, "Valeur refusée.")
