"""`python -m pncaf.checks.rules`: the README's table of rules; `--doc`: docs/rules.md."""

import sys

from pncaf.checks.rules import rules_document, rules_table

print(rules_document() if "--doc" in sys.argv[1:] else rules_table(), end="")
