"""The two parties: names, SIREN, addresses and representatives, on one line each as the
model writes them or in one sentence (« La Caisse … de la Gironde, dont le siège est situé
2 rue …, 33078 Bordeaux Cedex, représentée par son directeur, M. … »).

A name is what comes before the first clause (« , dont le siège », « , sis », « , SIREN »,
« , représenté(e) par »…); when what is left still looks like a clause (a postcode, a
street, too many words), the name is null with a warning quoting it — never a clause.
"""

from __future__ import annotations

import re
from typing import Any

from pncaf.format.identifiers import siren_problem
from pncaf.importing import normalise as norm
from pncaf.importing.found import Found, Reading, Text, quoted
from pncaf.importing.hours_grammar import normalise

_CAF = re.compile(r"caisse d['’]allocations familiales", re.IGNORECASE)
# « …du Nord, 82 rue Brûle Maison, 59000 Lille »: a number, words, then a postcode.
_STREET_AFTER_NAME = r",\s*(?=\d{1,4}\s*(?:bis|ter)?,?\s+[^\d,;]+,?\s+\d{5}\s)"
_CLAUSE = re.compile(
    r"\s*[,;(]?\s*(?:dont le si[èe]ge|ayant son si[èe]ge|si[èe]ge social|\bsise?s?\b|"
    r"\bsitu[ée]e?s?\b|\bdomicili[ée]|repr[ée]sent[ée]|ci-apr[èe]s|\bsiren\b|\bsiret\b|"
    r"\bn°\s*siren|immatricul|d['’]une part|d['’]autre part|\badresse\b|\bagissant\b|"
    r"\bhabilit[ée]|" + _STREET_AFTER_NAME + ")", re.IGNORECASE)
# « …, association loi 1901, », « (association déclarée) », « , établissement public … »,
# « … association loi 1901 » (no comma), « , organisme de droit privé … »: what the party
# is, not its name
_LEGAL_FORM = re.compile(
    r"\s*(?:[,(]\s*(?:association\s+(?:(?:de\s+la\s+|r[ée]gie\s+par\s+la\s+)?loi\b|"
    r"d[ée]clar[ée]e)|[ée]tablissement\s+public\b|organisme\s+(?:de\s+droit\s+)?priv[ée])|"
    r"\s(?=association\s+(?:r[ée]gie\s+par\s+la\s+)?loi\s+(?:du\s+1er\s+juillet\s+|de\s+)?"
    r"1901\b))", re.IGNORECASE)
_LEAD = re.compile(r"^(?:\W*(?:entre(?:\s+les\s+soussign[ée]s)?|et)\b\s*:?\s*)", re.IGNORECASE)
_AT = (r"(?:dont le si[èe]ge(?: social)? est(?: (?:situ[ée]|sis|fix[ée]|[ée]tabli))?|ayant "
       r"son si[èe]ge(?: social)?|si[èe]ge social\s*:|\bsise?s?|\bsitu[ée]e?s?|"
       r"domicili[ée]e?s?|\badresse\s*:?)")
ADDRESS_TAIL = (r"(?P<street>[^,\s].*?)[\s,–-]+(?P<postcode>\d{5})\s+(?P<city>[^\d\s,.;()]"
                r"[^,;()]*?)\s*(?=[,;)]|\.\s|\.?$|\s+(?:repr|ci-apr|d['’]une|d['’]autre))")
_IN_SENTENCE = re.compile(_AT + r"\s*(?:(?:à\s+)?l['’]adresse(?:\s+suivante)?\s*:?|au|à|en)?"
                          r"\s*" + ADDRESS_TAIL, re.IGNORECASE)
_AFTER_NAME = re.compile(_STREET_AFTER_NAME + ADDRESS_TAIL, re.IGNORECASE)
ADDRESS_LINE = re.compile(r"^(?:adresse\s*:?\s*)?(?P<street>.+?)[\s,–-]+(?P<postcode>\d{5})\s+"
                          r"(?P<city>[^\d\s,][^,]*?)\s*\.?$", re.IGNORECASE)
_REPRESENTED = re.compile(r"repr[ée]sent[ée](?:\(e\)|e)?s?\s+par\s+(?:son|sa|ses|leur|le|la|"
                          r"l'|l’)?\s*(?P<rest>.+)$", re.IGNORECASE)
