"""The clauses that hold numbers: the level-2 contact (Art. 3), the first training (Art. 3),
the opening minimum (Art. 4), the term (Art. 11), and the préfecture's acknowledgement
(ACTES), wherever it stands in the text: its own block, or one sentence (« … 033-…-DE,
télétransmis le 12/03/2026, reçu le 13/03/2026 »).
"""

from __future__ import annotations

import re
from typing import Any

from pncaf.format.email_address import EMAIL_IN_TEXT
from pncaf.format.identifiers import siren_problem
from pncaf.importing.found import (
    NUMBER,
    Found,
    Missing,
    Reading,
    Text,
    french_date,
    number,
    quoted,
)
from pncaf.importing.hours_grammar import normalise

_EMAIL = EMAIL_IN_TEXT   # the format's check: an address found is one the format accepts
_ACTES = re.compile(r"\b\d{3}-(?P<siren>\d{9})-(?P<day>\d{8})-[A-Za-z0-9_]+-[A-Z]{2}\b")
_ACTES_LIKE = re.compile(r"\b\d{3}\s?-\s?\d[\d ]{7,10}\d\s?-\s?\d{8}\b.{0,30}")
#: The labels of the préfecture's stamp, which a scan keeps when it garbles the id itself.
_ACTES_LABEL = re.compile(r"accus[ée]\s+de\s+r[ée]ception\s+en\s+pr[ée]fecture|"
                          r"date\s+de\s+t[ée]l[ée]transmission", re.IGNORECASE)
# « prend effet le 1er avril 2026 », « entre en vigueur à compter du 1er avril 2026 »
_EFFECTIVE = re.compile(r"(?:prend effet|prendra effet|entre(?:ra)? en vigueur|s'applique)\s+"
                        r"(?:le|à compter du|à partir du|au|à la date du)\s+(.+)")
_SENT = re.compile(r"t[ée]l[ée]transmi|transmis", re.IGNORECASE)
_RECEIVED = re.compile(r"r[ée]ception|re[çc]ue?\b", re.IGNORECASE)


def first(lines: list[tuple[int, str]], pattern: re.Pattern[str]) -> Found | None:
    for n, line in lines:
        match = pattern.search(line)
        if match:
            return Found(match.group(0), [n])
    return None


def read_contact(text: Text, reading: Reading) -> None:
    email = first(text.article(3), _EMAIL) or first(
        [(n, line) for n, line in text.numbered() if "niveau 2" in line.lower()], _EMAIL)
    reading.need("caf.level2_contact", email, text.heading_line(3),
                 "the level-2 e-mail address, written in Art. 3 (annex 3)")


def _first_training(text: Text) -> tuple[int, int] | None:
    """(months, line) of « la première formation … dans les 3 mois qui suivent la prise
    d'effet » (Art. 3); « dès la prise d'effet » is 0 months."""
    for n, line in text.article(3):
        lowered = normalise(line)
        if "première formation" not in lowered:
            continue
        months = re.search(NUMBER + r"\s+mois", lowered)
        if months:
            return number(months.group(1)), n
        if "dès la prise d'effet" in lowered:
            return 0, n
    return None


def _minimum_lines(text: Text) -> list[tuple[int, str]]:
    """Where the opening minimum may be written: Art. 4, as in the model, then any article's
    line about half-days a week (Art. 4 of the Caf du Nord gives the opening hours)."""
    others = [(n, line) for number in sorted(set(text.articles) - {4})
              for n, line in text.article(number)
              if re.search(r"demi-journ[ée]es?\s+(?:par\s+semaine|hebdomadaires?)", line,
                           re.IGNORECASE)]
    return text.article(4) + others


def _minimum(line: str) -> dict[str, Any] | None:
    """« au moins 4 demi-journées … et 12 heures 30 » → half-days and weekly hours."""
    match = re.search(r"(\d+)\s*demi-journ[ée]es?", line, re.IGNORECASE)
    if not match:
        return None
    hours = re.search(r"(\d+(?:[.,]\d+)?)\s*(?:heures?|h)\s*(\d{2})?(?!\d)",
                      line[match.end():], re.IGNORECASE)
    value: dict[str, Any] = {"min_half_days": int(match.group(1)), "min_weekly_hours": None}
    if hours:
        whole = float(hours.group(1).replace(",", "."))
        total = whole + (int(hours.group(2)) / 60 if hours.group(2) else 0)
        value["min_weekly_hours"] = int(total) if total.is_integer() else total
    return value


def read_engagements(text: Text, reading: Reading) -> None:
    training = _first_training(text)
    for n, line in _minimum_lines(text):
        value = _minimum(line)
        if value is None:
            continue
        lines = [n]
        if training is not None:
            value["first_training_months"] = training[0]
            lines.insert(0, training[1])
        reading.need("engagements", Found(value, lines), n,
                     "the weekly hours of the Art. 4 minimum")
        if value["min_weekly_hours"] is None:
            reading.partly("engagements.min_weekly_hours", n, "the weekly hours of the Art. 4 "
                           "minimum (« et 12 heures par semaine ») were not found after the "
                           "half-days: fill them in")
        return
    reading.need("engagements", None, text.heading_line(4), "the Art. 4 minimum the partner "
                 "commits to (« au moins 4 demi-journées et 12 heures par semaine »), looked "
                 "for in Art. 4 and in every article: fill it in from the convention")


