"""The reminders due: composed as drafts (`.eml` bytes, written in a folder when asked),
and sent over SMTP once each (an overdue one again every `repeat` days), with the sent log.
The preconditions of sending are here, so both faces refuse alike: the settings' file with
[officer], [mail] and [smtp], and a sender that is not the officer's own mailbox."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pncaf.actions.common import Result, attempt, refusal_problems

if TYPE_CHECKING:
    from pncaf.checks.partners import Held, PartnerMark
    from pncaf.dates.agenda import AgendaItem
    from pncaf.format.loader import Loaded
    from pncaf.format.models import Convention
    from pncaf.format.stream import Skipped
    from pncaf.outputs.reminders import Reminder
    from pncaf.outputs.sending import Report, Work
    from pncaf.problems import Diagnostic
    from pncaf.settings import Settings


@dataclass(frozen=True)
class RemindersRequest:
    paths: tuple[Path, ...] = ()
    days: int = 90
    as_of: date | None = None
    templates: Path | None = None
    config: Path | None = None
    drafts_to: Path | None = None       # write one draft per item in this folder
    send: bool = False
    dry_run: bool = False               # with send: say what would go, send nothing
    repeat: int = 14
    sent_log: Path | None = None        # default: pncaf-sent.yaml beside pncaf.toml
    progress: Callable[[str], None] = field(default=lambda _: None, compare=False)


@dataclass(frozen=True, kw_only=True)
class RemindersResult(Result):
    drafts: list[Reminder] = field(default_factory=list)
    not_addressable: list[str] = field(default_factory=list)   # why an item has no draft
    written: int = 0                    # drafts written in `drafts_to`
    unchanged: int = 0                  # of them, already there as they are: left untouched
    unsigned: bool = False              # no [officer] or [mail]: « À COMPLÉTER » in drafts
    report: Report | None = None        # what sending did (or would do, dry run)
    log: Path | None = None
    skipped: list[Loaded | Skipped] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)  # partner reminders of a duplicate file

    @property
    def failures(self) -> int:
        report = self.report
        sending = (len(report.failed) + (report.stopped is not None)) if report else 0
        return len(self.not_addressable) + sending


def compose_reminders(request: RemindersRequest) -> RemindersResult:
    """The drafts of what is due (nothing sent; written when `drafts_to` is given)."""
    from dataclasses import replace

    return run_reminders(replace(request, send=False))


def send_reminders(request: RemindersRequest) -> RemindersResult:
    """Send what is due (`dry_run`: only say what would be sent)."""
    from dataclasses import replace

    return run_reminders(replace(request, send=True))


def run_reminders(request: RemindersRequest) -> RemindersResult:
    return attempt(lambda: _run(request),
                   lambda exc: RemindersResult(refused=exc, problems=refusal_problems(exc)))


def _run(request: RemindersRequest) -> RemindersResult:
    from pncaf.actions.common import team_settings

    day = request.as_of or date.today()
    team = team_settings(request.config)
    settings = team.settings
    log = log_path(settings, request.sent_log) if request.send else None
    if request.send:
        ready_to_send(settings, request.dry_run)
    one_mailbox_each(settings)
    if request.drafts_to is not None and not request.send:
        return _stream_drafts(request, request.drafts_to, day, team.settings,
                              tuple(team.problems))
    held: list[Held] = []
    work, skipped = due(request.paths, day, request.days, held)
    # Sending composes each message as it goes; drafts are composed to be shown or written.
    drafts, unaddressable = (([], []) if request.send and request.drafts_to is None
                             else compose_all(work, settings, day, request.templates))
    written = write_drafts(drafts, request.drafts_to) if request.drafts_to else 0
    report = None
    if request.send:
        from pncaf.outputs.sending import send_reminders as send
        from pncaf.outputs.templating import user_folder

        assert log is not None
        report = send(work, settings, log, day, request.repeat, user_folder(request.templates),
                      request.dry_run, progress=request.progress)
    return RemindersResult(drafts=drafts, not_addressable=unaddressable, written=written,
                           unsigned=not (settings.officer and settings.sender), report=report,
                           log=log, skipped=list(skipped), held=held,
                           problems=tuple(team.problems))


def _stream_drafts(request: RemindersRequest, folder: Path, day: date, settings: Settings,
                   problems: tuple[Diagnostic, ...]) -> RemindersResult:
    """`-o DIR` over a network of any size: each convention's drafts are written as soon as
    it is read, never all held (`outputs.drafts`); DIR changes only once all are done."""
    from pncaf.actions.common import refuse_none_valid, resolve_paths
    from pncaf.errors import Refused
    from pncaf.outputs.drafts import write_network_drafts
    from pncaf.outputs.templating import user_folder

    templates = user_folder(request.templates)     # a missing --templates: said once, here
    files = resolve_paths(request.paths)
    skipped: list[Skipped] = []
    try:
        done = write_network_drafts(files, day, request.days, settings, templates,
                                    folder, on_skip=skipped.append)
    except Refused:
        refuse_none_valid(files, skipped)      # said with the files, when that was why
        raise
    return RemindersResult(not_addressable=done.not_addressable, written=done.written,
                           unchanged=done.unchanged,
                           unsigned=not (settings.officer and settings.sender),
                           skipped=list(skipped), held=done.held, problems=problems)


def due(paths: Sequence[Path], day: date, days: int, held: list[Held] | None = None,
        ) -> tuple[Work, list[Skipped]]:
    """The agenda items that make a reminder on `day`, in date order, each with its
    convention, and the files skipped for their errors. The files are read one at a time
    and only the conventions with an item due are kept (their data, about 18 KB each, not
    the loaded file): a network of any size, memory flat when little is due. The partner
    reminders of a file whose partner an earlier file holds on the same days
    (`partner-duplicate`) are left out, each file's told to `held`."""
    from pncaf.actions.common import refuse_none_valid, resolve_paths
    from pncaf.checks.partners import SeenPartners, hold_partner_entries, partner_mark
    from pncaf.dates.agenda import agenda
    from pncaf.format.packed import Packed
    from pncaf.format.stream import each_convention, valid_values
    from pncaf.outputs.reminders import PARTNER_KINDS, worth_reminding_of

    def due_of(loaded: Loaded) -> tuple[Packed | None, list[AgendaItem], PartnerMark | None]:
        convention = loaded.convention
        assert convention is not None
        items = worth_reminding_of(agenda(convention, loaded.id, loaded.file, day, days), day,
                                   convention)
        return (Packed.of(loaded) if items else None), items, partner_mark(loaded, day)

    files = resolve_paths(paths)
    skipped: list[Skipped] = []
    parts = valid_values(each_convention(files, due_of), skipped.append)
    refuse_none_valid(files, skipped)
    seen = SeenPartners()      # every file's mark, in file order, due or not
    work: Work = []
    for packed, items, mark in parts:
        twin = seen.twin(mark)
        if packed is not None:
            kept = hold_partner_entries(items, lambda i: i.kind in PARTNER_KINDS,
                                        lambda i: i.title, mark, twin, items[0].convention,
                                        held)
            work += [(item, packed) for item in kept]
    work.sort(key=lambda pair: (pair[0].date, pair[0].convention, pair[0].key))
    return work, skipped


