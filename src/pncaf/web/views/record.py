"""The saves made from a convention's page: record an event, record the report of an
uploaded annex 2 form, undo the last record, commit the file. Each is the action the
command line calls, with the digest of the file as shown (`sha256`): a file changed on disk
since is refused, nothing written, with a link to the current version."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from flask import request

from pncaf.actions.commit import CommitRequest, commit_file, proposed_commit
from pncaf.actions.record import UndoRequest, record, undo
from pncaf.actions.saved import explain_save
from pncaf.actions.show import ShowRequest, show_convention
from pncaf.actions.sign import SignRequest, sign
from pncaf.web.forms import record_request, text
from pncaf.web.messages import french_refusal, french_undone
from pncaf.web.results import redirect_to_result, redirect_with_message
from pncaf.web.views import convention as convention_page
from pncaf.web.views.common import convention_file, page, settings
from pncaf.web.wording import Said

if TYPE_CHECKING:
    from pathlib import Path

    from flask import Flask
    from werkzeug.wrappers import Response

    Answer = tuple[str, int] | Response

STALE = ("Cette convention a été modifiée depuis l'affichage de la page (par une autre "
         "personne, dans un éditeur ou par git) : rien n'a été enregistré.")
REFUSED = "Rien n'a été enregistré : "
UNDO_REFUSED = "Rien n'a été annulé : "


def register(app: Flask) -> None:
    app.add_url_rule("/conventions/<convention_id>/enregistrer", "record", save,
                     methods=["POST"])
    app.add_url_rule("/conventions/<convention_id>/annexe2", "upload_form", upload,
                     methods=["POST"])
    app.add_url_rule("/conventions/<convention_id>/signer", "sign", signed,
                     methods=["POST"])
    app.add_url_rule("/conventions/<convention_id>/annuler", "undo", take_back,
                     methods=["POST"])
    app.add_url_rule("/conventions/<convention_id>/valider", "commit", commit,
                     methods=["POST"])


def save(convention_id: str) -> Answer:
    file = convention_file(convention_id)
    return _recorded(convention_id, file, record(record_request(
        request.form, file, settings().today())))


def upload(convention_id: str) -> Answer:
    file = convention_file(convention_id)
    sent = request.files.get("form")
    if sent is None or not sent.filename:
        return convention_page.render(convention_id, file, request.form,
                                      {"form": "Choisissez le fichier .xlsx du formulaire."},
                                      422, REFUSED + "aucun fichier reçu.")
    form = request.form.copy()
    form["event"] = "report"
    return _recorded(convention_id, file, record(record_request(
        form, file, settings().today(), sent)))


def signed(convention_id: str) -> Answer:
    """The signature dates, written where the file holds `null` (the action `sign`)."""
    file = convention_file(convention_id)
    return _recorded(convention_id, file, sign(SignRequest(
        file, text(request.form, "signed_caf"), text(request.form, "signed_partner"),
        text(request.form, "sha256"), today=settings().today())),
        "Les dates de signature sont inscrites")


def _recorded(convention_id: str, file: Path, result: Any,
              what: str = "L'événement est ajouté à l'historique") -> Answer:
    """The page after a record: what it changed in meaning and in findings; or the form
    again with the refusal beside its field and the input kept."""
    if not result.ok:
        return _refused(convention_id, file, result.refused)
    s = settings()
    meaning = explain_save(file, result.before, result.after, s.today(), s.config)
    view = show_convention(ShowRequest(file, s.today(), s.config))
    return redirect_to_result(page(
        "saved.html", title="Enregistré", convention_id=convention_id, view=view,
        result=result, meaning=meaning, what=what,
        commit=proposed_commit(CommitRequest(file, s.today()))))


def _refused(convention_id: str, file: Path, refused: Any,
             lead: str = REFUSED) -> Answer:
    """The page again with the refusal; `lead` (« Rien n'a été enregistré : ») said once
    only, never before a sentence that says it already."""
    field = getattr(refused, "field", None)
    if field == "sha256":
        return convention_page.render(convention_id, file, request.form,
                                      {"sha256": STALE}, 409, STALE, stale=True)
    said = french_refusal(field, str(refused))
    return convention_page.render(convention_id, file, request.form,
                                  {field: said} if field else {}, 422,
                                  Said(_once(lead, said.text), said.detail))


def _once(lead: str, text: str) -> str:
    """`lead` before `text`, unless `text` already says nothing was recorded or undone."""
    if re.search(r"rien n'a été (enregistré|annulé)", text, re.IGNORECASE):
        return text
    return lead + text


def take_back(convention_id: str) -> Answer:
    file = convention_file(convention_id)
    result = undo(UndoRequest(file, text(request.form, "sha256")))
    if not result.ok:
        return _refused(convention_id, file, result.refused, UNDO_REFUSED)
    return redirect_with_message("Annulé : le dernier enregistrement "
                                 f"({french_undone(result.undone)}) n'est plus dans le "
                                 "fichier.", convention_id=convention_id)


def commit(convention_id: str) -> Answer:
    file = convention_file(convention_id)
    result = commit_file(CommitRequest(file, settings().today(), text(request.form,
                                                                      "sha256")))
    if not result.ok:
        return _refused(convention_id, file, result.refused)
    return redirect_with_message("La modification est validée dans "
                                 "l'historique des versions (sur ce poste, rien n'est "
                                 f"envoyé ; référence {result.sha[:10]}).",
                                 convention_id=convention_id)
