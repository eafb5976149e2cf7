"""`/relances`: the reminders due, as drafts to read (nothing sent), and, when the team's
settings have [smtp], sending the ones the officer ticks (all by default) behind a
confirmation (first what would go, then the officer confirms), each draft with the day it
was already sent (the sent log), and the log itself."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Response, abort, request

from pncaf.actions.reminder_choice import draft_states, send_chosen
from pncaf.actions.reminders import RemindersRequest, compose_reminders
from pncaf.actions.sentlog import sent_log
from pncaf.web.results import redirect_to_result
from pncaf.web.views.common import page, settings

if TYPE_CHECKING:
    from flask import Flask
    from werkzeug.wrappers import Response as BaseResponse

    from pncaf.actions.reminder_choice import DraftState

#: A line of a message to the officer that says which command to type: the page gives a
#: link to the convention's page instead (the e-mail keeps its text).
COMMAND_LINE = re.compile(r"(?m)^(.*?)pncaf record .*$")
NONE_CHOSEN = ("Aucun message coché : cochez ceux à envoyer, puis « Voir ce qui serait "
               "envoyé ». Rien n'a été envoyé.")


def register(app: Flask) -> None:
    app.add_url_rule("/relances", "reminders", reminders)
    app.add_url_rule("/relances/envoyer", "send", send, methods=["POST"])
    app.add_url_rule("/relances/brouillons/<name>", "draft", draft)


def _request(dry_run: bool = False) -> RemindersRequest:
    s = settings()
    return RemindersRequest(paths=s.paths, as_of=s.today(), config=s.config, dry_run=dry_run)


def reminders() -> str:
    result = compose_reminders(_request())
    only = request.args.get("convention", "")
    drafts = [d for d in result.drafts if not only or d.item.convention == only]
    states = draft_states(drafts, settings().config, settings().today())
    listed = [shown(d, states.get(d.item.uid)) for d in drafts]
    return page("reminders.html", title="Relances", result=result, drafts=listed, only=only,
                held=held(result.not_addressable, only),
                duplicates=[h for h in result.held if not only or h.convention == only],
                to_send=sum(1 for d in listed if d["to_send"]),
                log=sent_log(settings().config))


#: `{file}: [mail] from in pncaf.toml names « … »`: the reminder refused because the
#: sender is another Caf (`outputs.caf_identity`), not because it has no recipient.
OTHER_CAF = re.compile(r"\[mail\] from in pncaf\.toml names « ")


def held(reasons: list[str], only: str) -> list[dict[str, str]]:
    """Each reminder not prepared, with its French label (« Sans destinataire », or
    « Envoyée au nom d'une autre Caf »); with `only`, just those of that convention (the
    reason starts with the file's path, named after the convention or not)."""
    mine = None
    if only:
        from pncaf.web.views.common import convention_file

        mine = convention_file(only)
    kept = []
    for why in reasons:
        if mine is not None and not _about(why, mine):
            continue
        label = ("Relance retenue, envoyée au nom d'une autre Caf" if OTHER_CAF.search(why)
                 else "Sans destinataire")
        kept.append({"label": label, "why": why})
    return kept


def _about(why: str, file: Path) -> bool:
    named = why.split(": ", 1)[0]
    return Path(named).name == file.name


def draft(name: str) -> Response:
    """One draft as an `.eml` file that Outlook or Thunderbird opens for editing and
    sending (`X-Unsent: 1`), as `pncaf reminders -o` writes it; found by its name among the
    drafts due, never read from the disk."""
    result = compose_reminders(_request())
    found = next((d for d in result.drafts if d.filename == name), None)
    if found is None:
        abort(404)
    return Response(found.draft, mimetype="message/rfc822", headers={
        "Content-Disposition": f'attachment; filename="{found.filename}"'})


def shown(reminder: Any, state: DraftState | None = None) -> dict[str, Any]:
    """A draft as the page shows it: who, what, the text, whether it was sent and when;
    a message to the officer links to the convention's page rather than a command."""
    message = reminder.message
    body = message.get_body(preferencelist=("plain",))
    internal = reminder.addressing.audience == "officer"
    text = body.get_content() if body is not None else ""
    if internal:
        text = COMMAND_LINE.sub(r"\1sur la page de la convention (lien ci-dessus).", text)
    return {"item": reminder.item, "to": message.get("To", ""), "cc": message.get("Cc", ""),
            "subject": message.get("Subject", ""), "text": text, "internal": internal,
            "attachments": [getattr(a, "filename", "") for a in reminder.attachments],
            "filename": reminder.filename, "uid": reminder.item.uid,
            "last_sent": state.last_sent if state else None,
            "to_send": state.to_send if state else True}


def send() -> tuple[str, int] | BaseResponse:
    """The ticked messages (`relance`): without `confirmer=oui`, what would be sent
    (nothing sent); with it, send them and redirect to the page saying what went
    (reloading it sends nothing)."""
    confirmed = request.form.get("confirmer") == "oui"
    chosen = frozenset(request.form.getlist("relance"))
    if not chosen:
        return page("reminders_sent.html", title="Envoi des relances", result=None,
                    confirmed=False, none_chosen=NONE_CHOSEN,
                    log=sent_log(settings().config)), 422
    result = send_chosen(_request(dry_run=not confirmed), chosen)
    status = 200 if result.ok else 422
    html = page("reminders_sent.html", title="Envoi des relances", result=result,
                confirmed=confirmed, none_chosen=None, log=sent_log(settings().config))
    # the preview too comes by a GET after a redirect: Back from the page after sending
    # shows it again rather than asking the browser to post the form once more
    return redirect_to_result(html) if result.ok else (html, status)
