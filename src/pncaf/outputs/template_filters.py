"""The filters and helpers pncaf's templates use to write French (hours, titles, lists,
counts): plain functions, which `outputs.templating` gives its environments (and names
again, for the modules that import them from there) and Python code calls too (the
review of a change, the week's picture)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from pncaf.format.hours import DAY_NAMES_FR, WEEKDAYS, TimeRange, format_clock
from pncaf.french import guillemets


def comment_text(value: object) -> str:
    """A value quoted in a YAML comment: on one line, whatever it holds (a line break would
    end the comment and let the rest be read as a key)."""
    import unicodedata

    return "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
                   for c in str(value))


_FEMININE_ENDINGS = ("rice", "ière", "esse", "euse", "ente", "ante", "oise", "ine", "elle",
                     "ale", "onne", "ve", "eure")


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """`{{ n | counted("manquant") }}`: « 0 manquant », « 1 manquant », « 2 manquants »
    (French: 0 and 1 take the singular); `plural` when it is not the singular plus s."""
    word = singular if abs(number) < 2 else (plural or f"{singular}s")
    return f"{number} {word}"


def with_article(title: str) -> str:
    """« Directrice » → « La Directrice », « Maire » → « Le Maire », « Adjointe » →
    « L'Adjointe ». A title already written with its article is kept as it is, which is how
    to choose « La Maire »."""
    lowered = title.lower()
    if lowered.startswith(("le ", "la ", "l'", "l’", "les ")):
        return title
    if lowered[:1] in "aeiouyéèêâîôh":
        return f"L’{title}"
    feminine = lowered.split()[0].endswith(_FEMININE_ENDINGS)
    return f"{'La' if feminine else 'Le'} {title}"


def signatory(title: str) -> str:
    """« Directrice » → « La Directrice de la Caf », as annex 1 signs; a title that already
    names the Caf (« Directrice de la Caf de Seine-et-Marne ») is only given its article."""
    with_caf = title if "caf" in title.lower() else f"{title} de la Caf"
    return with_article(with_caf)


def quoted_list(names: Iterable[str]) -> str:
    """[A, B, C] → `« A », « B » et « C »`: each name in its own quotes, so that two sites
    never read as one site named « A, B »."""
    quoted = [guillemets(name) for name in names]
    if len(quoted) < 2:
        return "".join(quoted)
    return f"{', '.join(quoted[:-1])} et {quoted[-1]}"


def format_ranges(ranges: Iterable[TimeRange]) -> str:
    """[08:30-12:00, 14:00-17:30] → `8 h 30 – 12 h, 14 h – 17 h 30`. A day's hours are
    written once for all the sites open at the same hours (a network has a few dozen
    patterns; writing them was a third of the words a reminder gives its templates)."""
    ranges = tuple(ranges)
    try:
        return _ranges_text(ranges)
    except TypeError:             # a template's own values, which cannot be a cache's key
        return _ranges_text.__wrapped__(ranges)


@lru_cache(maxsize=1024)
def _ranges_text(ranges: tuple[TimeRange, ...]) -> str:
    return ", ".join(f"{format_clock(r.start)} – {format_clock(r.end)}" for r in ranges)


def week_lines(hours: Mapping[str, list[TimeRange]]) -> list[tuple[str, str]]:
    """(« lundi », « 8 h 30 – 12 h, 14 h – 17 h 30 ») for each open day, Monday first."""
    return [(DAY_NAMES_FR[day], format_ranges(hours[day])) for day in WEEKDAYS if hours.get(day)]


_NTH_FR = {1: "premier", 2: "deuxième", 3: "troisième", 4: "quatrième", 5: "cinquième",
           -1: "dernier"}


def monthly_line(nth: int, weekday: str, hours: list[TimeRange], note: str | None) -> str:
    """« le quatrième samedi du mois, 9 h – 12 h » (or the note when hours are unknown)."""
    text = f"le {_NTH_FR[nth]} {DAY_NAMES_FR[weekday]} du mois"
    if hours:
        text += f", {format_ranges(hours)}"
    if note:
        text += f" ({note})"
    return text
