"""The sites of Art. 7 (name, address, weekly and monthly hours, manager) and their
equipment in Art. 8.

A site is a name then its address on the next line, as the model writes it, or one
sentence (« installé à l'Espace France Services, 12 rue Thiers, 33500 Libourne »). Its
hours are read clause by clause: a weekly clause gives `hours`, a monthly one (« le premier
samedi de chaque mois de 9h à 12h ») gives `monthly` — never weekly hours; what recurs
otherwise (« un samedi sur deux ») or only for a while (« pendant les vacances scolaires »)
cannot be written in the file and is a warning naming it, as is an exception (« sauf … »).
"""

from __future__ import annotations

import re
from typing import Any

from pncaf.format.hours import WEEKDAYS, TimeRange
from pncaf.importing import normalise as norm
from pncaf.importing.equipment import read_equipment
from pncaf.importing.found import Found, Missing, Reading, Text, quoted
from pncaf.importing.hours_grammar import NTH, normalise, read_monthly, read_week, tokens
from pncaf.importing.parties import ADDRESS_TAIL, address, address_of, is_address

_SITE_SENTENCE = re.compile(
    r"\b(?:install[ée]e?s?|situ[ée]e?s?|implant[ée]e?s?|se (?:situe|trouve)|h[ée]berg[ée]e?s?|"
    r"lieu d['’]accueil\s*(?::|(?=[«\"“]))|site\s*:)\s*(?:à|au|aux|dans|en)?\s*"
    r"(?:les\s+|la\s+|le\s+|l['’])?"
    r"(?P<name>[^,:]+?)\s*,\s*" + ADDRESS_TAIL, re.IGNORECASE)
_MONTHLY = re.compile(r"\bpar mois\b|\bdu mois\b|\bchaque mois\b|\btous les mois\b|mensuel",
                      re.IGNORECASE)
_OTHER_RECURRENCE = re.compile(r"\bsur deux\b|\bsur trois\b|\btous les (?:quinze|15|\d+) jours\b|"
                               r"\bsemaines? (?:paires?|impaires?)\b|\bune fois par (?:trimestre|"
                               r"an)\b|\bpar trimestre\b", re.IGNORECASE)
_ONLY_WHILE = re.compile(r"(?:pendant|durant|en période de|lors des)\s+(?:les\s+)?(?:vacances|"
                         r"congés)[^,;]*|\ben (?:juillet|août|été|hiver)\b[^,;]*|"
                         r"\b(?:pendant l['’]été|période estivale)\b[^,;]*", re.IGNORECASE)
_EXCEPT = re.compile(r"\b(?:sauf|excepté|hormis|hors|à l['’]exception d)\b.*$", re.IGNORECASE)
_DAY_WORD = re.compile(r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?\b",
                       re.IGNORECASE)
# « ; », « . », and « : » between a time and the next « le » (a scan's « 17h:le mardi »)
_CLAUSES = re.compile(r"\s*(?:;|\.\s+|(?<=[\dh])\s*:\s*(?=l[ea]s?\b))\s*")

Block = list[tuple[int, str]]


def is_hours_line(line: str) -> bool:
    """A day with times, or with « matin »/« après-midi » (then the times are missing)."""
    kinds = {t.kind for t in tokens(line)}
    return "day" in kinds and ("time" in kinds or "qual" in kinds)


def _starts(art7: Block) -> list[tuple[int, str, Found | None, Block]]:
    """(index in Art. 7, name written, address, the rest of the line) of each site."""
    out: list[tuple[int, str, Found | None, Block]] = []
    for k, (n, line) in enumerate(art7):
        sentence = _SITE_SENTENCE.search(line)
        if sentence:
            rest = line[sentence.end():].strip(" ,.")
            out.append((k, sentence.group("name"), Found(address_of(sentence), [n]),
                        [(n, rest)] if rest else []))
        elif k > 1 and is_address(line) and not is_address(art7[k - 1][1]) and not (
                out and out[-1][0] == k - 1):
            name = art7[k - 1][1]
            if ":" in name:                         # « Le site se situe : Maison … »
                name = name.rsplit(":", 1)[1]
            out.append((k, name, None, []))
    return out


