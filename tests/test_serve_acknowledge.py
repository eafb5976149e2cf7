"""« Prendre en compte » beside a finding, over real HTTP: the button opens the record form
with the event, the finding's rule and subject filled in (the officer types nothing of
the rule ids), and saving it with a note records the acknowledgment `record` writes."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlencode

from serving import Server

PASSERELLE = "/conventions/45-la-passerelle"


def _buttons(page: str) -> list[dict[str, str]]:
    forms = re.findall(r'<form method="get"[^>]*>(.*?)</form>', page, re.S)
    field = r'name="(\w+)" type="hidden" value="([^"]*)"'
    return [{k: unescape(v) for k, v in re.findall(field, f)}
            for f in forms if "Prendre en compte" in f]


def test_a_finding_is_acknowledged_from_its_button(server: Server) -> None:
    client = server.client()
    client.login()
    buttons = _buttons(client.get(PASSERELLE).text)
    chosen = next(b for b in buttons if b["rule"] == "committee-missing")
    assert chosen == {"event": "acknowledgment", "rule": "committee-missing",
                      "subject": "period 1"}
    form = client.get(f"{PASSERELLE}?{urlencode(chosen)}").plain
    assert re.search(r'<option value="acknowledgment" selected>', form)
    assert re.search(r'name="rule"[^>]*value="committee-missing"|value="committee-missing"'
                     r'[^>]*name="rule"', form)
    reply = client.post(f"{PASSERELLE}/enregistrer", client.form(
        event="acknowledgment", rule="committee-missing", subject="period 1",
        date=re.search(r'name="date"[^>]*value="([^"]+)"', form)[1],   # type: ignore[index]
        note="comité 2024 non tenu, vu avec le partenaire"))
    assert reply.status == 200, reply.plain[-1500:]
    text = (server.folder / "45-la-passerelle.yaml").read_text(encoding="utf-8")
    assert "event: acknowledgment" in text and "rule: committee-missing" in text
    after = _buttons(client.get(PASSERELLE).text)
    assert not any(b["rule"] == "committee-missing" for b in after)
