"""Start `pncaf serve`: check the address, bind it (8765 or the next free port), print the
URL with its token as the first line of standard output, open the browser, and serve with
waitress until Ctrl-C, which ends it cleanly (exit 0).

waitress is a production WSGI server in pure Python that runs the same on Windows, where
most officers work; Flask's own server is for development only."""

from __future__ import annotations

import ipaddress
import os
import secrets
import socket
import sys
from dataclasses import replace
from typing import TextIO

from pncaf.errors import InvalidRequest, Refused
from pncaf.web.settings import MAX_UPLOAD, ServeSettings

DEFAULT_PORT = 8765
#: How many ports after the default are tried when it is taken.
PORT_TRIES = 20
TOKEN_ENV = "PNCAF_SERVE_TOKEN"


def loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def choose_token() -> str:
    """`PNCAF_SERVE_TOKEN`, or 256 fresh random bits."""
    given = os.environ.get(TOKEN_ENV, "").strip()
    if given and len(given) < 16:
        raise InvalidRequest(f"{TOKEN_ENV} is too short to guess-proof the server: give at "
                             "least 16 characters, or unset it for a random one")
    return given or secrets.token_urlsafe(32)


def bind(host: str, port: int | None) -> socket.socket:
    """A listening socket: `port`, or (None) 8765 or the next free one; 0 lets the
    system choose."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    candidates = [port] if port is not None else list(range(DEFAULT_PORT,
                                                            DEFAULT_PORT + PORT_TRIES))
    last: OSError | None = None
    for candidate in candidates:
        sock = socket.socket(family, socket.SOCK_STREAM)
        if os.name != "nt":   # on Windows SO_REUSEADDR lets two servers share a port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host.strip("[]"), candidate))
        except OSError as exc:
            sock.close()
            last = exc
            continue
        sock.listen(64)
        return sock
    tried = (f"port {port}" if port is not None
             else f"ports {DEFAULT_PORT} to {DEFAULT_PORT + PORT_TRIES - 1}")
    raise Refused(f"cannot listen on {host}, {tried}: {last.strerror if last else 'in use'}; "
                  "choose another with --port N")


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The `Host` values that name this server."""
    names = {host.lower()}
    if loopback(host):
        names |= {"localhost", "127.0.0.1", "[::1]"}
    elif host in ("0.0.0.0", "[::]", "::"):
        # every interface: the machine's names and addresses, as colleagues will type them
        name = socket.gethostname()
        names |= {name.lower(), socket.getfqdn().lower()}
        try:
            _, aliases, addresses = socket.gethostbyname_ex(name)
        except OSError:
            aliases, addresses = [], []
        names |= {a.lower() for a in aliases} | set(addresses)
    return frozenset(f"{name}:{port}" for name in names)


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _stop_on_signals() -> None:
    """Ctrl-C (and a service manager's SIGTERM) end the loop cleanly, even when the
    server was started in the background with SIGINT ignored."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)


def _warm(app: object, settings: ServeSettings) -> None:
    """Check the network once in the background while the browser opens: on 2,000
    conventions the first page then answers as fast as the next ones."""
    import threading

    from pncaf.actions.cached_overview import OverviewCache
    from pncaf.actions.overview import OverviewRequest

    cache = getattr(app, "extensions", {}).get("pncaf.overview")
    if isinstance(cache, OverviewCache):
        request = OverviewRequest(settings.paths, settings.today(), settings.config)
        threading.Thread(target=cache.overview, args=(request,), daemon=True,
                         name="pncaf-warm").start()


def serve(settings: ServeSettings, port: int | None, browser: bool,
          out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Serve until Ctrl-C; returns the exit status (0)."""
    import waitress

    from pncaf.web.app import create_app

    if not loopback(settings.host) and not settings.allow_remote:
        raise InvalidRequest(f"--host {settings.host} is not a loopback address: other "
                             "machines could reach the conventions. Add --allow-remote on a "
                             "shared office machine (and put TLS in front, see docs/serve.md)")
    sock = bind(settings.host, port)
    bound = int(sock.getsockname()[1])
    host = url_host(settings.host)
    settings = replace(settings, port=bound, hosts=allowed_hosts(host, bound),
                       any_address=settings.host in ("0.0.0.0", "::", "[::]"))
    app = create_app(settings)
    server = waitress.create_server(
        app, sockets=[sock], threads=4, ident="pncaf",
        # a little above Flask's limit, so that Flask answers 413 in French
        max_request_body_size=MAX_UPLOAD + 8 * 1024 * 1024, connection_limit=50,
        clear_untrusted_proxy_headers=True)
    url = f"http://{host}:{bound}/?token={settings.token}"
    print(f"pncaf serve: {url}", file=out, flush=True)
    if port is None and bound != DEFAULT_PORT:
        print(f"port {DEFAULT_PORT} is in use: serving on port {bound}", file=err, flush=True)
    print("Ctrl-C stops the server.", file=err, flush=True)
    _stop_on_signals()
    _warm(app, settings)
    if browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.run()                # returns on Ctrl-C (waitress catches the interrupt)
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    print("pncaf serve: stopped", file=err, flush=True)
    return 0
