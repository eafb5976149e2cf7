"""Reminders chosen one by one (the web page's checkboxes): which of the drafts due were
already sent and when (from the sent log), and sending only the chosen ones. The sending
itself is `outputs.sending`'s, as for `pncaf reminders --send`: the same log, so nothing
goes twice, the same decision to send an overdue item again after `repeat` days."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pncaf.actions.common import attempt, refusal_problems
from pncaf.actions.reminders import RemindersRequest, RemindersResult

if TYPE_CHECKING:
    from pncaf.checks.partners import Held
    from pncaf.outputs.reminders import Reminder


@dataclass(frozen=True)
class DraftState:
    """One draft seen against the sent log."""

    last_sent: date | None              # the day it was last sent, if it was
    to_send: bool                       # would be sent now (new, or overdue again)


def draft_states(drafts: Sequence[Reminder], config: Path | None, day: date,
                 repeat: int = 14) -> dict[str, DraftState]:
    """Each draft's state by its item's uid; without a sent log, every one is to send."""
    from pncaf.actions.common import team_settings
    from pncaf.errors import PncafError
    from pncaf.files.sent_log import FILE_NAME, SentLog, read_log
    from pncaf.outputs.sending import decide

    log = SentLog(Path(FILE_NAME))
    try:
        team = team_settings(config, strict=False).settings
        if team.path is not None:
            log = read_log(team.path.parent / FILE_NAME)
    except PncafError:
        pass                            # settings that cannot be read: nothing logged yet
    states = {}
    for draft in drafts:
        item = draft.item
        sent = log.of(item.uid, item.date)
        states[item.uid] = DraftState(max((s.date for s in sent), default=None),
                                      decide(item, log, day, repeat).send)
    return states


def send_chosen(request: RemindersRequest, chosen: frozenset[str]) -> RemindersResult:
    """Send (or with `dry_run`, say what would be sent) only the items whose uid is in
    `chosen`, with the preconditions of `send_reminders`."""
    def run() -> RemindersResult:
        from pncaf.actions.common import team_settings
        from pncaf.actions.reminders import due, log_path, one_mailbox_each, ready_to_send
        from pncaf.outputs.sending import send_reminders as send
        from pncaf.outputs.templating import user_folder

        day = request.as_of or date.today()
        team = team_settings(request.config)
        settings = team.settings
        log = log_path(settings, request.sent_log)
        ready_to_send(settings, request.dry_run)
        one_mailbox_each(settings)
        held: list[Held] = []
        due_now, _ = due(request.paths, day, request.days, held)
        work = [(item, convention) for item, convention in due_now if item.uid in chosen]
        report = send(work, settings, log, day, request.repeat, user_folder(request.templates),
                      request.dry_run, progress=request.progress)
        return RemindersResult(report=report, log=log, held=held,
                               problems=tuple(team.problems))

    return attempt(run, lambda exc: RemindersResult(refused=exc,
                                                    problems=refusal_problems(exc)))

