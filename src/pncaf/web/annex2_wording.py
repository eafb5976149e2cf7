"""The refusals of an uploaded annex 2 form in French (`editing.annex2`,
`editing.annex2_checks`, `editing.record_notes`): the officer is told which cell of the
workbook is wrong, in words (« la case C13 »), and what the partner should type there.
Kept apart from `wording` so that module stays short; `wording.REFUSALS` reads these
first, before its broader patterns (« not a date », « cannot be read »)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from pncaf.actions.words import french_date

Rewrite = Callable[[re.Match[str]], str]

#: A cell as the checks name it: `C13: …`, `form.xlsx: 'Annexe 2'!B7: …`, `pncaf!B2: …`.
CELL = r"(?:^|[\s:])(?:'[^']+'!|\w+!)?([A-Z]{1,3}\d{1,5}): "
NEW_FORM = ("téléchargez un nouveau formulaire depuis cette page et demandez au partenaire "
            "de le remplir.")


def _case(cell: str) -> str:
    return f"la case {cell}"


def _day(iso: str) -> str:
    return french_date(date.fromisoformat(iso))


ANNEX2_REFUSALS: list[tuple[str, Rewrite]] = [
    (CELL + r"« (.+?) » is text, not a number \(a cell formatted as text",
     lambda m: f"Dans {_case(m[1])}, « {m[2]} » est du texte et non un nombre (case au format "
               "texte, ou nombre tapé après une apostrophe) : retapez le nombre dans cette "
               "case, enregistrez le fichier et envoyez-le de nouveau."),
    (CELL + r"« (.+?) » is text, not a number",
     lambda m: f"Dans {_case(m[1])}, « {m[2]} » est du texte et non un nombre : écrivez le "
               "nombre en chiffres (par exemple 40), puis envoyez de nouveau le fichier."),
    (CELL + r"(VRAI|FAUX) is not a number",
     lambda m: f"Dans {_case(m[1])}, « {m[2]} » n'est pas un nombre : écrivez le nombre en "
               "chiffres, par exemple 12."),
    (CELL + r"the cell holds a date or a time",
     lambda m: f"La case {m[1]} contient une date ou une heure et non un nombre : "
               "écrivez un nombre entier, par exemple 12."),
    (CELL + r"(\S+) is negative",
     lambda m: f"Dans {_case(m[1])}, {m[2]} est négatif : un nombre de personnes ou de "
               "démarches vaut 0 ou plus."),
    (CELL + r"(\S+) is not a whole number",
     lambda m: f"Dans {_case(m[1])}, {m[2]} n'est pas un nombre entier : un décompte n'a pas "
               "de décimales."),
    (CELL + r"a formula \((.+?)\) whose result was not saved",
     lambda m: f"La case {m[1]} contient une formule ({m[2]}) dont le résultat n'a "
               "pas été enregistré : ouvrez le fichier dans Excel ou LibreOffice, "
               "enregistrez-le, puis envoyez-le de nouveau."),
    (CELL + r"indicator `(.+?)` is listed twice",
     lambda m: f"L'indicateur de {_case(m[1])} figure deux fois dans le formulaire : "
               + NEW_FORM),
    (CELL + r"(\S+) stands outside the form's indicator rows",
     lambda m: f"La case {m[1]} contient {m[2]}, hors des lignes d'indicateurs du "
               "formulaire (une ligne ajoutée ?) : ce nombre ne serait pas enregistré. "
               "Demandez au partenaire de remplir les seules cases jaunes d'un nouveau "
               "formulaire, et de dire le reste dans son courriel."),
    (CELL + r"the indicator key is",
     lambda m: f"Le code d'indicateur caché de {_case(m[1])} a été modifié : le nombre voisin "
               "serait enregistré sous un autre indicateur. " + NEW_FORM[0].upper() + NEW_FORM[1:]),
    (CELL + r"the sheet shows (\S+) but the form was made for (\S+)",
     lambda m: f"La case {m[1]} affiche le semestre {m[2]}, mais le formulaire a "
               f"été fait pour {m[3]} : les nombres seraient enregistrés pour {m[3]}. "
               "Téléchargez le formulaire du semestre voulu."),
    (CELL + r"the sheet does not show its semester any more",
     lambda m: f"La case {m[1]} n'affiche plus le semestre du formulaire : "
               + NEW_FORM),
    (CELL + r"the title says « (.+?) » but the form was made for (.+?) \(",
     lambda m: f"Le titre ({_case(m[1])}) annonce « {m[2]} », mais le formulaire a été fait "
               f"pour le {m[3]} : téléchargez le formulaire du semestre voulu."),
    (r"the form's semester `(.+?)` is not a semester",
     lambda m: f"Le semestre caché du formulaire (« {m[1]} ») a été modifié : " + NEW_FORM),
    (r"the form is for (\S+), and .*not one day of that semester is in force",
     lambda m: f"Le formulaire est celui du semestre {m[1]}, où la convention n'est pas en "
               "vigueur un seul jour : aucun rapport n'est dû pour ce semestre. Vérifiez le "
               "semestre du formulaire."),
    (r"the sheet « (.+?) » is missing",
     lambda m: f"La feuille « {m[1]} » manque dans le fichier : " + NEW_FORM),
    (r"is the form of convention `(.+?)`, not of `(.+?)`",
     lambda m: f"Ce formulaire est celui de la convention {m[1]}, pas de celle-ci ({m[2]}) : "
               "enregistrez-le depuis la page de la convention qu'il concerne."),
    (r"is the form of (\d{4}-S[12]), not of (\d{4}-S[12])",
     lambda m: f"Ce formulaire est celui du semestre {m[1]}, pas de {m[2]} : laissez le "
               "semestre vide (le formulaire le donne) ou vérifiez le fichier."),
    (r"has no count filled in",
     lambda m: "Aucune case du formulaire n'est remplie : le partenaire n'a pas encore saisi "
               "ses nombres (cases jaunes)."),
    (r"(\d{4}-S[12]) is not over: its last day in force is (\d{4}-\d{2}-\d{2})",
     lambda m: f"Le semestre {m[1]} n'est pas terminé (son dernier jour est le "
               f"{_day(m[2])}) : des nombres donnés avant la fin vaudraient pour tout le "
               "semestre. Enregistrez ce rapport une fois le semestre terminé, ou vérifiez "
               "la date et le semestre saisis."),
]
