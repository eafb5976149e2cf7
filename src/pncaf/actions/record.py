"""Record one event in a convention's history, and take the last one back (`undo`).

The request holds the values as typed (the command's options, the web form's fields of
the same names); they are read here, so both faces refuse the same input the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from datetime import date as Day
from pathlib import Path
from typing import Any

from pncaf.actions.common import Result, attempt


@dataclass(frozen=True)
class RecordRequest:
    file: Path
    event: str | None
    date: str | None = None            # YYYY-MM-DD or DD/MM/YYYY; default today with a form
    period: str | None = None
    by: str | None = None
    sent: str | None = None
    outcome: str | None = None
    attendees: tuple[str, ...] = ()
    kind: str | None = None
    reason: str | None = None
    until: str | None = None
    site: str | None = None
    note: str | None = None
    indicators: tuple[str, ...] = ()   # NAME=COUNT
    rule: str | None = None
    subject: str | None = None
    correction: bool = False
    form: Path | bytes | None = None   # the annex 2 form: a path, or an upload's bytes
    form_name: str | None = None       # an upload's file name
    dry_run: bool = False
    expected_sha256: str | None = None
    today: Day | None = None           # default: the system's date


@dataclass(frozen=True, kw_only=True)
class RecordResult(Result):
    file: Path | None = None
    event: dict[str, Any] = field(default_factory=dict)
    before: str = ""
    after: str = ""
    diff: str = ""                      # the change as a unified diff
    notes: list[str] = field(default_factory=list)   # what the officer should know
    written: bool = False

    @property
    def date_doubts(self) -> list[str]:
        """The notes about a date that is likely a typo (after today, before the convention
        took effect): a face may ask to confirm it (record with `dry_run` first)."""
        from pncaf.editing.date_doubts import DOUBT

        return [n for n in self.notes if n.startswith(DOUBT)]


def record(request: RecordRequest) -> RecordResult:
    return attempt(lambda: _record(request),
                   lambda exc: RecordResult(refused=exc, file=request.file))


def _record(request: RecordRequest) -> RecordResult:
    from pncaf.editing.recording import record_event, report_from_form

    event = event_values(request)
    form_values, form_notes = report_from_form(
        request.file, request.form, request.correction, request.period,
        bool(request.indicators), request.form_name)
    event.update(form_values)
    recorded = record_event(request.file, event, request.dry_run, request.expected_sha256)
    edit = recorded.edit
    return RecordResult(file=request.file, event=event, before=edit.before, after=edit.after,
                        diff=edit.diff(str(request.file)), notes=[*form_notes,
                                                                  *recorded.notes],
                        written=not request.dry_run)


def event_values(request: RecordRequest) -> dict[str, Any]:
    """The event in the file's own vocabulary (dates as `date`), or why it cannot be."""
    from pncaf.actions.parsing import parse_choice, parse_date, parse_indicators
    from pncaf.errors import InvalidRequest
    from pncaf.format.models import EventKind, Party, TrainingKind, VisitOutcome

    if not request.file.is_file():
        raise InvalidRequest(f"{request.file}: no such file")
    if request.event is None:
        raise InvalidRequest("give the EVENT and its --date, e.g. `pncaf record FILE committee "
                             "--date 2027-02-02` (or --undo to take back the last one)",
                             field="event")
    kind = parse_choice("event", str(request.event), EventKind)
    if request.date is None and request.form is None:
        raise InvalidRequest("--date is required: the day it happened or was received, e.g. "
                             "--date 2027-02-02", field="date")
    if (request.form is not None or request.correction) and request.event != "report":
        raise InvalidRequest(f"{'--from' if request.form is not None else '--correction'} is "
                             "for a report event", field="event")
    r = request
    values: dict[str, Any] = {"date": parse_date("--date", r.date) if r.date
                              else r.today or date.today(), "event": kind}
    optional: dict[str, object | None] = {
        "period": r.period, "by": parse_choice("by", r.by, Party),
        "rule": r.rule, "subject": r.subject,
        "sent": parse_date("--sent", r.sent) if r.sent else None,
        "outcome": parse_choice("outcome", r.outcome, VisitOutcome),
        "attendees": list(r.attendees) or None,
        "kind": parse_choice("kind", r.kind, TrainingKind), "reason": r.reason,
        "until": parse_date("--until", r.until) if r.until else None, "note": r.note,
        "site": r.site,
        "indicators": parse_indicators(r.indicators) if r.indicators else None,
    }
    values.update({k: v for k, v in optional.items() if v is not None})
    return values


@dataclass(frozen=True)
class UndoRequest:
    file: Path
    expected_sha256: str | None = None


@dataclass(frozen=True, kw_only=True)
class UndoResult(Result):
    file: Path | None = None
    undone: str = ""                    # « the committee of 2027-02-02 »


def undo(request: UndoRequest) -> UndoResult:
    def run() -> UndoResult:
        from pncaf.editing.recording import undo_last
        from pncaf.errors import InvalidRequest

        if not request.file.is_file():
            raise InvalidRequest(f"{request.file}: no such file")
        return UndoResult(file=request.file,
                          undone=undo_last(request.file, request.expected_sha256))

    return attempt(run, lambda exc: UndoResult(refused=exc, file=request.file))
