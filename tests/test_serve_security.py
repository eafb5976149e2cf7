"""`pncaf serve` lets in only the person who started it: real HTTP against the running
server (token, session cookie, Host, CSRF, Origin, ids that are never paths, size limits,
headers, Ctrl-C)."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from serving import Server, start_server

VALBRUNE = "/conventions/77-valbrune"
PARTNERS = ("Valbrune", "Passerelle", "Villeparisis")


def test_without_the_token_every_page_is_403_and_shows_no_partner(server: Server) -> None:
    client = server.client()
    for path in ("/", VALBRUNE, "/relances", f"{VALBRUNE}/documents/certificate.pdf",
                 "/?token=not-the-token"):
        reply = client.request("GET", path)
        assert reply.status == 403, path
        assert not any(name in reply.text for name in PARTNERS), path
        assert "Accès refusé" in reply.text


def test_the_token_becomes_a_strict_httponly_cookie_and_leaves_the_address(
        server: Server) -> None:
    client = server.client()
    reply = client.login()
    assert reply.status == 303
    assert reply.headers["location"] == "/"
    cookie = reply.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = client.get("/")
    assert page.status == 200 and "Valbrune" in page.text and server.token not in page.text


def test_a_foreign_host_header_is_400_even_with_the_session(server: Server) -> None:
    client = server.client()
    client.login()
    port = server.host.rsplit(":", 1)[1]
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1:1"):
        reply = client.request("GET", "/", host=host)
        assert reply.status == 400, host
        assert "Valbrune" not in reply.text
    assert client.request("GET", "/", host=f"localhost:{port}").status == 200


@pytest.mark.parametrize("forgery", ["no csrf", "wrong csrf", "foreign origin",
                                     "cross-site fetch", "no session"])
def test_a_forged_post_is_403_and_writes_nothing(server: Server, forgery: str) -> None:
    client = server.client()
    client.login()
    client.get(VALBRUNE)
    file = server.folder / "77-valbrune.yaml"
    before = file.read_bytes()
    fields = client.form(event="committee", date="2026-11-02")
    headers: dict[str, str] = {}
    if forgery == "no csrf":
        fields = [(k, v) for k, v in fields if k != "csrf"]
    elif forgery == "wrong csrf":
        fields = [(k, "x" + v if k == "csrf" else v) for k, v in fields]
    elif forgery == "foreign origin":
        headers["Origin"] = "http://evil.example"
    elif forgery == "cross-site fetch":
        headers["Sec-Fetch-Site"] = "same-site"     # another port of 127.0.0.1
    else:
        client.cookie = None
    reply = client.post(f"{VALBRUNE}/enregistrer", fields, headers=headers)
    assert reply.status == 403
    assert file.read_bytes() == before


def test_a_path_in_an_id_never_reaches_the_disk(server: Server, tmp_path: Path) -> None:
    """A valid convention outside conventions/ is never shown, whatever the id says."""
    outside = tmp_path / "secret.yaml"
    text = (server.folder / "77-valbrune.yaml").read_text(encoding="utf-8")
    outside.write_text(text.replace("Mairie de Valbrune-sur-Loing", "Mairie Secrète"),
                       encoding="utf-8")
    before = outside.read_bytes()
    client = server.client()
    client.login()
    client.get(VALBRUNE)
    ids = ["..%2Fsecret", "%2e%2e%2fsecret", "%2E%2E/secret", "..%5Csecret",
           quote(str(outside.with_suffix("")), safe=""), quote(str(outside), safe=""),
           "%2e%2e", "..", "secret"]
    for convention_id in ids:
        for path in (f"/conventions/{convention_id}",
                     f"/conventions/{convention_id}/documents/certificate.pdf"):
            reply = client.request("GET", path)
            assert reply.status in (404, 400), (path, reply.status)
            assert "Secrète" not in reply.text
        reply = client.post(f"/conventions/{convention_id}/enregistrer",
                            client.form(event="committee", date="2026-11-02"))
        assert reply.status in (404, 400, 405)
    assert outside.read_bytes() == before


def test_a_huge_upload_is_413_in_french_and_writes_nothing(server: Server) -> None:
    client = server.client()
    client.login()
    client.get(VALBRUNE)
    file = server.folder / "77-valbrune.yaml"
    before = file.read_bytes()
    huge = b"PK" + b"\0" * (52 * 1024 * 1024)
    reply = client.post(f"{VALBRUNE}/annexe2", client.form(), {"form": ("a.xlsx", huge)})
    assert reply.status == 413
    assert "trop volumineux" in reply.plain and "Rien n'a été enregistré" in reply.plain
    assert file.read_bytes() == before


def test_every_response_carries_the_security_headers(server: Server) -> None:
    client = server.client()
    for reply in (client.request("GET", "/"), client.login(), client.get("/"),
                  client.get(VALBRUNE)):
        h = reply.headers
        assert "script-src" not in h["content-security-policy"]
        assert "default-src 'none'" in h["content-security-policy"]
        assert "frame-ancestors 'none'" in h["content-security-policy"]
        assert h["x-frame-options"] == "DENY"
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "no-referrer"


def test_ctrl_c_stops_it_cleanly_with_exit_0(tmp_path: Path) -> None:
    running = start_server(tmp_path)
    assert running.client().login().status == 303
    assert running.stop() == 0
    assert running.process.stderr is not None
    said = running.process.stderr.read()
    assert "Traceback" not in said and "pncaf serve: stopped" in said


def test_the_first_line_is_the_url_with_a_long_random_token(tmp_path: Path) -> None:
    first = start_server(tmp_path)
    first.stop()
    second = start_server(tmp_path)
    second.stop()
    assert first.url.startswith("http://127.0.0.1:") and "/?token=" in first.url
    assert len(first.token) >= 22 and first.token != second.token   # ≥ 128 bits
    given = start_server(tmp_path, env={"PNCAF_SERVE_TOKEN": "un-jeton-choisi-assez-long"})
    given.stop()
    assert given.token == "un-jeton-choisi-assez-long"


def test_the_default_port_is_8765_or_the_next_free_one_and_it_says_which(
        tmp_path: Path) -> None:
    import errno
    import socket

    taken = socket.socket()
    try:
        taken.bind(("127.0.0.1", 8765))         # ours, or already someone else's: taken
        taken.listen(1)
    except OSError as exc:
        assert exc.errno == errno.EADDRINUSE
    try:
        running = start_server(tmp_path, port=None)
        try:
            port = int(running.host.rsplit(":", 1)[1])
            assert 8765 < port < 8785
            assert running.process.stderr is not None
            said = running.process.stderr.readline()
            assert said.strip() == f"port 8765 is in use: serving on port {port}"
            assert running.client().login().status == 303
        finally:
            running.stop()
    finally:
        taken.close()


def test_a_remote_host_needs_allow_remote(tmp_path: Path) -> None:
    import subprocess
    import sys

    from serving import LAUNCH, ROOT

    shutil.copytree(ROOT / "conventions", tmp_path / "conventions")
    done = subprocess.run([sys.executable, "-c", LAUNCH, "serve", "--no-browser", "--host",
                           "0.0.0.0", "--port", "0"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60,
                          env={**__import__("os").environ,
                               "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 2
    assert done.stdout == ""
    assert "--allow-remote" in done.stderr


def test_on_every_interface_an_address_is_accepted_but_never_another_name() -> None:
    """`--host 0.0.0.0 --allow-remote`: colleagues type the machine's address; a DNS name
    that is not the machine's (rebinding) is still 400."""
    from pncaf.web.security import known_host
    from pncaf.web.server import allowed_hosts
    from pncaf.web.settings import ServeSettings

    shared = ServeSettings(port=8765, hosts=allowed_hosts("0.0.0.0", 8765), any_address=True)
    assert known_host("192.168.1.10:8765", shared) and known_host("[fe80::1]:8765", shared)
    assert not known_host("192.168.1.10:8766", shared)
    assert not known_host("evil.example:8765", shared)
    local = ServeSettings(port=8765, hosts=allowed_hosts("127.0.0.1", 8765))
    assert known_host("localhost:8765", local) and known_host("127.0.0.1:8765", local)
    assert not known_host("192.168.1.10:8765", local) and not known_host("127.0.0.1", local)
