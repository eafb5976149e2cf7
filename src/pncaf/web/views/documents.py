"""Downloads of one convention's documents, made in memory by the action the command line
calls: the convention (.docx, .pdf), the certificate, the contact sheet, the annex 2 form
of a semester."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Response, abort, request

from pncaf.actions.documents import FORMATS, DocumentRequest, make_document
from pncaf.web.views.common import convention_file, page, settings
from pncaf.web.wording import explained

if TYPE_CHECKING:
    from flask import Flask

KIND_NAMES = {"convention": "la convention", "certificate": "l'attestation",
              "sheet": "la fiche contact", "form": "le formulaire annexe 2"}


def register(app: Flask) -> None:
    app.add_url_rule("/conventions/<convention_id>/documents/<kind>.<fmt>", "document",
                     document)


def document(convention_id: str, kind: str, fmt: str) -> Response | tuple[str, int]:
    if kind not in FORMATS or fmt not in FORMATS[kind]:
        abort(404)
    file = convention_file(convention_id)
    s = settings()
    made = make_document(DocumentRequest(
        file, kind, fmt, period=request.args.get("period", "").strip()[:20] or None,  # type: ignore[arg-type]
        config=s.config, today=s.today()))
    if not made.ok:
        return page("refused.html", title="Document impossible", convention_id=convention_id,
                    what=KIND_NAMES[kind],
                    message=explained(str(made.refused))), 422
    return Response(made.data, mimetype=made.media_type.split(";")[0], headers={
        "Content-Disposition": f'attachment; filename="{made.filename}"'})
