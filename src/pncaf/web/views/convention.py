"""`/conventions/ID`: one convention as an officer looks at it (facts, dates, findings as
`check` gives them, history) and what can be done with it (record, upload the annex 2
form, documents, undo, commit)."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from pncaf.actions.commit import CommitRequest, proposed_commit
from pncaf.actions.owed_form import form_semester
from pncaf.actions.readable_name import readable_name
from pncaf.actions.show import ShowRequest, show_convention
from pncaf.actions.undo_state import can_undo
from pncaf.actions.words import CHOICE_FR, french_date
from pncaf.web.views.common import convention_file, page, settings

if TYPE_CHECKING:
    from pathlib import Path

    from flask import Flask
    from werkzeug.datastructures import MultiDict

    from pncaf.actions.rule_names import Diagnostic
    from pncaf.web.wording import Said

#: The words of an event's other values, for the history table.
VALUE_FR = {"period": "semestre", "outcome": "résultat", "note": "note", "by": "par",
            "sent": "envoyé le", "attendees": "participants", "kind": "modalité",
            "reason": "motif", "until": "jusqu'au", "site": "lieu", "rule": "règle",
            "subject": "objet", "indicators": "indicateurs", "correction": "correction"}


def register(app: Flask) -> None:
    app.add_url_rule("/conventions/<convention_id>", "convention", convention)


def convention(convention_id: str) -> tuple[str, int]:
    return render(convention_id, convention_file(convention_id), acknowledging())


def acknowledging() -> MultiDict[str, str] | None:
    """The record form pre-filled by a finding's « Prendre en compte » button (a GET:
    nothing is written until the officer adds the note `record` asks for and saves):
    the event, the finding's rule and subject, today's date."""
    from flask import request
    from werkzeug.datastructures import MultiDict

    if request.args.get("event") != "acknowledgment":
        return None
    return MultiDict({"event": "acknowledgment", "rule": request.args.get("rule", ""),
                      "subject": request.args.get("subject", ""),
                      "date": settings().today().strftime("%d/%m/%Y")})


def render(convention_id: str, file: Path, values: MultiDict[str, str] | None = None,
           errors: dict[str, str | Said] | None = None, status: int = 200,
           message: str | Said | None = None, stale: bool = False, ok: bool = False,
           ) -> tuple[str, int]:
    """The page, with a refused form's input and messages when there are; or with the
    message a save left before redirecting here (post/redirect/get)."""
    from flask import get_flashed_messages

    if message is None:
        flashed = cast("list[tuple[str, str]]", get_flashed_messages(with_categories=True))
        message = " ".join(str(m) for _, m in flashed) if flashed else None
        ok = all(kind == "ok" for kind, _ in flashed) if flashed else ok
    s = settings()
    view = show_convention(ShowRequest(file, s.today(), s.config, network=_network_of(file)))
    commit = proposed_commit(CommitRequest(file, s.today()))
    title = view.convention.partner.name if view.convention else readable_name(file, view.file)
    labels = indicator_labels(s.config)
    form_period = form_semester(view.convention, s.today()) if view.convention else None
    return page("convention.html", title=title, view=view, convention_id=convention_id,
                history=[(e, event_values(e, labels)) for e in view.history],
                indicators=labels,
                commit=commit, values=values, errors=errors or {}, message=message,
                stale=stale, ok=ok, undoable=can_undo(file),
                form_period=form_period or ""), status


def indicator_labels(config: Path | None) -> dict[str, str]:
    """The annex 2 labels of the team's indicators (`[indicators]`, else the model's), by
    key: the record form and the history say « Personnes accueillies », not `accueils`."""
    from pncaf.actions.common import team_settings
    from pncaf.errors import PncafError

    try:
        return dict(team_settings(config, strict=False).settings.indicators)
    except (PncafError, OSError):   # unreadable settings: the page shows the keys
        return {}


def event_values(event: Any, labels: dict[str, str] | None = None,
                 ) -> list[tuple[str, str]]:
    """An event's values other than its date and kind, in French words (an indicator by
    its annex 2 label when the team's list gives it)."""
    labels = labels or {}
    out: list[tuple[str, str]] = []
    if not is_dataclass(event):
        return out
    for f in fields(event):
        value = getattr(event, f.name)
        if f.name in ("date", "event") or value in (None, [], {}, False):
            continue
        if isinstance(value, date):
            value = french_date(value)
        elif isinstance(value, str) and f.name in ("outcome", "kind", "by"):
            value = CHOICE_FR.get(value, value)
        elif isinstance(value, dict):
            value = ", ".join(f"{labels.get(k, k)} = {v}" for k, v in value.items())
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif value is True:
            value = "oui"
        out.append((VALUE_FR.get(f.name, f.name), str(value)))
    return out


def _network_of(file: Path) -> tuple[Diagnostic, ...]:
    """What only the whole network says of `file` (a partner kept twice), from the
    server's cached overview: the same finding the network page counts."""
    from pncaf.web.views.common import overview

    target = file.resolve()
    row = next((r for r in overview().rows if r.path.resolve() == target), None)
    return row.network if row is not None else ()
