"""`pncaf record`: append one event to a convention's history."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from pncaf.cli.check import parse_date_option
from pncaf.cli.shared import (
    ConventionArg,
    parse_indicators,
)
from pncaf.errors import UsageError
from pncaf.format.models import EventKind, Party, TrainingKind, VisitOutcome

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


def command(
    ctx: typer.Context,
    file: ConventionArg,
    event: Annotated[EventKind | None, typer.Argument(
        help="report, committee, visit, training, notice, label_withdrawn, closure or "
             "acknowledgment.", show_default=False)] = None,
    on: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD",
                                           help="The day it happened or was received "
                                                "(required, except with --from: today).",
                                           show_default=False)] = None,
    period: Annotated[str | None, typer.Option(help="report: YYYY-S1 or YYYY-S2.")] = None,
    by: Annotated[str | None, typer.Option(help="notice: who gives notice (partner or caf; "
                                           "partenaire).")] = None,
    sent: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD",
                                             help="notice: the day it was sent.")] = None,
    outcome: Annotated[str | None, typer.Option(help="visit: compliant, action_plan or "
                                                "non_compliant (conforme, plan_d_action, "
                                                "non_conforme).")] = None,
    attendee: Annotated[list[str] | None, typer.Option(help="training: a person who "
                                                       "attended (repeat for several).")
                        ] = None,
    kind: Annotated[str | None, typer.Option(help="training: webinar or onsite (webinaire, "
                                             "présentiel).")] = None,
    reason: Annotated[str | None, typer.Option(help="label_withdrawn, closure: why.")] = None,
    until: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD",
                                              help="closure: last day closed.")] = None,
    site: Annotated[str | None, typer.Option(help="closure: the name of the site closed "
                                             "(default: every site).")] = None,
    note: Annotated[str | None, typer.Option(help="committee, visit, acknowledgment: a short "
                                             "note.")] = None,
    indicator: Annotated[list[str] | None, typer.Option(metavar="NAME=COUNT",
                                                        help="report: one indicator "
                                                        "(repeat for several).")] = None,
    rule: Annotated[str | None, typer.Option(help="acknowledgment: the rule of the finding "
                                             "(e.g. committee-missing).")] = None,
    subject: Annotated[str | None, typer.Option(help="acknowledgment: the finding's subject, "
                                                "as `pncaf check --format json` gives it "
                                                "(e.g. 2024-S1, 'period 2').")] = None,
    from_form: Annotated[Path | None, typer.Option(
        "--from", metavar="FORM.xlsx", help="report: the annex 2 form the partner filled in "
        "(made by `pncaf form`); gives the period and the indicators.",
        show_default=False)] = None,
    correction: Annotated[bool, typer.Option(
        "--correction", help="report: replaces the report already recorded for the period "
        "(the latest counts).")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the change as a diff; "
                                          "write nothing.")] = False,
    undo: Annotated[bool, typer.Option("--undo", help="Take back the last event `record` "
                                       "added to FILE (when the file has not changed since)."
                                       )] = False,
) -> None:
    """Add one event to a convention's history, changing nothing else in the file."""
    from pncaf.editing.recording import record_event, report_from_form, undo_last

    if not file.is_file():
        raise UsageError(f"{file}: no such file")
    if ctx.args:
        raise UsageError(_extra_words(ctx.args))
    if undo:
        what = undo_last(file)
        typer.echo(f"undone: {what} is no longer in {file}", err=True)
        return
    if event is None:
        raise UsageError("give the EVENT and its --date, e.g. `pncaf record FILE committee "
                         "--date 2027-02-02` (or --undo to take back the last one)")
    if on is None and from_form is None:
        raise UsageError("--date is required: the day it happened or was received, e.g. "
                         "--date 2027-02-02")
    if (from_form is not None or correction) and event != "report":
        raise UsageError(f"{'--from' if from_form is not None else '--correction'} is for a "
                         "report event")
    values: dict[str, object] = {"date": parse_date_option("--date", on) if on
                                 else date.today(), "event": event}
    optional: dict[str, object | None] = {
        "period": period, "by": _choice("by", by, Party),
        "rule": rule, "subject": subject,
        "sent": parse_date_option("--sent", sent) if sent else None,
        "outcome": _choice("outcome", outcome, VisitOutcome),
        "attendees": attendee or None, "kind": _choice("kind", kind, TrainingKind),
        "reason": reason,
        "until": parse_date_option("--until", until) if until else None, "note": note,
        "site": site,
        "indicators": parse_indicators(indicator) if indicator else None,
    }
    values.update({k: v for k, v in optional.items() if v is not None})
    form_values, form_notes = report_from_form(file, from_form, correction, period,
                                               bool(indicator))
    values.update(form_values)
    recorded = record_event(file, values, dry_run)
    if dry_run:
        sys.stdout.write(recorded.edit.diff(str(file)))
    else:
        typer.echo(f"recorded {event} of {values['date']} in {file}", err=True)
    for line in [*form_notes, *recorded.notes]:
        typer.echo(line, err=True)


def _choice(option: str, value: str | None, allowed: object) -> str | None:
    """The English value of a choice given in English or French (`conforme`)."""
    from typing import get_args

    from pncaf.french import english_choice

    if value is None:
        return None
    try:
        return english_choice(option, value, get_args(allowed))
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _extra_words(words: list[str]) -> str:
    shown = " ".join(words)
    return (f"unexpected word(s) after the options: {shown}. A value with a space must be "
            "in quotes, e.g. --attendee \"Léa Martin\"")
