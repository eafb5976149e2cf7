"""In the browser too, a convention imported for a partner already kept says which file
holds it: in the preview, and after writing, in French (the import action's warnings)."""

from __future__ import annotations

import html

from serving import Server, hidden_fields


def test_an_import_names_the_file_that_already_holds_the_partner(server: Server) -> None:
    from pncaf.actions.documents import DocumentRequest, make_document

    signed = make_document(DocumentRequest(server.folder / "77-valbrune.yaml", "convention",
                                           "docx")).data
    client = server.client()
    client.login()
    client.get("/importer")
    reply = client.post("/importer/apercu", client.form(id="77-valbrune-copie"),
                        {"source": ("convention-valbrune.docx", signed)})
    assert reply.status == 200
    assert ("warning[partner-duplicate] SIREN 217709997 is already in "
            "conventions/77-valbrune.yaml") in " ".join(reply.plain.split())
    start = reply.text.index('<textarea id="f-text"')
    text = html.unescape(reply.text[reply.text.index(">", start) + 1:
                                    reply.text.index("</textarea>", start)])
    client.hidden = hidden_fields(reply.text)
    confirmed = client.post("/importer/confirmer", client.form(id="77-valbrune-copie",
                                                               text=text))
    assert confirmed.status == 200, confirmed.plain[-1500:]
    said = " ".join(confirmed.plain.split())
    assert "Convention importée" in said
    assert ("Le SIREN 217709997 figure déjà dans conventions/77-valbrune.yaml : cette "
            "convention en est-elle une copie ?") in said
