"""`pncaf convention`: the convention for signature, written from the file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pncaf.cli.check import parse_date_option
from pncaf.cli.shared import ConfigOpt, ConventionArg, TemplatesOpt

if TYPE_CHECKING:
    from pncaf.format.loader import Loaded

PANEL = "Documents"
EPILOG = (
    "Examples:\n\n"
    "  pncaf convention conventions/77-villeparisis.yaml -o convention.docx\n\n"
    "  pncaf convention conventions/77-valbrune.yaml -o convention.pdf\n\n"
    "  pncaf convention conventions/77-x.yaml -o convention.docx --date 2027-03-01\n\n"
    "  pncaf convention conventions/77-x.yaml -o convention.docx --templates modeles/\n\n"
    "The format follows the extension of -o: .docx, .pdf, .html or .md. Drafts included. "
    "A Word model of your own, tagged, goes in templates/convention.docx (see "
    "docs/documents.md). An existing file is kept unless --force."
)


def command(
    file: ConventionArg,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write "
                                                "(.docx, .pdf, .html, .md). Default: "
                                                "<id>-convention.docx", show_default=False)
                      ] = None,
    on: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD",
                                           help="Date of « Fait à …, le … ». Default: the "
                                                "later signature date, else a blank to fill "
                                                "by hand.", show_default=False)] = None,
    templates: TemplatesOpt = None,
    config: ConfigOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the output file if it "
                                        "exists.")] = False,
) -> None:
    """The whole convention for signature: parties, articles 1–11, signatures, annexes."""
    from pncaf.cli.shared import load_one, settings_for, templates_folder
    from pncaf.errors import UsageError
    from pncaf.files.atomic import write_bytes_atomic
    from pncaf.outputs.convention import convention_document, output_format

    day = parse_date_option("--date", on) if on else None
    loaded = load_one(file)
    target = output or Path(f"{loaded.id}-convention.docx")
    try:
        fmt = output_format(target)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if target.exists() and not force:
        raise UsageError(f"{target} already exists (a Word file may have been edited since): "
                         "choose another name, or add --force to replace it")
    folder = templates_folder(templates)
    indicators = list(settings_for(config).indicators.values())
    assert loaded.convention is not None
    data = convention_document(loaded.convention, loaded.id, fmt, indicators, day, folder)
    write_bytes_atomic(target, data)
    typer.echo(f"wrote {target}", err=True)
    _say_what_check_refuses(loaded)


def _say_what_check_refuses(loaded: Loaded) -> None:
    """The document states the file as it is; what `check` refuses (an opening below the
    Art. 4 minimum, …) is named, so that it is fixed before anyone signs."""
    from datetime import date

    from pncaf.checks.runner import check_loaded
    from pncaf.cli.check_output import text_line

    errors = [d for d in check_loaded(loaded, date.today()).diagnostics if d.is_error]
    for error in errors:
        typer.echo(text_line(error), err=True)
    if errors:
        typer.echo(f"pncaf: {loaded.file} does not pass `pncaf check` yet: the convention "
                   "written states it as it is; correct the file before it is signed",
                   err=True)
