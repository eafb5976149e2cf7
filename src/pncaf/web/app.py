"""The Flask application of `pncaf serve`: templates (autoescaped), the security gate,
the pages, and French error pages that show no data."""

from __future__ import annotations

import io
from typing import IO, TYPE_CHECKING, Any

from flask import Flask, Request

from pncaf.actions.cached_overview import OverviewCache
from pncaf.web import results, security
from pncaf.web.settings import MAX_UPLOAD, ServeSettings

if TYPE_CHECKING:
    from werkzeug.exceptions import HTTPException

ERRORS = {
    400: ("Adresse refusée", "Cette adresse ne correspond pas au serveur pncaf. Ouvrez "
          "l'adresse affichée par « pncaf serve » dans le terminal."),
    403: ("Accès refusé", "Ouvrez l'adresse complète affichée par « pncaf serve » (avec son "
          "jeton), ou rechargez la page d'où vient le formulaire et envoyez-le de nouveau. "
          "Rien n'a été enregistré."),
    404: ("Page introuvable", "Aucune convention ni page ne porte ce nom. Revenez à la liste "
          "du réseau."),
    405: ("Action impossible", "Cette adresse ne s'utilise pas ainsi. Revenez à la liste du "
          "réseau."),
    413: ("Fichier trop volumineux", "Le fichier envoyé dépasse 50 Mo, la taille maximale "
          "acceptée. Rien n'a été enregistré : envoyez un fichier plus petit (un PDF "
          "numérisé en 300 ppp suffit)."),
    500: ("Erreur interne de pncaf", "Cette page n'a pas pu être produite : c'est une "
          "erreur de pncaf, pas de votre fait. Le détail est dans la fenêtre où tourne "
          "« pncaf serve » ; signalez-le avec la convention concernée."),
}


class InMemoryRequest(Request):
    """Uploads are read in memory, never spooled to a temporary file: no part of a
    request reaches the disk (the size is bounded by MAX_CONTENT_LENGTH)."""

    max_form_parts = 200

    def _get_file_stream(self, total_content_length: int | None, content_type: str | None,
                         filename: str | None = None, content_length: int | None = None,
                         ) -> IO[bytes]:
        return io.BytesIO()


def create_app(settings: ServeSettings) -> Flask:
    """One application for one run: its settings live in `app.config["PNCAF"]`."""
    from pncaf.web import views

    app = Flask("pncaf.web", template_folder="templates", static_folder="static")
    app.request_class = InMemoryRequest
    app.config.update(PNCAF=settings, MAX_CONTENT_LENGTH=MAX_UPLOAD,
                      MAX_FORM_MEMORY_SIZE=2 * 1024 * 1024, TEMPLATES_AUTO_RELOAD=False)
    app.jinja_env.autoescape = True
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    from pncaf.web.findings import french, rule_name
    from pncaf.web.wording import explained, note

    app.jinja_env.globals.update(csrf_token=security.csrf_token, finding_fr=french,
                                 rule_name=rule_name, note_fr=note,
                                 refusal_fr=explained)
    # the network's rows, computed again only for the files that changed on disk
    app.extensions["pncaf.overview"] = OverviewCache()
    security.install(app, settings)
    results.install(app)
    views.register(app)
    for code in ERRORS:
        app.register_error_handler(code, _error_page)
    return app


def _error_page(error: HTTPException) -> Any:
    code = error.code or 500
    title, text = ERRORS.get(code, ("Erreur", "La demande n'a pas pu aboutir."))
    from pncaf.web.views.common import page

    return page("error.html", title=title, text=text, code=code, bare=code in (400, 403)), code
