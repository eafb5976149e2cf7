"""`pncaf agenda`: what falls due soon, as a table, JSON or a calendar."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from pncaf.cli.check import parse_as_of, resolve_paths
from pncaf.cli.shared import (
    AsOfOpt,
    PathsArg,
    Skips,
    emit,
    json_array,
)
from pncaf.errors import UsageError

AgendaFormat = Literal["table", "json", "ics"]


PANEL = "Dates"
EPILOG = (
    "Examples:\n\n"
    "  pncaf agenda                          # next 90 days and everything overdue\n\n"
    "  pncaf agenda --days 30 --format json\n\n"
    "  pncaf agenda --format ics -o echeances.ics --alarm 7   # import in your calendar\n\n"
    "Kinds: notice_deadline, renewal, end, report_due, committee_due, visit_due, "
    "training_due. Re-importing the .ics updates events instead of duplicating them, and "
    "removes those done or no longer due (exported as cancelled, same UID)."
)


def command(
    paths: PathsArg = None,
    days: Annotated[int, typer.Option("--days", "-d", min=0, max=3660,
                                      help="How many days ahead to look.")] = 90,
    format: Annotated[AgendaFormat, typer.Option("--format", "-f",
                                                 help="table, json or ics (iCalendar).")
                      ] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write to this file instead of the "
                                                "terminal.")] = None,
    alarm: Annotated[int | None, typer.Option("--alarm", min=0, max=365,
                                              help="With ics: a reminder this many days "
                                              "before each event.")] = None,
    as_of: AsOfOpt = None,
) -> None:
    """What falls due in the next N days, and what is overdue."""
    from pncaf.dates.agenda import agenda_of_files

    day = parse_as_of(as_of)
    skips = Skips()
    files = resolve_paths(paths)
    items, done = agenda_of_files(files, day, days, skips, with_settled=format == "ics")
    skipped = skips.done(len(files))
    if format == "ics":
        from pncaf.outputs.ics import agenda_ics

        emit(agenda_ics(items, day, alarm, done), output)
    elif format == "json":
        emit(json_array(item.to_json() for item in items), output)
    elif output is not None:
        raise UsageError("-o writes json or ics: add --format json or --format ics")
    else:
        from pncaf.cli.tables import print_agenda

        print_agenda(items, sys.stdout, days)
    raise typer.Exit(1 if skipped else 0)

