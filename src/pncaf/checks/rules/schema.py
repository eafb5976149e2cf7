"""`schema`: the file does not match the format of docs/format.md.

Raised by the loader's validation (`pncaf.format.validator`, `pncaf.format.messages`):
every key, type, date and range of a convention, with a message that says which value is
wrong and what is expected. A value that starts like a spreadsheet formula is refused too,
since the open-data export and the annex 2 form are opened in spreadsheets.

Fails:
    signed: {caf: 2024-02-30, partner: 2024-01-15}

Passes:
    signed: {caf: 2024-01-10, partner: 2024-01-15}
"""

from __future__ import annotations

from pncaf.checks.rules.base import Rule
from pncaf.problems import Severity

RULE = Rule(
    "schema", Severity.ERROR, None, False, None,
    "does not match the format: unknown key, wrong type, impossible date or time, "
    "overlapping ranges, duplicate id, bad SIREN, a date outside 1900-2199, text a "
    "spreadsheet would run as a formula (`=`, `+`, `-`, `@`)", "format du fichier",
    __doc__ or "")
