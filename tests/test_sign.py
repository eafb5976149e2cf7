"""Inscribing signature dates changes only the `null` they replace, in flow or block style,
keeps comments, and never replaces a date already there."""

from __future__ import annotations

import pytest

from helpers import CONVENTIONS
from pncaf.actions.sign import signed_text
from pncaf.errors import Refused

DRAFT = (CONVENTIONS / "77-villeparisis.yaml").read_text(encoding="utf-8")
FLOW = "signed: {caf: null, partner: null}    # Art. 11: takes effect on signature"


@pytest.mark.parametrize(("written", "days", "expected"), [
    (FLOW, {"caf": "2027-01-10", "partner": "2027-01-12"},
     "signed: {caf: 2027-01-10, partner: 2027-01-12}    # Art. 11: takes effect on signature"),
    ("signed:\n  caf: 2027-01-10\n  partner:    # à venir", {"partner": "2027-01-12"},
     "signed:\n  caf: 2027-01-10\n  partner:    2027-01-12 # à venir"),
    ("signed:\n  caf: ~   # plus tard\n  partner: null", {"caf": "2027-01-09"},
     "signed:\n  caf: 2027-01-09   # plus tard\n  partner: null"),
], ids=["flow", "block, empty with a comment", "block, tilde"])
def test_only_the_null_is_replaced(written: str, days: dict[str, str], expected: str) -> None:
    text = DRAFT.replace(FLOW, written)
    assert signed_text(text, days, "x.yaml") == DRAFT.replace(FLOW, expected)


def test_a_date_already_there_is_never_replaced() -> None:
    text = DRAFT.replace(FLOW, "signed: {caf: 2027-01-10, partner: null}")
    with pytest.raises(Refused, match="already 2027-01-10") as refused:
        signed_text(text, {"caf": "2027-02-02"}, "x.yaml")
    assert refused.value.field == "signed_caf"
    assert signed_text(text, {"caf": "2027-01-10"}, "x.yaml") == text


def test_a_file_without_signatures_says_what_to_add_as_it_is_written() -> None:
    """The line to add is quoted as YAML the officer can paste: braces balanced."""
    text = DRAFT.replace(FLOW, "")
    with pytest.raises(Refused) as refused:
        signed_text(text, {"caf": "2027-02-02"}, "x.yaml")
    assert "add `signed: {caf: null, partner: null}` to the file" in str(refused.value)
