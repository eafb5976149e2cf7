"""Post/redirect/get: every save of `pncaf serve` answers with a redirect, so that F5 on
the page shown after it (or the back button) never sends the form again; the page after
the redirect still says what the save changed."""

from __future__ import annotations

from serving import Server, hidden_fields

VALBRUNE = "/conventions/77-valbrune"


def test_reloading_the_page_after_a_record_shows_it_again_and_records_nothing(
        server: Server) -> None:
    client = server.client()
    client.login()
    client.get(VALBRUNE)
    file = server.folder / "77-valbrune.yaml"
    posted = client.post(f"{VALBRUNE}/enregistrer", client.form(
        event="committee", date="2026-11-02", note="bilan"), follow=False)
    assert posted.status == 303, posted.plain[-800:]
    location = posted.headers["location"]
    after = file.read_bytes()
    for _ in range(2):                                     # the page, then F5
        shown = client.get(location)
        assert shown.status == 200
        assert "Ce que cela change" in shown.plain and "2 novembre 2026" in shown.plain
    assert file.read_bytes() == after                      # reloading wrote nothing
    assert file.read_text(encoding="utf-8").count("2026-11-02") == 1
    stranger = server.client()
    stranger.login()
    assert stranger.get(location).status == 404            # another session's result


def test_undo_and_create_redirect_to_the_convention_with_their_message(
        server: Server) -> None:
    client = server.client()
    client.login()
    client.get(VALBRUNE)
    saved = client.post(f"{VALBRUNE}/enregistrer", client.form(event="committee",
                                                               date="2026-11-02"))
    client.hidden = hidden_fields(saved.text)
    undone = client.post(f"{VALBRUNE}/annuler", client.form(), follow=False)
    assert undone.status == 303 and undone.headers["location"].endswith(VALBRUNE)
    page = client.get(VALBRUNE)
    assert "Annulé : le dernier enregistrement" in page.plain
    assert "Annulé" not in client.get(VALBRUNE).plain     # said once, not at each reload
    client.get("/nouvelle")
    made = client.post("/nouvelle", client.form(
        id="77-testville", **{"from": "77-valbrune"}, partner_name="Mairie de Testville",
        siren="217709997", partner_street="1 place", partner_postcode="77999",
        partner_city="Testville", partner_representative="A. B", partner_title="Maire",
        computers="2", hours="lundi=9h-12h,14h-17h; mardi=9h-12h,14h-17h"), follow=False)
    assert made.status == 303 and made.headers["location"].endswith("/77-testville")
    assert "Convention créée" in client.get("/conventions/77-testville").plain
