"""Who gets in, and what a page may do once shown.

- `Host` must be the address served (or `localhost` / `127.0.0.1` for a loopback bind):
  anything else is 400, so a page on another site cannot reach the server by DNS
  rebinding.
- The first visit carries `?token=`; it becomes a session cookie (HttpOnly,
  SameSite=Strict) and a redirect to the same address without the token. A request with
  neither gets 403 and no data.
- Every POST carries the session's CSRF token in the form field `csrf`, and no foreign
  `Origin` nor `Sec-Fetch-Site: cross-site/same-site` (another port on 127.0.0.1 is the
  same *site* for a browser: SameSite alone does not stop it). `Origin: null` is what a
  browser sends for our own forms under `Referrer-Policy: no-referrer`; the CSRF token
  decides then.
- Every response carries a CSP without inline script, no framing, nosniff, no referrer,
  and `no-store` (pages show partners' data).
"""

from __future__ import annotations

import hmac
import secrets
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit

from markupsafe import escape

if TYPE_CHECKING:
    from flask import Flask, Response
    from werkzeug.wrappers import Response as BaseResponse

    from pncaf.web.settings import ServeSettings

CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def install(app: Flask, settings: ServeSettings) -> None:
    """The checks before every view, and the headers after."""
    app.secret_key = secrets.token_bytes(32)          # fresh at each start
    app.config.update(
        # one cookie per port: two servers on 127.0.0.1 must not share a session
        SESSION_COOKIE_NAME=f"pncaf_session_{settings.port}",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=False,                   # plain HTTP on loopback; see docs
        SESSION_REFRESH_EACH_REQUEST=False,
    )
    app.before_request(lambda: _gate(settings))
    app.after_request(_headers)


def _gate(settings: ServeSettings) -> BaseResponse | None:
    from flask import abort, redirect, request, session

    if not known_host(request.host.lower(), settings):
        abort(400)
    if request.endpoint == "static":
        return None                                    # the style sheet holds no data
    token = request.args.get("token")
    if token is not None:
        if not hmac.compare_digest(token.encode(), settings.token.encode()):
            abort(403)
        session.clear()
        session["in"] = True
        session["csrf"] = secrets.token_urlsafe(32)
        rest = [(k, v) for k, v in request.args.items(multi=True) if k != "token"]
        target = request.path + (f"?{urlencode(rest)}" if rest else "")
        response = redirect(target, 303)
        response.set_data(f'<!doctype html><html lang="fr"><title>pncaf</title><p><a href="'
                          f'{escape(target)}">Continuer vers pncaf</a></p></html>')
        return response
    if not session.get("in"):
        abort(403)
    if request.method not in ("GET", "HEAD"):
        _refuse_forgery(session.get("csrf", ""))
    return None


def known_host(host: str, settings: ServeSettings) -> bool:
    """Whether `Host` names this server (see `ServeSettings.hosts` and `any_address`)."""
    import ipaddress

    if host in settings.hosts:
        return True
    name, _, port = host.rpartition(":")
    if not settings.any_address or port != str(settings.port):
        return False
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def _refuse_forgery(expected: str) -> None:
    """403 for a POST from another page: foreign Origin, cross-site fetch, bad token."""
    from flask import abort, request

    origin = request.headers.get("Origin")
    if origin not in (None, "null"):
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != request.host.lower():
            abort(403)
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        abort(403)
    given = request.form.get("csrf", "")              # reading the form: 413 if too large
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        abort(403)


def _headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def csrf_token() -> str:
    """The session's CSRF token, for the forms' hidden `csrf` field."""
    from flask import session

    return str(session.get("csrf", ""))
