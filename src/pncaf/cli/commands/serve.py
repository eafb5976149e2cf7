"""`pncaf serve`: the whole workflow in a browser, over the same convention files."""

from __future__ import annotations

from typing import Annotated

import typer

from pncaf.cli.shared import AsOfOpt, ConfigOpt, PathsArg

PANEL = "Edit"
EPILOG = (
    "Examples:\n\n"
    "  pncaf serve                         # conventions/, http://127.0.0.1:8765, opens the "
    "browser\n\n"
    "  pncaf serve S:\\Partenariats\\conventions --config S:\\Partenariats\\pncaf.toml\n\n"
    "  pncaf serve --no-browser --port 9000\n\n"
    "  pncaf serve --as-of 2027-01-01      # the network as if today were that day\n\n"
    "  pncaf serve --host 0.0.0.0 --allow-remote   # a shared office machine: put TLS in "
    "front (docs/serve.md)\n\n"
    "The first line printed is `pncaf serve: http://HOST:PORT/?token=TOKEN`: open it (the "
    "browser opens it unless --no-browser). The token (random at each start, or "
    "PNCAF_SERVE_TOKEN) is exchanged for a session cookie; without it every page answers "
    "403. Every save is the edit `pncaf record`, `new` or `import` would make, on the same "
    "files. Ctrl-C stops the server (exit 0). See docs/serve.md."
)


def command(
    paths: PathsArg = None,
    host: Annotated[str, typer.Option(help="The address to listen on. Anything but a "
                                      "loopback address needs --allow-remote.")
                    ] = "127.0.0.1",
    port: Annotated[int | None, typer.Option(
        help="The port (0: any free one). Default: 8765, or the next free one.",
        show_default=False, min=0, max=65535)] = None,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open the "
                                             "default browser.")] = False,
    allow_remote: Annotated[bool, typer.Option("--allow-remote", help="Accept a --host "
                                               "other machines can reach (the token still "
                                               "applies).")] = False,
    config: ConfigOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Serve the conventions as web pages for officers: the network, each convention,
    forms to record, create and import, documents, reminders."""
    from pncaf.cli.check import parse_date_option
    from pncaf.cli.check import resolve_paths as check_paths
    from pncaf.errors import InvalidRequest
    from pncaf.web.server import choose_token, serve
    from pncaf.web.settings import ServeSettings

    day = parse_date_option("--as-of", as_of) if as_of else None
    if config is not None and not config.is_file():
        raise InvalidRequest(f"--config {config}: no such file")
    check_paths(paths)              # a missing path is said now, not on the first page
    settings = ServeSettings(paths=tuple(paths or ()), as_of=day, config=config,
                             token=choose_token(), host=host, allow_remote=allow_remote)
    raise typer.Exit(serve(settings, port, browser=not no_browser))
