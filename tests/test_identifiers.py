"""SIREN, NIR and ACTES identifiers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pncaf.format.identifiers import (
    department_of_postcode,
    find_nirs,
    luhn_valid,
    parse_actes_id,
    siren_problem,
)


def test_siren_luhn() -> None:
    assert siren_problem("217705144") is None
    assert siren_problem("217 705 144") is None
    assert "check digit" in (siren_problem("217705145") or "")
    assert "exactly 9 digits" in (siren_problem("21770514") or "")
    assert luhn_valid("21770514400012")      # the SIRET of the same body


@pytest.mark.parametrize("text", [
    "1 85 05 78 006 084 91", "185057800608491", "1.85.05.78.006.084.91",
    "nir=1 85 05 78 006 084 91;",
    "2 69 02 2A 341 732 41",      # born in Corse-du-Sud
    "1-85-05-78-006-084-91",      # with dashes, as some forms print it
    "usager185057800608491",      # glued to a word (a YAML line joined without a space)
    "bilan\\n185057800608491",    # after an escaped line break in a quoted YAML text
    "\uff11\uff18\uff15\uff10\uff15\uff17\uff18\uff10\uff10\uff16\uff10\uff18"
    "\uff14\uff19\uff11",        # in fullwidth digits, pasted from a PDF
    "1\u202f85\u202f05\u202f78\u202f006\u202f084\u202f91",   # French typography
])
def test_key_valid_nirs_are_found(text: str) -> None:
    assert len(find_nirs(text)) == 1


@pytest.mark.parametrize("text", [
    "1 85 05 78 006 084 36",         # wrong key
    "21770514400012",                # a SIRET, 14 digits
    "217 705 144 00012",             # a SIRET written in groups
    "01 60 21 23 45", "+33 1 60 21 23 45",   # phone numbers
    "077-217705144-20221005-22_07169-DE",    # an ACTES id
    "1850578006084919",              # 16 digits: part of a longer number
    "9185057800608491", "_185057800608491",  # inside a longer number or identifier
])
def test_no_false_positive(text: str) -> None:
    assert find_nirs(text) == []


def test_actes_id_parts() -> None:
    actes, problem = parse_actes_id("077-217705144-20221005-22_07169-DE")
    assert problem is None and actes is not None
    assert (actes.department, actes.siren, actes.decided, actes.nature) == (
        "077", "217705144", date(2022, 10, 5), "DE")


@pytest.mark.parametrize("value,fragment", [
    ("07741703744-20221003-22105169152", "not an ACTES identifier"),
    ("077-217705144-20221305-22_07169-DE", "is not a date"),
    ("077-217705144-20221005-22_07169-ZZ", "not an ACTES act type"),
])
def test_actes_id_problems(value: str, fragment: str) -> None:
    actes, problem = parse_actes_id(value)
    assert actes is None and fragment in (problem or "")


def test_department_of_postcode() -> None:
    assert department_of_postcode("77270") == "077"
    assert department_of_postcode("97400") == "974"
    assert department_of_postcode("01000") == "001"


# The patterns as first written, slower but plain: the fast ones must find the same.
_REFERENCE_SEP = r"[ .\-\u00a0\u202f\u2009]?"
_REFERENCE_NIR = re.compile(
    rf"(?<![\d_])(\d){_REFERENCE_SEP}(\d\d){_REFERENCE_SEP}(\d\d){_REFERENCE_SEP}"
    rf"(\d\d|2[ABab]){_REFERENCE_SEP}(\d{{3}}){_REFERENCE_SEP}(\d{{3}}){_REFERENCE_SEP}(\d\d)"
    r"(?![\d_])")
_PIECES = st.sampled_from([
    "1", "2", "7", "8", "0", "5", "9", "2A", "2b", " ", ".", "-", "\u00a0", "\u202f",
    "\u2009", "x", "é", "_",
    "\n", ":", "password", "PassWord", "mot de passe", "MDP", "login", "user name", "token",
    "api-key", "Code secret", "identifiants de connexion", "nom d'utilisateur", "=", ": ",
    "\u0130", "\u0131", "\u017f", "\u212a", "logİn", "LOGıN", "paſſword", "api_\u212aey",
    "secret", "\"", "'", "#"])


_WORDS = st.sampled_from([
    "password", "PASSWD", "pwd", "mot de passe", "Mot-de-Passe", "MDP", "login", "LogIn",
    "user name", "Username", "nom d'utilisateur", "identifiant de connexion",
    "identifiants de connexion", "code secret", "secret", "token", "API key", "api_key",
    "apikey", "log\u0130n", "LOG\u0131N", "pa\u017f\u017fword", "api_\u212aey", "to\u212aen"])
_CREDENTIAL_LIKE = st.tuples(st.sampled_from(["", " ", "\n", "- ", "x"]), _WORDS,
                             st.sampled_from(["", "'", '"']), st.sampled_from([":", "=", ": "]),
                             st.sampled_from(["s3cr3t", " x", "#", ""])).map("".join)


@given(st.lists(st.one_of(_PIECES, _CREDENTIAL_LIKE), max_size=30).map("".join))
@example("log\u0130n: x")
@example("LOG\u0131N=x")
@example("pa\u017f\u017fword: x")
def test_fast_patterns_find_what_the_plain_ones_find(text: str) -> None:
    """A NIR or a credential the plain patterns find in any text, the fast search finds at
    the same place (NIRs: the pattern starts on its digit; credentials: a text without a
    tell-tale word is skipped), Turkish i's and the long s included."""
    from pncaf.format.identifiers import NIR_PATTERN
    from pncaf.format.personal_data import _CREDENTIAL, _credentials

    def spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int, tuple[str | Any, ...]]]:
        return [(m.start(), m.end(), m.groups()) for m in matches]

    assert spans(NIR_PATTERN.finditer(text)) == spans(_REFERENCE_NIR.finditer(text))
    assert spans(_credentials(text)) == spans(_CREDENTIAL.finditer(text))


