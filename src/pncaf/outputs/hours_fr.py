"""Opening hours in the words of the model convention.

The model writes « le lundi, jeudi et vendredi de 8h30 à 12h et de 14h à 17h30 »; pncaf
writes the same facts the same way, spaced as French typography wants: `8 h 30`, `12 h`,
days with the same hours grouped, Monday first. `pncaf.importing.hours_grammar` reads
these phrases (and the other usual ways of writing them) back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pncaf.format.hours import DAY_NAMES_FR, WEEKDAYS, TimeRange, format_clock

NUMBERS_FR = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
              "dix", "onze", "douze")


def listing(items: Sequence[str]) -> str:
    """["a", "b", "c"] → « a, b et c »."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} et {items[-1]}"


def range_phrase(span: TimeRange) -> str:
    """08:30-12:00 → « de 8 h 30 à 12 h »."""
    return f"de {format_clock(span.start)} à {format_clock(span.end)}"


def ranges_phrase(ranges: Sequence[TimeRange]) -> str:
    """« de 8 h 30 à 12 h et de 14 h à 17 h 30 »."""
    return listing([range_phrase(r) for r in sorted(ranges)])


def day_groups(hours: Mapping[str, Sequence[TimeRange]]) -> list[tuple[list[str], list[TimeRange]]]:
    """Days that share exactly the same ranges, in the order of their first day."""
    groups: dict[tuple[TimeRange, ...], list[str]] = {}
    for day in WEEKDAYS:
        ranges = tuple(sorted(hours.get(day) or ()))
        if ranges:
            groups.setdefault(ranges, []).append(day)
    return [(days, list(ranges)) for ranges, days in groups.items()]


def week_phrase(hours: Mapping[str, Sequence[TimeRange]]) -> str:
    """« le lundi, le jeudi et le vendredi de 8 h 30 à 12 h et de 14 h à 17 h 30 ; le mardi
    de 14 h à 17 h 30 »; empty when the site has no regular weekly opening."""
    return " ; ".join(
        f"{listing([f'le {DAY_NAMES_FR[day]}' for day in days])} {ranges_phrase(ranges)}"
        for days, ranges in day_groups(hours))


def ordinal(nth: int) -> str:
    """4 → « 4e », 1 → « 1er », -1 → « dernier »."""
    if nth == -1:
        return "dernier"
    return "1er" if nth == 1 else f"{nth}e"


def monthly_phrase(nth: int, weekday: str, hours: Sequence[TimeRange], note: str | None) -> str:
    """« le 4e samedi du mois de 9 h à 12 h », « le dernier samedi du mois (horaires
    affichés sur place) »: the note, when there is one, follows in brackets."""
    text = f"le {ordinal(nth)} {DAY_NAMES_FR[weekday]} du mois"
    if hours:
        text += f" {ranges_phrase(hours)}"
    if note:
        text += f" ({note})"
    return text


def count_phrase(count: int, singular: str, feminine: bool = False) -> str:
    """(3, "ordinateur") → « 3 ordinateurs »; (0, "imprimante", True) → « aucune imprimante »."""
    if count == 0:
        return f"{'aucune' if feminine else 'aucun'} {singular}"
    return f"{count} {singular}{'s' if count > 1 else ''}"


def years_phrase(years: int) -> str:
    """1 → « un an », 3 → « trois ans »."""
    word = NUMBERS_FR[years] if years < len(NUMBERS_FR) else str(years)
    return f"{word} an{'s' if years > 1 else ''}"
