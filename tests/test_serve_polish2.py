"""More small things an officer met in `pncaf serve` (second tryout), over real HTTP."""

from __future__ import annotations

from urllib.parse import quote

from serving import Server


def test_the_search_folds_apostrophes(server: Server) -> None:
    file = server.folder / "77-valbrune.yaml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("Mairie de Valbrune-sur-Loing",
                                 "Espace de l\u2019Écho", 1), encoding="utf-8")
    client = server.client()
    client.login()
    for typed in ("l'echo", "l\u2019écho"):
        found = client.get("/?q=" + quote(typed)).plain
        assert "Espace de l\u2019Écho" in found and "1 convention affichée" in found, typed


def test_the_hours_example_of_the_creation_form_passes_article_4(server: Server) -> None:
    import re

    from test_serve_create import ANSWERS

    client = server.client()
    client.login()
    page = client.get("/nouvelle").plain
    label = re.search(r'<label for="f-hours">(.*?)</label>', page, re.S)
    assert label is not None
    example = re.search(r"par exemple (.+?) \(", label.group(1))
    assert example is not None, label.group(1)
    made = client.post("/nouvelle", client.form(**{**ANSWERS, "hours": example.group(1)}))
    assert made.posted == 303, made.plain[-1500:]
    assert "Courriel de contact niveau 2" in page


def test_the_caf_list_of_the_creation_form_names_each_caf_once(server: Server) -> None:
    import re

    client = server.client()
    client.login()
    page = client.get("/nouvelle").plain
    select = re.search(r'<select id="f-from".*?</select>', page, re.S)
    assert select is not None
    names = re.findall(r'<option value="[^"]+"[^>]*>([^<]+)</option>', select.group(0))
    assert sorted(names) == sorted(set(names)) and len(names) >= 2, names
    assert all(n.startswith("Caisse d'allocations familiales") for n in names), names
    assert "sont repris" in page


def test_a_file_with_errors_is_titled_by_its_partner_when_readable(server: Server) -> None:
    import re

    file = server.folder / "77-valbrune.yaml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace('siren: "217709997"', 'siren: "12"', 1), encoding="utf-8")
    client = server.client()
    client.login()
    page = client.get("/conventions/77-valbrune").plain
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title is not None and "Mairie de Valbrune-sur-Loing" in title.group(1), title
    assert "erreur" in page.lower()


def test_the_record_form_and_history_name_indicators_by_their_annex_2_labels(
        server: Server) -> None:
    import re

    from pncaf.settings import DEFAULT_INDICATORS

    client = server.client()
    client.login()
    page = client.get("/conventions/77-valbrune").plain
    hint = re.search(r'<p class="hint" id="hint-indicator">(.*?)</p>', page, re.S)
    assert hint is not None
    key, label = next(iter(DEFAULT_INDICATORS.items()))
    assert f"{key} pour « {label} »" in hint.group(1), hint.group(1)
    history = page[page.index("Historique"):] if "Historique" in page else page
    assert f"{label} = " in history


def test_an_undo_refused_says_nothing_was_undone_once(server: Server) -> None:
    client = server.client()
    client.login()
    client.get("/conventions/77-valbrune")
    file = server.folder / "77-valbrune.yaml"
    client.post("/conventions/77-valbrune/enregistrer",
                client.form(event="committee", date="2026-11-02"))
    file.write_text(file.read_text(encoding="utf-8") + "# vu en comité\n", encoding="utf-8")
    client.get("/conventions/77-valbrune")                  # the page as it is now
    refused = client.post("/conventions/77-valbrune/annuler", client.form())
    assert refused.status == 422, refused.plain[-1500:]
    said = refused.plain.split('role="alert"', 1)[1].split("<details", 1)[0]
    assert "Rien n'a été enregistré" not in said
    assert said.lower().count("rien n'a été annulé") == 1, said