#: Digits as people paste them: ASCII, fullwidth (from a PDF), Arabic-Indic, Devanagari.
_DIGITS = "0123456789" + "\uff10\uff15\uff18\uff19" + "\u0660\u0668" + "\u0966\u096f"
_NIR_GROUPS = st.tuples(st.sampled_from("123478\uff11\uff18\u0661"), *[st.text(_DIGITS, min_size=n,
                                                               max_size=n) for n in (2, 2)],
                        st.sampled_from(["75", "2A", "2b", "13", "99", "\uff17\uff15"]),
                        *[st.text(_DIGITS, min_size=n, max_size=n) for n in (3, 3, 2)])
_NIR_SEPARATOR = st.sampled_from(["", " ", ".", "-", "\u00a0", "\u202f", "\u2009"])


@given(st.lists(_PIECES, max_size=8).map("".join), _NIR_GROUPS,
       st.lists(_NIR_SEPARATOR, min_size=6, max_size=6), st.lists(_PIECES, max_size=8).map(
           "".join))
def test_the_nir_prefilter_never_hides_one(before: str, groups: tuple[str, ...],
                                            separators: list[str], after: str) -> None:
    """Every text the NIR pattern finds something in passes the quick test that sends
    texts to the pattern (digits as zeros, separators dropped: 15 zeros in a row): NIRs
    written in one block or in groups, with any separator, Corsica's A/B, in any script's
    digits (fullwidth ones pasted from a PDF), amid accents, non-breaking spaces and other
    numbers."""
    from pncaf.format.identifiers import NIR_PATTERN, _may_hold_nir

    nir = groups[0] + "".join(sep + group for sep, group in zip(separators, groups[1:],
                                                                   strict=True))
    text = before + " " + nir + " " + after
    assert NIR_PATTERN.search(text) is not None
    assert _may_hold_nir(text)
