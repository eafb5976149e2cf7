"""`pncaf dates`: status, period, notice deadline and end of each convention."""

from __future__ import annotations

import sys
from typing import Annotated, Literal

import typer

from pncaf.cli.check import parse_as_of, resolve_paths
from pncaf.cli.shared import (
    AsOfOpt,
    PathsArg,
    Skips,
    print_json,
)

DatesFormat = Literal["table", "json"]


PANEL = "Dates"
EPILOG = (
    "Examples:\n\n"
    "  pncaf dates\n\n"
    "  pncaf dates conventions/77-villeparisis.yaml --as-of 2027-01-01\n\n"
    "  pncaf dates --format json > dates.json\n\n"
    "Statuses: draft (not signed), upcoming (starts later), active, terminating (an end "
    "date is known), ended. Exit status 1 when a file was skipped because of errors."
)


def command(
    paths: PathsArg = None,
    format: Annotated[DatesFormat, typer.Option("--format", "-f", help="table or json.")
                      ] = "table",
    as_of: AsOfOpt = None,
) -> None:
    """Effective date, current period, notice deadline, status and end of each convention."""
    from pncaf.dates.summary import network_dates

    day = parse_as_of(as_of)
    skips = Skips()
    files = resolve_paths(paths)
    rows = network_dates(files, day, skips)
    skipped = skips.done(len(files))
    if format == "json":
        print_json([row.to_json() for row in rows])
    else:
        from pncaf.cli.tables import print_dates

        print_dates(rows, sys.stdout)
    raise typer.Exit(1 if skipped else 0)


