"""`pncaf import`: bring a convention already signed (Word, PDF, scan, text) into a file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pncaf.cli.shared import finish

PANEL = "Edit"
EPILOG = (
    "Examples:\n\n"
    "  pncaf import convention-villeparisis.docx -o conventions/77-villeparisis.yaml\n\n"
    "  pncaf import convention.md                     # prints the file on the terminal\n\n"
    "  pncaf import convention-signee.pdf -o conventions/77-x.yaml --report\n\n"
    "  pncaf import scan.pdf -o conventions/77-x.yaml && pncaf check conventions/77-x.yaml"
    "\n\nReads .docx, .pdf (its text, or OCR in French when it is scanned), scanned pages "
    "(.png, .jpg, .tif), .txt and .md. Each value carries a comment naming the line it was "
    "read on (and, from a scan, how sure OCR was); what was not found is left null and "
    "listed as import-missing, what OCR was unsure of as import-review. --report lists every "
    "value beside its source line. Never overwrites a file. Exit 1 when the text is not a "
    "« Point numérique Caf » convention."
)


def command(
    file: Annotated[Path, typer.Argument(help="The signed convention (.docx, .pdf, scan, "
                                         ".txt, .md).", show_default=False)],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="The convention file "
                                                "to create (never overwritten). Default: "
                                                "print it.", show_default=False)] = None,
    report: Annotated[bool, typer.Option("--report", help="Print every value beside the "
                                         "source line it was read from (instead of the file, "
                                         "which -o still writes).")] = False,
) -> None:
    """Read a convention already signed and write it as a convention file."""
    from pncaf.actions.importing import (
        ImportConfirmRequest,
        ImportPreviewRequest,
        confirm_import,
        preview_import,
    )

    imported = finish(preview_import(ImportPreviewRequest(file, target=output)))
    for warning in imported.warnings:
        typer.echo(warning, err=True)
    if report:
        typer.echo("\n".join(imported.report))
    if output is None:
        typer.echo("" if report else imported.text, nl=False)
        return
    finish(confirm_import(ImportConfirmRequest(output, imported.text)))
    partly = len(imported.warnings) - imported.missing - len(imported.duplicates)
    said = [f"{imported.missing} value{'s' if imported.missing > 1 else ''} to fill in, left "
            "null"] if imported.missing else []
    said += [f"{partly} to check (read in part, or by OCR with doubt)"] if partly else []
    typer.echo(f"wrote {output}" + (f" ({'; '.join(said)}: see the warnings above)"
                                     if said else ""), err=True)
