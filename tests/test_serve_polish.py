"""Small things an officer meets in `pncaf serve`: a search that ignores accents and finds
a SIREN, no undo button when there is nothing to undo, no certificate link on a draft."""

from __future__ import annotations

from serving import Server

VALBRUNE = "/conventions/77-valbrune"


def test_the_search_folds_accents_and_finds_a_siren(server: Server) -> None:
    file = server.folder / "77-valbrune.yaml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("Mairie de Valbrune-sur-Loing",
                                 "Mairie de L'Haÿ-les-Roses", 1), encoding="utf-8")
    client = server.client()
    client.login()
    found = client.get("/?q=hay").plain
    assert "Mairie de L'Haÿ-les-Roses" in found and "1 convention affichée" in found
    assert 'siren: "217709997"' in text
    by_siren = client.get("/?q=217+709+997").plain                # typed with spaces
    assert "Mairie de L'Haÿ-les-Roses" in by_siren and "1 convention affichée" in by_siren


def test_undo_is_offered_only_when_there_is_a_record_to_take_back(server: Server) -> None:
    client = server.client()
    client.login()
    assert "Annuler le dernier enregistrement" not in client.get(VALBRUNE).plain
    client.post(f"{VALBRUNE}/enregistrer", client.form(event="committee", date="2026-11-02"))
    assert "Annuler le dernier enregistrement" in client.get(VALBRUNE).plain


def test_a_draft_offers_no_certificate_link_and_says_why(server: Server) -> None:
    client = server.client()
    client.login()
    draft = client.get("/conventions/77-villeparisis")
    assert "documents/certificate.pdf" not in draft.text
    assert "une fois la convention signée par les deux parties" in draft.plain
    assert "documents/certificate.pdf" in client.get(VALBRUNE).text
