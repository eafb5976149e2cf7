"""French identifiers the conventions carry or must never carry.

- SIREN (9 digits, Luhn) identifies the partner.
- NIR (social-security number, 13 digits + 2-digit key) is personal data that Art. 5 keeps
  out of the partner's files; we only need to recognise one.
- ACTES identifiers stamp the préfecture's acknowledgement of receipt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


def luhn_valid(digits: str) -> bool:
    """True when the string of digits passes the Luhn checksum (used by SIREN and SIRET)."""
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def siren_problem(value: str) -> str | None:
    """Why `value` is not a valid SIREN, or None when it is."""
    compact = value.replace(" ", "")
    if not re.fullmatch(r"\d{9}", compact):
        return (f"`{value}` is not a SIREN: a SIREN has exactly 9 digits (the first 9 digits "
                "of the SIRET)")
    if not luhn_valid(compact):
        return (f"`{value}` is not a valid SIREN: its check digit is wrong (Luhn); "
                "look for a mistyped digit against the INSEE notice")
    return None


# A NIR: sex, year, month, département (2A/2B for Corsica), commune, order, key.
# Groups may be separated by one space, dot, dash, non-breaking space or the narrow and thin
# spaces French typography puts between groups of digits (a word processor does it alone),
# as people write them.
# Not inside a longer number, but glued to a word it still is one (`usager185057800608491`,
# or `\n185…` in a quoted YAML text). Digits of any script (`\d`: fullwidth ones come with
# a text pasted from a PDF), the first one too, whose value (1-4, 7, 8) `nir_key_valid`
# checks. The pattern starts with its first digit (not with the look-behind) so that the
# regex engine can skip to candidate digits; `find_nirs` sends it only texts that may hold
# one.
_SEP = r"[ .\-\u00a0\u202f\u2009]?"
NIR_PATTERN = re.compile(
    r"(\d)(?<![\d_]\d)"
    rf"{_SEP}(\d\d){_SEP}(\d\d){_SEP}(\d\d|2[ABab]){_SEP}(\d{{3}}){_SEP}(\d{{3}})"
    rf"{_SEP}(\d\d)"
    r"(?![\d_])"
)


def nir_key_valid(groups: tuple[str, ...]) -> bool:
    """Check a NIR split into its 7 groups: key == 97 - (number mod 97), Corsica adjusted."""
    sex, year, month, dept, commune, order, key = groups
    if int(sex) not in (1, 2, 3, 4, 7, 8):
        return False
    month_n = int(month)
    if not (1 <= month_n <= 12 or 20 <= month_n <= 42 or 50 <= month_n <= 99):
        return False
    dept_upper = dept.upper()
    if dept_upper == "2A":
        number = int(sex + year + month + "19" + commune + order) - 1_000_000
    elif dept_upper == "2B":
        number = int(sex + year + month + "18" + commune + order) - 2_000_000
    else:
        number = int(sex + year + month + dept + commune + order)
    return 97 - number % 97 == int(key)


#: A NIR seen by `_may_hold_nir`: its digits made zeros, the A/B of Corsica too, and every
#: byte of a character beyond ASCII (the pattern's `\d` takes any script's digits, the
#: fullwidth ones of a text pasted from a PDF included, and the non-breaking space it may
#: use as a separator is beyond ASCII too); the ASCII separators dropped.
_NIR_SHAPE = bytes.maketrans(bytes(range(0x80, 0x100)) + b"123456789AaBb",
                             b"0" * (0x80 + 13))
_NIR_SEPARATORS = b" .-"
_NIR_RUN = b"0" * 15


def _may_hold_nir(text: str) -> bool:
    """False when `text` cannot hold a NIR: once its digits (and any character beyond
    ASCII) are zeros and the ASCII separators a NIR may carry are dropped, a NIR is 15
    zeros in a row at least. Three byte operations in C, five times faster than the
    pattern, which walks every digit of a convention's dates; only a text that may hold
    one (an ACTES identifier, a long number, a run of accents…) goes to the pattern.
    Zeros and dropped bytes only ever lengthen a run, so nothing is missed (a property
    test holds this to the pattern)."""
    return _nir_run(text, _NIR_SEPARATORS)


def _nir_run(text: str, dropped: bytes) -> bool:
    """15 zeros in a row once `text`'s digits (and characters beyond ASCII) are zeros and
    the bytes `dropped` are gone."""
    return _NIR_RUN in text.encode("utf-8", "surrogatepass").translate(_NIR_SHAPE, dropped)


def may_hide_nir(text: str) -> bool:
    """False when no value that YAML reads out of `text` can hold a NIR that `text` itself
    does not show: there is no escape (`\\x31`, `\\n`), and even with every line break
    and indentation dropped there are no 15 digits in a row (`_may_hold_nir`): a number
    folded over two lines of a YAML text reads as one."""
    return "\\" in text or _nir_run(text, _NIR_SEPARATORS + b"\t\r\n")


def find_nirs(text: str) -> list[re.Match[str]]:
    """Every key-valid NIR in `text`."""
    if not _may_hold_nir(text):
        return []
    return [m for m in NIR_PATTERN.finditer(text) if nir_key_valid(m.groups())]


def mask_nir(match: re.Match[str]) -> str:
    """Show enough of a NIR to find it, never the whole number."""
    return f"{match.group(1)} {match.group(2)} ** ** *** *** **"


def mask_nirs(text: str) -> str:
    """`text` with every NIR in it masked (`mask_nir`): for a message that quotes a value
    or a note, which goes to terminals, CI logs and pull-request summaries."""
    for match in reversed(find_nirs(text)):
        text = text[:match.start()] + mask_nir(match) + text[match.end():]
    return text


ACTES_PATTERN = re.compile(
    r"^(?P<dept>\d{3}|02[AB])-(?P<siren>\d{9})-(?P<date>\d{8})-(?P<number>[A-Za-z0-9_]{1,15})"
    r"-(?P<nature>[A-Z]{2})$"
)
ACTES_NATURES = {"DE", "AR", "AI", "CC", "BF", "AU"}


@dataclass(frozen=True)
class ActesId:
    department: str
    siren: str
    decided: date
    number: str
    nature: str


def parse_actes_id(value: str) -> tuple[ActesId | None, str | None]:
    """Split an ACTES identifier (`077-217705144-20221005-22_07169-DE`) or say why not."""
    match = ACTES_PATTERN.match(value)
    if not match:
        return None, (f"`{value}` is not an ACTES identifier: expected "
                      "DDD-SIREN-YYYYMMDD-NUMBER-XX, for example "
                      "077-217705144-20221005-22_07169-DE")
    raw = match.group("date")
    try:
        decided = date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
    except ValueError:
        return None, f"`{value}`: {raw} is not a date (expected YYYYMMDD)"
    nature = match.group("nature")
    if nature not in ACTES_NATURES:
        return None, (f"`{value}`: `{nature}` is not an ACTES act type (one of "
                      f"{', '.join(sorted(ACTES_NATURES))})")
    return ActesId(match.group("dept"), match.group("siren"), decided, match.group("number"),
                   nature), None


def department_of_postcode(postcode: str) -> str:
    """ACTES-style 3-character département code for a postcode (`77270` → `077`)."""
    if postcode.startswith("97") or postcode.startswith("98"):
        return postcode[:3]
    if postcode.startswith("20"):
        return "02A" if postcode < "20200" else "02B"
    return "0" + postcode[:2]
