"""`history-rewritten`: with `check --base REV`, an event of that version was removed or
changed.

Raised by `pncaf.review.history`, which knows the base version: the history is append-only,
so a mistaken event is corrected by a new one (a report with `correction: true`), never by
editing the old one. Its examples need two versions of the file (tests/test_diff_git.py):
the base has `- {date: 2024-06-10, event: committee}`; a version where that line became
`- {date: 2024-06-11, event: committee}` fails, one that adds a second event after it
passes.
"""

from __future__ import annotations

from pncaf.checks.rules.base import Rule
from pncaf.problems import Severity

RULE = Rule(
    "history-rewritten", Severity.ERROR, None, True, None,
    "with `--base REV`: an event of that version removed or changed (the history is "
    "append-only; a correction is a new event)", "historique réécrit", __doc__ or "")