_REPRESENTED_END = re.compile(r"\s*(?:,|\(|;|\bqui\b|\bci-apr[èe]s|\bd[ûu]ment|\bagissant\b|"
                              r"\bhabilit|\ben vertu|\bd['’]une part|\bd['’]autre part|"
                              r"\bayant\b|\bsiren\b)", re.IGNORECASE)
_CIVILITY = re.compile(r"(?:^|\s)(?:madame|monsieur|mme|m\.|mr\.?|mlle)\s", re.IGNORECASE)
_QUALITY = re.compile(r"^(?:en (?:sa|son) qualit[ée] de|agissant en qualit[ée] de|en qualit[ée] "
                      r"de)\s+(?:l['’]|le |la )?", re.IGNORECASE)
_SIREN = re.compile(r"\b(?P<kind>siren|siret)\b\s*(?:n°|no\.?|num[ée]ro)?\s*:?\s*"
                    r"(?P<digits>\d[\d \u202f.]*\d)", re.IGNORECASE)


def is_address(line: str) -> bool:
    """A short line that is an address and nothing else (« 18 Avenue des Chênes – 77270
    Villeparisis »); a sentence that mentions a postcode is longer, or names days."""
    from pncaf.importing.sites import is_hours_line

    return bool(ADDRESS_LINE.match(line)) and len(line.split()) <= 14 and not is_hours_line(line)


def address_of(match: re.Match[str]) -> dict[str, Any]:
    return {"street": norm.street(match.group("street")), "postcode": match.group("postcode"),
            "city": norm.city(match.group("city"))}


def address(block: list[tuple[int, str]]) -> Found | None:
    """The first address of the block: a line of its own, or after « sis », « dont le siège
    est situé », « Adresse : » in a sentence; « Complément d'adresse : » on the next line."""
    for k, (n, line) in enumerate(block):
        match = (_IN_SENTENCE.search(line) or _AFTER_NAME.search(line)
                 or (ADDRESS_LINE.match(line) if is_address(line) else None))
        if not match:
            continue
        found = address_of(match)
        lines = [n]
        if k + 1 < len(block):
            extra = re.match(r"^compl[ée]ment d['’]adresse\s*:\s*(.+)$", block[k + 1][1],
                             re.IGNORECASE)
            if extra:
                found["complement"] = extra.group(1).strip()
                lines.append(block[k + 1][0])
        return Found(found, lines)
    return None


def name_before_clauses(text: str) -> tuple[str | None, str]:
    """The name at the start of a party's sentence, or None when what is left is no name."""
    text = _LEAD.sub("", text.replace("**", "")).strip()
    cuts = [m.start() for m in (_CLAUSE.search(text), _LEGAL_FORM.search(text))
            if m and m.start() > 0]
    name = (text[:min(cuts)] if cuts else text).strip(" ,;:.")
    clause_left = (re.search(r"\d{5}|,\s*\d", name) or len(name.split()) > 14
                   or not re.search(r"[^\W\d_]", name))
    return (None if clause_left else name), name


def representative(block: list[tuple[int, str]], reading: Reading, key: str) -> Found | None:
    """« représenté(e) par son Maire, Monsieur Jean DUPONT », « … par Mme Claire MARTIN,
    Présidente », « … par sa directrice Madame … »; a title without a name is a warning."""
    for n, line in block:
        match = _REPRESENTED.search(line)
        if not match:
            continue
        rest = match.group("rest").strip(" .")
        first, _, after = rest.partition(",")
        if _CIVILITY.match(" " + rest):                  # « Mme Claire MARTIN, Présidente »
            name, title = first, _REPRESENTED_END.split(after.strip(), maxsplit=1)[0]
            title = _QUALITY.sub("", title.strip())
        elif after.strip():                              # « son Maire, Monsieur Jean DUPONT »
            title, name = first, _REPRESENTED_END.split(after.strip(), maxsplit=1)[0]
        else:                                            # « sa directrice Madame Gaëlle X »
            head = _REPRESENTED_END.split(rest, maxsplit=1)[0]
            civility = _CIVILITY.search(head)
            if not civility:
                reading.partly(key, n, f"{quoted(rest)} names no one: write the name of who "
                               "represents this party")
                return None
            title, name = head[:civility.start()], head[civility.start():]
        person = norm.person_name(name)
        if len(person.split()) < 2 or re.search(r"\d", person) or not title.strip():
            reading.partly(key, n, f"{quoted(rest)} was not read as a title and a name")
            return None
        return Found({"name": person, "title": norm.title(title)}, [n])
    return None


