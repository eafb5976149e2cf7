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


def test_reminders_are_sent_only_once_confirmed_and_logged(tmp_path: Path,
                                                           inbox: tuple[Inbox, int]) -> None:
    received, port = inbox
    (tmp_path / "pncaf.toml").write_text(textwrap.dedent(f"""\
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
    server = start_server(tmp_path, "--as-of", "2027-01-20")
    try:
        client = server.client()
        client.login()
        page = client.get("/relances")
        assert "Voir ce qui serait envoyé" in page.plain
        asked = client.post("/relances/envoyer", client.form())
        assert asked.status == 200 and "Confirmer l'envoi" in asked.plain
        assert received.messages == []                          # nothing sent yet
        client.hidden = hidden_fields(asked.text)
        sent = client.post("/relances/envoyer", client.form(confirmer="oui"))
        assert sent.status == 200, sent.plain[-1500:]
        assert received.messages and "envoyé" in sent.plain
        log = (tmp_path / "pncaf-sent.yaml").read_text(encoding="utf-8")
        assert log.count("message_id:") == len(received.messages)
        assert "Relances déjà envoyées" in client.get("/relances").plain
        count = len(received.messages)
        again = client.post("/relances/envoyer", client.form(confirmer="oui"))
        assert again.status == 200 and len(received.messages) == count
    finally:
        server.stop()
