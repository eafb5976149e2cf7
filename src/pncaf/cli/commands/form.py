"""`pncaf form`: the annex 2 form of one semester, prefilled, for the partner to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pncaf.cli.shared import ConfigOpt, ConventionArg, load_one, settings_for
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


def command(
    file: ConventionArg,
    period: Annotated[str, typer.Option("--period", metavar="YYYY-SN",
                                        help="The semester: YYYY-S1 (January–July) or "
                                             "YYYY-S2 (August–December).",
                                        show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE.xlsx", help="Where to write the form (.xlsx); an "
        "existing file is not replaced. Default: annexe2-ID-PERIOD.xlsx here.",
        show_default=False)] = None,
    config: ConfigOpt = None,
) -> None:
    """The annex 2 form (.xlsx) of one semester, prefilled, for the partner to fill in."""
    from pncaf.files.atomic import create_bytes_atomic
    from pncaf.outputs.annex2 import NotOwed, annex2_workbook, parse_period

    if output is not None and output.suffix.lower() != ".xlsx":
        raise UsageError(f"-o {output}: the form is a spreadsheet, name it …xlsx")
    try:
        semester = parse_period(period)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    settings = settings_for(config)
    loaded = load_one(file)
    assert loaded.convention is not None
    if output is None:
        from pncaf.outputs.documents import safe_name

        output = Path(f"annexe2-{safe_name(loaded.id)}-{semester.label}.xlsx")
    exists = UserError(f"{output} already exists: choose another name or delete it first "
                       "(a form may have been filled in already)")
    if output.exists():
        raise exists
    officer = settings.officer.email if settings.officer else None
    try:
        data = annex2_workbook(loaded.convention, loaded.id, semester, settings.indicators,
                               return_to=officer)
    except NotOwed as exc:
        raise UserError(str(exc)) from None
    try:
        create_bytes_atomic(output, data)
    except FileExistsError:
        raise exists from None
    typer.echo(f"wrote {output}: the annex 2 form of {loaded.id} for {semester.label}, "
               f"{len(settings.indicators)} indicators to fill in", err=True)
