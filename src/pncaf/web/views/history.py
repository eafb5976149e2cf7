"""`/conventions/ID/historique`: in a git repository, each commit that changed the file,
with what it meant (`pncaf diff`), newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pncaf.actions.diff import HistoryRequest, file_history
from pncaf.web.views.common import convention_file, page, settings

if TYPE_CHECKING:
    from flask import Flask


def register(app: Flask) -> None:
    app.add_url_rule("/conventions/<convention_id>/historique", "history", history)


def history(convention_id: str) -> str:
    file = convention_file(convention_id)
    result = file_history(HistoryRequest(file, as_of=settings().today()))
    return page("history.html", title=f"Historique de {convention_id}",
                convention_id=convention_id, file=file, result=result)
