"""`/nouvelle`: create a convention, asking what `pncaf new` asks; written only when it
passes `check`, never over an existing file (the action `new` calls)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import request

from pncaf.actions.asking import new_questions
from pncaf.actions.create import CreateRequest, create
from pncaf.actions.create_check import creation_problems, french_hours
from pncaf.actions.locate import locate, new_file
from pncaf.web.forms import text
from pncaf.web.messages import french_creation
from pncaf.web.results import redirect_with_message
from pncaf.web.views.common import overview, page, settings
from pncaf.web.wording import Said, refusal

if TYPE_CHECKING:
    from flask import Flask
    from werkzeug.wrappers import Response

BAD_ID = ("Identifiant invalide : lettres sans accent, chiffres et tirets, par exemple "
          "77-nouvelle-commune.")
EXISTS = ("Une convention porte déjà cet identifiant : choisissez-en un autre (un fichier "
          "existant n'est jamais remplacé).")
#: An example that passes Art. 4 itself (4 half-days, 13 hours a week).
HOURS_EXAMPLE = "lundi 8h30-12h, 14h-17h30 ; jeudi 9h-12h, 14h-17h"
HOURS_LABEL = ("Horaires du lieu : chaque jour suivi de ses plages, les jours séparés par "
               f"« ; », par exemple {HOURS_EXAMPLE} (au moins 4 demi-journées et 12 heures "
               "par semaine)")
LABELS = {"hours": HOURS_LABEL,
          "level2_contact": "Courriel de contact niveau 2 de la Caf (par exemple "
                            "partenariats@caf77.fr)"}
EQUIPMENT = (("computers", "Nombre d'ordinateurs"), ("printers", "Nombre d'imprimantes"),
             ("scanners", "Nombre de scanners"))


def register(app: Flask) -> None:
    app.add_url_rule("/nouvelle", "create", create_page, methods=["GET", "POST"])


def create_page() -> tuple[str, int] | Response:
    """Every field checked in one pass: the page again lists every problem at once."""
    if request.method == "GET":
        return _form({}, None, 200)
    s = settings()
    name = text(request.form, "id") or ""
    file = new_file(s.paths, name)
    errors: dict[str, str | Said] = {}
    if file is None:
        errors["id"] = BAD_ID
    elif file.exists():
        errors["id"] = EXISTS
    source_id = text(request.form, "from")
    source = locate(s.paths, source_id) if source_id else None
    given = {q.key: text(request.form, q.key) for q in new_questions()}
    given["hours"] = french_hours(given.get("hours"))
    counts = _counts(errors)
    problems, missing = creation_problems(given, source, counts)
    for key, why in problems.items():
        errors[key if key in given else "_"] = french_creation(key, why)
    for key in missing:
        errors.setdefault(key, "À remplir.")
    if errors or file is None:
        count = len([k for k in errors if k != "_"])
        return _form(errors, f"Rien n'a été créé : {count} champ{'s' if count > 1 else ''} "
                     "à corriger ou à remplir, signalé" + ("s" if count > 1 else "")
                     + " ci-dessous.", 422)
    made = create(CreateRequest(file, given, source, counts, id=name))
    if made.refused:
        field = "hours" if "Art. 4" in str(made.refused) else getattr(made.refused, "field",
                                                                        None)
        return _form(_beside_fields(str(made.refused), field), None, 422)
    twins = "".join(f" {t.warning_fr()}" for t in made.duplicates)
    return redirect_with_message(f"Convention créée : {file}.{twins}", convention_id=name,
                                 ok=not made.duplicates)


def _counts(errors: dict[str, str | Said]) -> dict[str, int]:
    """The equipment counts typed; a count that is not a whole number goes in `errors`."""
    counts = {}
    for key, _ in EQUIPMENT:
        value = text(request.form, key) or "0"
        if not (value.isascii() and value.isdigit() and len(value) <= 3):
            errors[key] = "Un nombre entier, par exemple 2."
        counts[key] = int(value) if value.isascii() and value.isdigit() else 0
    return counts


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
    sources = list({r.caf: r for r in reversed(overview().rows) if r.valid and r.caf}
                   .values())
    sources.sort(key=lambda r: r.caf)
    if message:
        errors = {**errors, "_": message}
    return page("create.html", title="Nouvelle convention", questions=new_questions(),
                labels=LABELS,
                equipment=EQUIPMENT, sources=sources, values=request.form if
                request.method == "POST" else None, errors=errors), status
