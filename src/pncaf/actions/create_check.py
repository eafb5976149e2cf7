"""Every problem of a creation form at once: the values that cannot be right and the
questions left blank, checked in one pass (`start` stops at the first kind of problem,
which a terminal asking one question at a time needs, but a form shown again does not)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path


def creation_problems(given: Mapping[str, str | None], source: Path | None,
                      counts: Mapping[str, int]) -> tuple[dict[str, str], list[str]]:
    """The problem of each answer given, by question key (`new`'s words), and the keys of
    the questions still to answer."""
    from pncaf.editing.creation import Answers, caf_answers_from

    answers = Answers()
    problems: dict[str, str] = {}
    if source is not None:
        try:
            answers.values.update(caf_answers_from(source))
        except (ValueError, OSError) as exc:
            problems["from"] = str(exc)
    answers.values.update({k: v for k, v in given.items() if v is not None})
    answers.counts = dict(counts)
    for problem in answers.problems():
        name, _, why = problem.partition(": ")
        problems[name.replace("-", "_")] = why
    return problems, [q.key for q in answers.missing()]


def french_hours(value: str | None) -> str | None:
    """« lundi 8h30-12h, 14h-17h30 ; jeudi 9h-12h » (a day, then its ranges; one day a line
    or days between « ; ») as `new` reads it: `lundi=8h30-12h,14h-17h30;jeudi=9h-12h`."""
    from pncaf.format.hours import WEEKDAYS_FR

    if not value:
        return value
    out = []
    for part in re.split(r"[;\n]", value):
        found = re.match(r"\s*([^\W\d_]+)\s*[=:]?\s*(.*)$", part, re.S)
        if found and found[1].lower() in (*WEEKDAYS_FR, *WEEKDAYS_FR.values()):
            out.append(f"{found[1]}={found[2].strip()}")
        elif part.strip():
            out.append(part.strip())
    return ";".join(out)
