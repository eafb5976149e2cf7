"""The annex 2 download of a convention's page offers, over real HTTP, the semester whose
report is still owed (the oldest over and not recorded), never one the convention does
not owe; a semester not owed is refused in one French sentence (no « : : »)."""

from __future__ import annotations

import re

from serving import Server


def _offered(page: str) -> str:
    found = re.search(r'id="f-form-period" name="period" type="text" required value="([^"]*)"',
                      page)
    assert found is not None
    return found.group(1)


def test_the_form_offered_is_the_oldest_report_owed_and_downloads(server: Server) -> None:
    client = server.client()
    client.login()
    for convention, owed in (("45-la-passerelle", "2024-S2"), ("77-valbrune", None)):
        offered = _offered(client.get(f"/conventions/{convention}").text)
        if owed is not None:
            assert offered == owed
        reply = client.request(
            "GET", f"/conventions/{convention}/documents/form.xlsx?period={offered}")
        assert reply.status == 200, (convention, offered, reply.plain[-800:])


def test_a_semester_not_owed_is_refused_without_a_double_colon(server: Server) -> None:
    client = server.client()
    client.login()
    reply = client.request("GET", "/conventions/45-la-passerelle/documents/form.xlsx"
                                  "?period=2026-S2")
    assert reply.status == 422
    said = re.search(r'role="alert">(.*?)<details', reply.plain, re.S)
    assert said is not None
    assert "semestre 2026-S2 :" in said.group(1)
    assert not re.search(r":\s*:", re.sub(r"<[^>]+>", " ", said.group(1)))
