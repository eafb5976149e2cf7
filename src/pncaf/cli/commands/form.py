"""`pncaf form`: the annex 2 form of one semester, prefilled, for the partner to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pncaf.cli.shared import ConfigOpt, ConventionArg, finish
from pncaf.errors import UsageError, UserError

PANEL = "Documents"
EPILOG = (
    "Examples:\n\n"
    "  pncaf form conventions/77-valbrune.yaml --period 2027-S1 -o annexe2-2027-S1.xlsx\n\n"
    "  pncaf form conventions/77-valbrune.yaml --period 2026-S2   # annexe2-77-valbrune-2026-S2"
    ".xlsx\n\n"
    "  pncaf form conventions/77-valbrune.yaml --period 2026-S2 --config ../reseau/pncaf.toml"
    "\n\n"
    "Send the file to the partner; when it comes back filled in, record it with "
    "`pncaf record FILE report --from annexe2.xlsx`. One row per indicator of \\[indicators] "
    "in pncaf.toml (or pncaf's default list); only the count cells can be typed in, and only "
    "whole numbers ≥ 0. A semester the convention does not owe is refused (exit 1)."
)


PeriodOpt = Annotated[str, typer.Option(
    "--period", metavar="YYYY-SN", help="The semester: YYYY-S1 (January–July) or YYYY-S2 "
    "(August–December).", show_default=False)]
OutputOpt = Annotated[Path | None, typer.Option(
    "--output", "-o", metavar="FILE.xlsx", help="Where to write the form (.xlsx); an "
    "existing file is not replaced. Default: annexe2-ID-PERIOD.xlsx here.",
    show_default=False)]


def command(file: ConventionArg, period: PeriodOpt, output: OutputOpt = None,
            config: ConfigOpt = None) -> None:
    """The annex 2 form (.xlsx) of one semester, prefilled, for the partner to fill in."""
    from pncaf.actions.documents import DocumentRequest, make_document
    from pncaf.files.atomic import create_bytes_atomic

    if output is not None and output.suffix.lower() != ".xlsx":
        raise UsageError(f"-o {output}: the form is a spreadsheet, name it …xlsx")
    form = finish(make_document(DocumentRequest(file, "form", period=period, config=config)))
    target = output or Path(form.filename)
    try:
        create_bytes_atomic(target, form.data)
    except FileExistsError:
        raise UserError(f"{target} already exists: choose another name or delete it first "
                        "(a form may have been filled in already)") from None
    for note in form.notes:
        typer.echo(f"wrote {target}: {note}", err=True)
