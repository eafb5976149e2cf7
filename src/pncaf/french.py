"""French wording for dates, statuses and agenda items, as the documents write them.

Dates read « 5 octobre 2022 » and « 1er mars 2023 » (the first of the month is an
ordinal in French). Month names come from Babel's CLDR data.
"""

from __future__ import annotations

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
            "label_withdrawn": "Retrait du label", "closure": "Fermeture exceptionnelle"}


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
    """`5 octobre 2022`, `1er mars 2023`."""
    return _french_date(day, "wide")


def medium_date(day: date) -> str:
    """`5 oct. 2022`, `1er mars 2023`: for tables, where space is short."""
    return _french_date(day, "abbreviated")


def short_date(day: date) -> str:
    """`05/10/2022`, as on forms."""
    return day.strftime("%d/%m/%Y")
