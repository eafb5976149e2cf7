"""`pncaf reminders`: one French e-mail per agenda item, as drafts (.eml) or sent over SMTP."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pncaf.checks.diagnostics import counted
from pncaf.cli.check import parse_as_of
from pncaf.cli.shared import AsOfOpt, ConfigOpt, PathsArg, TemplatesOpt, finish, say_skipped
from pncaf.errors import UsageError

if TYPE_CHECKING:
    from pncaf.outputs.sending import Report

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


OutputOpt = Annotated[Path | None, typer.Option(
    "--output", "-o", help="Write one draft (.eml) per item in this folder (created if "
    "needed); running again rewrites only the drafts that changed.", show_default=False)]
SendOpt = Annotated[bool, typer.Option(
    "--send", help="Send what is due over SMTP (\\[smtp] in pncaf.toml).")]
DryRunOpt = Annotated[bool, typer.Option(
    "--dry-run", help="With --send: list what would be sent; send and write nothing.")]
RepeatOpt = Annotated[int, typer.Option(
    "--repeat", min=1, max=366, metavar="DAYS",
    help="With --send: send an overdue item again after this many days.")]
DaysOpt = Annotated[int, typer.Option("--days", "-d", min=0, max=3660,
                                      help="How many days ahead to look.")]
SentLogOpt = Annotated[Path | None, typer.Option(
    "--sent-log", metavar="FILE", help="The sent log. Default: pncaf-sent.yaml beside "
    "pncaf.toml.", show_default=False)]


def command(paths: PathsArg = None, output: OutputOpt = None, send: SendOpt = False,
            dry_run: DryRunOpt = False, repeat: RepeatOpt = 14, days: DaysOpt = 90,
            as_of: AsOfOpt = None, templates: TemplatesOpt = None, config: ConfigOpt = None,
            sent_log: SentLogOpt = None) -> None:
    """French reminders (report, notice, committee, visit…): drafts, or sent over SMTP."""
    from pncaf.actions.reminders import RemindersRequest, run_reminders

    if output is None and not send:
        raise UsageError("say what to do with the reminders: -o DIR writes drafts, --send "
                         "sends them (try --send --dry-run first)")
    if dry_run and not send:
        raise UsageError("--dry-run goes with --send: pncaf reminders --send --dry-run")
    result = finish(run_reminders(RemindersRequest(
        tuple(paths or ()), days, parse_as_of(as_of), templates, config, output, send,
        dry_run, repeat, sent_log, progress=lambda line: typer.echo(line, err=True))))
    say_skipped(result.skipped)
    for held in result.held:
        typer.echo(f"pncaf: {held.reason}", err=True)
    if output is not None:     # (sending says « not sent » of the same items itself)
        for why in result.not_addressable:
            typer.echo(f"pncaf: {why}", err=True)
        unsigned = (" (no [officer] or [mail] found in a pncaf.toml: they say « À COMPLÉTER » "
                    "where the sender and the officer go; see README, « Reminders »)"
                    if result.unsigned else "")
        new = result.written - result.unchanged
        same = (f" and left {result.unchanged} untouched, already there as they are"
                if result.unchanged else "")
        typer.echo(f"wrote {counted(new, 'draft')} to {output}/{same}{unsigned}", err=True)
    if result.report is not None and result.log is not None:
        _summary(result.report, result.log, dry_run)
    raise typer.Exit(1 if result.skipped or result.failures else 0)


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
