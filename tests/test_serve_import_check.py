"""An import through `pncaf serve` never writes a file `check` would find errors in: the
errors are listed in French over the editable preview, the officer corrects the values
and confirms again. Undo after a colleague's edit is refused in French, with no YAML to
edit."""

from __future__ import annotations

import html

from serving import Server, hidden_fields
from test_serve_french import TECHNICAL, visible
from test_serve_pages import SIGNED

VALBRUNE = "/conventions/77-valbrune"


def textarea(page: str) -> str:
    start = page.index('<textarea id="f-text"')
    return html.unescape(page[page.index(">", start) + 1:page.index("</textarea>", start)])


def test_an_import_with_errors_is_refused_in_french_until_corrected(server: Server) -> None:
    client = server.client()
    client.login()
    client.get("/importer")
    preview = client.post("/importer/apercu", client.form(id="77-importee"),
                          {"source": (SIGNED.name, SIGNED.read_bytes())})
    assert preview.status == 200
    assert not TECHNICAL.search(visible(preview.text)), TECHNICAL.search(visible(preview.text))
    good = textarea(preview.text)
    bad = good.replace("postcode: \"77270\"", "postcode: \"7727\"", 1)
    assert bad != good
    client.hidden = hidden_fields(preview.text)
    refused = client.post("/importer/confirmer", client.form(id="77-importee", text=bad))
    assert refused.status == 422
    shown = visible(refused.text)
    assert "Rien n'a été écrit : la convention aurait 1 erreur" in shown, shown[:3000]
    assert "code postal de 5 chiffres" in shown
    assert not TECHNICAL.search(shown), TECHNICAL.search(shown)
    assert textarea(refused.text) == bad                       # the text is kept
    target = server.folder / "77-importee.yaml"
    assert not target.exists()
    client.hidden = hidden_fields(refused.text)
    written = client.post("/importer/confirmer", client.form(id="77-importee", text=good))
    assert written.posted == 303 and target.read_text(encoding="utf-8") == good


def test_undo_after_a_colleagues_edit_is_refused_in_french(server: Server) -> None:
    client = server.client()
    client.login()
    client.get(VALBRUNE)
    client.post(f"{VALBRUNE}/enregistrer", client.form(event="committee", date="2026-11-02"))
    file = server.folder / "77-valbrune.yaml"
    file.write_bytes(file.read_bytes() + b"# a colleague's line\n")
    client.get(VALBRUNE)
    refused = client.post(f"{VALBRUNE}/annuler", client.form())
    shown = visible(refused.text)
    assert refused.status == 422 and "rien n'a été annulé" in shown
    assert "history" not in shown and not TECHNICAL.search(shown), shown[:2000]


def test_what_the_signed_text_lacks_is_said_in_french_and_blocks_the_write(
        server: Server) -> None:
    source = SIGNED.read_text(encoding="utf-8").replace(
        "Représentée par son Maire Monsieur Frédéric BOUCHE", "")
    client = server.client()
    client.login()
    client.get("/importer")
    preview = client.post("/importer/apercu", client.form(id="77-incomplete"),
                          {"source": ("convention.md", source.encode())})
    shown = visible(preview.text)
    assert "« partenaire › représentant" in shown and "n'a pas été trouvé" in shown, shown
    assert "À corriger avant d'enregistrer" in shown
    client.hidden = hidden_fields(preview.text)
    refused = client.post("/importer/confirmer", client.form(id="77-incomplete",
                                                             text=textarea(preview.text)))
    assert refused.status == 422 and not (server.folder / "77-incomplete.yaml").exists()
