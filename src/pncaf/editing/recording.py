"""`pncaf record` as a library call: one event into one file, nothing lost on the way.

The command line turns its options into the event (`dict` in the file's own vocabulary,
dates as `date`) and hands it here with the file; everything else happens here, under the
file's lock (`pncaf.editing.rewrite`): read, insert the event where it belongs, refuse what
`check` would refuse or what makes no sense (the same event twice, an acknowledgment of
nothing), say what the event does, keep what `--undo` needs, write atomically.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pncaf.editing.record import Edit, EditError
from pncaf.errors import UsageError, UserError

if TYPE_CHECKING:
    from pncaf.editing.annex2 import FilledForm


@dataclass(frozen=True)
class Recorded:
    """What a `record` did: the change, and what the officer should know about it."""

    edit: Edit
    notes: list[str] = field(default_factory=list)


def record_event(file: Path, event: dict[str, Any], dry_run: bool = False,
                 expected_sha256: str | None = None) -> Recorded:
    """Append `event` to `file`'s history (nothing written with `dry_run`, nor when the
    file is no longer the one shown: `expected_sha256`)."""
    from pncaf.editing.record import record
    from pncaf.editing.rewrite import rewrite

    notes: list[str] = []

    def change(text: str) -> Edit:
        try:
            edit = record(text, event, str(file))
        except EditError as exc:
            raise UserError(f"nothing recorded: {exc}") from None
        notes.extend(what_it_does(edit.before, edit.after, event, str(file)))
        return edit

    def after(edit: Edit) -> str | None:
        if dry_run:
            return None
        _remember(file, edit, f"the {event['event']} of {event['date']}")
        return edit.after       # written next, still under the lock that covers the undo

    return Recorded(rewrite(file, change, after, expected_sha256), notes)


def what_it_does(before: str, after: str, event: dict[str, Any], name: str) -> list[str]:
    """Refuse what makes no sense (the same event twice, an acknowledgment of nothing);
    otherwise the sentences that say what the event does."""
    from pncaf.editing.record_notes import notes, refusal
    from pncaf.format.loader import load_text

    old = load_text(before, name, name).convention
    new = load_text(after, name, name).convention
    if old is None or new is None:
        return []
    why = refusal(old, event)
    if why:
        raise UserError(f"nothing recorded: {why}")
    return notes(old, new, event) + _new_warnings(before, after, event, name)


def _new_warnings(before: str, after: str, event: dict[str, Any], name: str) -> list[str]:
    """The warnings `check` raises once the event is in and not before (a mistyped
    indicator…): the history is append-only, so the officer must hear it while `--undo`
    can still take the event back."""
    from datetime import date

    from pncaf.checks.diagnostics import Severity
    from pncaf.checks.rules import run_rules
    from pncaf.format.loader import load_text
    from pncaf.settings import load_settings

    settings, problems = load_settings()        # as `pncaf check` run from here finds them
    indicators = None if problems else settings.indicators
    day = max(date.today(), event["date"])
    old = {(d.rule, d.message) for d in run_rules(load_text(before, name, name), day,
                                                  indicators=indicators)}
    warned = [f"note: `pncaf check` will warn: {d.message}"
              for d in run_rules(load_text(after, name, name), day, indicators=indicators)
              if d.severity is Severity.WARNING and (d.rule, d.message) not in old]
    if warned:
        warned.append(f"if the event was typed wrong, `pncaf record --undo {name}` takes it "
                      "back (once pushed, the history only grows)")
    return warned


def undo_last(file: Path, expected_sha256: str | None = None) -> str:
    """Take back the last event `record` added (under the lock); returns what it was.
    With `expected_sha256`, a file changed since it was shown is refused."""
    from pncaf.editing.undo import undo
    from pncaf.files.digest import refuse_if_changed
    from pncaf.files.lock import locked

    with locked(file):
        try:
            raw: bytes | None = file.read_bytes()
        except FileNotFoundError:
            raw = None
        refuse_if_changed(file, raw, expected_sha256)
        return undo(file)


def report_from_form(file: Path, form: Path | bytes | None, correction: bool,
                     period: str | None, indicators_given: bool, form_name: str | None = None,
                     ) -> tuple[dict[str, Any], list[str]]:
    """The values `--from FORM` and `--correction` add to a report event, and what the
    officer should know once it is recorded (cells left blank). `form`: a path, or the
    bytes of an upload (named `form_name`)."""
    from pncaf.editing.annex2 import FormRefused, read_form, report_event
    from pncaf.editing.annex2_checks import form_problems
    from pncaf.format.loader import load_file

    values: dict[str, Any] = {"correction": True} if correction else {}
    if form is None:
        return values, []
    if indicators_given:
        raise UsageError("--from gives the indicators: leave out --indicator", field="form")
    if isinstance(form, Path) and not form.is_file():
        raise UsageError(f"--from {form}: no such file", field="form")
    data = form.read_bytes() if isinstance(form, Path) else form
    form = form if isinstance(form, Path) else Path(form_name or "annexe2.xlsx")
    try:
        filled = read_form(data, str(form))
        loaded = load_file(file)
        values.update(report_event(filled, loaded.id, period, str(form)))
        lies = form_problems(data, str(form), filled, loaded.convention)
        if lies:
            raise FormRefused(lies)
    except FormRefused as refused:
        raise UserError("nothing recorded: " + "; ".join(refused.problems)) from None
    return values, [incomplete_form(str(form), filled)] if filled.empty else []


def incomplete_form(name: str, filled: FilledForm) -> str:
    """What the officer must hear when a form comes back with counts left blank: they are
    not recorded (no count is invented), and the report may not be the whole semester's."""
    blank = ", ".join(f"« {filled.labels.get(key, key)} » ({key})" for key in filled.empty)
    total = len(filled.empty) + len(filled.counts)
    several = len(filled.empty) > 1
    return (f"{name} : formulaire incomplet — {len(filled.empty)} indicateur"
            f"{'s' if several else ''} sur {total} laissé{'s' if several else ''} vide"
            f"{'s' if several else ''}, donc non enregistré{'s' if several else ''} : {blank}. "
            "Si le partenaire ne les suit pas, rien à faire ; sinon, demandez-lui le "
            "formulaire complet et enregistrez-le comme correction.")


def _remember(file: Path, edit: Edit, what: str) -> None:
    """Keep what `--undo` needs; failing to keep it never undoes the record itself."""
    from pncaf.editing.undo import remember
    from pncaf.files.atomic import WriteFailed

    with contextlib.suppress(OSError, WriteFailed):
        remember(file, edit.before, edit.after, what)
