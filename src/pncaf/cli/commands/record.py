"""`pncaf record`: append one event to a convention's history."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from pncaf.cli.shared import ConventionArg, finish
from pncaf.errors import UsageError
from pncaf.format.models import EventKind

#: The command accepts words after the options so that a name split by the shell
#: (`--attendee Léa Martin`) gets advice instead of click's "unexpected extra argument".
CONTEXT = {"allow_extra_args": True}

PANEL = "Edit"
EPILOG = (
    "Examples:\n\n"
    "  pncaf record conventions/77-valbrune.yaml report --date 2027-01-08 --period 2026-S2 "
    "--indicator accueils=270\n\n"
    "  pncaf record conventions/77-valbrune.yaml report --from annexe2-2026-S2.xlsx\n\n"
    "  pncaf record conventions/77-valbrune.yaml report --from annexe2.xlsx --correction\n\n"
    "  pncaf record conventions/77-valbrune.yaml visit --date 2027-02-02 --outcome compliant\n\n"
    "  pncaf record conventions/77-valbrune.yaml training --date 2026-12-10 "
    "--attendee 'Karim Benali' --kind webinar\n\n"
    "  pncaf record conventions/93-x.yaml notice --date 2027-02-01 --by partner --sent "
    "2027-01-28 --dry-run\n\n"
    "  pncaf record conventions/77-valbrune.yaml visit --date 02/02/2027 --outcome "
    "plan_d_action --note 'affichage à revoir'\n\n"
    "  pncaf record conventions/45-la-passerelle.yaml acknowledgment --date 2027-02-02 "
    "--rule committee-missing --subject 'period 1' --note 'comité 2024 non tenu, vu avec le "
    "centre social'\n\n"
    "  pncaf record --undo conventions/77-valbrune.yaml   # takes back the last event added\n\n"
    "Dates may be written 2027-01-31 or 31/01/2027; --kind, --outcome and --by take the "
    "French words too (webinaire, présentiel; conforme, plan_d_action, non_conforme; "
    "partenaire, caf). Put a name with a space in quotes: --attendee 'Léa Martin'.\n\n"
    "The event is inserted in date order; nothing else in the file changes (comments, "
    "order, quotes). The file is checked before it is written; on any problem it is left "
    "as it was and the exit status is 1."
)


# The options, one alias each, so that the command reads as what it does.
EventArg = Annotated[EventKind | None, typer.Argument(
    help="report, committee, visit, training, notice, label_withdrawn, closure or "
         "acknowledgment.", show_default=False)]
DateOpt = Annotated[str | None, typer.Option(
    "--date", metavar="YYYY-MM-DD", help="The day it happened or was received (required, "
    "except with --from: today).", show_default=False)]
PeriodOpt = Annotated[str | None, typer.Option(help="report: YYYY-S1 or YYYY-S2.")]
ByOpt = Annotated[str | None, typer.Option(help="notice: who gives notice (partner or caf; "
                                           "partenaire).")]
SentOpt = Annotated[str | None, typer.Option(metavar="YYYY-MM-DD",
                                             help="notice: the day it was sent.")]
OutcomeOpt = Annotated[str | None, typer.Option(
    help="visit: compliant, action_plan or non_compliant (conforme, plan_d_action, "
         "non_conforme).")]
AttendeeOpt = Annotated[list[str] | None, typer.Option(
    help="training: a person who attended (repeat for several).")]
KindOpt = Annotated[str | None, typer.Option(help="training: webinar or onsite (webinaire, "
                                             "présentiel).")]
ReasonOpt = Annotated[str | None, typer.Option(help="label_withdrawn, closure: why.")]
UntilOpt = Annotated[str | None, typer.Option(metavar="YYYY-MM-DD",
                                              help="closure: last day closed.")]
SiteOpt = Annotated[str | None, typer.Option(help="closure: the name of the site closed "
                                             "(default: every site).")]
NoteOpt = Annotated[str | None, typer.Option(help="committee, visit, acknowledgment: a short "
                                             "note.")]
IndicatorOpt = Annotated[list[str] | None, typer.Option(
    metavar="NAME=COUNT", help="report: one indicator (repeat for several).")]
RuleOpt = Annotated[str | None, typer.Option(help="acknowledgment: the rule of the finding "
                                             "(e.g. committee-missing).")]
SubjectOpt = Annotated[str | None, typer.Option(
    help="acknowledgment: the finding's subject, as `pncaf check --format json` gives it "
         "(e.g. 2024-S1, 'period 2').")]
FormOpt = Annotated[Path | None, typer.Option(
    "--from", metavar="FORM.xlsx", help="report: the annex 2 form the partner filled in "
    "(made by `pncaf form`); gives the period and the indicators.", show_default=False)]
CorrectionOpt = Annotated[bool, typer.Option(
    "--correction", help="report: replaces the report already recorded for the period "
    "(the latest counts).")]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Show the change as a diff; "
                                         "write nothing.")]
UndoOpt = Annotated[bool, typer.Option("--undo", help="Take back the last event `record` "
                                       "added to FILE (when the file has not changed since).")]


def command(ctx: typer.Context, file: ConventionArg, event: EventArg = None,
            on: DateOpt = None, period: PeriodOpt = None, by: ByOpt = None,
            sent: SentOpt = None, outcome: OutcomeOpt = None, attendee: AttendeeOpt = None,
            kind: KindOpt = None, reason: ReasonOpt = None, until: UntilOpt = None,
            site: SiteOpt = None, note: NoteOpt = None, indicator: IndicatorOpt = None,
            rule: RuleOpt = None, subject: SubjectOpt = None, from_form: FormOpt = None,
            correction: CorrectionOpt = False, dry_run: DryRunOpt = False,
            undo: UndoOpt = False) -> None:
    """Add one event to a convention's history, changing nothing else in the file."""
    from pncaf.actions import record as action

    if ctx.args:
        raise UsageError(_extra_words(ctx.args))
    if undo:
        undone = finish(action.undo(action.UndoRequest(file)))
        typer.echo(f"undone: {undone.undone} is no longer in {file}", err=True)
        return
    result = finish(action.record(action.RecordRequest(
        file, event, on, period, by, sent, outcome, tuple(attendee or ()), kind, reason,
        until, site, note, tuple(indicator or ()), rule, subject, correction,
        from_form, dry_run=dry_run)))
    if dry_run:
        sys.stdout.write(result.diff)
    else:
        typer.echo(f"recorded {event} of {result.event['date']} in {file}", err=True)
    for line in result.notes:
        typer.echo(line, err=True)


def _extra_words(words: list[str]) -> str:
    shown = " ".join(words)
    return (f"unexpected word(s) after the options: {shown}. A value with a space must be "
            "in quotes, e.g. --attendee \"Léa Martin\"")
