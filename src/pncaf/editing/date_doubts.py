"""Dates that are very likely typos, said in French to whoever records them.

The history only grows and a signature is a fact: a year typed 2027 for 2026, or 2020 for
2026, stays in the file and silently changes what `check` computes (an event after today is
ignored until that day; a signature in the future leaves the convention « à venir »). Such a
date is not refused, since it can be right (a signature planned, an event of a former
convention kept for the record, a test `--as-of`), but it is pointed out at once, while
undoing it is one click. The sentences start with `DOUBT`, so that a face can pick them
out of the notes to ask for a confirmation.
"""

from __future__ import annotations

from datetime import date

from pncaf.french import short_date

DOUBT = "Date à vérifier"


def after_today(what: str, day: date, today: date) -> str | None:
    """`what` (« la signature du partenaire », « la visite ») dated after `today`, or None."""
    if day <= today:
        return None
    years = day.year - today.year
    typo = " (une faute de frappe sur l'année ?)" if years >= 1 else ""
    return (f"{DOUBT} : {what} porte la date du {short_date(day)}, postérieure à aujourd'hui "
            f"({short_date(today)}){typo}. Jusqu'à ce jour, pncaf n'en tient pas compte. Si "
            "la date est fausse, annulez ce dernier enregistrement et refaites-le.")


def before_effect(what: str, day: date, effective: date) -> str | None:
    """`what` dated before the convention took effect, or None."""
    if day >= effective:
        return None
    return (f"{DOUBT} : {what} porte la date du {short_date(day)}, antérieure à la prise "
            f"d'effet de la convention ({short_date(effective)}) : elle ne compte pour aucune "
            "de ses périodes. Si la date est fausse, annulez ce dernier enregistrement et "
            "refaites-le.")
