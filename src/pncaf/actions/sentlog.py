"""The reminders already sent (`pncaf-sent.yaml` beside `pncaf.toml`), newest first, and
whether this team can send at all ([officer], [mail] and [smtp] set): what a face shows
beside the drafts before offering to send them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pncaf.actions.common import Result, attempt, refusal_problems

if TYPE_CHECKING:
    from pncaf.files.sent_log import Sending


@dataclass(frozen=True, kw_only=True)
class SentLogView(Result):
    can_send: bool = False              # the settings have [officer], [mail] and [smtp]
    why_not: str = ""                   # what is missing to send, when it is
    log: Path | None = None
    sendings: list[Sending] = field(default_factory=list)   # newest first


def sent_log(config: Path | None = None, limit: int = 200) -> SentLogView:
    def run() -> SentLogView:
        from pncaf.actions.common import team_settings
        from pncaf.actions.reminders import log_path, ready_to_send
        from pncaf.errors import PncafError
        from pncaf.files.sent_log import read_log

        settings = team_settings(config, strict=False).settings
        try:
            ready_to_send(settings)
        except PncafError as exc:
            return SentLogView(why_not=str(exc))
        log = log_path(settings, None)
        sendings = list(read_log(log).sendings)[::-1][:limit]
        return SentLogView(can_send=True, log=log, sendings=sendings)

    return attempt(run, lambda exc: SentLogView(refused=exc, problems=refusal_problems(exc)))
