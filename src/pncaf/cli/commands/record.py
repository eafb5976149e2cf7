"""`pncaf record`: append one event to a convention's history."""

from __future__ import annotations

import sys
from typing import Annotated

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
    on: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD",
                                    help="The day it happened or was received.",
                                    show_default=False)],
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
    values: dict[str, object] = {"date": parse_date_option("--date", on),
                                 "event": event}
    optional: dict[str, object | None] = {
        "period": period, "by": by,
        "sent": parse_date_option("--sent", sent) if sent else None,
        "outcome": outcome, "attendees": attendee or None, "kind": kind, "reason": reason,
        "until": parse_date_option("--until", until) if until else None, "note": note,
        "indicators": parse_indicators(indicator) if indicator else None,
    }
    values.update({k: v for k, v in optional.items() if v is not None})
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
    typer.echo(f"recorded {event} of {on} in {file}", err=True)