def compose_all(work: Work, settings: Settings, day: date, templates: Path | None,
                ) -> tuple[list[Reminder], list[str]]:
    from pncaf.outputs.reminder_context import ConventionWords
    from pncaf.outputs.reminders import NotAddressable, attachments_for, compose
    from pncaf.outputs.templating import user_folder

    folder = user_folder(templates)
    words = ConventionWords()
    drafts, failed = [], []
    conventions: dict[int, Convention] = {}        # each read again once
    for item, packed in work:
        convention = conventions.get(id(packed))
        if convention is None:
            convention = conventions[id(packed)] = packed.convention()
        try:
            drafts.append(compose(item, convention, settings, day, folder,
                                  attachments=attachments_for(item, convention, settings, day),
                                  words=words))
        except NotAddressable as exc:
            failed.append(str(exc))
    return drafts, failed


def write_drafts(drafts: Sequence[Reminder], folder: Path) -> int:
    """One `.eml` per draft in `folder`; two drafts sharing a name are refused first."""
    from pncaf.files.atomic import write_bytes_atomic
    from pncaf.outputs.names import refuse_collisions

    refuse_collisions((d.filename, f"{d.item.file} (id {d.item.convention}, {d.item.key})")
                      for d in drafts)
    for draft in drafts:
        write_bytes_atomic(folder / draft.filename, draft.draft)
    return len(drafts)


NEEDS = ("--send needs pncaf.toml (in this folder or a parent, or --config FILE) with "
         "[officer] (who signs and receives the Caf's reminders), [mail] from and [smtp]; "
         "see README, « Reminders ». Nothing was sent")


def log_path(settings: Settings, explicit: Path | None) -> Path:
    from pncaf.errors import Refused
    from pncaf.files.sent_log import FILE_NAME

    if explicit is not None:
        return explicit
    if settings.path is None:
        raise Refused(NEEDS)
    return settings.path.parent / FILE_NAME


def ready_to_send(settings: Settings, dry_run: bool = False) -> None:
    """Refused unless the settings say who signs, who sends and (to send for real, not
    for a dry run, which is how a team tries it before its server is set) through what."""
    from pncaf.errors import Refused

    missing = [f"[{name}]" for name, value in (("officer", settings.officer),
                                               ("mail", settings.sender),
                                               ("smtp", settings.smtp))
               if value is None and not (dry_run and name == "smtp")]
    if settings.path is None:
        raise Refused(NEEDS)
    if missing:
        raise Refused(f"{settings.path}: --send needs {', '.join(missing)} as well; see "
                      "README, « Reminders ». Nothing was sent")


def one_mailbox_each(settings: Settings) -> None:
    """From never equals To: refused once, before anything is written or sent."""
    from pncaf.errors import Refused
    from pncaf.outputs.reminders import SAME_MAILBOX, same_sender_and_officer

    if same_sender_and_officer(settings):
        raise Refused(f"{settings.path}: {SAME_MAILBOX}. Nothing was written or sent")
