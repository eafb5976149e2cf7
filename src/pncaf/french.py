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


def semester_name(year: int, half: int) -> str:
    """« 1er semestre 2027 », « 2d semestre 2026 »: a semester as people name it."""
    return f"{'1er' if half == 1 else '2d'} semestre {year}"


def day_span(first: date, last: date) -> str:
    """« du 15 décembre 2026 au 31 décembre 2026 », or « le 31 décembre 2026 » for one day."""
    if first == last:
        return f"le {long_date(first)}"
    return f"du {long_date(first)} au {long_date(last)}"


def and_list(words: list[str]) -> str:
    """« A », « A et B », « A, B et C »: names listed as a sentence says them."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} et {words[-1]}"
