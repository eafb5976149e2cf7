"""Where and when the parties signed: « Fait à Bordeaux, le 12 mars 2026 », « (signé le
3 mars 2026) », and the dates written in each party's signature block.

A date in a party's block (« Pour la Caf … Le 3 mars 2026 ») is that party's; the date of
« Fait à …, le … » is both parties' unless their block says otherwise. A date written in a
way that cannot be read (« le 31/02/2026 », « le douze mars ») is a warning, never a value;
a convention with no date at all is simply not signed yet.
"""

from __future__ import annotations

import re
from datetime import date

from pncaf.importing import normalise as norm
from pncaf.importing.found import MONTHS, Found, Reading, Text, french_date, quoted
from pncaf.importing.hours_grammar import normalise

_DONE = re.compile(r"^\W*fait\s+(?:en\s+\w+\s+exemplaires?(?:\s+originaux)?\s*,?\s*)?[àa]\s+"
                   r"(?P<city>[^\d,]+?)(?:\s*,|\s+le\b|\s*$)(?P<rest>.*)$", re.IGNORECASE)
_SIGNED = re.compile(r"\bsign[ée]e?s?\s+le\b(?P<rest>.*)$", re.IGNORECASE)
_CAF_BLOCK = re.compile(r"\bpour la caf\b|caisse d['’]allocations|\bde la caf\b|^la caf\b",
                        re.IGNORECASE)
_PARTNER_BLOCK = re.compile(r"\bpour le partenaire\b|^le partenaire\b|\bpour la commune\b|"
                            r"\bpour la mairie\b|\bpour l['’]association\b", re.IGNORECASE)
_BLOCK_START = re.compile(r"(?=\bpour\s+(?:la|le|les|l['’])\s*\w)", re.IGNORECASE)
# « Pour le Directeur, par délégation »: someone signing for a person of either party (a
# Caf has a director, so may an association); « Pour le Maire » is the partner's
_FOR_SOMEONE = re.compile(r"^\W*pour\s+(?:le|la)\s+(?:directeur|directrice|président|"
                          r"présidente|vice)", re.IGNORECASE)
_DATE_WORDS = re.compile(r"\d|\b(?:" + "|".join(MONTHS) + r")\b", re.IGNORECASE)
_NOT_SIGNATURE = re.compile(r"pr[ée]fecture|t[ée]l[ée]transmission|r[ée]ception|accus[ée]|"
                            r"\b\d{3}-\d{9}-\d{8}-", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"jj\s*/\s*mm\s*/\s*aaaa", re.IGNORECASE)


def read_signatures(text: Text, reading: Reading) -> None:
    """`caf.city` and `signed` (both parties' dates, each with its line)."""
    body = text.numbered(0, text.annex)
    done_at = next((k for k, (_, line) in enumerate(body) if _DONE.match(line)), None)
    if done_at is None:
        reading.need("caf.city", None, text.heading_line(11), "where the Caf signs (« Fait à "
                     "…, le … »), after Art. 11")
        general = None
    else:
        n, line = body[done_at]
        match = _DONE.match(line)
        assert match is not None
        reading.need("caf.city", Found(norm.city(match.group("city")), [n]), n, "")
        general = _date_in(match.group("rest"), n, reading)
    dates: dict[str, Found | None] = {"caf": None, "partner": None}
    partner = reading.values.get("partner.name")
    partner_name = normalise(partner.value) if partner and partner.value else None
    who: str | None = None
    for after, n, line in _segments(body, done_at):
        if _NOT_SIGNATURE.search(line):
            who = None
            continue
        if after:
            who = _whose(line, partner_name) or who
        signed = _SIGNED.search(line)
        if signed is None and not (after and who):
            continue
        day = _date_in(signed.group("rest") if signed else line, n, reading,
                       quiet=signed is None)
        owner = who if after else _whose(line, partner_name)
        if day is None:
            continue
        if owner is None:
            general = general or day
            continue
        if dates[owner] is not None and dates[owner].value != day.value:  # type: ignore[union-attr]
            reading.partly("signed", n, f"two dates for the {_name(owner)}'s signature "
                           f"(lines {dates[owner].lines[0]} and {n}): "  # type: ignore[union-attr]
                           "write the right one in the file")
            dates[owner] = None
            continue
        dates[owner] = dates[owner] or day
    _keep(reading, dates, general)


def _segments(body: list[tuple[int, str]],
              done_at: int | None) -> list[tuple[bool, int, str]]:
    """(after « Fait à »?, line, text) — after « Fait à », a line holding both parties'
    blocks (a table row: « Pour la Caf … – Pour le CCAS … (signé le 3 mars 2026) ») is cut
    at each « Pour la/le … », so that each date stays with its own party."""
    out = []
    for k, (n, line) in enumerate(body):
        after = done_at is not None and k > done_at
        parts = [p for p in _BLOCK_START.split(line) if p.strip()] if after else [line]
        out += [(after, n, part) for part in parts]
    return out


def _keep(reading: Reading, dates: dict[str, Found | None], general: Found | None) -> None:
    found = {who: dates[who] or general for who in ("caf", "partner")}
    if all(f is None for f in found.values()):
        reading.values["signed"] = None
        return
    lines = sorted({n for f in found.values() if f is not None for n in f.lines})
    reading.values["signed"] = Found({who: f.value if f else None for who, f in found.items()},
                                     lines)
    for who, f in found.items():
        if f is None:
            reading.partly(f"signed.{who}", lines[0], f"no date of the {_name(who)}'s "
                           "signature found (the other party's is): fill it in once known")


def _name(who: str) -> str:
    return "Caf" if who == "caf" else "partner"


def _whose(line: str, partner_name: str | None) -> str | None:
    lowered = normalise(line)
    if _PARTNER_BLOCK.search(lowered) or (partner_name and partner_name in lowered):
        return "partner"
    if _CAF_BLOCK.search(lowered):
        return "caf"
    if re.match(r"^\W*pour\s+(?:le|la|les|l')\s*", lowered) and not _FOR_SOMEONE.match(lowered):
        return "partner"            # « Pour le CCAS de Libourne »: the party that is not the Caf
    return None


def _date_in(rest: str, n: int, reading: Reading, quiet: bool = False) -> Found | None:
    """The date written in `rest`; a warning when something like a date cannot be read
    (unless `quiet`: any line of a signature block, where names and numbers also stand)."""
    if _PLACEHOLDER.search(rest):
        return None
    day, written = french_date(rest)
    if day is not None:
        return Found(day, [n])
    if not quiet and (written or _DATE_WORDS.search(rest)):
        reading.partly("signed", n, f"the date {quoted(rest)} could not be read: write it "
                       "as 12 mars 2026 or 12/03/2026 in the file")
    return None


def signature_date(found: Found | None) -> dict[str, date | None]:
    if found is None:
        return {"caf": None, "partner": None}
    return dict(found.value)
