"""`partner-duplicate`: two files of the network hold the same partner (SIREN) for days
that overlap.

A second file for a partner is most often a copy (the tool's own PDF imported again, a
`pncaf new` for a partner already kept): the network would list the partner twice and
remind it twice (a report already received in one file is owed in the other). Raised by
`pncaf check` over the files it reads (`pncaf.checks.partners`, which notes each file's
SIREN and term as the files stream by: no file is read twice), on the later file, naming
the earlier one. A convention that takes over from an ended one is no duplicate: their
days do not overlap. Its examples need two files (tests/test_partner_duplicate.py): a
file `77-ecoles.yaml` signed in 2024 with tacit renewal and `siren: "217709997"`; a
second file with the same SIREN signed in 2026 fails; one signed after the first's end
(a notice recorded in it) passes.
"""

from __future__ import annotations

from pncaf.checks.partners import RULE_ID
from pncaf.checks.rules.base import Rule
from pncaf.problems import Severity

RULE = Rule(
    RULE_ID, Severity.WARNING, None, True, None,
    "a partner's SIREN already in another file of the network, for days that overlap "
    "(a copy: the partner would be counted and reminded twice)",
    "partenaire en double", __doc__ or "")
