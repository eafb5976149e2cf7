"""The sent log: what `pncaf reminders --send` sent, when and to whom (workflow spec §3).

It lives in the repository, beside `pncaf.toml` (`pncaf-sent.yaml`), so that a team that
shares its conventions through git or a shared drive shares it too: another member or
machine does not send the same reminder again, and a review shows what went out. One entry
per message, oldest first:

    - date: 2026-11-27
      item: 77-valbrune/notice/4@pncaf
      due: 2026-12-13
      to: [partenariats@caf77.example]
      cc: []
      subject: Rappel interne — Préavis : … — 13/12/2026
      message_id: <3f0c…​.1@caf77.example>

Each sending is added under the file's lock (`files/lock.py`) and the file is rewritten
atomically, so that two runs at once keep both entries and a failure leaves the old file.
A log that cannot be read stops the run: treating it as empty would send everything again.
`due` is the item's date when it was sent: an item whose date moves (the next training, due
a year after the last one) is a new reminder.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pncaf.errors import Refused
from pncaf.files.atomic import write_text_atomic
from pncaf.files.lock import locked

FILE_NAME = "pncaf-sent.yaml"
Day = date      # `date` is also a field name below

HEADER = """\
# Reminders sent by `pncaf reminders --send`: one entry per message, oldest first.
# Written by pncaf, under a lock; keep this file with the conventions (git or shared drive)
# so that no other member or machine sends the same reminder again. Do not edit by hand.
"""


@dataclass(frozen=True)
class Sending:
    date: date
    item: str                   # the agenda item's UID
    to: tuple[str, ...]
    cc: tuple[str, ...]
    subject: str
    message_id: str
    due: Day | None = None      # the item's date then (None: any, in a hand-made entry)

    def as_data(self) -> dict[str, Any]:
        return {"date": self.date, "item": self.item, "due": self.due, "to": list(self.to),
                "cc": list(self.cc), "subject": self.subject, "message_id": self.message_id}


@dataclass(frozen=True)
class SentLog:
    path: Path
    sendings: tuple[Sending, ...] = ()

    def of(self, item: str, due: date | None = None) -> list[Sending]:
        """The sendings of one item (of its occurrence due on `due`, when given)."""
        return [s for s in self.sendings if s.item == item
                and (due is None or s.due is None or s.due == due)]

    def added(self, sending: Sending) -> SentLog:
        return SentLog(self.path, (*self.sendings, sending))


def read_log(path: Path) -> SentLog:
    """The log at `path` (empty when the file does not exist yet)."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return SentLog(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise Refused(f"{path}: cannot read the sent log ({exc}); nothing was sent") from None
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise _unreadable(where, "not valid YAML") from None
    if data is None:
        return SentLog(path)
    if not isinstance(data, list):
        raise _unreadable(str(path), "expected a list of sendings")
    return SentLog(path, tuple(_sending(path, n, entry) for n, entry in
                               enumerate(data, start=1)))


def _sending(path: Path, number: int, entry: object) -> Sending:
    try:
        assert isinstance(entry, dict)
        day, item, due = entry["date"], entry["item"], entry.get("due")
        assert isinstance(day, date) and isinstance(item, str)
        assert due is None or isinstance(due, date)
        return Sending(day, item, tuple(map(str, entry.get("to") or ())),
                       tuple(map(str, entry.get("cc") or ())), str(entry.get("subject", "")),
                       str(entry.get("message_id", "")), due)
    except (AssertionError, KeyError):
        raise _unreadable(str(path), f"entry {number} needs at least `date: YYYY-MM-DD` and "
                          "`item: …`") from None


def _unreadable(where: str, what: str) -> Refused:
    return Refused(f"{where}: the sent log is {what}; nothing was sent. Restore it from git "
                     "(git checkout -- FILE) or fix it: without it every reminder would be "
                     "sent again")


def render_log(log: SentLog) -> str:
    import yaml

    body = yaml.safe_dump([s.as_data() for s in log.sendings], allow_unicode=True,
                          sort_keys=False, default_flow_style=None, width=100)
    return HEADER + (body if log.sendings else "[]\n")


@contextmanager
def held(path: Path) -> Iterator[SentLog]:
    """The log read under its lock: decide and send inside the block, then `record`."""
    with locked(path):
        yield read_log(path)


def record(log: SentLog, sending: Sending) -> SentLog:
    """Add one sending and rewrite the file atomically (call it inside `held`)."""
    new = log.added(sending)
    write_text_atomic(log.path, render_log(new))
    return new
