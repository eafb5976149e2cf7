"""`reminders --send`: which reminders go out today, sending them, keeping the sent log.

An item is sent once. An overdue item (a report or a training still awaited) is sent again
when its last sending is at least `repeat` days old; `today` is the run's date (`--as-of`
when given), in the log too. Each message is decided and sent while the sent log is locked,
and recorded at once: two runs at the same time, on two machines sharing the repository,
do not send the same item twice, and a run that stops keeps what it sent. A message that
fails (a refused recipient, a lost connection) is not recorded: the next run sends it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.utils import parseaddr
from pathlib import Path

from pncaf.dates.agenda import AgendaItem
from pncaf.files.atomic import WriteFailed
from pncaf.files.sent_log import Sending, SentLog, held, read_log, record
from pncaf.format.models import Convention
from pncaf.format.packed import Packed
from pncaf.outputs.mailer import Mailer, MailerError
from pncaf.outputs.reminders import (
    Addressing,
    NotAddressable,
    Reminder,
    attachments_for,
    compose,
)
from pncaf.settings import Settings

DEFAULT_REPEAT_DAYS = 14

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Decision:
    send: bool
    sending: int                # the how-many-th sending this would be
    why: str                    # for the terminal: "new", "sent on …"


def decide(item: AgendaItem, log: SentLog, today: date, repeat: int) -> Decision:
    """Send a new item; an overdue one again once `repeat` days have passed since the last
    sending; nothing else."""
    previous = log.of(item.uid, item.date)
    if not previous:
        return Decision(True, 1, "new")
    last = max(s.date for s in previous)
    if item.overdue and (today - last).days >= repeat:
        return Decision(True, len(previous) + 1, f"overdue, last sent {last.isoformat()}")
    again = f", again from {(last + timedelta(days=repeat)).isoformat()}" if item.overdue else ""
    return Decision(False, len(previous), f"sent on {last.isoformat()}{again}")


@dataclass(frozen=True)
class Said:
    """What is kept of a message sent (or, in a dry run, that would be): enough to list
    it, not the message and its attachment (tens of KB each, thousands in a run)."""

    item: AgendaItem
    subject: str
    to: str                     # the To header, as the recipient reads it
    addressing: Addressing

    @classmethod
    def of(cls, reminder: Reminder) -> Said:
        return cls(reminder.item, reminder.subject, str(reminder.message.get("To", "")),
                   reminder.addressing)


@dataclass
class Report:
    sent: list[Said] = field(default_factory=list)
    waiting: int = 0                                   # already sent, not due again
    failed: list[tuple[AgendaItem, str]] = field(default_factory=list)
    stopped: str | None = None                         # why the run stopped early
    would_send: list[Said] = field(default_factory=list)   # --dry-run

    @property
    def ok(self) -> bool:
        return not self.failed and self.stopped is None


#: What is due, in the order it goes out, each item with its convention kept packed.
Work = list[tuple[AgendaItem, Packed]]


class _Unpacked:
    """Each item's convention, read again from its packed text; the last one is kept, since
    an item often follows another of the same convention."""

    def __init__(self) -> None:
        self._last: tuple[Packed, Convention] | None = None

    def __call__(self, packed: Packed) -> Convention:
        if self._last is None or self._last[0] is not packed:
            self._last = (packed, packed.convention())
        return self._last[1]


def send_reminders(work: Work, settings: Settings, log_path: Path, today: date,
                   repeat: int = DEFAULT_REPEAT_DAYS, templates: Path | None = None,
                   dry_run: bool = False, progress: Progress = lambda _: None) -> Report:
    """Send what is due for sending among `work`; `progress` hears one line per item."""
    report = Report()
    log = read_log(log_path)
    pending = [(item, convention) for item, convention in work
               if decide(item, log, today, repeat).send]
    report.waiting = len(work) - len(pending)
    unpacked = _Unpacked()
    if dry_run:
        for item, packed in pending:
            try:
                report.would_send.append(Said.of(_compose(
                    item, unpacked(packed), settings, today, templates,
                    decide(item, log, today, repeat).sending)))
            except NotAddressable as exc:
                report.failed.append((item, str(exc)))
        return report
    assert settings.smtp is not None
    with Mailer(settings.smtp) as mailer:
        for number, (item, packed) in enumerate(pending, start=1):
            prefix = f"[{number}/{len(pending)}] {item.convention} {item.key}"
            try:
                outcome = _send_one(item, unpacked(packed), settings, log_path, today, repeat,
                                    templates, mailer, report)
            except MailerError as exc:
                report.stopped = str(exc)
                left = len(pending) - number + 1
                progress(f"{prefix}: stopped, {left} not sent")
                break
            progress(f"{prefix}: {outcome}")
    return report


def _send_one(item: AgendaItem, convention: Convention, settings: Settings, log_path: Path,
              today: date, repeat: int, templates: Path | None, mailer: Mailer,
              report: Report) -> str:
    with held(log_path) as log:                 # decided again: another run may have sent it
        decision = decide(item, log, today, repeat)
        if not decision.send:
            report.waiting += 1
            return f"already {decision.why} (by another run)"
        try:
            now = datetime.now().astimezone()      # on `today`: --as-of stands for it
            reminder = _compose(item, convention, settings, today, templates,
                                decision.sending, datetime.combine(today, now.timetz()))
        except NotAddressable as exc:
            report.failed.append((item, str(exc)))
            return f"not sent: {exc}"
        who = reminder.addressing
        sender = parseaddr(str(reminder.message["From"]))[1]
        outcome = mailer.send(reminder.message, sender, who.envelope)
        if not outcome.sent:
            report.failed.append((item, outcome.problem or "not sent"))
            return f"not sent: {outcome.problem}"
        report.sent.append(Said.of(reminder))
        try:
            record(log, Sending(today, item.uid, tuple(a for _, a in who.to),
                                tuple(a for _, a in who.cc), reminder.subject,
                                reminder.message_id, item.date))
        except (OSError, WriteFailed) as exc:  # sent, but not kept: stop before sending more
            cause = exc.cause if isinstance(exc, WriteFailed) else exc
            raise MailerError(f"{log_path}: cannot write the sent log "
                              f"({cause.strerror or cause}) after sending {item.convention} "
                              f"{item.key}, which the next run will send again; the "
                              "reminders after it were not sent") from None
        return f"sent to {', '.join(who.envelope)}"


def _compose(item: AgendaItem, convention: Convention, settings: Settings, today: date,
             templates: Path | None, sending: int, when: datetime | None = None) -> Reminder:
    return compose(item, convention, settings, today, templates, sending=sending, when=when,
                   attachments=attachments_for(item, convention, settings, today))
