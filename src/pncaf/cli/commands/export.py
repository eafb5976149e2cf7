"""`pncaf export`: the open-data export of the labelled sites."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import typer

from pncaf.checks.diagnostics import counted
from pncaf.cli.check import parse_as_of, resolve_paths
from pncaf.cli.shared import (
    AsOfOpt,
    ConfigOpt,
    PathsArg,
    Skips,
    emit,
    json_text,
    load_conventions,
    settings_for,
)

ExportFormat = Literal["mediation-num", "json", "annex2"]


PANEL = "Ecosystem"
EPILOG = (
    "Examples:\n\n"
    "  pncaf export --format mediation-num -o 2026-11-27_caf77_lieux-de-mediation-numerique"
    "_77.csv\n\n"
    "  pncaf export conventions/ --format json\n\n"
    "  pncaf export --format annex2 -o indicateurs-annexe2.csv   # the semester figures\n\n"
    "One row per site whose label is in force on --as-of (drafts, ended conventions and "
    "withdrawn labels are left out), in the national « lieux de médiation numérique » "
    "schema v1.0.2. `--format annex2`: the annex 2 figures instead, one row per convention "
    "and semester (the latest report of a semester counts), for the departmental committee."
)


def command(
    paths: PathsArg = None,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="mediation-num "
                                                 "(CSV), json, or annex2 (the semester "
                                                 "figures, CSV).")
                      ] = "mediation-num",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file "
                                                "instead of the terminal.")] = None,
    as_of: AsOfOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Open-data export of the labelled sites (national médiation numérique schema)."""
    from pncaf.outputs import opendata

    day = parse_as_of(as_of)
    if format == "annex2":
        raise typer.Exit(_export_figures(paths, output, day, config))
    skips = Skips()
    files = resolve_paths(paths)
    table, valid = opendata.rows_of_files(files, day, skips)
    skipped = skips.done(len(files))
    if format == "json":
        data = json_text(opendata.to_json(table)).encode()
    else:
        data = opendata.to_csv(table).encode("utf-8")
    emit(data, output)
    typer.echo(f"{counted(len(table), 'site')} exported from "
               f"{counted(valid, 'convention')} (only labels in force are exported)",
               err=True)
    raise typer.Exit(1 if skipped else 0)



def _export_figures(paths: list[Path] | None, output: Path | None, day: date,
                    config: Path | None) -> int:
    from pncaf.outputs.figures import figures_csv, network_figures

    labels = settings_for(config).indicators
    valid, skipped = load_conventions(paths)
    figures = network_figures(((c.id, c.convention) for c in valid if c.convention), day,
                              labels)
    emit(figures_csv(figures).encode("utf-8"), output)
    typer.echo(f"{counted(len(figures.counted), 'semester report')} exported from "
               f"{counted(len(valid), 'convention')} (the latest report of a semester counts)",
               err=True)
    return 1 if skipped else 0
