"""The pages of `pncaf serve` do what the commands do, over real HTTP: the network sorted
and filtered, a convention's findings as `check` gives them, documents, creating and
importing a convention, reminders, and a file's git history with a commit by meaning."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

from serving import LAUNCH, ROOT, Server, hidden_fields, start_server

VALBRUNE = "/conventions/77-valbrune"
PASSERELLE = "/conventions/45-la-passerelle"
SIGNED = ROOT / "tests/corpus/import/convention-type-point-numerique-caf.md"


def test_the_network_is_most_urgent_first_and_can_be_filtered_and_sorted(
        server: Server) -> None:
    client = server.client()
    client.login()
    page = client.get("/").plain
    assert page.index("Centre social La Passerelle") < page.index("Mairie de Valbrune")
    assert "0 erreurs" in page and "avertissements" in page
    only = client.get("/?q=valbrune").plain
    assert "Mairie de Valbrune" in only and "Passerelle" not in only
    by_name = client.get("/?tri=partenaire").plain
    names = ["Centre social La Passerelle", "Les Clés du numérique", "Mairie de Valbrune"]
    positions = [by_name.find(n) for n in names if n in by_name]
    assert positions == sorted(positions) and len(positions) >= 2
    drafts = client.get("/?statut=draft").plain
    assert "Mairie de Villeparisis" in drafts and "Mairie de Valbrune" not in drafts


def test_a_conventions_findings_are_check_s_with_rule_and_line(server: Server) -> None:
    client = server.client()
    client.login()
    page = client.get(PASSERELLE).plain
    done = subprocess.run([sys.executable, "-c", LAUNCH, "check", "--format", "json",
                           "conventions/45-la-passerelle.yaml"], cwd=server.cwd,
                          capture_output=True, text=True, timeout=60,
                          env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src")})
    found = json.loads(done.stdout)["diagnostics"]
    assert found
    for d in found:
        line = (f"{d['file']}:{d['line']}:{d['column']}: {d['severity']}[{d['rule']}] "
                f"{d['message']}")
        assert line in page, line
    assert "Horaires" in page and " h " in page                  # hours in words


def test_a_file_not_named_after_its_id_is_found_by_its_id(server: Server) -> None:
    (server.folder / "77-valbrune.yaml").rename(server.folder / "valbrune-2023.yaml")
    client = server.client()
    client.login()
    page = client.get(VALBRUNE)
    assert page.status == 200 and "valbrune-2023.yaml" in page.plain
    assert client.request("GET", "/conventions/valbrune-2023").status == 404


def test_documents_download_as_the_commands_make_them(server: Server) -> None:
    from pypdf import PdfReader

    client = server.client()
    client.login()
    certificate = client.request("GET", f"{VALBRUNE}/documents/certificate.pdf")
    assert certificate.status == 200
    assert certificate.headers["content-type"] == "application/pdf"
    assert "77-valbrune-certificat.pdf" in certificate.headers["content-disposition"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(certificate.body)).pages)
    assert "Valbrune" in text
    for path in (f"{VALBRUNE}/documents/convention.docx", f"{VALBRUNE}/documents/sheet.pdf",
                 f"{VALBRUNE}/documents/form.xlsx?period=2026-S2"):
        reply = client.request("GET", path)
        assert reply.status == 200 and len(reply.body) > 1000, path
    wrong = client.request("GET", f"{VALBRUNE}/documents/form.xlsx?period=2026-S9")
    assert wrong.status == 422 and "Impossible de produire" in wrong.plain
    assert client.request("GET", f"{VALBRUNE}/documents/certificate.exe").status == 404


def test_a_filled_annex_2_form_uploaded_records_its_report(server: Server) -> None:
    from openpyxl import load_workbook

    client = server.client()
    client.login()
    # 2026-S1: a semester over by the day the server runs (a report of a semester not over
    # is refused); Valbrune has one already, so this one is a correction
    blank = client.request("GET", f"{VALBRUNE}/documents/form.xlsx?period=2026-S1").body
    book = load_workbook(io.BytesIO(blank))
    sheet = book.active
    assert sheet is not None
    filled = 0
    for row in sheet.iter_rows():
        for cell in row:
            if cell.protection is not None and not cell.protection.locked and \
                    cell.value is None and filled < 2:
                cell.value = 40 + filled
                filled += 1
    out = io.BytesIO()
    book.save(out)
    client.get(VALBRUNE)
    file = server.folder / "77-valbrune.yaml"
    reply = client.post(f"{VALBRUNE}/annexe2", client.form(correction="oui"),
                        {"form": ("annexe2-77-valbrune-2026-S1.xlsx", out.getvalue())})
    assert reply.status == 200, reply.plain[-2000:]
    assert file.read_text(encoding="utf-8").count("period: 2026-S1") == 2
    assert "formulaire incomplet" in reply.plain


def test_a_convention_is_created_as_new_would_and_never_over_another(
        server: Server) -> None:
    client = server.client()
    client.login()
    client.get("/nouvelle")
    answers = {"id": "77-testville", "from": "77-valbrune",
               "partner_name": "Mairie de Testville", "siren": "217709997",
               "partner_street": "1 place", "partner_postcode": "77999",
               "partner_city": "Testville", "partner_representative": "A. B",
               "partner_title": "Maire", "computers": "2",
               "hours": "lundi=9h-12h,14h-17h; mardi=9h-12h,14h-17h"}
    wrong = client.post("/nouvelle", client.form(**{**answers, "siren": "12"}))
    assert wrong.status == 422 and 'id="err-siren"' in wrong.text
    assert "SIREN : 9 chiffres" in wrong.plain
    assert 'value="Mairie de Testville"' in wrong.text          # the input is kept
    made = client.post("/nouvelle", client.form(**answers))
    assert made.status == 200 and "Convention créée" in made.plain
    assert "Mairie de Testville" in (server.folder / "77-testville.yaml").read_text(
        encoding="utf-8")
    again = client.post("/nouvelle", client.form(**answers))
    assert again.status == 422 and "porte déjà cet identifiant" in again.plain


def test_an_import_is_shown_beside_its_source_and_written_only_once_confirmed(
        server: Server) -> None:
    client = server.client()
    client.login()
    client.get("/importer")
    reply = client.post("/importer/apercu", client.form(id="77-importee"),
                        {"source": (SIGNED.name, SIGNED.read_bytes())})
    assert reply.status == 200
    assert reply.posted == 303              # a GET page: Back after confirming shows it
    page = reply.plain
    assert "name: Mairie de Villeparisis" in page and "La Mairie de Villeparisis" in page
    target = server.folder / "77-importee.yaml"
    assert not target.exists()
    start = reply.text.index('<textarea id="f-text"')
    text = __import__("html").unescape(reply.text[reply.text.index(">", start) + 1:
                                                  reply.text.index("</textarea>", start)])
    edited = text.replace("Mairie de Villeparisis", "Mairie de Villeparisis (importée)", 1)
    client.hidden = hidden_fields(reply.text)
    confirmed = client.post("/importer/confirmer", client.form(id="77-importee",
                                                               text=edited))
    assert confirmed.status == 200 and "Convention importée" in confirmed.plain
    assert target.read_text(encoding="utf-8") == edited


def test_the_reminders_due_are_shown_as_drafts_and_nothing_is_sent(tmp_path: Path) -> None:
    server = start_server(tmp_path, "--as-of", "2027-01-20")
    try:
        client = server.client()
        client.login()
        page = client.get("/relances").plain
        assert "relances à envoyer au 20 janvier 2027" in page
        assert "Indicateurs du 2d semestre 2024" in page
        assert "L'envoi par courriel n'est pas configuré" in page
        only = client.get("/relances?convention=77-valbrune").plain
        assert "La Passerelle" not in only.split("<h1>", 1)[1].split("Envoyer")[0]
        link = re.search(r'href="(/relances/brouillons/[^"]+\.eml)"', page)
        assert link is not None
        eml = client.request("GET", link.group(1))
        assert eml.status == 200 and eml.body.startswith(b"X-Unsent: 1")
        assert client.request("GET", "/relances/brouillons/..%2Fpncaf.toml").status == 404
    finally:
        server.stop()


def test_in_git_a_file_s_history_has_its_meaning_and_a_save_can_be_committed(
        tmp_path: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True,
                              text=True).stdout

    import shutil

    shutil.copytree(ROOT / "conventions", tmp_path / "conventions")
    git("init", "-q")
    git("config", "user.name", "Agent Test")
    git("config", "user.email", "agent@example.org")
    git("add", ".")
    git("commit", "-qm", "Les conventions")
    server = start_server(tmp_path)
    try:
        client = server.client()
        client.login()
        client.get(VALBRUNE)
        saved = client.post(f"{VALBRUNE}/enregistrer", client.form(
            event="committee", date="2026-11-02", note="bilan annuel"))
        assert saved.status == 200 and "Message de validation proposé" in saved.plain
        client.hidden = hidden_fields(saved.text)
        done = client.post(f"{VALBRUNE}/valider", client.form())
        assert done.status == 200 and "validée dans l'historique des versions" in done.plain
        message = git("log", "-1", "--format=%B")
        assert message.startswith("Mairie de Valbrune-sur-Loing : Comité de pilotage")
        assert git("status", "--porcelain", "conventions/77-valbrune.yaml") == ""
        assert git("remote") == ""                                # never pushed anywhere
        history = client.get(f"{VALBRUNE}/historique").plain
        assert "Comité de pilotage" in history and "Les conventions" in history
    finally:
        server.stop()


def test_the_network_dashboard_downloads_as_one_zip(server: Server) -> None:
    import zipfile

    client = server.client()
    client.login()
    reply = client.request("GET", "/rapport.zip")
    assert reply.status == 200 and reply.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(reply.body)).namelist()
    assert "rapport/index.html" in names
    index = zipfile.ZipFile(io.BytesIO(reply.body)).read("rapport/index.html").decode()
    assert "Mairie de Valbrune-sur-Loing" in index
    assert list(server.cwd.glob("rapport*")) == []               # nothing left on the disk


def test_serve_has_help_with_examples(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", LAUNCH, "serve", "--help"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60,
                          env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src"),
                               "COLUMNS": "200"})
    assert done.returncode == 0
    for words in ("--no-browser", "--allow-remote", "--as-of", "--config", "Examples",
                  "pncaf serve --no-browser --port 9000", "docs/serve.md"):
        assert words in done.stdout, words


def test_outside_git_the_history_page_says_so_in_french(server: Server) -> None:
    client = server.client()
    client.login()
    page = client.get(f"{VALBRUNE}/historique")
    assert page.status == 200 and "n'est pas suivi par git" in page.plain


def test_a_change_made_in_an_editor_shows_at_the_next_page_load(server: Server) -> None:
    client = server.client()
    client.login()
    assert "Mairie de Valbrune-sur-Loing" in client.get("/").plain
    file = server.folder / "77-valbrune.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace(
        "Mairie de Valbrune-sur-Loing", "Commune de Valbrune"), encoding="utf-8")
    (server.folder / "77-copie.yaml").write_text(
        file.read_text(encoding="utf-8").replace("id: 77-valbrune", "id: 77-copie"),
        encoding="utf-8")
    network = client.get("/").plain
    assert "Mairie de Valbrune-sur-Loing" not in network
    assert network.count("Commune de Valbrune") == 2
    assert "Commune de Valbrune" in client.get("/conventions/77-copie").plain
