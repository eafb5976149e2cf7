"""`pncaf diff`: what a change to conventions means, file by file, in French."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from pncaf.cli.shared import AsOfOpt

PANEL = "Check"
DiffFormat = Literal["text", "json", "github", "markdown"]
EPILOG = (
    "Examples:\n\n"
    "  pncaf diff                              # working tree against HEAD, conventions/\n\n"
    "  pncaf diff main                         # working tree against the branch main\n\n"
    "  pncaf diff HEAD~3 HEAD -- conventions/77-valbrune.yaml\n\n"
    "  pncaf diff ancienne.yaml nouvelle.yaml  # two files\n\n"
    "  pncaf diff origin/main HEAD --format markdown > resume.md   # a pull request's "
    "summary\n\n"
    "As git's diff driver (then `git diff` and `git log -p --ext-diff` show the meaning):\n\n"
    "  echo 'conventions/*.yaml diff=pncaf' >> .gitattributes\n\n"
    "  git config diff.pncaf.command 'pncaf diff --driver'\n\n"
    "Leading arguments that name a commit are revisions (two at most), the rest are paths. "
    "Exit status: 0, or 1 when a change breaks an engagement or rewrites the history "
    "(severity error); 2 usage error. With --driver, always 0 (git stops otherwise)."
)


def command(
    args: Annotated[list[str] | None, typer.Argument(
        metavar="[REV [REV2]] [PATHS]",
        help="Revisions then paths (default: HEAD against the working tree, conventions/), "
             "or two files.", show_default=False)] = None,
    format: Annotated[DiffFormat, typer.Option(
        "--format", "-f", help="text, json, github annotations, or markdown (a pull "
        "request's summary).")] = "text",
    as_of: AsOfOpt = None,
    driver: Annotated[bool, typer.Option(
        "--driver", help="Run as git's diff driver (git gives the 7 arguments).")] = False,
) -> None:
    """Say what a change to conventions means: hours, sites, signatures, term, events."""
    from pncaf.cli.diff_output import run_diff

    raise typer.Exit(run_diff(args or [], format, as_of, driver))
