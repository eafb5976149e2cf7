"""`pncaf reminders -o DIR` over a network of any size: the drafts of each convention are
composed and written as soon as it is read, never all held.

A draft with its annex 2 workbook weighs about 0.75 MB; holding the drafts of ten thousand
conventions before writing them (so that a name collision wrote nothing) took 1.5 GB. Now
each convention's drafts are composed — by forked workers from `PARALLEL_FROM` files on —
and written into a hidden folder beside DIR, their names checked as they come; only once
every convention is done are they moved into DIR: when DIR does not exist yet, the hidden
folder itself becomes DIR, in one rename (moving 39,000 drafts one by one took the
parent half a second); into an existing DIR, each draft is moved in, replacing its
previous version. So a collision or a failure still leaves DIR as it was (or absent), and
memory holds the names, not the drafts. (The hidden folder is made inside an existing DIR
instead when DIR's parent cannot be written in, or is on another disk: `_aside`.)

A draft that DIR already holds as it is (the same run again on the same day, after one
file was mended) is neither written again nor moved: the file is left untouched, its date
too, so that a shared drive's synchronisation or a mail program watching the folder sees
only the drafts that changed (a second run used to rewrite all 39,000 drafts, 650 MB).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pncaf.checks.partners import Held, PartnerMark
from pncaf.files.new_file import holds, write_new_file
from pncaf.format.loader import Loaded
from pncaf.format.stream import Skipped
from pncaf.settings import Settings

if TYPE_CHECKING:
    from pncaf.outputs.templating import Templates

#: One draft a worker made: (file name, whose it is, to the partner?, written in the hidden
#: folder? — not when DIR holds it already as it is); ("", why not, …) when the item has no
#: address.
Drafted = tuple[str, str, bool, bool]


@dataclass
class DraftsWritten:
    written: int = 0                  # drafts of this run in DIR (the unchanged among them)
    unchanged: int = 0                # already in DIR as they are: left untouched
    not_addressable: list[str] = field(default_factory=list)   # why an item has no draft
    skipped: int = 0
    held: list[Held] = field(default_factory=list)   # a duplicate file's partner reminders


def write_network_drafts(files: Sequence[Path], day: date, days: int, settings: Settings,
                         templates: Path | None, output: Path,
                         on_skip: Callable[[Skipped], None] = lambda _: None) -> DraftsWritten:
    """One draft (.eml) per item due of each valid convention of `files`, in `output`.
    `on_skip` is told of each file left out for its errors, as it comes."""
    from pncaf.checks.partners import SeenPartners, hold_partner_entries
    from pncaf.errors import Refused
    from pncaf.files.atomic import write_failed
    from pncaf.format.stream import each_convention, workers_for
    from pncaf.outputs.names import refuse_collisions

    _refuse_a_file(output)
    result = DraftsWritten()
    existing = output if output.is_dir() else None
    try:
        aside = _aside(output, existing)
    except OSError as exc:
        raise write_failed(output, exc) from None
    try:
        owners: dict[str, str] = {}
        names: list[str] = []       # the drafts to move into DIR
        held: set[str] = set()      # drafts written but held back: not to be put in DIR
        seen = SeenPartners()
        compose = _composer(day, days, settings, templates, aside, existing,
                            forked=workers_for(len(files)) > 1)
        try:
            for done in each_convention(files, compose):
                if isinstance(done, Skipped):
                    result.skipped += 1
                    on_skip(done)
                    continue
                mark, drafted, titles = done.value
                kept = hold_partner_entries(
                        list(zip(drafted, titles, strict=True)), lambda d: d[0][2],
                        lambda d: d[1], mark, seen.twin(mark), done.id, result.held)
                if len(kept) < len(drafted):
                    held |= ({d[0] for d in drafted if d[0] and d[3]}
                             - {d[0] for d, _ in kept})
                for (name, owner, _, written), _title in kept:
                    if not name:
                        result.not_addressable.append(owner)
                        continue
                    if name.casefold() in owners:
                        refuse_collisions([(name, owners[name.casefold()]), (name, owner)])
                    owners[name.casefold()] = owner
                    result.written += 1
                    if written:
                        names.append(name)
                    else:
                        result.unchanged += 1
            if files and result.skipped >= len(files):
                raise Refused("no valid convention left to work with")
            if result.unchanged and not output.is_dir():
                raise Refused(f"{output}: the folder was moved or deleted while the drafts "
                              "were being written (it held some of them already, which "
                              "were not written again); nothing was written: run the "
                              "command again")
            _move_in(aside, output, names,
                     [name for name in held if name.casefold() not in owners])
        except OSError as exc:
            raise write_failed(output, exc) from None
    finally:
        shutil.rmtree(aside, ignore_errors=True)
    return result


def _refuse_a_file(output: Path) -> None:
    """Said at once, before any draft is made: `output`, or a folder it would be made in,
    is a file."""
    from pncaf.errors import Refused

    for path in (output, *output.parents):
        if os.path.lexists(path):
            if not path.is_dir():
                raise Refused(f"{path}: this is a file, not a folder: -o names the folder "
                              "the drafts are written in (it is made when missing)")
            return


def _aside(output: Path, existing: Path | None) -> Path:
    """The hidden folder the drafts are first written in: beside DIR, so that a new DIR is
    that folder renamed; inside an existing DIR when its parent cannot be written in (a
    shared drive's rights given folder by folder) or is on another disk (a share mounted
    as DIR), where moving the drafts in would fail. A run stopped before its end leaves
    it behind, named `.DIR.….tmp` or `.pncaf-….tmp`."""
    parent = output.parent if str(output.parent) else Path(".")
    if existing is None:
        parent.mkdir(parents=True, exist_ok=True)
    elif not _same_disk(parent, existing):
        return Path(tempfile.mkdtemp(prefix=".pncaf-", suffix=".tmp", dir=existing))
    try:
        return Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".tmp", dir=parent))
    except OSError:
        if existing is None:
            raise
        return Path(tempfile.mkdtemp(prefix=".pncaf-", suffix=".tmp", dir=existing))


def _same_disk(a: Path, b: Path) -> bool:
    """Whether a file can be renamed from one to the other (when unknown: yes, as before
    asking; a rename that fails is then said)."""
    try:
        return os.stat(a).st_dev == os.stat(b).st_dev
    except OSError:
        return True


def _move_in(aside: Path, output: Path, names: Sequence[str], held: Iterable[str]) -> None:
    """The drafts `names` written in `aside` put into `output`: `aside` renamed to it when
    there is nothing at that path (with the mode `mkdir` would have given it, and without
    the `held` drafts, written by the workers before the parent held them back), else each
    draft moved into the folder there."""
    from pncaf.files.atomic import new_folder_mode

    if not os.path.lexists(output):
        for name in held:
            os.unlink(aside / name)
        os.chmod(aside, new_folder_mode())
        try:
            os.rename(aside, output)
            return
        except OSError:     # made meanwhile by someone else: the drafts go in one by one
            pass
    output.mkdir(exist_ok=True)
    for name in names:
        os.replace(aside / name, output / name)


def _composer(day: date, days: int, settings: Settings, templates: Path | None, aside: Path,
              existing: Path | None = None, forked: bool = False,
              ) -> Callable[[Loaded], tuple[PartnerMark | None, list[Drafted], list[str]]]:
    """What a worker does with one convention: compose its drafts and write in `aside` each
    that the folder `existing` (DIR, when it is there) does not hold as it is; returns its
    partner's mark, a `Drafted` for each item, and each item's title. `forked`: the workers
    will be forked from this process, which then makes first what each needs."""
    from pncaf.outputs.reminder_context import ConventionWords
    from pncaf.outputs.templating import Templates

    found = Templates.of(templates)       # once, not at each of ten thousand renderings
    words = ConventionWords()
    folder = str(aside)                   # joined as text: a Path a draft took 1.5 µs
    there = str(existing) if existing is not None else None
    if forked:
        _made_before_forking(found)

    def compose_one(loaded: Loaded) -> tuple[PartnerMark | None, list[Drafted], list[str]]:
        from pncaf.checks.partners import partner_mark
        from pncaf.dates.agenda import agenda
        from pncaf.dates.term import Term
        from pncaf.outputs.reminders import (
            PARTNER_KINDS,
            NotAddressable,
            attachments_for,
            compose,
            worth_reminding_of,
        )

        convention = loaded.convention
        assert convention is not None
        out: list[Drafted] = []
        # the term as known on the day, worked out once for the agenda, the reminders'
        # words and the partner's mark; the forms' is the whole history's, the same one
        # unless an event is recorded after the day
        known = convention.as_of(day)
        now = Term.of(known)
        due = worth_reminding_of(agenda(convention, loaded.id, loaded.file, day, days, now),
                                 day, convention)
        if due:             # the words of its reminders, with that term (most have none)
            words(convention, loaded.id, day, now)
        term = (None if not any(item.kind == "report_due" for item in due)
                else now if known is convention else Term.of(convention))
        titles = [item.title for item in due]
        for item in due:
            partner = item.kind in PARTNER_KINDS
            try:
                draft = compose(item, convention, settings, day, found,
                                attachments=attachments_for(item, convention, settings, day,
                                                            term), words=words)
            except NotAddressable as exc:
                out.append(("", str(exc), partner, False))
                continue
            data = draft.draft
            new = there is None or not holds(os.path.join(there, draft.filename), data)
            if new:
                write_new_file(os.path.join(folder, draft.filename), data)
            out.append((draft.filename, f"{item.file} (id {item.convention}, {item.key})",
                        partner, new))
        return partner_mark(loaded, day, now), out, titles

    return compose_one


def _made_before_forking(found: Templates) -> None:
    """What every worker would otherwise make again for itself, made once in the process
    they are forked from: the modules a draft needs imported (openpyxl among them) and the
    reminder templates compiled, about 0.2 s of CPU a worker."""
    import contextlib

    import jinja2
    import openpyxl  # noqa: F401

    import pncaf.outputs.annex2_sheet
    import pncaf.outputs.draft_bytes
    import pncaf.outputs.reminders
    import pncaf.outputs.xlsx_fill  # noqa: F401

    for name in ("reminder-subject.txt.j2", "reminder.txt.j2", "reminder-partner.txt.j2",
                 "reminder-caf.txt.j2"):
        with contextlib.suppress(jinja2.TemplateError):   # a team's own: said when used
            found.environment.get_template(name)
