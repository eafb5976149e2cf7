"""What a save meant: the change of meaning (as `pncaf diff` words it) and the findings it
adds or clears, so a face can show the officer the consequence of a record, not a diff."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pncaf.actions.common import Result, attempt

if TYPE_CHECKING:
    from pncaf.problems import Diagnostic
    from pncaf.review.changes import Change


@dataclass(frozen=True, kw_only=True)
class SaveExplained(Result):
    changes: list[Change] = field(default_factory=list)
    added: list[Diagnostic] = field(default_factory=list)     # findings the save brings
    cleared: list[Diagnostic] = field(default_factory=list)   # findings it makes go away


def explain_save(file: Path, before: str, after: str, as_of: date | None = None,
                 config: Path | None = None) -> SaveExplained:
    """Compare the file's text before and after a save (lines move, so findings are
    compared by rule, subject and message, not by line)."""
    def run() -> SaveExplained:
        from pncaf.actions.common import team_settings
        from pncaf.checks.runner import check_loaded
        from pncaf.format.loader import display_name, load_bytes
        from pncaf.review.meaning import Version, review

        day = as_of or date.today()
        name = display_name(file)
        team = team_settings(config, strict=False)
        indicators = (None if any(p.is_error for p in team.problems)
                      else team.settings.indicators)

        def findings(text: str) -> list[Diagnostic]:
            loaded = load_bytes(text.encode("utf-8"), name, file.stem)
            return check_loaded(loaded, day, indicators, french=True).diagnostics

        old, new = findings(before), findings(after)
        old_keys = {(d.rule, d.subject, d.message) for d in old}
        new_keys = {(d.rule, d.subject, d.message) for d in new}
        meaning = review(Version(name, before.encode("utf-8")),
                         Version(name, after.encode("utf-8")), day)
        return SaveExplained(
            changes=meaning.changes,
            added=[d for d in new if (d.rule, d.subject, d.message) not in old_keys],
            cleared=[d for d in old if (d.rule, d.subject, d.message) not in new_keys])

    return attempt(run, lambda exc: SaveExplained(refused=exc))
