"""`/relances`: the reminders due, as drafts to read (nothing sent), and, when the team's
settings have [smtp], sending them behind a confirmation (first what would go, then the
officer confirms), with the log of what was already sent."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import Response, abort, request

from pncaf.actions.reminders import RemindersRequest, compose_reminders, send_reminders
from pncaf.actions.sentlog import sent_log
from pncaf.web.results import redirect_to_result
from pncaf.web.views.common import page, settings

if TYPE_CHECKING:
    from flask import Flask
    from werkzeug.wrappers import Response as BaseResponse


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
    return page("reminders.html", title="Relances", result=result,
                drafts=[shown(d) for d in drafts], only=only,
                log=sent_log(settings().config))


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


def shown(reminder: Any) -> dict[str, Any]:
    """A draft as the page shows it: who, what, and the text."""
    message = reminder.message
    body = message.get_body(preferencelist=("plain",))
    return {"item": reminder.item, "to": message.get("To", ""), "cc": message.get("Cc", ""),
            "subject": message.get("Subject", ""),
            "text": body.get_content() if body is not None else "",
            "attachments": [getattr(a, "filename", "") for a in reminder.attachments],
            "filename": reminder.filename}


def send() -> tuple[str, int] | BaseResponse:
    """Without `confirmer=oui`: what would be sent (nothing sent). With it: send, and
    redirect to the page saying what went (reloading it sends nothing)."""
    confirmed = request.form.get("confirmer") == "oui"
    result = send_reminders(_request(dry_run=not confirmed))
    status = 200 if result.ok else 422
    html = page("reminders_sent.html", title="Envoi des relances", result=result,
                confirmed=confirmed, log=sent_log(settings().config))
    return redirect_to_result(html) if confirmed and result.ok else (html, status)
