"""/relances over real HTTP when the team's `[mail] from` names another Caf than a
convention's: that reminder is held with its own French label and sentence (not « Sans
destinataire » with English detail), and only on the page of that convention."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from serving import start_server


def _alerts(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", " ", a) for a in
            re.findall(r'<div class="alert">(.*?)</div>', page, re.S)]


def test_a_reminder_of_another_caf_is_held_in_french_for_its_convention_only(
        tmp_path: Path) -> None:
    (tmp_path / "pncaf.toml").write_text(textwrap.dedent("""\
        [officer]
        name = "Nadia Roussel"
        email = "nadia.roussel@caf77.example"

        [mail]
        from = "Caf de Seine-et-Marne — Partenariats <partenariats@caf77.example>"
        """), encoding="utf-8")
    server = start_server(tmp_path, "--as-of", "2027-01-20")
    try:
        client = server.client()
        client.login()
        everything = _alerts(client.get("/relances").plain)
        held = [a for a in everything if "autre Caf" in a]
        assert held, everything
        assert "Sans destinataire" not in held[0]
        assert "envoient les relances au nom de « Caf de Seine-et-Marne" in held[0]
        assert "45-la-passerelle" in held[0]           # the detail names the file
        own = _alerts(client.get("/relances?convention=45-la-passerelle").plain)
        assert any("autre Caf" in a for a in own), own
        other = _alerts(client.get("/relances?convention=77-valbrune").plain)
        assert not any("autre Caf" in a or "Sans destinataire" in a for a in other), other
        page = client.get("/relances").plain
        assert not re.search(r"\d\(\d+ déjà envoyée", page)
    finally:
        server.stop()
