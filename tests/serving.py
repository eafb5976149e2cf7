"""A real `pncaf serve` for tests: started as a subprocess on 127.0.0.1 (a free port
chosen by the system) over a copy of conventions/, and a small HTTP client that speaks to
it as a browser would (one session cookie, the forms' hidden fields).

Reusable: `from serving import Server, start_server` (the `server` fixture in
tests/conftest.py starts one per test and stops it with Ctrl-C)."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
LAUNCH = "import sys; sys.argv[0] = 'pncaf'; from pncaf.cli.entry import main; main()"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    #: the status of the POST this page answers, when it came by a redirect (303)
    posted: int | None = None

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def plain(self) -> str:
        """The text with HTML entities read (« n'a » rather than « n&#39;a »)."""
        return unescape(self.text)


@dataclass
class Server:
    process: subprocess.Popen[str]
    url: str                            # the first line's URL, token included
    folder: Path                        # the conventions/ the server works on
    cwd: Path

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc

    @property
    def token(self) -> str:
        return self.url.split("token=", 1)[1]

    def client(self) -> Client:
        return Client(self)

    def stop(self) -> int:
        """Ctrl-C, as an officer would; the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise


def start_server(tmp: Path, *args: str, env: dict[str, str] | None = None,
                 port: str | None = "0") -> Server:
    """`pncaf serve --no-browser --port 0` in `tmp`, over a copy of the shipped
    conventions/, once it has printed its URL (`port=None`: the default port)."""
    folder = tmp / "conventions"
    if not folder.exists():
        shutil.copytree(ROOT / "conventions", folder)
    environment = {**os.environ, **(env or {})}
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [environment.get("PYTHONPATH")])])
    if not env or "PNCAF_SERVE_TOKEN" not in env:
        environment.pop("PNCAF_SERVE_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "-c", LAUNCH, "serve", "--no-browser",
         *(["--port", port] if port is not None else []), *args],
        cwd=tmp, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    first = process.stdout.readline().strip()
    if not first.startswith("pncaf serve: http://"):
        process.kill()
        _, err = process.communicate(timeout=10)
        raise AssertionError(f"pncaf serve did not start: {first!r} {err}")
    return Server(process, first.removeprefix("pncaf serve: "), folder, tmp)


@dataclass
class Client:
    """One browser: its session cookie, and what the last page's forms carried."""

    server: Server
    cookie: str | None = None
    hidden: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, host: str | None = None) -> Reply:
        netloc = urlsplit(self.server.url).netloc
        name, port = netloc.rsplit(":", 1)
        connection = http.client.HTTPConnection(name, int(port), timeout=60)
        sent = {"Host": host or netloc, **(headers or {})}
        if self.cookie:
            sent["Cookie"] = self.cookie
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for key, value in sent.items():
            connection.putheader(key, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        reply = Reply(response.status, {k.lower(): v for k, v in response.getheaders()},
                      response.read())
        connection.close()
        if reply.headers.get("set-cookie") and self.cookie:    # as a browser keeps it
            self.cookie = reply.headers["set-cookie"].split(";", 1)[0]
        return reply

    def login(self) -> Reply:
        """Open the printed URL: the token becomes the session cookie."""
        reply = self.request("GET", "/?token=" + self.server.token)
        cookie = reply.headers.get("set-cookie", "")
        self.cookie = cookie.split(";", 1)[0] or None
        return reply

    def get(self, path: str) -> Reply:
        reply = self.request("GET", path)
        self.hidden = hidden_fields(reply.text)
        return reply

    def post(self, path: str, fields: list[tuple[str, str]],
             files: dict[str, tuple[str, bytes]] | None = None,
             headers: dict[str, str] | None = None, follow: bool = True) -> Reply:
        """A form sent as a browser sends it (multipart when it has files); a redirect
        after it followed as a browser does (a GET), unless `follow` is False."""
        if files:
            body, kind = multipart(fields, files)
        else:
            from urllib.parse import urlencode

            body, kind = urlencode(fields).encode(), "application/x-www-form-urlencoded"
        reply = self.request("POST", path, body, {"Content-Type": kind,
                                                  "Origin": f"http://{self.server.host}",
                                                  **(headers or {})})
        if not follow or reply.status not in (302, 303):
            return reply
        landed = self.request("GET", urlsplit(reply.headers["location"]).path)
        landed.posted = reply.status
        return landed

    def form(self, **values: str) -> list[tuple[str, str]]:
        """The last page's hidden fields (csrf, sha256) and `values`."""
        return [*self.hidden.items(), *values.items()]


def hidden_fields(html: str) -> dict[str, str]:
    """The first value of each hidden field of a page."""
    found: dict[str, str] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"',
                                  html):
        found.setdefault(name, unescape(value))
    return found


def multipart(fields: list[tuple[str, str]], files: dict[str, tuple[str, bytes]],
              ) -> tuple[bytes, str]:
    boundary = "pncaf" + secrets.token_hex(12)
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())
    for name, (filename, data) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                     f'filename="{filename}"\r\nContent-Type: application/octet-stream'
                     "\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
