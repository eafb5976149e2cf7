"""Saving through `pncaf serve` is `pncaf record`: the same bytes, the same refusals (shown
beside their field, the input kept), the same undo; a form made from a stale view is
refused and writes nothing; two officers saving at once never lose an event silently."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

from serving import LAUNCH, ROOT, Reply, Server

VALBRUNE = "/conventions/77-valbrune"


def cli_record(tmp: Path, *args: str) -> bytes:
    """The file `pncaf record` writes from the shipped convention, on a copy."""
    folder = tmp / "cli"
    shutil.copytree(ROOT / "conventions", folder / "conventions")
    done = subprocess.run([sys.executable, "-c", LAUNCH, "record",
                           "conventions/77-valbrune.yaml", *args], cwd=folder,
                          capture_output=True, text=True, timeout=60,
                          env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr
    return (folder / "conventions/77-valbrune.yaml").read_bytes()


def test_a_visit_recorded_in_the_browser_is_the_edit_record_makes(server: Server,
                                                                  tmp_path: Path) -> None:
    client = server.client()
    client.login()
    client.get(VALBRUNE)
    reply = client.post(f"{VALBRUNE}/enregistrer", client.form(
        event="visit", date="02/11/2026", outcome="compliant", note="affichage à revoir",
        period="", indicator="", attendee=""))
    assert reply.status == 200, reply.plain
    assert "Visite de la Caf le 2 novembre 2026" in reply.plain      # the meaning
    expected = cli_record(tmp_path, "visit", "--date", "2026-11-02", "--outcome",
                          "compliant", "--note", "affichage à revoir")
    assert (server.folder / "77-valbrune.yaml").read_bytes() == expected


def test_a_training_with_two_attendees_and_a_report_with_indicators(server: Server,
                                                                    tmp_path: Path) -> None:
    client = server.client()
    client.login()
    client.get(VALBRUNE)
    reply = client.post(f"{VALBRUNE}/enregistrer", [
        *client.form(event="training", date="2026-11-20", kind="webinaire"),
        ("attendee", "Léa Martin"), ("attendee", "Karim Benali")])
    assert reply.status == 200, reply.plain
    expected = cli_record(tmp_path, "training", "--date", "2026-11-20", "--kind",
                          "webinaire", "--attendee", "Léa Martin", "--attendee",
                          "Karim Benali")
    assert (server.folder / "77-valbrune.yaml").read_bytes() == expected


def test_a_refusal_is_shown_beside_its_field_with_the_input_kept(server: Server) -> None:
    client = server.client()
    client.login()
    client.get(VALBRUNE)
    file = server.folder / "77-valbrune.yaml"
    before = file.read_bytes()
    reply = client.post(f"{VALBRUNE}/enregistrer", client.form(
        event="report", date="2027-01-08", period="2026-S2", indicator="accueils=douze"))
    assert reply.status == 422
    page = reply.plain
    field = page[page.index('<label for="f-indicator"'):]
    field = field[:field.index("</textarea>")]
    assert 'class="field-error" id="err-indicator"' in field and "NOM=NOMBRE" in field
    assert "NAME=COUNT" in field                    # the command's words, as the detail
    assert "accueils=douze" in field                          # the input is kept
    assert 'value="2026-S2"' in page and "Rien n'a été enregistré" in page
    assert file.read_bytes() == before


def test_a_missing_date_is_asked_for_in_french_beside_the_date(server: Server) -> None:
    client = server.client()
    client.login()
    client.get(VALBRUNE)
    reply = client.post(f"{VALBRUNE}/enregistrer", client.form(event="committee", date="",
                                                               note="bilan"))
    assert reply.status == 422
    page = reply.plain
    field = page[page.index('<label for="f-date"'):page.index('<label for="f-period"')]
    assert "La date est obligatoire" in field
    assert 'value="bilan"' in page


def test_a_form_from_a_stale_view_is_refused_with_a_link_and_writes_nothing(
        server: Server) -> None:
    client = server.client()
    client.login()
    client.get(VALBRUNE)
    file = server.folder / "77-valbrune.yaml"
    edited = file.read_bytes() + b"# edited by another officer\n"
    file.write_bytes(edited)
    reply = client.post(f"{VALBRUNE}/enregistrer", client.form(event="committee",
                                                               date="2026-11-02"))
    assert reply.status == 409
    assert "modifiée depuis l'affichage" in reply.plain and "rien n'a été enregistré" in \
        reply.plain
    assert f'href="{VALBRUNE}"' in reply.text                # the current version
    assert file.read_bytes() == edited


def test_undo_takes_back_the_last_record(server: Server) -> None:
    client = server.client()
    client.login()
    client.get(VALBRUNE)
    file = server.folder / "77-valbrune.yaml"
    before = file.read_bytes()
    saved = client.post(f"{VALBRUNE}/enregistrer", client.form(event="committee",
                                                               date="2026-11-02"))
    assert saved.status == 200 and file.read_bytes() != before
    client.hidden = __import__("serving").hidden_fields(saved.text)
    undone = client.post(f"{VALBRUNE}/annuler", client.form())
    assert undone.status == 200 and "(comité de pilotage du 2 novembre 2026)" in undone.plain
    assert file.read_bytes() == before


def test_two_officers_saving_at_once_never_lose_an_event_silently(server: Server) -> None:
    officers = [server.client(), server.client()]
    for officer in officers:
        officer.login()
        officer.get(VALBRUNE)
    replies: list[Reply] = []
    dates = ["2026-11-02", "2026-11-03"]

    def save(number: int) -> None:
        replies.append(officers[number].post(f"{VALBRUNE}/enregistrer", officers[
            number].form(event="committee", date=dates[number])))

    threads = [threading.Thread(target=save, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    text = (server.folder / "77-valbrune.yaml").read_text(encoding="utf-8")
    kept = [d for d in dates if f"{{date: {d}, event: committee}}" in text]
    saved = [r for r in replies if r.status == 200]
    refused = [r for r in replies if r.status == 409]
    assert len(kept) == len(saved) and len(saved) + len(refused) == 2
    assert all("modifiée depuis l'affichage" in r.plain for r in refused)
    assert saved                                  # one of them at least is written


def test_signatures_are_written_in_place_of_null_and_never_over_a_date(
        server: Server) -> None:
    path = "/conventions/77-villeparisis"
    client = server.client()
    client.login()
    page = client.get(path)
    assert "Inscrire les signatures" in page.plain and "brouillon" in page.plain
    file = server.folder / "77-villeparisis.yaml"
    before = file.read_text(encoding="utf-8")
    future = client.post(f"{path}/signer", client.form(signed_caf="10/01/2026",
                                                       signed_partner="12/01/2099"))
    assert future.status == 422 and file.read_text(encoding="utf-8") == before  # not after today
    client.get(path)
    reply = client.post(f"{path}/signer", client.form(signed_caf="10/01/2026",
                                                      signed_partner="2026-01-12"))
    assert reply.status == 200, reply.plain[-1500:]
    after = file.read_text(encoding="utf-8")
    assert after == before.replace("signed: {caf: null, partner: null}",
                                   "signed: {caf: 2026-01-10, partner: 2026-01-12}")
    page = client.get(path)
    assert "Inscrire les signatures" not in page.plain and "12 janvier 2026" in page.plain
    again = client.post(f"{path}/signer", client.form(signed_caf="2026-02-02"))
    assert again.status == 422 and "se corrige dans le fichier" in again.plain
    assert file.read_text(encoding="utf-8") == after
    client.get(path)
    undone = client.post(f"{path}/annuler", client.form())
    assert undone.status == 200 and file.read_text(encoding="utf-8") == before
    assert ("la signature de la Caf du 10 janvier 2026 et la signature du partenaire du "
            "12 janvier 2026") in undone.plain                       # in French
