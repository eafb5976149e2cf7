"""`pncaf convention`: the convention for signature, written from the file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pncaf.cli.check import parse_date_option
from pncaf.cli.shared import ConfigOpt, ConventionArg, TemplatesOpt

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
    from pncaf.actions.documents import DocumentRequest
    from pncaf.cli.check_output import text_line
    from pncaf.cli.shared import write_document

    day = parse_date_option("--date", on) if on else None
    document = write_document(DocumentRequest(file, "convention", on=day, templates=templates,
                                              config=config), output, force)
    for error in document.findings:   # the document states the file as it is
        typer.echo(text_line(error), err=True)
    if document.findings:
        typer.echo(f"pncaf: {document.findings[0].file} does not pass `pncaf check` yet: the "
                   "convention written states it as it is; correct the file before it is "
                   "signed", err=True)