def _site_article(text: Text) -> tuple[int, Block]:
    """Art. 7, where the model lists the sites; else the first article naming a site in a
    sentence (the Caf du Nord's Art. 1: « la Caf labellise le lieu d'accueil « Espace
    numérique L’Escale », 14 rue d’Arras, 59800 Lille »)."""
    art7 = text.article(7)
    if _starts(art7):
        return 7, art7
    for number in sorted(text.articles):
        block = text.article(number)
        if any(_SITE_SENTENCE.search(line) for _, line in block):
            return number, block
    return 7, art7


def read_sites(text: Text, reading: Reading) -> None:
    where, art7 = _site_article(text)
    starts = _starts(art7)
    if not starts:
        reading.missing.append(Missing("sites", text.heading_line(7) or text.heading_line(1),
                                       "the sites and their addresses, in Art. 7 (a name, "
                                       "then « 18 avenue … 77270 Ville » on the next line)"))
        return
    bounds = [*(k - (0 if found else 1) for k, _, found, _ in starts[1:]), len(art7)]
    for index, ((k, name, found, rest), end) in enumerate(zip(starts, bounds, strict=True)):
        label = f"sites[{index}]"
        block = rest + art7[k + 1:end]
        name_line = art7[k][0] if found else art7[k - 1][0]
        site: dict[str, Found | None] = {"name": _site_name(name, name_line, label, reading),
                                         "address": found or address([art7[k], *block[:1]])}
        if site["address"] is None:
            reading.missing.append(Missing(f"{label}.address", art7[k][0], "the site's "
                                           "address (« 18 avenue des Chênes, 77270 "
                                           "Villeparisis »)"))
        site["hours"], site["monthly"] = _hours(block, reading, label)
        if site["hours"] is None and site["monthly"] is None:
            site["hours"], site["monthly"] = _hours_elsewhere(text, where, len(starts), reading,
                                                              label)
        if site["hours"] is None:
            reading.missing.append(Missing(f"{label}.hours", name_line, "the weekly opening "
                                           "hours (« le lundi de 9 h à 12 h … »)"))
        site["manager"] = _manager(block)
        reading.sites.append(site)
    read_equipment(text, reading)


_OPENING = re.compile(r"\bouvert|\bouverture\b|\bhoraires?\b|\baccueille\b", re.IGNORECASE)
_CAF_OWN = re.compile(r"\b(?:la|de la|à la|les? agents? de la)\s+caf\b", re.IGNORECASE)


def _opens(line: str) -> bool:
    """A line saying when the place opens (a day, with or without times it can read), not
    when the Caf's own reception does."""
    return bool(_OPENING.search(line)) and _has_day(line) and not _CAF_OWN.search(line)


def _opening_block(text: Text, skip: int) -> Block:
    """The lines of another article than `skip` from its first line saying when the place
    opens on, preferring one with times that can be read (« ouvert du lundi au samedi »
    alone is taken only when no article gives times), without the minimum's half-days."""
    found: list[Block] = []
    for number in sorted(set(text.articles) - {skip}):
        block = text.article(number)
        first = next((k for k, (_, line) in enumerate(block) if _opens(line)), None)
        if first is not None:
            found.append([(n, line) for n, line in block[first:]
                          if not re.search(r"demi-journ", line, re.IGNORECASE)])
    timed = [block for block in found if is_hours_line(block[0][1])]
    return (timed or found or [[]])[0]


