"""`pncaf record`: append one event to a convention's history."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from pncaf.cli.shared import (
    ConventionArg,
    parse_date_option,
    parse_indicators,
)
from pncaf.errors import UsageError, UserError
from pncaf.format.models import EventKind, Party, TrainingKind, VisitOutcome

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
    "The event is inserted in date order; nothing else in the file changes (comments, "
    "order, quotes). The file is checked before it is written; on any problem it is left "
    "as it was and the exit status is 1."
)


def command(
    file: ConventionArg,
    event: Annotated[EventKind, typer.Argument(help="report, committee, visit, training, "
                                               "notice, label_withdrawn or closure.",
                                               show_default=False)],
    on: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD",
                                           help="The day it happened or was received "
                                                "(required, except with --from: today).",
                                           show_default=False)] = None,
    period: Annotated[str | None, typer.Option(help="report: YYYY-S1 or YYYY-S2.")] = None,
    by: Annotated[Party | None, typer.Option(help="notice: who gives notice.")] = None,
    sent: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD",
                                             help="notice: the day it was sent.")] = None,
    outcome: Annotated[VisitOutcome | None, typer.Option(help="visit: the result.")] = None,
    attendee: Annotated[list[str] | None, typer.Option(help="training: a person who "
                                                       "attended (repeat for several).")
                        ] = None,
    kind: Annotated[TrainingKind | None, typer.Option(help="training: webinar or onsite.")
                    ] = None,
    reason: Annotated[str | None, typer.Option(help="label_withdrawn, closure: why.")] = None,
    until: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD",
                                              help="closure: last day closed.")] = None,
    note: Annotated[str | None, typer.Option(help="committee, visit: a short note.")] = None,
    indicator: Annotated[list[str] | None, typer.Option(metavar="NAME=COUNT",
                                                        help="report: one indicator "
                                                        "(repeat for several).")] = None,
    from_form: Annotated[Path | None, typer.Option(
        "--from", metavar="FORM.xlsx", help="report: the annex 2 form the partner filled in "
        "(made by `pncaf form`); gives the period and the indicators.",
        show_default=False)] = None,
    correction: Annotated[bool, typer.Option(
        "--correction", help="report: replaces the report already recorded for the period "
        "(the latest counts).")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the change as a diff; "
                                          "write nothing.")] = False,
) -> None:
    """Add one event to a convention's history, changing nothing else in the file."""
    from pncaf.editing.record import EditError
    from pncaf.editing.record import record as record_event
    from pncaf.files.atomic import write_text_atomic
    from pncaf.files.loader import decode

    if not file.is_file():
        raise UsageError(f"{file}: no such file")
    if on is None and from_form is None:
        raise UsageError("--date is required: the day it happened or was received")
    values: dict[str, object] = {"date": parse_date_option("--date", on) if on
                                 else date.today(), "event": event}
    optional: dict[str, object | None] = {
        "period": period, "by": by,
        "sent": parse_date_option("--sent", sent) if sent else None,
        "outcome": outcome, "attendees": attendee or None, "kind": kind, "reason": reason,
        "until": parse_date_option("--until", until) if until else None, "note": note,
        "indicators": parse_indicators(indicator) if indicator else None,
    }
    values.update({k: v for k, v in optional.items() if v is not None})
    notes: list[str] = []
    if from_form is not None or correction:
        values.update(report_options(file, event, from_form, correction, period, indicator,
                                     notes))
    raw = file.read_bytes()
    text, problem = decode(raw)
    if problem is not None:
        (line, column), message = problem
        raise UserError(f"{file}:{line}:{column}: {message}")
    assert text is not None
    try:
        edit = record_event(text, values, str(file))
    except EditError as exc:
        raise UserError(f"nothing recorded: {exc}") from None
    if dry_run:
        sys.stdout.write(edit.diff(str(file)))
        return
    write_text_atomic(file, edit.after)
    typer.echo(f"recorded {event} of {values['date']} in {file}", err=True)
    for note_line in notes:
        typer.echo(note_line, err=True)



def report_options(file: Path, event: str, form: Path | None, correction: bool,
                   period: str | None, indicator: list[str] | None, notes: list[str],
                   ) -> dict[str, Any]:
    """The values `--from FORM` and `--correction` add to a report event; what the officer
    should know once it is recorded is added to `notes`."""
    from pncaf.editing.annex2 import FormRefused, read_form, report_event
    from pncaf.files.loader import load_file

    if event != "report":
        option = "--from" if form is not None else "--correction"
        raise UsageError(f"{option} is for a report event")
    values: dict[str, Any] = {"correction": True} if correction else {}
    if form is None:
        return values
    if indicator:
        raise UsageError("--from gives the indicators: leave out --indicator")
    if not form.is_file():
        raise UsageError(f"--from {form}: no such file")
    try:
        filled = read_form(form.read_bytes(), str(form))
        values.update(report_event(filled, load_file(file).id, period, str(form)))
    except FormRefused as refused:
        raise UserError("nothing recorded: " + "; ".join(refused.problems)) from None
    if filled.empty:
        notes.append(f"{form}: left blank in the form, so not recorded: "
                     f"{', '.join(filled.empty)}")
    return values
