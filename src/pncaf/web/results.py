"""Post/redirect/get: a save answers with a redirect (303), never with a page, so that
reloading the page shown after it (F5) or going back never sends the form again.

The page a save produces (« Ce que cela change », the findings added, what was sent) is
kept here, made once when the save succeeded, under a random id that only the session
that saved may open: `/resultat/<id>` shows it as many times as the officer reloads it.
A short message for the convention's page (« Annulé : … ») goes through Flask's flash
instead. The store lives in the application (one per run), bounded to the last
`KEPT` results: nothing is written to the disk."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask
    from werkzeug.wrappers import Response as BaseResponse

#: How many result pages the server keeps (older ones show the 404 page, in French).
KEPT = 200
EXTENSION = "pncaf.results"


class ResultStore:
    """Result pages by id, with the session (its CSRF token) allowed to open each."""

    def __init__(self) -> None:
        self._pages: OrderedDict[str, tuple[str, str]] = OrderedDict()
        self._lock = threading.Lock()      # waitress serves requests from several threads

    def keep(self, owner: str, html: str) -> str:
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._pages[key] = (owner, html)
            while len(self._pages) > KEPT:
                self._pages.popitem(last=False)
        return key

    def find(self, owner: str, key: str) -> str | None:
        with self._lock:
            found = self._pages.get(key)
        return found[1] if found is not None and owner and found[0] == owner else None


def install(app: Flask) -> None:
    app.extensions[EXTENSION] = ResultStore()
    app.add_url_rule("/resultat/<key>", "result", shown)


def _store() -> ResultStore:
    from flask import current_app

    store = current_app.extensions[EXTENSION]
    assert isinstance(store, ResultStore)
    return store


def _owner() -> str:
    from flask import session

    return str(session.get("csrf", ""))


def redirect_to_result(html: str) -> BaseResponse:
    """303 to the page made by a successful save."""
    from flask import redirect, url_for

    return redirect(url_for("result", key=_store().keep(_owner(), html)), 303)


def redirect_with_message(message: str, convention_id: str, ok: bool = True) -> BaseResponse:
    """303 to a convention's page, which shows `message` once, as a success (or, `ok`
    false, as something to look at: a save made, with a doubt)."""
    from flask import flash, redirect, url_for

    flash(message, "ok" if ok else "warning")
    return redirect(url_for("convention", convention_id=convention_id), 303)


def shown(key: str) -> str:
    from flask import abort

    html = _store().find(_owner(), key)
    if html is None:
        abort(404)
    return html
