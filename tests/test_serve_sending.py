"""Sending the reminders from `pncaf serve` goes through a confirmation: the first POST
only says what would go (nothing sent), the second sends, to a real SMTP server (aiosmtpd
on 127.0.0.1), and the sent log shows it; sending again sends nothing twice."""

from __future__ import annotations

import socket
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from serving import hidden_fields, start_server


def ticked(html: str) -> list[str]:
    """The values of the page's ticked `relance` checkboxes, as a browser sends them."""
    import re

    return re.findall(r'name="relance" value="([^"]+)" checked', html)


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope.original_content)
        return "250 OK"


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()



def team_settings(folder: Path, port: int) -> None:
    """The team's pncaf.toml: an officer, a sender of this Caf, the test's SMTP server."""
    (folder / "pncaf.toml").write_text(textwrap.dedent(f"""\
        [officer]
        name = "Nadia Roussel"
        email = "nadia.roussel@caf77.example"

        [mail]
        from = "Caf de Seine-et-Marne — Partenariats <partenariats@caf77.example>"

        [smtp]
        host = "127.0.0.1"
        port = {port}
        security = "none"
        """), encoding="utf-8")

def test_reminders_are_sent_only_once_confirmed_and_logged(tmp_path: Path,
                                                           inbox: tuple[Inbox, int]) -> None:
    received, port = inbox
    team_settings(tmp_path, port)
    server = start_server(tmp_path, "--as-of", "2027-01-20")
    try:
        client = server.client()
        client.login()
        page = client.get("/relances")
        assert "Voir ce qui serait envoyé" in page.plain
        chosen = [("relance", uid) for uid in ticked(page.text)]
        asked = client.post("/relances/envoyer", [*client.form(), *chosen])
        assert asked.status == 200 and "Confirmer l'envoi" in asked.plain
        assert asked.posted == 303          # a GET page: Back after sending shows it again
        assert received.messages == []                          # nothing sent yet
        client.hidden = hidden_fields(asked.text)
        sent = client.post("/relances/envoyer", [*client.form(confirmer="oui"), *chosen])
        assert sent.status == 200, sent.plain[-1500:]
        assert received.messages and "envoyé" in sent.plain
        log = (tmp_path / "pncaf-sent.yaml").read_text(encoding="utf-8")
        assert log.count("message_id:") == len(received.messages)
        after = client.get("/relances").plain
        assert "Relances déjà envoyées" in after
        assert __import__("re").search(r"\d{4} \(\d+ déjà envoyée", after)   # a space
        count = len(received.messages)
        again = client.post("/relances/envoyer", [*client.form(confirmer="oui"), *chosen])
        assert again.status == 200 and len(received.messages) == count
    finally:
        server.stop()


def test_only_the_ticked_reminders_are_sent_and_each_says_when(
        tmp_path: Path, inbox: tuple[Inbox, int]) -> None:
    received, port = inbox
    team_settings(tmp_path, port)
    server = start_server(tmp_path, "--as-of", "2027-01-20")
    try:
        client = server.client()
        client.login()
        page = client.get("/relances")
        uids = ticked(page.text)
        assert len(uids) >= 3                                  # all ticked by default
        assert f"{len(uids)} relances à envoyer" in page.plain
        assert "pncaf record" not in page.plain                # a link, not a command
        assert 'href="/conventions/77-valbrune#enregistrer"' in page.text
        chosen = [("relance", uid) for uid in uids[:2]]
        asked = client.post("/relances/envoyer", [*client.form(), *chosen])
        assert "2 messages partiraient" in asked.plain, asked.plain[-1500:]
        client.hidden = hidden_fields(asked.text)
        sent = client.post("/relances/envoyer", client.form(confirmer="oui")
                           + re_chosen(asked.text), follow=False)
        assert sent.status == 303 and len(received.messages) == 2
        after = client.get("/relances")
        assert after.plain.count("Envoyée le 20 janvier 2027") == 2
        assert f"{len(uids) - 2} relance" in after.plain
        assert ticked(after.text) == uids[2:]                  # the others still to send
    finally:
        server.stop()


def re_chosen(html: str) -> list[tuple[str, str]]:
    """The chosen messages the confirmation page carries (hidden fields)."""
    import re

    return [("relance", v) for v in re.findall(r'name="relance" value="([^"]+)"', html)]
