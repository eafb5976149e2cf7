"""`/nouvelle`: create a convention, asking what `pncaf new` asks; written only when it
passes `check`, never over an existing file (the action `new` calls)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import request

from pncaf.actions.asking import new_questions
from pncaf.actions.create import CreateRequest, create, start
from pncaf.actions.locate import locate, new_file
from pncaf.web.forms import text
from pncaf.web.messages import french_creation
from pncaf.web.results import redirect_with_message
from pncaf.web.views.common import overview, page, settings
from pncaf.web.wording import Said, refusal

if TYPE_CHECKING:
    from flask import Flask
    from werkzeug.wrappers import Response

EQUIPMENT = (("computers", "Nombre d'ordinateurs"), ("printers", "Nombre d'imprimantes"),
             ("scanners", "Nombre de scanners"))


def register(app: Flask) -> None:
    app.add_url_rule("/nouvelle", "create", create_page, methods=["GET", "POST"])


def create_page() -> tuple[str, int] | Response:
    if request.method == "GET":
        return _form({}, None, 200)
    s = settings()
    name = text(request.form, "id") or ""
    file = new_file(s.paths, name)
    if file is None:
        return _form({"id": "Identifiant invalide : lettres sans accent, chiffres et tirets, "
                            "par exemple 77-nouvelle-commune."}, None, 422)
    source_id = text(request.form, "from")
    source = locate(s.paths, source_id) if source_id else None
    given = {q.key: text(request.form, q.key) for q in new_questions()}
    counts = {}
    for key, _ in EQUIPMENT:
        value = text(request.form, key) or "0"
        if not (value.isascii() and value.isdigit() and len(value) <= 3):
            return _form({key: "Un nombre entier, par exemple 2."}, None, 422)
        counts[key] = int(value)
    request_ = CreateRequest(file, given, source, counts, id=name)
    started = start(request_)
    if started.refused:
        return _form(_beside_fields(str(started.refused), getattr(started.refused, "field",
                                                                  None)), None, 422)
    missing: dict[str, str | Said] = {q.key: "À remplir." for q in started.missing}
    if missing:
        return _form(missing, "Rien n'a été créé : remplissez les champs signalés.", 422)
    made = create(request_)
    if made.refused:
        return _form(_beside_fields(str(made.refused), getattr(made.refused, "field", None)),
                     None, 422)
    return redirect_with_message(f"Convention créée : {file}.",
                                 convention_id=name)


def _beside_fields(message: str, field: str | None) -> dict[str, str | Said]:
    """`new`'s refusal (« siren: …; hours: … ») split beside the fields it names."""
    keys = {q.key.replace("_", "-"): q.key for q in new_questions()}
    errors: dict[str, str | Said] = {}
    for part in message.split("; "):
        name, _, why = part.partition(": ")
        if name in keys and why:
            errors[keys[name]] = french_creation(keys[name], why)
    if not errors:
        errors[{"file": "id"}.get(field or "", field or "_")] = refusal(
            message, "Rien n'a été créé : voir le détail technique.")
    errors.setdefault("_", "Rien n'a été créé : corrigez les champs signalés.")
    return errors


def _form(errors: dict[str, str | Said], message: str | None, status: int) -> tuple[str, int]:
    sources = [r for r in overview().rows if r.valid]
    if message:
        errors = {**errors, "_": message}
    return page("create.html", title="Nouvelle convention", questions=new_questions(),
                equipment=EQUIPMENT, sources=sources, values=request.form if
                request.method == "POST" else None, errors=errors), status
