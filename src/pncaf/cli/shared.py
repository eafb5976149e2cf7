"""What several commands share: argument types, loading, writing to a file or the terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from pncaf.checks.diagnostics import counted
from pncaf.cli.check import resolve_paths
from pncaf.errors import UsageError, UserError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pncaf.actions.common import Result
    from pncaf.actions.documents import Document, DocumentRequest
    from pncaf.format.loader import Loaded
    from pncaf.format.stream import Skipped
    from pncaf.settings import Settings

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Convention files or folders (folders are searched for *.yaml and "
                        "*.yml). Default: conventions/", show_default=False),
]
ConventionArg = Annotated[Path, typer.Argument(help="The convention file.", show_default=False)]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", metavar="YYYY-MM-DD",
                 help="Check as if today were this date. Default: today.", show_default=False),
]



R = TypeVar("R", bound="Result")


def finish(result: R, skipped_notes: bool = True) -> R:
    """What every command does with an action's result: its problems on stderr as
    `file:line:col` lines, then its refusal raised for the boundary to report."""
    from pncaf.cli.check_output import text_line

    for problem in result.problems:
        typer.echo(text_line(problem), err=True)
    if result.refused is not None:
        raise result.refused
    return result


def say_skipped(skipped: Sequence[Loaded | Skipped]) -> None:
    from pncaf.actions.common import skipped_line

    for loaded in skipped:
        typer.echo(f"pncaf: {skipped_line(loaded)}", err=True)


def load_conventions(paths: list[Path] | None) -> tuple[list[Loaded], bool]:
    """Valid conventions under `paths`; files with errors are named on stderr and skipped
    (the second value says whether any was). Holds every file: for one or a few; network
    commands stream with `Skips` instead."""
    from pncaf.checks.runner import load_valid

    valid, skipped = load_valid(resolve_paths(paths))
    skips = Skips()
    for loaded in skipped:
        skips(loaded)
    skips.done(len(valid) + len(skipped))
    return valid, bool(skipped)


class Skips:
    """Tells the user of each file skipped because of its errors, as the files stream by;
    `done` refuses a network in which no valid convention was left."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, skipped: Skipped | Loaded) -> None:
        say_skipped([skipped])
        self.count += 1

    def done(self, files: int) -> bool:
        """Whether any of the `files` read was skipped; a `UserError` when all were."""
        if self.count and self.count >= files:
            raise UserError("no valid convention left to work with")
        return bool(self.count)


def json_text(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def json_array(values: Iterable[object]) -> Iterator[bytes]:
    """`json_text(list(values)).encode()` in pieces, one element at a time: a network's
    agenda is fifty thousand items, whose text made at once took 90 MB more than the
    items. A flat mapping (texts, numbers, true/false, null) is written out field by field
    with json's own escaping; anything else goes through json.dumps."""
    first = True
    for value in values:
        yield (b"[\n" if first else b",\n") + _indented(value).encode("utf-8")
        first = False
    yield b"[]\n" if first else b"\n]\n"


def _indented(value: object) -> str:
    import json

    from pncaf.cli.check_output import flat_json

    flat = flat_json(value, "  ") if isinstance(value, dict) else None
    if flat is not None:
        return "  " + flat
    return "  " + json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")


def print_json(value: object) -> None:
    sys.stdout.write(json_text(value))


def emit(data: bytes | Iterable[bytes], output: Path | None) -> None:
    """Write to `output` atomically, or to standard output; `data`: bytes, or pieces of
    them written one after the other."""
    if output is None:
        for chunk in [data] if isinstance(data, bytes) else data:
            sys.stdout.buffer.write(chunk) if hasattr(sys.stdout, "buffer") else \
                sys.stdout.write(chunk.decode())
        sys.stdout.flush()
        return
    from pncaf.files.atomic import write_bytes_atomic

    write_bytes_atomic(output, data)
    typer.echo(f"wrote {output}", err=True)


TemplatesOpt = Annotated[
    Path | None,
    typer.Option("--templates", metavar="DIR",
                 help="Folder of your own templates, looked up before the shipped ones. "
                      "Default: ./templates when it exists.", show_default=False),
]


def templates_folder(templates: Path | None) -> Path | None:
    from pncaf.outputs.templating import user_folder

    return user_folder(templates)


def write_document(request: DocumentRequest, output: Path | None,
                   force: bool = True) -> Document:
    """Make a document through `actions.documents`, in the format of the output's
    extension (default: the action's name and format), and write it atomically; nothing is
    written when it is refused, nor over an existing file without `force`."""
    from dataclasses import replace

    from pncaf.actions.documents import make_document
    from pncaf.files.atomic import write_bytes_atomic
    from pncaf.outputs.convention import output_format as convention_format
    from pncaf.outputs.documents import output_format

    if output is not None:
        chosen = convention_format if request.kind == "convention" else output_format
        try:
            request = replace(request, format=chosen(output))
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        _refuse_existing(output, force)
    document = finish(make_document(request))
    target = output or Path(document.filename)
    _refuse_existing(target, force)
    write_bytes_atomic(target, document.data)
    typer.echo(f"wrote {target}", err=True)
    return document


def _refuse_existing(target: Path, force: bool) -> None:
    if target.exists() and not force:
        raise UsageError(f"{target} already exists (a Word file may have been edited since): "
                         "choose another name, or add --force to replace it")


def text_option(help: str) -> Any:
    return typer.Option(help=help, show_default=False)



ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", metavar="FILE",
                 help="The team's settings (officer, sender, SMTP, indicators). Default: "
                      "pncaf.toml in this folder or the nearest parent that has one.",
                 show_default=False),
]


def settings_for(config: Path | None) -> Settings:
    """The settings in force; their problems are printed as `file:line:col` lines, and any
    error stops the command (mail must not go out with half-read settings)."""
    from pncaf.cli.check_output import text_line
    from pncaf.settings import load_settings

    if config is not None and not config.is_file():
        raise UsageError(f"--config {config}: no such file")
    settings, problems = load_settings(config)
    for problem in problems:
        typer.echo(text_line(problem), err=True)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise UserError(f"{settings.path} has {counted(len(errors), 'error')}: fix "
                        f"{'it' if len(errors) == 1 else 'them'} first")
    return settings
