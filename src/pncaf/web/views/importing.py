"""`/importer`: import a convention already signed (Word, PDF, text, a scan). First the
preview: the file pncaf would write, each value beside the source line it was read from,
all of it editable; nothing is written until the officer confirms (the action `import`
calls, never over an existing file)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flask import request

from pncaf.actions.import_check import import_errors
from pncaf.actions.importing import (
    ImportConfirmRequest,
    ImportPreviewRequest,
    confirm_import,
    preview_import,
)
from pncaf.actions.locate import new_file
from pncaf.web.forms import text
from pncaf.web.results import redirect_to_result, redirect_with_message
from pncaf.web.views.common import page, settings
from pncaf.web.wording import Said, import_warning, refusal

if TYPE_CHECKING:
    from flask import Flask
    from werkzeug.wrappers import Response

    from pncaf.actions.rule_names import Diagnostic

#: The comment `import` puts after a value: where it was read in the source.
LINE_NOTE = re.compile(r"^(?P<value>.*?)\s+# line (?P<line>\d+)\s*$")
NOT_VALID = ("Rien n'a été écrit : la convention aurait {n} erreur{s}, listée{s} ci-dessus. "
             "Corrigez les valeurs dans le contenu du fichier, puis confirmez de nouveau.")
BAD_ID = ("Identifiant invalide : lettres sans accent, chiffres et tirets, par exemple "
          "77-nouvelle-commune.")


def register(app: Flask) -> None:
    app.add_url_rule("/importer", "import_form", import_form)
    app.add_url_rule("/importer/apercu", "import_preview", preview, methods=["POST"])
    app.add_url_rule("/importer/confirmer", "import_confirm", confirm, methods=["POST"])


def import_form() -> str:
    return page("import.html", title="Importer une convention signée", errors={},
                values=None)


def preview() -> tuple[str, int] | Response:
    """The import shown before it is written, by a redirect to a GET page (post/redirect/
    get): going back to it after confirming never asks the browser to post again."""
    name = text(request.form, "id") or ""
    target = new_file(settings().paths, name)
    sent = request.files.get("source")
    errors: dict[str, str | Said] = {}
    if target is None:
        errors["id"] = BAD_ID
    if sent is None or not sent.filename:
        errors["source"] = "Choisissez le fichier de la convention signée."
    if errors or target is None or sent is None:
        return _again(errors)
    filename = (sent.filename or "").replace("\\", "/").rsplit("/", 1)[-1][:100]
    result = preview_import(ImportPreviewRequest(sent.read(), filename, target))
    if result.refused:
        field = getattr(result.refused, "field", None)
        return _again({"id" if field == "target" else "source":
                       refusal(str(result.refused), "Rien n'a été importé : ce fichier "
                               "n'a pas pu être lu comme une convention.")})
    return redirect_to_result(page(
        "import_preview.html", title="Aperçu de l'import", name=name, source_name=filename,
        result=result, pairs=pairs(result.text, result.lines),
        problems=import_errors(result.text, target, settings().today()),
        missing=[import_warning(w) for w in result.warnings], errors={}))


def pairs(yaml_text: str, lines: list[str]) -> list[tuple[str, int, str]]:
    """Each value of the file to write with the source line it was read from."""
    out = []
    for line in yaml_text.splitlines():
        found = LINE_NOTE.match(line)
        if found:
            number = int(found["line"])
            source = lines[number - 1] if 0 < number <= len(lines) else ""
            out.append((found["value"].strip(), number, source.strip()))
    return out


def confirm() -> tuple[str, int] | Response:
    """Write the confirmed text, only when `check` finds no error in it: otherwise the
    preview again, the errors listed in French, the text as the officer left it."""
    name = text(request.form, "id") or ""
    target = new_file(settings().paths, name)
    content = request.form.get("text", "").replace("\r\n", "\n")
    if target is None:
        return _preview_again(name, content, {"id": BAD_ID})
    problems = import_errors(content, target, settings().today())
    if problems:
        return _preview_again(name, content, {"text": Said(NOT_VALID.format(
            n=len(problems), s="s" if len(problems) > 1 else ""))}, problems)
    result = confirm_import(ImportConfirmRequest(target, content))
    if result.refused:
        field = getattr(result.refused, "field", None)
        return _preview_again(name, content, {"id" if field == "target" else "text":
                                              refusal(str(result.refused),
                                                      "Rien n'a été écrit.")})
    twins = "".join(f" {t.warning_fr()}" for t in result.duplicates)
    return redirect_with_message(f"Convention importée : {target}. Vérifiez ses "
                                 f"avertissements ci-dessous.{twins}", convention_id=name,
                                 ok=not result.duplicates)


def _preview_again(name: str, content: str, errors: dict[str, str | Said],
                   problems: list[Diagnostic] | None = None) -> tuple[str, int]:
    return page("import_preview.html", title="Aperçu de l'import", name=name,
                source_name="", result=None, pairs=[], text=content, missing=[],
                problems=problems or [], errors=errors), 422


def _again(errors: dict[str, str | Said]) -> tuple[str, int]:
    return page("import.html", title="Importer une convention signée", errors=errors,
                values=request.form), 422