def siren(block: list[tuple[int, str]], reading: Reading) -> Found | None:
    """« SIREN : 263 300 683 », « SIREN 263300683 », « SIRET 263 300 683 00015 » (its first
    nine digits); a number that is not a SIREN is a warning, never a value."""
    for n, line in block:
        match = _SIREN.search(line)
        if not match:
            continue
        digits = re.sub(r"\D", "", match.group("digits"))
        if match.group("kind").lower() == "siret" and len(digits) == 14:
            digits = digits[:9]
        problem = siren_problem(digits) if len(digits) == 9 else "it is not nine digits"
        if problem:
            reading.partly("partner.siren", n, f"{quoted(match.group(0))} is not a SIREN "
                           f"({problem}): copy it again from the convention")
            return None
        return Found(digits, [n])
    return None


_BOTH = re.compile(r"[,;]?\s*d['’]une part\s*[,;]?\s*(?=et\b)", re.IGNORECASE)


def _party_lines(text: Text) -> tuple[list[tuple[int, str]], int | None, int | None]:
    """The parties' lines (a sentence « …, d'une part, et la Commune … » split in two), and
    where the Caf's and the partner's text begins in them."""
    parties: list[tuple[int, str]] = []
    for n, line in text.numbered(0, text.parties_end):
        split = _BOTH.search(line)
        if split:
            parties += [(n, line[:split.start()]), (n, line[split.end():])]
        else:
            parties.append((n, line))
    caf_at = next((k for k, (_, line) in enumerate(parties) if _CAF.search(line)), None)
    partner_at = None
    for k, (_, line) in enumerate(parties):
        if caf_at is None or k <= caf_at:
            continue
        if normalise(line).strip(" :,") == "et":
            partner_at = k + 1
            break
        if re.match(r"^\W*et\s+\S", line, re.IGNORECASE):
            partner_at = k
            break
    return parties, caf_at, partner_at


def read_parties(text: Text, reading: Reading) -> None:
    need = reading.need
    parties, caf_at, partner_at = _party_lines(text)
    first = parties[0][0] if parties else 1
    caf_block = parties[caf_at:partner_at] if caf_at is not None else []
    partner_block = parties[partner_at:] if partner_at is not None else []
    if caf_block:
        n, line = caf_block[0]
        line = line[_CAF.search(line).start():]  # type: ignore[union-attr]
        name, written = name_before_clauses(line)
        need("caf.name", Found(norm.caf_name(name), [n]) if name else None, n,
             f"the Caf's name: {quoted(written)} is more than a name")
        caf_block = [(n, line), *caf_block[1:]]
    else:
        need("caf.name", None, first, "the Caf's name (« Caisse d'allocations familiales de "
             "… »), at the top of the convention")
    if partner_block:
        n, line = partner_block[0]
        name, written = name_before_clauses(line)
        need("partner.name", Found(norm.partner_name(name), [n]) if name else None, n,
             f"the partner's name: {quoted(written)} is more than a name")
    else:
        need("partner.name", None, first, "the partner's name, on the line after « et » "
             "in the parties")
    where_caf = caf_block[0][0] if caf_block else first
    where_partner = partner_block[0][0] if partner_block else first
    for who, block, where in (("caf", caf_block, where_caf),
                              ("partner", partner_block, where_partner)):
        whose = "Caf" if who == "caf" else "partner"
        need(f"{who}.address", address(block), where, f"the {whose}'s address (« Adresse : "
             "… 77000 Ville », « dont le siège est situé …, 77000 Ville »)")
        keep(reading, f"{who}.representative", representative(block, reading,
                                                              f"{who}.representative"),
             where, f"who represents the {whose} (« Représenté(e) par son Maire, Prénom Nom »)")
    keep(reading, "partner.siren", siren(partner_block, reading), where_partner,
         "the partner's SIREN (« SIREN : … ») or the préfecture's acknowledgement (ACTES id)")


def keep(reading: Reading, key: str, found: Found | None, where: int | None,
         hint: str) -> None:
    """As `Reading.need`, but a value already said to be misread is not said missing too."""
    if found is None and any(m.key == key for m in reading.missing):
        reading.values[key] = None
    else:
        reading.need(key, found, where, hint)
