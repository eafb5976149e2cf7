"""`pncaf sheet`: the level-2 contact sheet (annex 3)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pncaf.cli.shared import (
    ConventionArg,
    TemplatesOpt,
    write_document,
)

PANEL = "Documents"
EPILOG = (
    "Examples:\n\n"
    "  pncaf sheet conventions/77-valbrune.yaml -o fiche-niveau2.pdf\n\n"
    "  pncaf sheet conventions/77-valbrune.yaml -o fiche.md"
)


def command(
    file: ConventionArg,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write "
                                                "(.pdf, .html, .md). Default: "
                                                "<id>-fiche-niveau2.pdf")] = None,
    templates: TemplatesOpt = None,
) -> None:
    """The level-2 contact sheet (annex 3), prefilled with the partner and the Caf."""
    from pncaf.actions.documents import DocumentRequest

    write_document(DocumentRequest(file, "sheet", templates=templates), output)
