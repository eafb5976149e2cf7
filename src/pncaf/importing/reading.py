"""Find the facts of a convention in its text, each with the line it was read on.

The text is cut where the model convention cuts it: the parties (before the preamble), the
articles (« Article 7 … »), the signatures and annexes. Each fact is looked for where the
model states it (the level-2 address in Art. 3, the sites and hours in Art. 7, the
equipment in Art. 8, the term in Art. 11); what is not found is a `Missing` with the line
where it was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pncaf.format.hours import WEEKDAYS
from pncaf.format.identifiers import siren_problem
from pncaf.importing import normalise as norm
from pncaf.importing.hours_grammar import normalise, read_monthly, read_week, tokens


@dataclass
class Found:
    """A value and the 1-based lines it was read from."""

    value: Any
    lines: list[int] = field(default_factory=list)


@dataclass
class Missing:
    key: str
    line: int | None       # where the value was expected
    hint: str
    partly: bool = False   # some of it was read (hours), the rest is named in `hint`


@dataclass
class Reading:
    """What was found (dotted key such as `partner.siren` → value), the sites, and what
    was looked for in vain."""

    values: dict[str, Found | None] = field(default_factory=dict)
    sites: list[dict[str, Found | None]] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)

    def need(self, key: str, found: Found | None, where: int | None, hint: str) -> None:
        """Keep `found` under `key`; when it is nothing, say where it was expected."""
        self.values[key] = found
        if found is None or found.value is None:
            self.missing.append(Missing(key, where, hint))


class NotAConvention(ValueError):
    pass


_ARTICLE = re.compile(r"^\W*article\s+(\d{1,2})\b", re.IGNORECASE)
_ANNEX = re.compile(r"^\W*annexe\s+\d", re.IGNORECASE)
_PREAMBLE = re.compile(r"^\W*pr[ée]ambule\b", re.IGNORECASE)
_ADDRESS = re.compile(r"^(?:adresse\s*:?\s*)?(?P<street>.+?)[\s,–-]+(?P<postcode>\d{5})\s+"
                      r"(?P<city>[^\d\s,][^,]*?)\s*\.?$", re.IGNORECASE)
_REPRESENTED = re.compile(r"repr[ée]sent[ée]e?s?\s+par\s+(?:son|sa|ses|le|la|l'|l’)?\s*"
                          r"(?P<rest>.+)$", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ACTES = re.compile(r"\b\d{3}-(?P<siren>\d{9})-(?P<day>\d{8})-[A-Za-z0-9_]+-[A-Z]{2}\b")
_SLASH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_NUMBER_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
                 "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
                 "zéro": 0, "aucun": 0, "aucune": 0}
_NUMBER = r"(\d+|" + "|".join(_NUMBER_WORDS) + r")"
_EQUIPMENT = re.compile(_NUMBER + r"\s+(ordinateurs?|postes?(?: informatiques?)?|pc|"
                        r"imprimantes?(?:\s*[/-]\s*scanners?|\s+multifonctions?)?|scanners?)",
                        re.IGNORECASE)
_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre")
_LONG_DATE = re.compile(r"(\d{1,2})(?:er)?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})",
                        re.IGNORECASE)


def number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


class Text:
    """The lines and where the model's parts begin and end."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = [" ".join(line.replace("\u00a0", " ").split()) for line in lines]
        self.articles: dict[int, tuple[int, int]] = {}
        starts = [(i, int(m.group(1))) for i, line in enumerate(self.lines)
                  if (m := _ARTICLE.match(line)) and len(line) < 120]
        annex = next((i for i, line in enumerate(self.lines) if _ANNEX.match(line)),
                     len(self.lines))
        for k, (i, n) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else annex
            self.articles.setdefault(n, (i, max(i + 1, end)))
        preamble = next((i for i, line in enumerate(self.lines) if _PREAMBLE.match(line)), None)
        self.parties_end = preamble if preamble is not None else (
            starts[0][0] if starts else len(self.lines))
        self.annex = annex

    def article(self, n: int) -> list[tuple[int, str]]:
        start, end = self.articles.get(n, (0, 0))
        return [(i + 1, self.lines[i]) for i in range(start, end) if self.lines[i]]

    def heading_line(self, n: int) -> int | None:
        return self.articles[n][0] + 1 if n in self.articles else None

    def numbered(self, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
        return [(i + 1, self.lines[i]) for i in range(start, len(self.lines) if end is None
                                                      else end) if self.lines[i]]


def looks_like_a_convention(text: Text) -> bool:
    whole = normalise(" ".join(text.lines))
    return (("point numérique" in whole or "convention" in whole) and "caf" in whole
            and len(text.articles) >= 3)


def read(lines: list[str]) -> Reading:
    text = Text(lines)
    if not looks_like_a_convention(text):
        raise NotAConvention("no « Point numérique Caf » convention found in this text: it "
                             "should name the Caf and the partner and have its articles "
                             "(« Article 1 », « Article 2 »…)")
    reading = Reading()
    _parties(text, reading)
    art3 = text.article(3)
    email = _first(art3, _EMAIL) or _first(
        [(n, line) for n, line in text.numbered() if "niveau 2" in line.lower()], _EMAIL)
    reading.need("caf.level2_contact", email, text.heading_line(3),
                 "the level-2 e-mail address, written in Art. 3 (annex 3)")
    _signature_city(text, reading)
    reading.sites = _sites(text, reading.missing)
    _engagements(text, reading)
    _term(text, reading)
    _prefecture(text, reading)
    actes = reading.values.get("prefecture.id")
    if reading.values.get("partner.siren") is None and actes is not None:
        reading.values["partner.siren"] = Found(actes.value.split("-")[1], actes.lines)
        reading.missing = [m for m in reading.missing if m.key != "partner.siren"]
    return reading


def _first(lines: list[tuple[int, str]], pattern: re.Pattern[str]) -> Found | None:
    for n, line in lines:
        match = pattern.search(line)
        if match:
            return Found(match.group(0), [n])
    return None


# --- parties ---------------------------------------------------------------------------------

def _parties(text: Text, reading: Reading) -> None:
    need = reading.need
    parties = text.numbered(0, text.parties_end)
    caf_at = next((k for k, (_, line) in enumerate(parties)
                   if re.search(r"caisse d['’]allocations familiales", line, re.IGNORECASE)), None)
    partner_at = next((k for k, (_, line) in enumerate(parties)
                       if normalise(line).strip(" :,") == "et"), None)
    first = parties[0][0] if parties else 1
    if caf_at is None:
        need("caf.name", None, first, "the Caf's name (« Caisse d'allocations familiales de "
             "… »), at the top of the convention")
        caf_block: list[tuple[int, str]] = []
    else:
        n, line = parties[caf_at]
        need("caf.name", Found(norm.caf_name(line), [n]), n, "")
        caf_block = parties[caf_at + 1: partner_at]
    partner_block = parties[partner_at + 1:] if partner_at is not None else []
    if partner_block:
        n, line = partner_block[0]
        need("partner.name", Found(norm.partner_name(line), [n]), n, "")
        partner_block = partner_block[1:]
    else:
        need("partner.name", None, first, "the partner's name, on the line after « et » "
             "in the parties")
    where_caf = parties[caf_at][0] if caf_at is not None else first
    where_partner = parties[partner_at][0] if partner_at is not None else first
    for who, block, where in (("caf", caf_block, where_caf),
                              ("partner", partner_block, where_partner)):
        need(f"{who}.address", _address(block), where,
             f"the {'Caf' if who == 'caf' else 'partner'}'s address (« Adresse : … 77000 Ville »)")
        need(f"{who}.representative", _representative(block), where,
             f"who represents the {'Caf' if who == 'caf' else 'partner'} (« Représenté(e) "
             "par son Maire, Prénom Nom »)")
    siren = None
    for n, line in partner_block:
        match = re.search(r"\bsiren\b\s*:?\s*(\d[\d ]{8,12})", line, re.IGNORECASE)
        if match and not siren_problem(match.group(1).replace(" ", "")):
            siren = Found(match.group(1).replace(" ", ""), [n])
            break
    need("partner.siren", siren, where_partner, "the partner's SIREN (« SIREN : … ») or the "
         "préfecture's acknowledgement (ACTES id)")


def _address(block: list[tuple[int, str]]) -> Found | None:
    for k, (n, line) in enumerate(block):
        match = _ADDRESS.match(line) if _is_address(line) else None
        if match:
            address: dict[str, Any] = {"street": norm.street(match.group("street")),
                                       "postcode": match.group("postcode"),
                                       "city": norm.city(match.group("city"))}
            lines = [n]
            if k + 1 < len(block):
                extra = re.match(r"^compl[ée]ment d['’]adresse\s*:\s*(.+)$", block[k + 1][1],
                                 re.IGNORECASE)
                if extra:
                    address["complement"] = extra.group(1).strip()
                    lines.append(block[k + 1][0])
            return Found(address, lines)
    return None


def _representative(block: list[tuple[int, str]]) -> Found | None:
    for n, line in block:
        match = _REPRESENTED.search(line)
        if not match:
            continue
        rest = match.group("rest").strip()
        if "," in rest:
            title, _, after = rest.partition(",")
            name = after.split(",")[0]
        else:
            civility = re.search(r"\s(?:madame|monsieur|mme|m\.)\s", rest, re.IGNORECASE)
            if not civility:
                continue
            title, name = rest[:civility.start()], rest[civility.start():]
        return Found({"name": norm.person_name(name), "title": norm.title(title)}, [n])
    return None


def _signature_city(text: Text, reading: Reading) -> None:
    need = reading.need
    for n, line in text.numbered():
        match = re.match(r"^fait à\s+(?P<city>.+?)(?:\s*,|\s+le\b|\s*$)", line, re.IGNORECASE)
        if match:
            need("caf.city", Found(norm.city(match.group("city")), [n]), n, "")
            return
    need("caf.city", None, text.heading_line(11), "where the Caf signs (« Fait à …, le … »), "
         "after Art. 11")


# --- sites (Art. 7, 8) -------------------------------------------------------------------------

def _sites(text: Text, missing: list[Missing]) -> list[dict[str, Found | None]]:
    art7 = text.article(7)
    where = text.heading_line(7)
    addresses = [k for k, (_, line) in enumerate(art7)
                 if k > 1 and _is_address(line) and not _is_address(art7[k - 1][1])]
    if not addresses:
        missing.append(Missing("sites", where, "the sites and their addresses, in Art. 7 (a "
                               "name, then « 18 avenue … 77270 Ville » on the next line)"))
        return []
    sites: list[dict[str, Found | None]] = []
    bounds = [*(k - 1 for k in addresses[1:]), len(art7)]
    for index, (k, end) in enumerate(zip(addresses, bounds, strict=True)):
        name_line, name = art7[k - 1]
        if ":" in name and name.rsplit(":", 1)[1].strip():   # « Le site se situe : Maison … »
            name = name.rsplit(":", 1)[1]
        block = art7[k + 1:end]
        site: dict[str, Found | None] = {
            "name": Found(norm.site_name(name), [name_line]),
            "address": _address([art7[k], *block[:1]]),
        }
        label = f"sites[{index}]"
        if site["address"] is None:
            missing.append(Missing(f"{label}.address", art7[k][0], "the site's address "
                                   "(« 18 avenue des Chênes, 77270 Villeparisis »)"))
        site["hours"], unread = _week(block)
        for n, problem in unread:
            missing.append(Missing(f"{label}.hours", n, f"part of the hours could not be read "
                                   f"({problem}): add it to the file", partly=True))
        if site["hours"] is None:
            missing.append(Missing(f"{label}.hours", name_line, "the weekly opening hours "
                                   "(« le lundi de 9 h à 12 h … »)"))
        site["monthly"] = _monthly(block, missing, label)
        site["manager"] = _manager(block)
        sites.append(site)
    _equipment(text, sites, missing)
    return sites


def _is_address(line: str) -> bool:
    """« 18 Avenue des Chênes – 77270 Villeparisis »: a short line ending in a postcode and
    a city (a sentence that mentions a postcode is longer, or names days and times)."""
    return bool(_ADDRESS.match(line)) and len(line.split()) <= 14 and not _is_hours_line(line)


def _is_hours_line(line: str) -> bool:
    """A day with times, or with « matin »/« après-midi » (then the times are missing)."""
    kinds = {t.kind for t in tokens(line)}
    return "day" in kinds and ("time" in kinds or "qual" in kinds)


def _is_monthly(line: str) -> bool:
    lowered = normalise(line)
    return ("par mois" in lowered or "du mois" in lowered) and any(
        t.kind == "day" for t in tokens(line))


def _week(block: list[tuple[int, str]]) -> tuple[Found | None, list[tuple[int, str]]]:
    """The weekly hours of a site, and (line, problem) for what could not be read."""
    hours: dict[str, list[Any]] = {}
    lines = []
    unread = []
    for n, line in block:
        if re.search(r"aucune ouverture hebdomadaire", line, re.IGNORECASE):
            return Found({}, [n]), []
        if _is_monthly(line) or not _is_hours_line(line):
            continue
        reading = read_week(line)
        for day, ranges in reading.hours.items():
            hours.setdefault(day, []).extend(ranges)
        unread += [(n, problem) for problem in reading.problems]
        lines.append(n)
    if not lines:
        return None, []
    return Found({day: sorted(hours[day]) for day in WEEKDAYS if day in hours}, lines), unread


def _monthly(block: list[tuple[int, str]], missing: list[Missing],
             label: str) -> Found | None:
    found = []
    lines = []
    for n, line in block:
        if not _is_monthly(line):
            continue
        reading = read_monthly(line)
        entry: dict[str, Any] = {"nth": reading.nth, "weekday": reading.weekday}
        if reading.hours:
            entry["hours"] = reading.hours
        if reading.note:
            entry["note"] = reading.note
        if reading.nth is None:
            missing.append(Missing(f"{label}.monthly.nth", n, "which one in the month (« le "
                                   "4e samedi », « le dernier samedi »)"))
        found.append(entry)
        lines.append(n)
    return Found(found, lines) if found else None


def _manager(block: list[tuple[int, str]]) -> Found | None:
    for n, line in block:
        match = re.search(r"\bg[ée]r[ée]e?\s+par\s+(?P<name>[^,]+),\s*(?P<title>.+?)"
                          r"(?:\s+sous\b.*|\.)?$", line, re.IGNORECASE)
        if match:
            return Found({"name": norm.person_name(match.group("name")),
                          "title": norm.title(match.group("title"))}, [n])
    return None


def _equipment(text: Text, sites: list[dict[str, Found | None]],
               missing: list[Missing]) -> None:
    names = {normalise(s["name"].value): s for s in sites if s["name"] is not None}
    counts: dict[int, tuple[dict[str, int], list[int]]] = {}
    for n, line in text.article(8):
        target = sites[0]
        head, sep, rest = line.partition(" : ")
        if sep and normalise(norm.site_name(head)) in names:
            target, line = names[normalise(norm.site_name(head))], rest
        items = list(_EQUIPMENT.finditer(line))
        if not items:
            continue
        found, lines = counts.setdefault(id(target), ({"computers": 0, "printers": 0,
                                                       "scanners": 0}, []))
        lines.append(n)
        for match in items:
            count, kind = number(match.group(1)), match.group(2).lower()
            if kind.startswith(("ordinateur", "poste", "pc")):
                found["computers"] += count
            if kind.startswith("imprimante"):
                found["printers"] += count
            if "scanner" in kind or "multifonction" in kind:
                found["scanners"] += count
    for index, site in enumerate(sites):
        if id(site) in counts:
            value, lines = counts[id(site)]
            site["equipment"] = Found(value, lines)
        else:
            site["equipment"] = None
            missing.append(Missing(f"sites[{index}].equipment", text.heading_line(8),
                                   "the equipment offered to the public, in Art. 8 "
                                   "(« 3 ordinateurs », « 1 imprimante/scanner »)"))


# --- engagements, term, préfecture -------------------------------------------------------------

def _first_training(text: Text) -> tuple[int, int] | None:
    """(months, line) of « la première formation … dans les 3 mois qui suivent la prise
    d'effet » (Art. 3); « dès la prise d'effet » is 0 months."""
    for n, line in text.article(3):
        lowered = normalise(line)
        if "première formation" not in lowered:
            continue
        months = re.search(_NUMBER + r"\s+mois", lowered)
        if months:
            return number(months.group(1)), n
        if "dès la prise d'effet" in lowered:
            return 0, n
    return None


def _engagements(text: Text, reading: Reading) -> None:
    need = reading.need
    training = _first_training(text)
    for n, line in text.article(4):
        match = re.search(r"(\d+)\s*demi-journ[ée]es?", line, re.IGNORECASE)
        if not match:
            continue
        hours = re.search(r"(\d+(?:[.,]\d+)?)\s*(?:h\b|heures?)\s*(\d{2})?",
                          line[match.end():], re.IGNORECASE)
        value: dict[str, Any] = {"min_half_days": int(match.group(1)), "min_weekly_hours": None}
        if hours:
            whole = float(hours.group(1).replace(",", "."))
            total = whole + (int(hours.group(2)) / 60 if hours.group(2) else 0)
            value["min_weekly_hours"] = int(total) if total.is_integer() else total
        lines = [n]
        if training is not None:
            value["first_training_months"] = training[0]
            lines.insert(0, training[1])
        need("engagements", Found(value, lines), n, "the weekly hours of the Art. 4 minimum")
        return
    need("engagements", None, text.heading_line(4), "the Art. 4 minimum (« au moins 4 "
         "demi-journées et 12 heures par semaine »)")


def _term(text: Text, reading: Reading) -> None:
    need, values = reading.need, reading.values
    art11 = text.article(11)
    where = text.heading_line(11)
    term: dict[str, Any] = {"years": None, "tacit_renewal": None, "notice_months": None}
    lines: list[int] = []
    for n, line in art11:
        lowered = normalise(line)
        years = re.search(r"durée\s+(?:d'|de\s+)" + _NUMBER + r"\s+(?:ans?|années?)\b", lowered)
        if years and term["years"] is None:
            term["years"] = number(years.group(1))
            lines.append(n)
        if "tacite" in lowered and term["tacit_renewal"] is None:
            term["tacit_renewal"] = not re.search(r"\b(sans|non|pas de|n'est pas)\b[^.]{0,30}"
                                                  r"tacite", lowered)
            lines.append(n)
        notice = re.search(_NUMBER + r"\s+mois\s+avant", lowered)
        if notice and term["notice_months"] is None:
            term["notice_months"] = number(notice.group(1))
            lines.append(n)
        effective = re.search(r"prend effet le\s+(.+)", lowered)
        if effective and "effective" not in values:
            day = _french_date(effective.group(1))
            if day is not None:
                values["effective"] = Found(day, [n])
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


def _french_date(text: str) -> date | None:
    match = _LONG_DATE.search(text)
    if match:
        return date(int(match.group(3)), _MONTHS.index(match.group(2).lower()) + 1,
                    int(match.group(1)))
    match = _SLASH_DATE.search(text)
    if match:
        return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    return None


def _prefecture(text: Text, reading: Reading) -> None:
    values, missing = reading.values, reading.missing
    numbered = text.numbered()
    for k, (n, line) in enumerate(numbered):
        match = _ACTES.search(line)
        if not match or siren_problem(match.group("siren")):
            continue
        values["prefecture.id"] = Found(match.group(0), [n])
        for key, word in (("transmitted", "télétransmission"), ("received", "réception")):
            found = None
            for m, after in numbered[k + 1:k + 6]:
                if word in after.lower():
                    day = _SLASH_DATE.search(after)
                    if day:
                        found = Found(date(int(day.group(3)), int(day.group(2)),
                                           int(day.group(1))), [m])
                        break
            values[f"prefecture.{key}"] = found
            if found is None and key == "transmitted":
                missing.append(Missing("prefecture.transmitted", n, "the date of "
                                       "transmission (« Date de télétransmission : "
                                       "JJ/MM/AAAA »)"))
        return
