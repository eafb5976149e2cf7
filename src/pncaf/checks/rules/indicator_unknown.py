"""`indicator-unknown` (Art. 9, annex 2): a report's indicator that is not on the list.

The list is `[indicators]` of pncaf.toml, or pncaf's default list of annex 2; an indicator
off it is counted apart on the dashboard. The message suggests the listed key closest to
the name, compared with the keys and the labels alike.

Fails:
    history:
      - {date: 2024-01-15, event: report, period: 2024-S1, indicators: {démarches: 3}}

Passes:
    history:
      - {date: 2024-01-15, event: report, period: 2024-S1, indicators: {accueils: 3}}
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from functools import partial

from pncaf.checks.rules.base import Finding, Found, Rule, RuleContext
from pncaf.dates.duties import Semester
from pncaf.format.models import ReportEvent
from pncaf.problems import Severity


def _folded(text: str) -> str:
    """`Démarches en ligne` → `demarches_en_ligne`: how keys and labels are compared."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


def indicator_suggestion(name: str, indicators: Mapping[str, str]) -> str | None:
    """The listed key closest to `name`, compared with the keys and the labels alike
    (`démarches` → `demarches`, `nombre d'accueils` → `accueils`), or None. Remembered per
    name and list: a network whose reports use keys off the list repeats the same few
    names in every report, and difflib was then 40 % of `check`'s time."""
    return _suggestion(name, tuple(indicators.items()))


@functools.lru_cache(maxsize=4096)
def _suggestion(name: str, items: tuple[tuple[str, str], ...]) -> str | None:
    import difflib

    indicators = dict(items)

    folded = _folded(name)
    candidates: dict[str, str] = {}
    for key, label in indicators.items():
        candidates.setdefault(_folded(key), key)
        candidates.setdefault(_folded(label), key)
    if folded in candidates:
        return candidates[folded]
    close = difflib.get_close_matches(folded, list(candidates), n=1, cutoff=0.6)
    if close:
        return candidates[close[0]]
    inside = [key for key in indicators if len(key) >= 4 and _folded(key) in folded]
    return inside[0] if len(inside) == 1 else None


def _fr(name: str, period: str, guess: tuple[str, str] | None) -> str:
    hint = (f"vouliez-vous dire « {guess[1]} » (`{guess[0]}`) ?" if guess
            else "utilisez une clé de la liste.")
    return (f"l'indicateur `{name}` du rapport du {Semester.parse(period).name_fr} n'est pas "
            f"dans la liste de l'annexe 2 et il est compté à part : {hint} Sinon, ajoutez-le "
            "à [indicators] dans pncaf.toml")


def check(ctx: RuleContext) -> Iterator[Finding]:
    listed = ctx.indicators
    for index, event in enumerate(ctx.convention.history):
        if not isinstance(event, ReportEvent):
            continue
        for name in event.indicators:
            if name in listed:
                continue
            guess = indicator_suggestion(name, listed)
            hint = (f"did you mean `{guess}` ({listed[guess]})? Rename it"
                    if guess else f"the list has {', '.join(f'`{k}`' for k in listed)}: "
                    "use one of them")
            yield Found(ctx.at("history", index, "indicators", name), (
                f"indicator `{name}` of report {event.period} is not in the list of annex 2, "
                f"so the dashboard counts it apart: {hint}, or add it to [indicators] in "
                "pncaf.toml"),
                fr=partial(_fr, name, event.period,
                           (guess, listed[guess]) if guess else None))


RULE = Rule("indicator-unknown", Severity.WARNING, check, True, "Art. 9",
            "a report indicator that is not in the list of annex 2 (`[indicators]` of "
            "pncaf.toml, or the default list), with the nearest one",
            "indicateur hors liste", __doc__ or "")
