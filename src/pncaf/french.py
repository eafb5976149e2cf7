"""French wording for dates and statuses, as the documents write them.

Dates read « 5 octobre 2022 » and « 1er mars 2023 » (the first of the month is an
ordinal in French). Month names come from Babel's CLDR data.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

STATUS_FR = {
    "draft": "brouillon",
    "upcoming": "à venir",
    "active": "en cours",
    "terminating": "fin programmée",
    "ended": "terminée",
}


@lru_cache(maxsize=1)
def _months() -> tuple[str, ...]:
    from babel.dates import get_month_names

    names = get_month_names("wide", locale="fr")
    return tuple(names[m] for m in range(1, 13))


def long_date(day: date) -> str:
    """`5 octobre 2022`, `1er mars 2023`."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {_months()[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """`05/10/2022`, as on forms."""
    return day.strftime("%d/%m/%Y")


@lru_cache(maxsize=1)
def _short_months() -> tuple[str, ...]:
    from babel.dates import get_month_names

    names = get_month_names("abbreviated", locale="fr")
    return tuple(names[m] for m in range(1, 13))


def medium_date(day: date) -> str:
    """`5 oct. 2022`, `1er mars 2023`: for tables, where space is short."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {_short_months()[day.month - 1]} {day.year}"
