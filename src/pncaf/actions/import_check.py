"""What `check` would say of an import's text before it is written: the web face refuses
to write a file with errors (the officer corrects the values in the preview and confirms
again), so that an import never leaves an invalid convention behind without a word."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from pncaf.problems import Diagnostic


def import_errors(text: str, target: Path, day: date) -> list[Diagnostic]:
    """The errors `pncaf check` would report on `text` written as `target`, with their
    French wording (warnings are left for the convention's page)."""
    from pncaf.checks.runner import check_loaded
    from pncaf.format.loader import load_text

    loaded = load_text(text, target.name, target.stem)
    return [d for d in check_loaded(loaded, day, french=True).diagnostics if d.is_error]