def _hours_elsewhere(text: Text, skip: int, sites: int, reading: Reading,
                     label: str) -> tuple[Found | None, Found | None]:
    """The hours of the only site, written in another article than its own (the Caf du
    Nord's Art. 4: « Le lieu est ouvert au public le lundi de 9h00 à 12h00 … »). With
    several sites, such hours are nobody's for sure: a warning names their line."""
    block = _opening_block(text, skip)
    if not block:
        return None, None
    if sites == 1:
        return _hours(block, reading, label)
    reading.partly(f"{label}.hours", block[0][0], "the opening hours of this line name no "
                   "site, and there are several: write each site's hours in the file")
    return None, None


def _site_name(written: str, line: int, label: str, reading: Reading) -> Found | None:
    written = written.replace("**", "").strip(" ,.")
    enclosed = re.fullmatch(r"[«\"“]\s*([^«»\"“”]+?)\s*[»\"”]", written)
    name = norm.site_name(enclosed.group(1) if enclosed else written)
    if not name or len(name.split()) > 12 or re.search(r"\d{5}", name):
        reading.missing.append(Missing(f"{label}.name", line, f"the site's name: "
                                       f"{quoted(written)} is more than a name"))
        return None
    return Found(name, [line])


def _hours(block: Block, reading: Reading, label: str) -> tuple[Found | None, Found | None]:
    """The weekly hours and the monthly openings of a site, clause by clause."""
    week: dict[str, list[TimeRange]] = {}
    week_lines: list[int] = []
    monthly: list[dict[str, Any]] = []
    monthly_lines: list[int] = []
    for n, line in block:
        if re.search(r"aucune ouverture hebdomadaire", line, re.IGNORECASE):
            week_lines.append(n)
            continue
        for clause in _CLAUSES.split(line):
            weekly, entries = _clause(clause, n, reading, label)
            if weekly is not None:
                for day, ranges in weekly.items():
                    week.setdefault(day, []).extend(ranges)
                week_lines.append(n)
            if entries:
                monthly += entries
                monthly_lines.append(n)
    hours = (Found({day: sorted(week[day]) for day in WEEKDAYS if day in week}, week_lines)
             if week_lines else None)
    return hours, (Found(monthly, monthly_lines) if monthly else None)


def _clause(clause: str, n: int, reading: Reading,
            label: str) -> tuple[dict[str, list[TimeRange]] | None, list[dict[str, Any]]]:
    """The weekly hours (None: no weekly hours in it) and monthly openings of one clause."""
    if not is_hours_line(clause) and not (_MONTHLY.search(clause) and _has_day(clause)):
        kinds = {t.kind for t in tokens(clause)}
        if "day" in kinds and re.search(r"\bheures?\b|\bouvert|\baccueil", clause,
                                        re.IGNORECASE):
            # « le mardi de neuf heures à onze heures »: hours in words are not read
            reading.partly(f"{label}.hours", n, f"{quoted(clause)} names a day but no hours "
                           "could be read in it (write them as 9h-12h): not imported")
        elif "time" in kinds:
            # « tous les jours de 9h à 17h », « en semaine de 9h à 12h »: which days?
            reading.partly(f"{label}.hours", n, f"{quoted(clause)} gives times without naming "
                           "the days (« le lundi », « du lundi au vendredi »): not imported")
        return None, []
    only = _ONLY_WHILE.search(clause)
    if only and not re.search(r"\b(?:sauf|hors|excepté)\s+(?:pendant|durant|en|lors)\b",
                              clause[:only.start() + 12], re.IGNORECASE):
        reading.partly(f"{label}.hours", n, f"hours for a part of the year only "
                       f"({quoted(clause)}) cannot be written in the file: not imported")
        return None, []
    if _OTHER_RECURRENCE.search(clause):
        reading.partly(f"{label}.hours", n, f"{quoted(clause)} recurs neither every week nor "
                       "on a given day of the month: it cannot be written in the file, not "
                       "imported")
        return None, []
    exception = _EXCEPT.search(clause)
    regular = clause[:exception.start()] if exception else clause
    weekly_part, monthly_part = _split_monthly(regular)
    entries = _monthly(monthly_part, n, reading, label) if monthly_part else []
    weekly = _weekly(weekly_part, n, reading, label) if is_hours_line(weekly_part) else None
    if exception:
        weekly = _except(weekly, exception.group(0), n, reading, label)
    return weekly, entries


