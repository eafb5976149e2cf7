"""What the pages share: the run's settings, a convention's file from its id (404 when
there is none, and never a path from the request), and French labels."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import abort, current_app, render_template

from pncaf.actions.words import EVENT_FR, KIND_FR, SEVERITY_FR, STATUS_FR, french_date

if TYPE_CHECKING:
    from pncaf.actions.overview import Overview
    from pncaf.web.settings import ServeSettings


def settings() -> ServeSettings:
    from pncaf.web.settings import ServeSettings

    value = current_app.config["PNCAF"]
    assert isinstance(value, ServeSettings)
    return value


def overview() -> Overview:
    """The network's overview, from the server's cache of unchanged files' rows."""
    from pncaf.actions.cached_overview import OverviewCache
    from pncaf.actions.overview import OverviewRequest

    cache = current_app.extensions["pncaf.overview"]
    assert isinstance(cache, OverviewCache)
    s = settings()
    return cache.overview(OverviewRequest(s.paths, s.today(), s.config))


def convention_file(convention_id: str) -> Path:
    """The file of a convention id of the network, or 404. The id is only compared with
    the ids of the files the network holds: it never becomes a path."""
    from pncaf.actions.locate import locate, plausible_id

    if not plausible_id(convention_id):
        abort(404)
    path = locate(settings().paths, convention_id, scan=False)
    if path is None:                    # a file not named after its id: the overview knows
        row = overview().find(convention_id)
        path = row.path if row is not None else None
    if path is None:
        abort(404)
    return path


def page(template: str, **context: Any) -> str:
    """A page with the vocabulary every template uses."""
    return render_template(template, status_fr=STATUS_FR, kind_fr=KIND_FR, event_fr=EVENT_FR,
                           severity_fr=SEVERITY_FR, day=french_date,
                           today=settings().today(), default_period=default_period,
                           **context)


def default_period(day: date) -> str:
    """The semester whose form is usually sent next: the one running on `day`."""
    return f"{day.year}-S{1 if day.month <= 6 else 2}"


def refusal(result: Any) -> tuple[str | None, str]:
    """The field a refusal concerns, and its message (the actions' own words)."""
    refused = result.refused
    return (getattr(refused, "field", None), str(refused)) if refused else (None, "")