def read_term(text: Text, reading: Reading) -> None:
    need, values = reading.need, reading.values
    where = text.heading_line(11)
    term: dict[str, Any] = {"years": None, "tacit_renewal": None, "notice_months": None}
    lines: list[int] = []
    for n, line in text.article(11):
        lowered = normalise(line)
        years = re.search(r"durée\s+(?:d'|de\s+)" + NUMBER + r"\s+(?:ans?|années?)\b", lowered)
        if years and term["years"] is None:
            term["years"] = number(years.group(1))
            lines.append(n)
        if "tacite" in lowered and term["tacit_renewal"] is None:
            term["tacit_renewal"] = not re.search(r"\b(sans|non|pas de|n'est pas)\b[^.]{0,30}"
                                                  r"tacite", lowered)
            lines.append(n)
        notice = re.search(NUMBER + r"\s+mois\s+avant", lowered)
        if notice and term["notice_months"] is None:
            term["notice_months"] = number(notice.group(1))
            lines.append(n)
        effective = _EFFECTIVE.search(lowered)
        if effective and "effective" not in values:
            day, written = french_date(effective.group(1))
            if day is not None:
                values["effective"] = Found(day, [n])
            elif written or re.search(r"\d", effective.group(1)):
                values["effective"] = None
                reading.missing.append(Missing("effective", n, f"the date it takes effect, "
                                               f"{quoted(effective.group(0))}, could not be "
                                               "read: write it as 2026-04-01 in the file"))
    need("term", Found(term, sorted(set(lines))) if lines else None, where,
         "the term of Art. 11 (« pour une durée d'un an renouvelable par tacite reconduction "
         "… 3 mois avant l'échéance »)")
    hints = {"years": "the length of a period (« d'un an », « de deux ans »)",
             "tacit_renewal": "whether it is renewed by « tacite reconduction »",
             "notice_months": "the notice (« 3 mois avant l'échéance »)"}
    if lines:
        for key, value in term.items():
            if value is None:
                need(f"term.{key}", None, where, hints[key])


def read_prefecture(text: Text, reading: Reading) -> None:
    """The first ACTES id of the text, and the dates of transmission and reception on its
    line or the five lines after it. Something that looks like an id but is not one (a scan
    that lost its `_`, a wrong digit), or the stamp's label without a readable id, is a
    warning: the acknowledgement is not dropped silently."""
    numbered = text.numbered()
    for k, (n, line) in enumerate(numbered):
        match = _ACTES.search(line)
        if not match or siren_problem(match.group("siren")):
            like = _ACTES_LIKE.search(line)
            if like and "prefecture.id" not in reading.values:
                reading.values["prefecture.id"] = None
                reading.missing.append(Missing("prefecture.id", n, f"{quoted(like.group(0))} "
                                               "looks like the préfecture's acknowledgement "
                                               "but is not an ACTES id (« 077-217705144-"
                                               "20221005-22_07169-DE »): copy it from the "
                                               "convention"))
            continue
        reading.values["prefecture.id"] = Found(match.group(0), [n])
        reading.missing = [m for m in reading.missing if m.key != "prefecture.id"]
        nearby = [(n, line[match.end():]), *numbered[k + 1:k + 6]]
        for key, word in (("transmitted", _SENT), ("received", _RECEIVED)):
            found = _dated(nearby, word)
            reading.values[f"prefecture.{key}"] = found
            if found is None and key == "transmitted":
                reading.missing.append(Missing("prefecture.transmitted", n, "the date of "
                                               "transmission (« Date de télétransmission : "
                                               "JJ/MM/AAAA »)"))
        return
    if "prefecture.id" not in reading.values:
        for n, line in numbered:
            label = _ACTES_LABEL.search(line)
            if label:       # the stamp is there, its id unreadable (a scan): never dropped
                reading.values["prefecture.id"] = None
                reading.missing.append(Missing("prefecture.id", n, f"{quoted(label.group(0))} "
                                               "is written here but its ACTES id could not "
                                               "be read (« 077-217705144-20221005-22_07169-"
                                               "DE »): copy it from the convention"))
                return


def _dated(nearby: list[tuple[int, str]], word: re.Pattern[str]) -> Found | None:
    """The date written after `word` (« télétransmis le 12/03/2026 »), up to the next word
    of the other kind."""
    for m, after in nearby:
        for hit in word.finditer(after):
            rest = re.split(r"[,;]|\bet\b", after[hit.end():], maxsplit=1)[0]
            day, _ = french_date(rest)
            if day is not None:
                return Found(day, [m])
    return None