def _has_day(text: str) -> bool:
    return any(t.kind == "day" for t in tokens(text))


def _split_monthly(clause: str) -> tuple[str, str]:
    """« le lundi de 9h à 12h et le premier samedi de chaque mois de 9h à 12h » → the weekly
    part and the monthly part (from the ordinals before the monthly day on)."""
    marker = _MONTHLY.search(clause)
    if not marker:
        return clause, ""
    days = list(_DAY_WORD.finditer(clause, 0, marker.start()))
    if not days:
        return "", clause
    start = days[-1].start()
    for ordinal in reversed(list(NTH.finditer(clause, 0, start))):
        if re.fullmatch(r"(?:\s|,|\bet\b|\ble\b|\bles\b|\bla\b)*", clause[ordinal.end():start],
                        re.IGNORECASE):
            start = ordinal.start()
    article = re.search(r"\b(?:un|une|le|les|chaque)\s+$", clause[:start], re.IGNORECASE)
    return clause[:article.start() if article else start], clause[start:]


def _weekly(text: str, n: int, reading: Reading, label: str) -> dict[str, list[TimeRange]]:
    week = read_week(text)
    for problem in week.problems:
        reading.partly(f"{label}.hours", n, f"part of the hours could not be read ({problem}) and "
                       "is not imported: add it to the file")
    return week.hours


def _monthly(text: str, n: int, reading: Reading, label: str) -> list[dict[str, Any]]:
    """One entry per ordinal: « le premier et le troisième samedi du mois » gives two."""
    day = _DAY_WORD.search(text)
    ordinals = list(NTH.finditer(text, 0, day.start() if day else len(text)))
    parts = [text] if len(ordinals) <= 1 else [
        text[:ordinals[0].start()] + m.group(0) + text[ordinals[-1].end():] for m in ordinals]
    entries = []
    for part in parts:
        month = read_monthly(part)
        entry: dict[str, Any] = {"nth": month.nth, "weekday": month.weekday}
        if month.hours:
            entry["hours"] = month.hours
        if month.note:
            entry["note"] = month.note
        if month.nth is None:
            reading.missing.append(Missing(f"{label}.monthly.nth", n, "which one in the month "
                                           f"(« le 4e samedi », « le dernier samedi »): "
                                           f"{quoted(text)} does not say"))
        for problem in month.problems:
            reading.partly(f"{label}.monthly", n, f"part of {quoted(text)} could not be read "
                           f"({problem})")
        entries.append(entry)
    return entries


def _except(weekly: dict[str, list[TimeRange]] | None, exception: str, n: int,
            reading: Reading, label: str) -> dict[str, list[TimeRange]] | None:
    """« sauf le mercredi » takes the day out; any other exception is said, not imported."""
    kinds = {t.kind for t in tokens(exception)}
    words = normalise(exception)
    if weekly is not None and kinds == {"day"} and not re.search(
            r"mois|vacances|férié|semaine|juillet|août", words):
        days = {d for t in tokens(exception) for d in t.days}
        return {day: ranges for day, ranges in weekly.items() if day not in days}
    reading.partly(f"{label}.hours", n, f"the exception {quoted(exception)} cannot be written "
                   "in the file: the regular hours were imported without it")
    return weekly


def _manager(block: Block) -> Found | None:
    for n, line in block:
        match = re.search(r"\bg[ée]r[ée]e?\s+par\s+(?P<name>[^,]+),\s*(?P<title>.+?)"
                          r"(?:\s+sous\b.*|\.)?$", line, re.IGNORECASE)
        if match:
            return Found({"name": norm.person_name(match.group("name")),
                          "title": norm.title(match.group("title"))}, [n])
    return None
