"""What an officer reads in `pncaf serve` is French: refusals, the notes after a save and
the findings are sentences in plain words, with no command-line option, command, pattern
nor YAML key; the command line's English stays only as the folded « Détail technique »."""

from __future__ import annotations

import re
from html import unescape

from serving import Server

VALBRUNE = "/conventions/77-valbrune"
#: What an officer should never have to read: options, commands, English refusals.
TECHNICAL = re.compile(r"--[a-z]|pncaf (check|new|record)|git commit|ligne de commande|"
                       r"\b(nothing|required|should be|does not|is not|error)\b|\^\[")


def visible(html: str) -> str:
    """The text of the page's main part as shown, the folded details left out."""
    main = html[html.index("<main"):html.index("</main>")]
    main = re.sub(r"<details.*?</details>", " ", main, flags=re.S)
    main = re.sub(r"<(pre|textarea|code)\b.*?</\1>", " ", main, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", main))


def test_a_refused_record_and_undo_are_said_in_french_with_the_detail_folded(
        server: Server) -> None:
    client = server.client()
    client.login()
    client.get(VALBRUNE)
    refused = client.post(f"{VALBRUNE}/enregistrer", client.form(event="notice",
                                                                 date="2026-11-02"))
    assert refused.status == 422
    shown = visible(refused.text)
    assert "« Donné par » est à remplir" in shown, shown[:3000]
    assert not TECHNICAL.search(shown), TECHNICAL.search(shown)
    assert "Détail technique" in refused.plain and "--by" in refused.plain
    client.get(VALBRUNE)
    nothing = client.post(f"{VALBRUNE}/annuler", client.form())
    assert "Il n'y a rien à annuler" in visible(nothing.text)
    assert not TECHNICAL.search(visible(nothing.text))


def test_the_notes_after_a_save_and_the_findings_are_french(server: Server) -> None:
    client = server.client()
    client.login()
    client.get(VALBRUNE)
    saved = client.post(f"{VALBRUNE}/enregistrer", client.form(
        event="visit", date="02/11/2026", outcome="action_plan"))
    assert saved.status == 200
    shown = visible(saved.text)
    assert "visite de suivi du plan d'action" in shown
    assert not TECHNICAL.search(shown), TECHNICAL.search(shown)
    file = server.folder / "77-valbrune.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("  city: Melun\n",
                                                             "  city:\n"), encoding="utf-8")
    page = client.get(VALBRUNE)
    shown = visible(page.text)
    assert "Ligne 10 : la rubrique « Caf › commune » est vide" in shown, shown[:4000]
    assert "format du fichier" in shown                       # the rule's French name
    assert "error[schema]" in page.plain                      # the check line, folded
    assert not TECHNICAL.search(shown), TECHNICAL.search(shown)


def test_a_document_refused_and_the_page_words_are_the_officers(server: Server) -> None:
    client = server.client()
    client.login()
    draft = client.get("/conventions/77-villeparisis/documents/certificate.pdf")
    assert draft.status == 422
    assert "signée par les deux parties" in visible(draft.text)
    assert not TECHNICAL.search(visible(draft.text))
    for path in (VALBRUNE, "/nouvelle", "/importer", "/"):
        assert not TECHNICAL.search(visible(client.get(path).text)), path
    assert "ligne de commande" not in client.get("/").plain
