"""`yaml`: the file cannot be read as YAML.

Raised by the loader (`pncaf.format.loader`), which stops there: a file whose keys are not
what the author wrote is never validated or checked further. Syntax errors, a key written
twice, an empty file, bytes that are not UTF-8, a file over 1 MiB, an alias bomb and
nesting too deep all land here, each at its line and column.

Fails:
    signed: {caf: 2024-01-10, partner: 2024-01-15}
    signed: {caf: 2024-01-10}

Passes:
    signed: {caf: 2024-01-10, partner: 2024-01-15}
"""

from __future__ import annotations

from pncaf.checks.rules.base import Rule
from pncaf.problems import Severity

RULE = Rule(
    "yaml", Severity.ERROR, None, False, None,
    "not readable as YAML: syntax, duplicate key, empty file, not UTF-8, larger than 1 MiB, "
    "alias bomb, nesting too deep", "fichier illisible", __doc__ or "")
