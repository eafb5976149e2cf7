"""`pncaf check`: validate conventions and check their engagements."""

from __future__ import annotations

from typing import Annotated

import typer

from pncaf.cli.check import CheckFormat
from pncaf.cli.shared import (
    AsOfOpt,
    ConfigOpt,
    PathsArg,
)

PANEL = "Check"
EPILOG = (
    "Examples:\n\n"
    "  pncaf check                          # all of conventions/\n\n"
    "  pncaf check conventions/77-villeparisis.yaml\n\n"
    "  pncaf check --strict --format github  # in CI: warnings fail too\n\n"
    "  pncaf check --as-of 2027-01-15 --format json\n\n"
    "  pncaf check --config ../reseau/pncaf.toml   # the team's list of indicators\n\n"
    "  pncaf check --base main   # also: no event of main's version removed or changed\n\n"
    "Exit status: 0 no error, 1 at least one error (or a warning with --strict), "
    "2 usage error."
)


def command(
    paths: PathsArg = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f",
                                                help="text, json or github annotations.")
                      ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the check too.")
                      ] = False,
    as_of: AsOfOpt = None,
    config: ConfigOpt = None,
    base: Annotated[str | None, typer.Option(
        "--base", metavar="REV", help="A git revision (HEAD, main, a commit): events of that "
        "version removed or changed are errors (history-rewritten).", show_default=False)
                    ] = None,
) -> None:
    """Validate conventions and check the engagements they impose."""
    from pncaf.cli.check import run_check

    raise typer.Exit(run_check(paths, format, strict, as_of, config=config, base=base))

