"""`pncaf import`: bring a convention already signed (Word, PDF, scan, text) into a file."""

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
    for warning in [*imported.warnings, *_duplicates(output, imported.text)]:
        typer.echo(warning, err=True)
    if report:
        from pncaf.importing.report import report as report_lines

        typer.echo("\n".join(report_lines(imported.reading, str(file))))
    if output is None:
        typer.echo("" if report else imported.text, nl=False)
        return
    try:
        create_text_atomic(output, imported.text)
    except FileExistsError:
        raise UsageError(f"{output} already exists: pncaf import never overwrites a file; "
                         "choose another name") from None
    missing = sum("warning[import-missing]" in w for w in imported.warnings)
    typer.echo(f"wrote {output}" + (f" ({missing} value{'s' if missing > 1 else ''} to fill "
                                     "in, left null)" if missing else ""), err=True)


def _duplicates(output: Path | None, text: str) -> list[str]:
    """The other files of the output's folder that hold the same partner."""
    from pncaf.checks.partners import twins_of_text

    return [] if output is None else [t.warning(str(output))
                                      for t in twins_of_text(output, text)]
