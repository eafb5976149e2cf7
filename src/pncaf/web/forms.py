"""Form fields read into the actions' requests. The record form's fields are named like
`pncaf record`'s options, so that the same words mean the same thing on both faces; the
values are passed as typed, and the action refuses them as the command would."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pncaf.actions.record import RecordRequest

if TYPE_CHECKING:
    from werkzeug.datastructures import FileStorage, MultiDict

#: The record form's single-valued fields, as `record`'s options.
RECORD_FIELDS = ("event", "date", "period", "by", "sent", "outcome", "kind", "reason",
                 "until", "site", "note", "rule", "subject")
#: Its repeatable ones: each value, or each line of a value (a text area).
REPEATED = ("attendee", "indicator")


def text(form: MultiDict[str, str], name: str) -> str | None:
    """A field's value, stripped; None when empty (an option not given)."""
    value = form.get(name, "").strip()
    return value or None


def lines(form: MultiDict[str, str], name: str) -> tuple[str, ...]:
    """Every non-empty line of every value of a repeatable field."""
    return tuple(line.strip() for value in form.getlist(name)
                 for line in value.splitlines() if line.strip())


def record_request(form: MultiDict[str, str], file: Path, today: date,
                   upload: FileStorage | None = None) -> RecordRequest:
    """The request `pncaf record FILE EVENT --date … --option …` would make, from the
    form; an annex 2 upload (`form`) is read in memory, as `--from`."""
    values = {name: text(form, name) for name in RECORD_FIELDS}
    data = upload.read() if upload is not None and upload.filename else None
    return RecordRequest(
        file=file, event=values["event"], date=values["date"], period=values["period"],
        by=values["by"], sent=values["sent"], outcome=values["outcome"],
        attendees=lines(form, "attendee"), kind=values["kind"], reason=values["reason"],
        until=values["until"], site=values["site"], note=values["note"],
        indicators=lines(form, "indicator"), rule=values["rule"],
        subject=values["subject"], correction=form.get("correction") in ("oui", "on", "1"),
        form=data, form_name=_upload_name(upload) if data is not None else None,
        expected_sha256=text(form, "sha256"), today=today)


def _upload_name(upload: FileStorage | None) -> str | None:
    """The upload's base name only (its extension tells the kind): a name sent by a
    browser is never a path on this disk."""
    if upload is None or not upload.filename:
        return None
    name = upload.filename.replace("\\", "/").rsplit("/", 1)[-1]
    return name[:100] or None
