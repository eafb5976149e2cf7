"""`pncaf export`: the open-data export of the labelled sites."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from pncaf.checks.diagnostics import counted
from pncaf.cli.check import parse_as_of
from pncaf.cli.shared import (
    AsOfOpt,
    PathsArg,
    emit,
    json_text,
    load_conventions,
)

ExportFormat = Literal["mediation-num", "json"]


PANEL = "Ecosystem"
EPILOG = (
    "Examples:\n\n"
    "  pncaf export --format mediation-num -o 2026-11-27_caf77_lieux-de-mediation-numerique"
    "_77.csv\n\n"
    "  pncaf export conventions/ --format json\n\n"
    "One row per site whose label is in force on --as-of (drafts, ended conventions and "
    "withdrawn labels are left out), in the national « lieux de médiation numérique » "
    "schema v1.0.2."
)


def command(
    paths: PathsArg = None,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="mediation-num "
                                                 "(CSV) or json.")
                      ] = "mediation-num",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file "
                                                "instead of the terminal.")] = None,
    as_of: AsOfOpt = None,
) -> None:
    """Open-data export of the labelled sites (national médiation numérique schema)."""
    from pncaf.outputs import opendata

    day = parse_as_of(as_of)
    valid, skipped = load_conventions(paths)
    table = opendata.rows(((c.id, c.convention) for c in valid if c.convention), day)
    if format == "json":
        data = json_text(opendata.to_json(table)).encode()
    else:
        data = opendata.to_csv(table).encode("utf-8")
    emit(data, output)
    typer.echo(f"{counted(len(table), 'site')} exported from "
               f"{counted(len(valid), 'convention')} (only labels in force are exported)",
               err=True)
    raise typer.Exit(1 if skipped else 0)

