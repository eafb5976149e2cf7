"""Import a convention already signed (Word, text, Markdown): first a preview (the file
pncaf would write, each value beside the line it was read from, what was not found), then,
once the officer confirms (the text possibly edited), the file written, never over another."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pncaf.actions.common import Result, attempt

if TYPE_CHECKING:
    from pncaf.checks.partners import Twin


@dataclass(frozen=True)
class ImportPreviewRequest:
    source: Path | bytes                # the signed convention: a path, or an upload's bytes
    source_name: str | None = None      # an upload's file name (its extension says the kind)
    target: Path | None = None          # the file to create; gives the id and the schema path


@dataclass(frozen=True, kw_only=True)
class ImportPreview(Result):
    text: str = ""                      # the convention file pncaf would write
    lines: list[str] = field(default_factory=list)   # the source's lines (line n: [n - 1])
    warnings: list[str] = field(default_factory=list)   # `source:line: warning[import-missing]`
    report: list[str] = field(default_factory=list)     # every value beside its source line
    missing: int = 0                    # values not found at all, left null
    duplicates: list[Twin] = field(default_factory=list)   # other files with this partner


def preview_import(request: ImportPreviewRequest) -> ImportPreview:
    def run() -> ImportPreview:
        from pncaf.checks.partners import twins_of_text
        from pncaf.editing.creation import schema_path
        from pncaf.importing.importer import import_lines
        from pncaf.importing.report import report
        from pncaf.importing.source_text import read_source, source_of

        target = request.target
        if target is not None:
            _refuse_target(target)
        if isinstance(request.source, Path):
            source, name = read_source(request.source), str(request.source)
        else:
            name = request.source_name or "convention.docx"
            source = source_of(request.source, name)
        imported = (import_lines(source.lines, name, words=source.words) if target is None
                    else import_lines(source.lines, name, schema_path(target), target.stem,
                                      source.words))
        twins = twins_of_text(target, imported.text) if target is not None else []
        return ImportPreview(text=imported.text, lines=source.lines,
                             warnings=[*imported.warnings,
                                       *(t.warning(str(target)) for t in twins)],
                             report=report(imported.reading, name),
                             missing=sum(not m.partly for m in imported.reading.missing),
                             duplicates=twins)

    return attempt(run, lambda exc: ImportPreview(refused=exc))


@dataclass(frozen=True)
class ImportConfirmRequest:
    target: Path
    text: str                           # the previewed text, as the officer left it


@dataclass(frozen=True, kw_only=True)
class ImportConfirmed(Result):
    target: Path | None = None
    written: bool = False
    duplicates: list[Twin] = field(default_factory=list)   # other files with this partner


def confirm_import(request: ImportConfirmRequest) -> ImportConfirmed:
    """Write the confirmed text; a value left null is the officer's to fill in later (it is
    what `check` will report), so only what is not YAML at all is refused."""
    def run() -> ImportConfirmed:
        from pncaf.checks.partners import twins_of_text
        from pncaf.errors import InvalidRequest
        from pncaf.files.atomic import create_text_atomic
        from pncaf.files.yaml_positions import parse_yaml

        _refuse_target(request.target)
        parsed, problems = parse_yaml(request.text)
        if parsed is None or problems:
            first = problems[0] if problems else None
            where = f" (line {first.line}: {first.message})" if first else ""
            raise InvalidRequest(f"the text is not a convention file any more{where}: "
                                 "nothing written", field="text")
        try:
            create_text_atomic(request.target, request.text)
        except FileExistsError:
            _refuse_target(request.target)
            raise
        return ImportConfirmed(target=request.target, written=True,
                               duplicates=twins_of_text(request.target, request.text))

    return attempt(run, lambda exc: ImportConfirmed(refused=exc, target=request.target))


def _refuse_target(target: Path) -> None:
    from pncaf.errors import InvalidRequest

    if target.suffix.lower() not in (".yaml", ".yml"):
        raise InvalidRequest(f"-o {target}: a convention file ends in .yaml (pncaf looks for "
                             "*.yaml and *.yml files in conventions/)", field="target")
    if target.exists():
        raise InvalidRequest(f"{target} already exists: pncaf import never overwrites a file; "
                             "choose another name", field="target")
