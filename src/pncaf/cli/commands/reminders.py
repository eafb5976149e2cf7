"""`pncaf reminders`: one French e-mail per agenda item, as drafts (.eml) or sent over SMTP."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pncaf.checks.diagnostics import counted
from pncaf.cli.check import parse_as_of
from pncaf.cli.shared import (
    AsOfOpt,
    ConfigOpt,
    PathsArg,
    TemplatesOpt,
    settings_for,
    templates_folder,
)
from pncaf.errors import UsageError, UserError

if TYPE_CHECKING:
    from datetime import date

    from pncaf.dates.agenda import AgendaItem
    from pncaf.files.loader import Loaded
    from pncaf.format.models import Convention
    from pncaf.outputs.sending import Report, Work
    from pncaf.settings import Settings

PANEL = "Documents"
EPILOG = (
    "Examples:\n\n"
    "  pncaf reminders -o relances/                 # drafts (.eml) for the next 90 days\n\n"
    "  pncaf reminders --send --dry-run             # what --send would send, sending nothing\n\n"
    "  pncaf reminders --send                       # send what is due (cron, scheduled task)\n\n"
    "  pncaf reminders conventions/77-valbrune.yaml --days 30 -o relances/\n\n"
    "Reports and trainings go to the partner (copy to the officer); notice, renewal, end, "
    "committee and visit to the officer only. Drafts open in Outlook or Thunderbird ready to "
    "send. --send needs pncaf.toml (\\[officer], \\[mail], \\[smtp]; password in "
    "PNCAF_SMTP_PASSWORD); each item is sent once, an overdue one again every --repeat days, "
    "and every sending is kept in pncaf-sent.yaml beside pncaf.toml."
)


def command(
    paths: PathsArg = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write one draft (.eml) per item in this folder (created if "
        "needed); running again rewrites the same files.", show_default=False)] = None,
    send: Annotated[bool, typer.Option(
        "--send", help="Send what is due over SMTP (\\[smtp] in pncaf.toml).")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="With --send: list what would be sent; send and write nothing.")
    ] = False,
    repeat: Annotated[int, typer.Option(
        "--repeat", min=1, max=366, metavar="DAYS",
        help="With --send: send an overdue item again after this many days.")] = 14,
    days: Annotated[int, typer.Option("--days", "-d", min=0, max=3660,
                                      help="How many days ahead to look.")] = 90,
    as_of: AsOfOpt = None,
    templates: TemplatesOpt = None,
    config: ConfigOpt = None,
    sent_log: Annotated[Path | None, typer.Option(
        "--sent-log", metavar="FILE", help="The sent log. Default: pncaf-sent.yaml beside "
        "pncaf.toml.", show_default=False)] = None,
) -> None:
    """French reminders (report, notice, committee, visit…): drafts, or sent over SMTP."""

    if output is None and not send:
        raise UsageError("say what to do with the reminders: -o DIR writes drafts, --send "
                         "sends them (try --send --dry-run first)")
    if dry_run and not send:
        raise UsageError("--dry-run goes with --send: pncaf reminders --send --dry-run")
    day = parse_as_of(as_of)
    folder = templates_folder(templates)
    settings = settings_for(config)
    log = _log_path(settings, sent_log) if send else None
    if send:
        _ready_to_send(settings)
    _one_mailbox_each(settings)
    failed = skipped = 0
    if output:
        failed, skipped = _write_drafts(paths, settings, day, days, folder, output)
    if send:
        work, any_skipped = _due(paths, day, days)
        skipped += any_skipped
        assert log is not None
        from pncaf.outputs.sending import send_reminders

        report = send_reminders(work, settings, log, day, repeat, folder, dry_run,
                                progress=lambda line: typer.echo(line, err=True))
        _summary(report, log, dry_run)
        failed += len(report.failed) + (report.stopped is not None)
    raise typer.Exit(1 if skipped or failed else 0)


def _due(paths: list[Path] | None, day: date, days: int) -> tuple[Work, int]:
    """What is due for sending, in date order, each item with its convention; the files
    are read one at a time and only the conventions with an item due are kept (their
    data, not the loaded file: about 18 KB each instead of 140)."""
    from pncaf.cli.shared import Skips
    from pncaf.dates.agenda import agenda
    from pncaf.files.discovery import resolve_paths
    from pncaf.files.stream import each_convention, valid_values
    from pncaf.outputs.reminders import worth_reminding

    def due_of(loaded: Loaded) -> tuple[Convention | None, list[AgendaItem]]:
        convention = loaded.convention
        assert convention is not None
        items = [i for i in agenda(convention, loaded.id, loaded.file, day, days)
                 if worth_reminding(i, day)]
        return (convention if items else None), items

    files = resolve_paths(paths)
    skips = Skips()
    parts = valid_values(each_convention(files, due_of), skips)
    skips.done(len(files))
    work = [(item, convention) for convention, items in parts if convention is not None
            for item in items]
    work.sort(key=lambda pair: (pair[0].date, pair[0].convention, pair[0].key))
    return work, skips.count


def _log_path(settings: Settings, explicit: Path | None) -> Path:
    from pncaf.files.sent_log import FILE_NAME

    if explicit is not None:
        return explicit
    if settings.path is None:
        raise UserError(_NEEDS)
    return settings.path.parent / FILE_NAME


_NEEDS = ("--send needs pncaf.toml (in this folder or a parent, or --config FILE) with "
          "[officer] (who signs and receives the Caf's reminders), [mail] from and [smtp]; "
          "see README, « Reminders ». Nothing was sent")


def _ready_to_send(settings: Settings) -> None:
    missing = [f"[{name}]" for name, value in (("officer", settings.officer),
                                               ("mail", settings.sender),
                                               ("smtp", settings.smtp)) if value is None]
    if settings.path is None:
        raise UserError(_NEEDS)
    if missing:
        raise UserError(f"{settings.path}: --send needs {', '.join(missing)} as well; see "
                        "README, « Reminders ». Nothing was sent")


def _one_mailbox_each(settings: Settings) -> None:
    """From never equals To: refused once, before anything is written or sent."""
    from pncaf.outputs.reminders import SAME_MAILBOX, same_sender_and_officer

    if same_sender_and_officer(settings):
        raise UserError(f"{settings.path}: {SAME_MAILBOX}. Nothing was written or sent")


def _write_drafts(paths: list[Path] | None, settings: Settings, day: date, days: int,
                  folder: Path | None, output: Path) -> tuple[int, int]:
    """The drafts of the network, one convention at a time (`outputs.drafts`); returns
    (items without a draft, files skipped)."""
    from pncaf.cli.shared import Skips
    from pncaf.files.discovery import resolve_paths
    from pncaf.outputs.drafts import write_network_drafts

    files = resolve_paths(paths)
    skips = Skips()
    done = write_network_drafts(files, day, days, settings, folder, output, on_skip=skips)
    skips.done(len(files))
    for problem in done.not_addressable:
        typer.echo(f"pncaf: {problem}", err=True)
    unsigned = "" if settings.officer and settings.sender else (
        " (no [officer] or [mail] in pncaf.toml: they say « À COMPLÉTER » where the sender "
        "and the officer go; see README, « Reminders »)")
    typer.echo(f"wrote {counted(done.written, 'draft')} to {output}/{unsigned}", err=True)
    return len(done.not_addressable), done.skipped


def _summary(report: Report, log: Path, dry_run: bool) -> None:
    for item, problem in report.failed:
        typer.echo(f"pncaf: not sent: {item.convention} {item.key}: {problem}", err=True)
    if report.stopped:
        typer.echo(f"pncaf: {report.stopped}", err=True)
    if dry_run:
        for reminder in report.would_send:
            who = reminder.addressing
            cc = f" (cc {', '.join(a for _, a in who.cc)})" if who.cc else ""
            typer.echo(f"would send {reminder.item.convention} {reminder.item.key} to "
                       f"{', '.join(a for _, a in who.to)}{cc}: {reminder.subject}")
        typer.echo(f"dry run: {counted(len(report.would_send), 'message')} would be sent, "
                   f"{report.waiting} already sent; nothing sent, {log} unchanged", err=True)
        return
    not_sent = f", {len(report.failed)} not sent (the next run tries again)" \
        if report.failed else ""
    typer.echo(f"sent {counted(len(report.sent), 'message')}{not_sent}, "
               f"{report.waiting} already sent; log: {log}", err=True)
