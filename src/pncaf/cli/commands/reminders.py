"""`pncaf reminders`: one French e-mail per agenda item."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pncaf.checks.diagnostics import counted
from pncaf.cli.check import parse_as_of
from pncaf.cli.shared import (
    AsOfOpt,
    PathsArg,
    TemplatesOpt,
    load_conventions,
    templates_folder,
)

PANEL = "Documents"
EPILOG = (
    "Examples:\n\n"
    "  pncaf reminders -o relances/                 # next 90 days and overdue items\n\n"
    "  pncaf reminders conventions/77-valbrune.yaml --days 30 -o relances/\n\n"
    "One .eml file per agenda item, addressed to the partner's email (else the Caf's "
    "level-2 address). Running it again rewrites the same files: no duplicates."
)


def command(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the .eml files "
                                         "(created if needed).", show_default=False)],
    paths: PathsArg = None,
    days: Annotated[int, typer.Option("--days", "-d", min=0, max=3660,
                                      help="How many days ahead to look.")] = 90,
    as_of: AsOfOpt = None,
    templates: TemplatesOpt = None,
) -> None:
    """One French e-mail (.eml) per agenda item: reports, notice, committee, visit…"""
    from pncaf.dates.agenda import agenda as agenda_of
    from pncaf.files.atomic import write_bytes_atomic
    from pncaf.outputs.documents import reminder
    from pncaf.outputs.names import refuse_collisions

    day = parse_as_of(as_of)
    folder = templates_folder(templates)
    valid, skipped = load_conventions(paths)
    messages = []
    for loaded in valid:
        assert loaded.convention is not None
        for item in agenda_of(loaded.convention, loaded.id, loaded.file, day, days):
            message = reminder(item, loaded.convention, day, folder)
            messages.append((message, f"{loaded.file} (id {loaded.id}, {item.key})"))
    refuse_collisions((message.filename, owner) for message, owner in messages)
    written = 0
    for message, _ in messages:
        write_bytes_atomic(output / message.filename, message.data)
        written += 1
    typer.echo(f"wrote {counted(written, 'message')} to {output}/", err=True)
    raise typer.Exit(1 if skipped else 0)

