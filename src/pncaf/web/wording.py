"""What an officer reads in the web pages, in French: the actions word their refusals and
notes for the command line (`--by is required…`, `pncaf record --undo…`), and the command
line keeps them. Here each known sentence is matched and said again in plain French, with
no option, command, pattern nor YAML key; the original stays as the technical detail,
folded away (`Said.detail`), so nothing of the reason is lost. A sentence not known here
gets a French lead that says what was refused, and its words as the detail."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pncaf.actions.words import EVENT_FR, french_date
from pncaf.web.annex2_wording import ANNEX2_REFUSALS


@dataclass(frozen=True)
class Said:
    """A French sentence for the officer, and the technical detail it stands for."""

    text: str
    detail: str | None = None

    def __str__(self) -> str:
        return self.text


#: The record form's fields (as the command's options) in words.
OPTION_FR = {
    "date": "la date", "period": "le semestre", "by": "« Donné par »", "sent": "la date d'envoi",
    "outcome": "le résultat de la visite", "attendee": "les participants",
    "kind": "la modalité", "reason": "le motif", "until": "le dernier jour de fermeture",
    "site": "le lieu fermé", "note": "la note", "indicator": "les indicateurs",
    "rule": "la règle du constat", "subject": "l'objet du constat",
    "correction": "la case « Correction »", "from": "le formulaire annexe 2",
}


def _day(iso: str) -> str:
    return french_date(date.fromisoformat(iso))


def _event(kind: str) -> str:
    return EVENT_FR.get(kind, kind).lower()


def _option(name: str) -> str:
    return OPTION_FR.get(name, name)


Rewrite = Callable[[re.Match[str]], str]
ISO = r"(\d{4}-\d{2}-\d{2})"

#: (pattern searched in the English sentence, its French): refusals of every action.
REFUSALS: list[tuple[str, Rewrite]] = [
    *ANNEX2_REFUSALS,
    (r"--(\w+) is required for an? (\w+) event",
     lambda m: f"Pour « {_event(m[2])} », {_option(m[1])} est à remplir."),
    (r"--(\w+) does not apply to an? (\w+) event",
     lambda m: f"Pour « {_event(m[2])} », laissez {_option(m[1])} vide : ce champ ne "
               "s'applique pas à cet événement."),
    (r"a report for (\S+) is already recorded",
     lambda m: f"Un rapport du semestre {m[1]} est déjà enregistré : s'il le remplace, "
               "cochez « Correction d'un rapport déjà enregistré » et enregistrez de nouveau."),
    (r"no report for (\S+) is recorded yet",
     lambda m: f"Aucun rapport du semestre {m[1]} n'est encore enregistré : il n'y a rien à "
               "corriger, décochez « Correction »."),
    (r"the same (\w+) of " + ISO + " is already recorded",
     lambda m: f"Ce {_event(m[1])} du {_day(m[2])} est déjà dans l'historique : rien à "
               "ajouter."),
    (r"--rule (\S+): no such rule",
     lambda m: f"La règle « {m[1]} » n'existe pas : recopiez le code affiché sur le constat "
               "(par exemple committee-missing)."),
    (r"--subject (.+?): `check` finds no",
     lambda m: f"Aucun constat en cours ne porte sur « {m[1]} » : recopiez l'objet affiché "
               "sur le constat (par exemple 2024-S1)."),
    (r"--(\w+) is for a report event",
     lambda m: "La case « Correction » et le formulaire annexe 2 ne valent que pour un "
               "rapport semestriel : choisissez l'événement « Rapport semestriel »."),
    (r"already has (\d+) errors?",
     lambda m: "La convention a déjà des erreurs : corrigez d'abord les erreurs signalées "
               "dans ses constats, puis enregistrez."),
    (r"would make the file fail|would not pass|would not be valid",
     lambda m: "La convention ne serait plus valide avec cette saisie : vérifiez les dates "
               "et les valeurs."),
    (r"opening minimum of Art\. 4 not reached",
     lambda m: "Les horaires n'atteignent pas le minimum de l'article 4 (au moins 4 "
               "demi-journées et 12 heures par semaine) : ajoutez des plages d'ouverture."),
    (r"already exists",
     lambda m: "Une convention porte déjà cet identifiant : choisissez-en un autre (un "
               "fichier existant n'est jamais remplacé)."),
    (r"\[mail\] from in pncaf\.toml names « (.+?) », but the convention is with (.+?): "
     r"the reminder would come",
     lambda m: f"Les réglages de l'équipe (fichier pncaf.toml) envoient les relances au nom "
               f"de « {m[1]} », mais cette convention est passée avec {m[2]} : la relance "
               "viendrait d'une Caf et serait signée pour une autre. Elle n'est pas préparée : "
               "envoyez-la avec les réglages de sa propre Caf (un dossier par Caf), ou "
               "corrigez le nom de la Caf dans la convention s'il est faux."),
    (r"nothing to undo",
     lambda m: "Il n'y a rien à annuler : seul le dernier enregistrement fait ici peut "
               "l'être, et il a déjà été annulé (ou rien n'a été enregistré)."),
    (r"changed since pncaf recorded",
     lambda m: "La convention a été modifiée depuis ce dernier enregistrement (par une autre "
               "personne ou dans un éditeur) : rien n'a été annulé, pour ne pas perdre cette "
               "modification. Si l'événement est faux, demandez à la personne qui tient les "
               "fichiers de le retirer."),
    (r"is damaged: delete it",
     lambda m: "L'annulation n'est plus possible : ses informations sont abîmées. Demandez "
               "à la personne qui tient les fichiers de retirer l'événement."),
    (r"is not in a git repository",
     lambda m: "Ce dossier n'est pas suivi par git : il n'y a rien à valider."),
    (r"has no change since its last commit",
     lambda m: "Aucune modification depuis la dernière validation : rien à valider."),
    (r"signed\.(\w+) is already",
     lambda m: "Cette date de signature est déjà inscrite : elle ne se remplace pas ici, elle se "
               "corrige dans le fichier de la convention."),
    (r"the convention is a draft|not signed",
     lambda m: "La convention n'est pas encore signée par les deux parties : l'attestation "
               "se fait une fois les deux signatures inscrites."),
    (r"owes no report for (\d{4}-S[12])",
     lambda m: f"La convention ne doit pas de rapport pour le semestre {m[1]} : choisissez "
               "un semestre où elle est en vigueur."),
    (r"not an annex 2 form|is a form of another version|cannot be read as an \.xlsx|"
     r"is not an \.xlsx workbook",
     lambda m: "Ce fichier n'est pas un formulaire annexe 2 fait par pncaf : envoyez le "
               "fichier .xlsx téléchargé depuis cette page, rempli par le partenaire."),
    (r"is not a date|not a date|write the date",
     lambda m: "Date non reconnue : écrivez-la JJ/MM/AAAA, par exemple 02/02/2027."),
    (r"is not a SIREN|Luhn",
     lambda m: "SIREN non valide : 9 chiffres, les 9 premiers du SIRET (vérifiez-le sur "
               "l'avis de situation Sirene)."),
    (r"postcode is 5 digits",
     lambda m: "Code postal non valide : 5 chiffres, par exemple 77270."),
    (r"e-mail address",
     lambda m: "Adresse électronique non valide : écrivez-la en entier, par exemple "
               "accueil@mairie.fr."),
    (r"needs pncaf\.toml|--send needs",
     lambda m: "L'envoi demande les réglages de l'équipe (le fichier pncaf.toml) avec le "
               "chargé de partenariat, l'expéditeur et le serveur de courriel : demandez-les à "
               "la personne qui installe pncaf."),
    (r"report period is written",
     lambda m: "Semestre : écrivez-le AAAA-S1 ou AAAA-S2, par exemple 2026-S2."),
    (r"no such file|cannot be read|ne peut pas être lu",
     lambda m: "Le fichier envoyé n'a pas pu être lu : vérifiez qu'il s'ouvre sur votre "
               "poste, puis envoyez-le de nouveau."),
]

#: What an unknown refusal says, its English below as the detail.
UNKNOWN = "Rien n'a été enregistré : voir le détail technique ci-dessous."

#: Last resort, when no sentence above is known and the caller has no better lead.
GENERIC: list[tuple[str, Rewrite]] = [
    (r"^--(\w+)\b",
     lambda m: f"Vérifiez {_option(m[1])} : la valeur n'a pas la forme attendue."),
]

#: The notes a save leaves (« À savoir »).
NOTES: list[tuple[str, Rewrite]] = [
    (ISO + r" is after today",
     lambda m: f"Le {_day(m[1])} est dans le futur : l'événement ne comptera qu'à partir de "
               "ce jour. Si l'année est mal tapée, utilisez « Annuler cet enregistrement »."),
    (ISO + r" is before the convention took effect \(" + ISO + r"\)",
     lambda m: f"Le {_day(m[1])} est avant la prise d'effet de la convention "
               f"({_day(m[2])}) : vérifiez la date."),
    (r"the convention ended on " + ISO,
     lambda m: f"La convention a pris fin le {_day(m[1])} : cet événement vient après."),
    (r"now lists (\S+) « (.+?) » as info",
     lambda m: f"Le constat « {m[1]} » sur « {m[2]} » est désormais une simple information."),
    (r"notice on time \(deadline " + ISO + r"\): the convention ends on " + ISO,
     lambda m: f"Préavis dans les délais (date limite le {_day(m[1])}) : la convention "
               f"prend fin le {_day(m[2])}."),
    (r"notice late \(the deadline was " + ISO + r"\): the convention is renewed once more "
     r"and now ends on " + ISO + " instead of " + ISO,
     lambda m: f"Préavis tardif (la date limite était le {_day(m[1])}) : la convention est "
               f"reconduite une fois de plus et prend fin le {_day(m[2])} au lieu du "
               f"{_day(m[3])}."),
    (r"the agenda now shows a follow-up visit",
     lambda m: "L'agenda prévoit maintenant une visite de suivi du plan d'action."),
    (r"if the event was typed wrong",
     lambda m: "Si l'événement a été mal saisi, « Annuler cet enregistrement » le retire."),
    (r"left blank in the form, so not recorded: (.+)$",
     lambda m: "Cases laissées vides dans le formulaire, donc non enregistrées : "
               f"{m[1].strip()}."),
]


def _rewrite(rules: list[tuple[str, Rewrite]], english: str) -> str | None:
    for pattern, french in rules:
        found = re.search(pattern, english)
        if found is not None:
            return french(found)
    return None


def refusal(english: str, lead: str | None = None) -> Said:
    """A refusal in French: each of its `; `-separated reasons said in words when known,
    else `lead` (what to type in the field it concerns), else a generic sentence; the
    English always as the detail."""
    parts = english.split("; ")
    said = [_rewrite(REFUSALS, part) for part in parts]
    known = list(dict.fromkeys(s for s in said if s))
    if not known and lead is None:
        known = [s for s in (_rewrite(GENERIC, part) for part in parts) if s][:1]
    return Said(" ".join(known) if known else lead or UNKNOWN, english)


#: A sentence the actions already wrote in French (`formulaire incomplet — …`,
#: `Date à vérifier : …`): French spacing before a colon, a dash between clauses, or a
#: first word of French, and none of the English words every English note has.
_FRENCH = re.compile(r"\s[:;?!]\s|\s—\s|^(?:Date|Le|La|Les|Un|Une|Aucun|Cases?)\b")
_ENGLISH = re.compile(r"\b(?:the|is|not|of|and|was|will|would)\b")


def already_french(text: str) -> bool:
    """Whether a note needs no French rewording: shown as it is, not behind a detail."""
    return bool(_FRENCH.search(text)) and not _ENGLISH.search(text)


def note(english: str) -> Said:
    """A note after a save in French (its English as the detail when not known)."""
    french = _rewrite(NOTES, english)
    if french is None and already_french(english):
        return Said(english)
    if french is None:
        return Said("À vérifier dans la convention (voir le détail technique).", english)
    return Said(french, english)


def explained(english: str) -> Said:
    """Any other refusal (a document, the reminders): French when known, else a pointer
    to the detail."""
    return refusal(english, "Voir le détail technique.")


def import_warning(english: str) -> Said:
    """`source:12: warning[import-missing] partner.siren: not found — …` in French: what was
    not found (or read by OCR with doubt), in words, and its line in the signed text."""
    from pncaf.web.findings import field_words

    found = re.search(r":(\d+): warning\[import-(missing|review)\] ([\w.\[\]]+):", english)
    if found is None:
        return Said("À vérifier (voir le détail technique).", english)
    line, kind, key = found.groups()
    words = field_words(f"`{key}`") or key
    near = f" (vers la ligne {line} de la convention signée)"
    if kind == "review":
        return Said(f"« {words} » a été lu sur l'image avec un doute{near} : vérifiez-le "
                    "sur le document numérisé.", english)
    if "not found" not in english:
        return Said(f"« {words} » n'a été lu qu'en partie{near} : complétez-le.", english)
    return Said(f"« {words} » n'a pas été trouvé{near} : écrivez-le dans le contenu du "
                "fichier ci-dessous.", english)
