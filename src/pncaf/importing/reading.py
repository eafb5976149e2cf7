"""Find the facts of a convention in its text, each with the line it was read on.

The text is cut where the model convention cuts it (`found.Text`): the parties (before the
preamble), the articles (« Article 7 … »), the signatures and annexes. Each fact is looked
for where the model states it: the parties (`parties`), the level-2 address and the first
training in Art. 3, the minimum in Art. 4, the term in Art. 11 and the préfecture's
acknowledgement anywhere (`clauses`), the sites and hours in Art. 7 and the equipment in
Art. 8 (`sites`), where and when the parties signed (`signatures`). What is not found, or
not understood, is a `Missing` with its line: the value is null, never a guess.
"""

from __future__ import annotations

from pncaf.importing.clauses import (
    read_contact,
    read_engagements,
    read_prefecture,
    read_term,
)
from pncaf.importing.found import Found, Missing, NotAConvention, Reading, Text
from pncaf.importing.parties import read_parties
from pncaf.importing.signatures import read_signatures
from pncaf.importing.sites import read_sites

__all__ = ["Found", "Missing", "NotAConvention", "Reading", "read"]


def read(lines: list[str]) -> Reading:
    text = Text(lines)
    if not text.looks_like_a_convention():
        raise NotAConvention("no « Point numérique Caf » convention found in this text: it "
                             "should name the Caf and the partner and have its articles "
                             "(« Article 1 », « Article 2 »…)")
    reading = Reading(lines=text.lines)
    read_parties(text, reading)
    read_contact(text, reading)
    read_signatures(text, reading)
    read_sites(text, reading)
    read_engagements(text, reading)
    read_term(text, reading)
    read_prefecture(text, reading)
    actes = reading.values.get("prefecture.id")
    if reading.values.get("partner.siren") is None and actes is not None and not any(
            m.key == "partner.siren" and m.partly for m in reading.missing):
        reading.values["partner.siren"] = Found(actes.value.split("-")[1], actes.lines)
        reading.missing = [m for m in reading.missing if m.key != "partner.siren"]
    return reading
