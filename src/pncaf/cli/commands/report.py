"""`pncaf report`: the network dashboard as a static site."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pncaf.checks.diagnostics import counted
from pncaf.cli.check import parse_as_of
from pncaf.cli.shared import AsOfOpt, ConfigOpt, PathsArg, TemplatesOpt, finish

PANEL = "Documents"
EPILOG = (
    "Examples:\n\n"
    "  pncaf report -o rapport/            # then open rapport/index.html\n\n"
    "  pncaf report conventions/ -o /tmp/copil --as-of 2027-01-15\n\n"
    "A static site that works offline and prints: an overview of every convention, a page "
    "per convention (opening hours, timeline, checks, certificate) and the network's "
    "figures semester by semester: the annex 2 indicators by the labels of \\[indicators] in "
    "pncaf.toml, the latest report of a semester counting, also written as "
    "indicateurs-annexe2.csv for the departmental committee."
)


def command(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the site "
                                         "(created if needed).", show_default=False)],
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    templates: TemplatesOpt = None,
    config: ConfigOpt = None,
) -> None:
    """A static HTML dashboard of the network for the steering committee."""
    from pncaf.actions.report import ReportRequest, build_report

    request = ReportRequest(output, tuple(paths or ()), parse_as_of(as_of), templates, config)
    result = finish(build_report(request))
    typer.echo(f"wrote the report of {counted(result.conventions, 'convention')}: open "
               f"{output / 'index.html'}", err=True)
