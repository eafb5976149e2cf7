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
