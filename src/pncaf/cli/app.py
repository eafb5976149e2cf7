"""The `pncaf` command line: the typer application and its commands.

Each command is a module of `pncaf.cli.commands` that declares its options and examples and
hands them to the library; errors become messages in one place, `pncaf.cli.boundary`.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from pncaf import __version__
from pncaf.errors import UsageError, UserError

app = typer.Typer(
    name="pncaf",
    help=(
        "Check and run « Point numérique Caf » conventions kept as YAML files.\n\n"
        "Examples, one per command (files and folders default to conventions/):\n\n"
        "  pncaf check --strict\n\n"
        "  pncaf dates --as-of 2027-01-01\n\n"
        "  pncaf agenda --days 30 --format ics -o echeances.ics\n\n"
        "  pncaf certificate conventions/77-valbrune.yaml -o certificat.pdf\n\n"
        "  pncaf sheet conventions/77-valbrune.yaml -o fiche-niveau2.pdf\n\n"
        "  pncaf reminders -o relances/\n\n"
        "  pncaf report -o rapport/\n\n"
        "  pncaf record conventions/77-valbrune.yaml committee --date 2027-02-02\n\n"
        "  pncaf form conventions/77-valbrune.yaml --period 2027-S1 -o annexe2.xlsx\n\n"
        "  pncaf new conventions/77-nouvelle.yaml\n\n"
        "  pncaf convention conventions/77-valbrune.yaml -o convention.docx\n\n"
        "  pncaf import convention-signee.docx -o conventions/77-x.yaml\n\n"
        "  pncaf export --format mediation-num -o lieux.csv\n\n"
        "  pncaf schema -o schema/pncaf.schema.json\n\n"
        "  pncaf diff origin/main HEAD --format markdown\n\n"
        "  pncaf serve   # the same work in a browser, for officers\n\n"
        "pncaf COMMAND --help shows each command's options."
    ),
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

def _version(value: bool) -> None:
    if value:
        typer.echo(f"pncaf {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool | None, typer.Option("--version", callback=_version, is_eager=True,
                                                 help="Show the version and exit.")] = None,
) -> None:
    """Check and run « Point numérique Caf » conventions."""


COMMANDS = ("check", "dates", "agenda", "certificate", "sheet", "reminders", "record",
            "new", "export", "report", "schema", "form", "convention", "import", "diff",
            "serve")


def _register() -> None:
    """Each command lives in `pncaf.cli.commands.<name>`: a function `command`, its help
    panel and its examples."""
    import importlib
    import keyword

    from pncaf.cli.boundary import exits

    for name in COMMANDS:   # a command named like a Python keyword lives in `<name>_.py`
        module = importlib.import_module(
            f"pncaf.cli.commands.{name}{'_' if keyword.iskeyword(name) else ''}")
        app.command(name=name, rich_help_panel=module.PANEL, epilog=module.EPILOG,
                    context_settings=getattr(module, "CONTEXT", None))(exits(module.command))


_register()


def main() -> None:
    from pncaf.cli.boundary import guarded

    sys.exit(guarded(lambda: run_app(sys.argv[1:])))


def run_app(argv: list[str]) -> int:
    """The command line, with the parser's own errors (a bad option value, an unknown
    option) as one `pncaf:` line instead of a box, without the parser's internals
    (« Value error, … »). Click's exceptions are recognised by their shape, because typer
    ships its own copy of click."""
    try:
        result = app(args=argv, prog_name="pncaf", standalone_mode=False)
    except typer.Abort:
        raise KeyboardInterrupt from None
    except Exception as exc:
        if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):
            raise
        if type(exc).__name__ == "NoArgsIsHelpError":
            exc.show()  # type: ignore[attr-defined]
            return 2
        message = " ".join(exc.format_message().replace("Value error, ", "").split())
        ctx = getattr(exc, "ctx", None)
        where = ctx.command_path if ctx is not None else "pncaf"
        if exc.exit_code == 2:
            raise UsageError(f"{message} (see {where} -h)") from None
        raise UserError(message) from None
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    main()
