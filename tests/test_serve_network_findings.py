"""What the server shows comes from the same day and the same whole network as the command
line: a partner kept in two files is shown on the copy's page and its partner reminders
are held on /relances, and a signature is judged against the server's day (`--as-of`),
not the machine's."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from serving import ROOT, Server, start_server

COPY = "77-zz-valbrune-copie"


@pytest.fixture
def with_copy(tmp_path: Path) -> Iterator[Server]:
    folder = tmp_path / "conventions"
    shutil.copytree(ROOT / "conventions", folder)
    text = (folder / "77-valbrune.yaml").read_text(encoding="utf-8")
    (folder / f"{COPY}.yaml").write_text(text.replace("id: 77-valbrune", f"id: {COPY}"),
                                         encoding="utf-8")
    running = start_server(tmp_path, "--as-of", "2027-03-20")
    try:
        yield running
    finally:
        running.stop()


def test_the_copy_shows_the_duplicate_and_its_partner_reminders_are_held(
        with_copy: Server) -> None:
    client = with_copy.client()
    client.login()
    page = client.get(f"/conventions/{COPY}").plain
    assert "partner-duplicate" in page and "77-valbrune.yaml" in page
    assert "partner-duplicate" not in client.get("/conventions/77-valbrune").plain
    reminders = client.get("/relances").plain
    assert "Partenaire en double" in reminders and "SIREN 217709997" in reminders
    only_original = client.get("/relances?convention=77-valbrune").plain
    assert "Partenaire en double" not in only_original


def test_a_signature_after_the_servers_day_is_refused(tmp_path: Path) -> None:
    server = start_server(tmp_path, "--as-of", "2026-06-01")
    try:
        client = server.client()
        client.login()
        file = server.folder / "77-villeparisis.yaml"
        before = file.read_bytes()
        client.get("/conventions/77-villeparisis")
        reply = client.post("/conventions/77-villeparisis/signer", client.form(
            signed_caf="01/09/2026", signed_partner="02/09/2026"))
        assert reply.status == 422, reply.plain[:2000]
        assert file.read_bytes() == before
    finally:
        server.stop()
