"""`pncaf schema`: the JSON Schema of the format, for editors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pncaf.cli.shared import (
    emit,
)

PANEL = "Ecosystem"
EPILOG = (
    "Examples:\n\n"
    "  pncaf schema > pncaf.schema.json\n\n"
    "  pncaf schema -o .vscode/pncaf.schema.json\n\n"
    "Then put `# yaml-language-server: $schema=../pncaf.schema.json` at the top of a "
    "convention for completion and checks while you type."
)


def command(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file "
                                                "instead of the terminal.")] = None,
) -> None:
    """Print the JSON Schema of the convention format, for editors."""
    from pncaf.format.editor_schema import schema_text

    emit(schema_text().encode(), output)

