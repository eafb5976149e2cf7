"""`pncaf import`: bring a convention already signed (Word, text, Markdown) into a file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pncaf.errors import UsageError

PANEL = "Edit"
EPILOG = (
    "Examples:\n\n"
    "  pncaf import convention-villeparisis.docx -o conventions/77-villeparisis.yaml\n\n"
    "  pncaf import convention.md                     # prints the file on the terminal\n\n"
    "  pncaf import scan-ocr.txt -o conventions/77-x.yaml && pncaf check conventions/77-x.yaml"
    "\n\nReads .docx, .txt and .md. Each value carries a comment naming the line it was read "
    "on; what was not found is left null and listed as import-missing. Never overwrites a "
    "file. Exit 1 when the text is not a « Point numérique Caf » convention."
)


def command(
    file: Annotated[Path, typer.Argument(help="The signed convention (.docx, .txt, .md).",
                                         show_default=False)],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="The convention file "
                                                "to create (never overwritten). Default: "
                                                "print it.", show_default=False)] = None,
) -> None:
    """Read a convention already signed and write it as a convention file."""
    from pncaf.editing.creation import schema_path
    from pncaf.files.atomic import create_text_atomic
    from pncaf.importing.importer import import_file

    if output is not None and output.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"-o {output}: a convention file ends in .yaml (pncaf looks for "
                         "*.yaml and *.yml files in conventions/)")
    if output is not None and output.exists():
        raise UsageError(f"{output} already exists: pncaf import never overwrites a file; "
                         "choose another name")
    imported = (import_file(file) if output is None      # the id: the file's name, as `new`
                else import_file(file, schema_path(output), output.stem))
    for warning in imported.warnings:
        typer.echo(warning, err=True)
    if output is None:
        typer.echo(imported.text, nl=False)
        return
    try:
        create_text_atomic(output, imported.text)
    except FileExistsError:
        raise UsageError(f"{output} already exists: pncaf import never overwrites a file; "
                         "choose another name") from None
    missing = len(imported.warnings)
    typer.echo(f"wrote {output}" + (f" ({missing} value{'s' if missing > 1 else ''} to fill "
                                     "in, left null)" if missing else ""), err=True)
