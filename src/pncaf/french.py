"""French wording for dates, statuses and agenda items, as the documents write them.

Dates read « 5 octobre 2022 » and « 1er mars 2023 » (the first of the month is an
ordinal in French). Month names come from Babel's CLDR data.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Literal

MonthWidth = Literal["wide", "abbreviated"]

STATUS_FR = {
    "draft": "brouillon",
    "upcoming": "à venir",
    "active": "en cours",
    "terminating": "fin programmée",
    "ended": "terminée",
}

#: Agenda kinds (`pncaf.dates.agenda.KINDS`) as the tables, the calendar and the report name them.
KIND_FR = {
    "notice_deadline": "Préavis",
    "renewal": "Reconduction",
    "end": "Fin de convention",
    "report_due": "Indicateurs",
    "committee_due": "Comité de pilotage",
    "visit_due": "Visite",
    "training_due": "Formation",
}

#: History events (`event:`) as the dashboard and `pncaf diff` name them.
EVENT_FR = {"report": "Rapport semestriel", "committee": "Comité de pilotage",
            "visit": "Visite de la Caf", "training": "Formation", "notice": "Préavis",
            "label_withdrawn": "Retrait du label", "closure": "Fermeture exceptionnelle",
            "acknowledgment": "Constat pris en compte"}


@lru_cache(maxsize=2)
def _months(width: MonthWidth) -> tuple[str, ...]:
    """French month names from CLDR: `wide` (octobre) or `abbreviated` (oct.)."""
    from babel.dates import get_month_names

    names = get_month_names(width, locale="fr")
    return tuple(names[m] for m in range(1, 13))


def _french_date(day: date, width: MonthWidth) -> str:
    number = "1er" if day.day == 1 else str(day.day)   # the first of the month is ordinal
    return f"{number} {_months(width)[day.month - 1]} {day.year}"


def long_date(day: date) -> str:
    """`5 octobre 2022`, `1er mars 2023`. A day is written once: the same ones come again
    and again (semesters' ends, due days), twenty times a convention's reminders."""
    return _long_date(day) if type(day) is date else _french_date(day, "wide")


@lru_cache(maxsize=4096)
def _long_date(day: date) -> str:
    return _french_date(day, "wide")


def medium_date(day: date) -> str:
    """`5 oct. 2022`, `1er mars 2023`: for tables, where space is short."""
    return _french_date(day, "abbreviated")


def short_date(day: date) -> str:
    """`05/10/2022`, as on forms (what `strftime("%d/%m/%Y")` writes, in a third of its
    time: a dashboard page writes sixty of them)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def semester_name(year: int, half: int) -> str:
    """« 1er semestre 2027 », « 2d semestre 2026 »: a semester as people name it."""
    return f"{'1er' if half == 1 else '2d'} semestre {year}"


def day_span(first: date, last: date) -> str:
    """« du 15 décembre 2026 au 31 décembre 2026 », or « le 31 décembre 2026 » for one day."""
    if first == last:
        return f"le {long_date(first)}"
    return f"du {long_date(first)} au {long_date(last)}"


_VOWELS = "aeiouyàâäéèêëîïôöùûüœAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒ"


def de(name: str) -> str:
    """« de Villeparisis », « d'Espace Lumière »: French elides « de » before a vowel or a
    (not before h: an aspirated h, « de Hautmont », is as common as a mute one)."""
    return f"d'{name}" if name[:1] in _VOWELS else f"de {name}"


#: French words accepted on the command line for the format's English values.
CHOICES_FR: dict[str, dict[str, str]] = {
    "kind": {"webinaire": "webinar", "présentiel": "onsite", "presentiel": "onsite",
             "sur place": "onsite", "sur_place": "onsite"},
    "outcome": {"conforme": "compliant", "plan_d_action": "action_plan",
                "plan d'action": "action_plan", "plan_daction": "action_plan",
                "non_conforme": "non_compliant", "non conforme": "non_compliant"},
    "by": {"partenaire": "partner", "caf": "caf"},
}


def english_choice(option: str, value: str, allowed: tuple[str, ...]) -> str:
    """The file's English value for `value`, given in English or in French (`conforme` →
    `compliant`); raises ValueError naming both forms when it is neither."""
    lowered = value.strip().lower().replace("’", "'")
    if lowered in allowed:
        return lowered
    french = CHOICES_FR.get(option, {})
    if lowered in french:
        return french[lowered]
    words = sorted({*allowed, *(k for k in french if "_" in k or " " not in k)})
    raise ValueError(f"--{option} {value!r}: use one of {', '.join(words)}")


def and_list(words: list[str]) -> str:
    """« A », « A et B », « A, B et C »: names listed as a sentence says them."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} et {words[-1]}"


def guillemets(name: str) -> str:
    """`name` in « », as French quotes a name; quotes it already holds become “ ” (French
    typography's quotes within quotes): « Salle “L’Atelier” », never « Salle « L’Atelier » »."""
    if "«" in name or "»" in name:
        name = re.sub(r"\s*»", "”", re.sub(r"«\s*", "“", name))
    return f"« {name} »"
