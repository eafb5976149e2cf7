"""`pncaf certificate`: the label certificate (annex 1)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pncaf.cli.check import parse_as_of
from pncaf.cli.shared import (
    ConventionArg,
    TemplatesOpt,
    write_document,
)

PANEL = "Documents"
EPILOG = (
    "Examples:\n\n"
    "  pncaf certificate conventions/77-valbrune.yaml                # PDF, dated E\n\n"
    "  pncaf certificate conventions/77-valbrune.yaml -o hall.html\n\n"
    "  pncaf certificate conventions/77-valbrune.yaml --date 2026-03-14 -o cert.pdf\n\n"
    "The format follows the extension of -o: .pdf, .html or .md. Refused (and nothing "
    "written) for a draft, a withdrawn label, a convention not yet in force or ended, "
    "or a --date after today."
)


def command(
    file: ConventionArg,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write "
                                                "(.pdf, .html, .md). Default: "
                                                "<id>-certificat.pdf")] = None,
    on: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD",
                                           help="Date printed on the certificate. Default: "
                                                "the effective date.", show_default=False)
                  ] = None,
    templates: TemplatesOpt = None,
) -> None:
    """The label certificate (annex 1) to display in the partner's hall."""
    from pncaf.actions.documents import DocumentRequest

    day = parse_as_of(on) if on else None
    write_document(DocumentRequest(file, "certificate", on=day, templates=templates), output)
