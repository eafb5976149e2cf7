"""`pncaf import`: a convention already signed → a commented convention file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pncaf.errors import UserError
from pncaf.importing.commented_yaml import warnings, yaml_text
from pncaf.importing.confidence import rate
from pncaf.importing.reading import NotAConvention, Reading, read
from pncaf.importing.source_text import read_source


@dataclass(frozen=True)
class Imported:
    text: str                 # the convention file
    warnings: list[str]       # `source:line: warning[import-missing] …` (and import-review)
    reading: Reading          # what was read, each value with its lines (for --report)


def import_lines(lines: list[str], source: str, schema_path: str = "",
                 file_id: str | None = None,
                 words: list[list[tuple[str, float]]] | None = None) -> Imported:
    """`words`: for a scan, the OCR confidence of the words of each line (`Source.words`),
    so that each value says how sure OCR was and the doubtful ones are flagged."""
    try:
        reading = read(lines)
    except NotAConvention as exc:
        raise UserError(f"{source}: {exc}") from None
    rate(reading, words or [])
    return Imported(yaml_text(reading, source, schema_path, file_id), warnings(reading, source),
                    reading)


def import_file(path: Path, schema_path: str = "", file_id: str | None = None) -> Imported:
    source = read_source(path)
    return import_lines(source.lines, str(path), schema_path, file_id, source.words)
