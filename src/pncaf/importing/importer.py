"""`pncaf import`: a convention already signed → a commented convention file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pncaf.errors import UserError
from pncaf.importing.commented_yaml import warnings, yaml_text
from pncaf.importing.reading import NotAConvention, read
from pncaf.importing.source_text import read_lines


@dataclass(frozen=True)
class Imported:
    text: str                 # the convention file
    warnings: list[str]       # `source:line: warning[import-missing] …`


def import_lines(lines: list[str], source: str, schema_path: str = "",
                 file_id: str | None = None) -> Imported:
    try:
        reading = read(lines)
    except NotAConvention as exc:
        raise UserError(f"{source}: {exc}") from None
    return Imported(yaml_text(reading, source, schema_path, file_id), warnings(reading, source))


def import_file(path: Path, schema_path: str = "", file_id: str | None = None) -> Imported:
    return import_lines(read_lines(path), str(path), schema_path, file_id)
