"""Reminder e-mails: who receives each agenda item, in which words, as what message.

Recipients follow the kind of the item (workflow spec §3):
- what the partner must do (`report_due`, `training_due`) goes To the partner's `email`,
  Cc the officer, so that the team sees what was asked;
- what the Caf decides or owes (`notice_deadline`, `renewal`, `end`, `committee_due`,
  `visit_due`) goes to the officer only: a partner is never invited to give notice;
- a partner without an e-mail on file: the message goes to the officer, says it is to be
  passed on, and carries the partner's text below (never written as if the Caf were the
  partner).
From is `[mail] from`; the officer signs. From never equals To.

Without `pncaf.toml` the drafts are still written, with visible placeholders for the
sender and the officer (`À COMPLÉTER`); `--send` refuses to run (see `cli/commands`).

The same item gives the same message on the same day: `Message-ID` is derived from the
item (and the how-many-th sending it is), so a draft and its first sending share it and a
repeat is threaded to the first one.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8, EmailPolicy
from email.utils import format_datetime, formataddr, parseaddr, quote
from functools import cached_property, lru_cache
from pathlib import Path

from pncaf.dates.agenda import AgendaItem
from pncaf.dates.term import Term
from pncaf.errors import Refused
from pncaf.format.models import AcknowledgmentEvent, Convention
from pncaf.outputs.annex2 import NotOwed, annex2_workbook
from pncaf.outputs.caf_identity import other_caf
from pncaf.outputs.documents import safe_name
from pncaf.outputs.encoded_words import ADDRESSES, encoded_mailbox
from pncaf.outputs.reminder_context import ConventionWords, reminder_context
from pncaf.outputs.templating import Templates, comment_text, render_each
from pncaf.settings import Settings

#: Kinds that ask the partner to act: To the partner, Cc the officer.
PARTNER_KINDS = frozenset({"report_due", "training_due"})
#: Kinds that are the Caf's own decisions or duties: to the officer only.
CAF_KINDS = frozenset({"notice_deadline", "renewal", "end", "committee_due", "visit_due"})

PLACEHOLDER_ADDRESS = "a-completer@pncaf.invalid"
MAX_LINE_BYTES = 998            # RFC 5322's limit for a line of a message
PLACEHOLDER_SENDER = "Expéditeur À COMPLÉTER dans pncaf.toml"
PLACEHOLDER_OFFICER = "Chargé de partenariat À COMPLÉTER dans pncaf.toml"


class NotAddressable(Refused):
    """One reminder cannot be addressed as the data stands (the message says what to fix).
    The other reminders of the run are still written or sent."""


@dataclass(frozen=True)
class Attachment:
    """A file joined to a reminder (the annex 2 form of a report reminder)."""

    filename: str
    maintype: str
    subtype: str
    data: bytes


@dataclass(frozen=True)
class Addressing:
    sender: tuple[str, str]                   # (name, address)
    to: tuple[tuple[str, str], ...]
    cc: tuple[tuple[str, str], ...] = ()
    audience: str = "partner"                 # "partner" or "officer" (the Caf's own)
    forward: bool = False                     # a partner's message, sent to be passed on

    @property
    def envelope(self) -> list[str]:
        """The addresses the SMTP server delivers to (To and Cc, each once)."""
        seen: dict[str, str] = {}
        for _, address in (*self.to, *self.cc):
            seen.setdefault(address.casefold(), _ascii_domain(address))
        return list(seen.values())


@dataclass(frozen=True)
class Parts:
    """What a reminder's message is made of (`build_message` makes it)."""

    policy: EmailPolicy[EmailMessage]
    headers: tuple[tuple[str, str], ...]      # From … X-Pncaf-Item, in order
    body: str
    cte: str                                  # the body's: 8bit or quoted-printable
    boundary: str | None                      # with attachments


@dataclass
class Reminder:
    item: AgendaItem
    filename: str                             # the draft's file name
    parts: Parts
    addressing: Addressing
    attachments: list[Attachment] = field(default_factory=list)

    @cached_property
    def message(self) -> EmailMessage:
        """The message as sent (no X-Unsent)."""
        return build_message(self.parts, self.attachments)

    @property
    def draft(self) -> bytes:
        """The message as a draft: `X-Unsent: 1` makes Outlook and Thunderbird open it for
        editing and sending instead of as a received mail. Written without building the
        message (`outputs.draft_bytes`) when it can be: the same bytes as the message
        flattened but for the Subject's RFC 2047 encoding, the same message once read."""
        from pncaf.outputs.draft_bytes import draft_bytes

        fast = draft_bytes(self.parts, self.attachments)
        return fast if fast is not None else b"X-Unsent: 1\r\n" + self.message.as_bytes()

    @property
    def message_id(self) -> str:
        return self._header("Message-ID")

    @property
    def subject(self) -> str:
        return self._header("Subject")

    def _header(self, name: str) -> str:
        """A header as the message reads it back, from what it is made of: building the
        message (its workbook encoded too) only to read its Subject cost a draft's time."""
        return next(value for header, value in self.parts.headers if header == name)


# --- who ------------------------------------------------------------------------------------

def addressing(item: AgendaItem, convention: Convention, settings: Settings) -> Addressing:
    """Sender and recipients of one item; raises NotAddressable when To would be From, or
    when `[mail] from` names another Caf than the convention's (`caf_identity`)."""
    other = other_caf(settings.sender, convention)
    if other is not None:
        raise NotAddressable(
            f"{item.file}: [mail] from in pncaf.toml names « {other} », but the convention is "
            f"with {convention.caf.name}: the reminder would come from one Caf and be signed "
            "for another. Send it from that Caf's own pncaf.toml (keep each Caf's conventions "
            "in its own folder), or correct caf.name in the file if it is wrong")
    sender = _sender(settings)
    officer = _officer(settings)
    partner = convention.partner
    if item.kind in PARTNER_KINDS and partner.email:
        if _same(partner.email, sender[1]) or (settings.officer and
                                                _same(partner.email, officer[1])):
            raise NotAddressable(
                f"{item.file}: partner.email ({partner.email}) is the Caf's own address: the "
                "reminder would go from the Caf to itself. Put the partner's address in "
                "partner.email (or remove it to have reminders passed on by the officer)")
        return Addressing(sender, ((partner.name, partner.email),),
                          (officer,) if settings.officer else (), "partner")
    if settings.officer and _same(officer[1], sender[1]):
        raise NotAddressable(SAME_MAILBOX)
    return Addressing(sender, (officer,), (), "officer" if item.kind in CAF_KINDS else "partner",
                      forward=item.kind in PARTNER_KINDS)


SAME_MAILBOX = ("[officer] email and [mail] from are the same address in pncaf.toml: the "
                 "officer's reminders would be sent from that mailbox to itself. Give "
                 "[officer] email the officer's own address")


def same_sender_and_officer(settings: Settings) -> bool:
    """`[officer] email` is `[mail] from`'s address: reminders for the officer would be
    sent from that mailbox to itself (From must never equal To)."""
    if settings.officer is None or settings.sender is None:
        return False
    return _same(settings.officer.email, parseaddr(settings.sender)[1])


def _sender(settings: Settings) -> tuple[str, str]:
    if settings.sender is None:
        return (PLACEHOLDER_SENDER, PLACEHOLDER_ADDRESS)
    return _parsed(settings.sender)


@lru_cache(maxsize=64)              # the same `[mail] from` for every reminder of a run
def _parsed(sender: str) -> tuple[str, str]:
    name, address = parseaddr(sender)
    return (name, address)


def _officer(settings: Settings) -> tuple[str, str]:
    if settings.officer is None:
        return (PLACEHOLDER_OFFICER, PLACEHOLDER_ADDRESS)
    return (settings.officer.name, settings.officer.email)


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


# --- when -----------------------------------------------------------------------------------

def worth_reminding(item: AgendaItem, day: date, convention: Convention) -> bool:
    """Whether the item makes a reminder on `day`. The agenda shows a report as soon as it is
    in the window, for planning; the partner is asked for the figures once the semester (its
    days in force) is over, since they cannot be given before. An item whose finding the
    team acknowledged (workflow §5: a report that will never come) is not asked for again."""
    return bool(worth_reminding_of([item], day, convention))


def worth_reminding_of(items: Sequence[AgendaItem], day: date, convention: Convention,
                       ) -> list[AgendaItem]:
    """The `items` of `convention` that make a reminder on `day` (`worth_reminding`), its
    history read once for all of them, not once for each (a tenth of the agenda's time)."""
    noted = _acknowledgments(convention, day)
    return [item for item in items
            if not (noted and _noted(item, noted))
            and not (item.kind == "report_due" and item.span is not None
                     and day <= item.span[1])]


#: The findings of `check` an agenda item is the reminder of: its kind → the rules whose
#: `subject` names the same thing (a semester, a period, the day a training was due).
_FINDINGS = {"report_due": ("report-overdue", "report-late"),
             "committee_due": ("committee-missing",), "visit_due": ("visit-missing",),
             "training_due": ("training-missing",)}


def acknowledged(item: AgendaItem, convention: Convention, day: date) -> bool:
    """Whether an `acknowledgment` recorded by `day` names the finding this item is about
    (rule and subject, as `check --format json` gives them)."""
    return _noted(item, _acknowledgments(convention, day))


def _acknowledgments(convention: Convention, day: date) -> set[tuple[str, str]]:
    """(rule, subject) of each `acknowledgment` recorded by `day`."""
    return {(e.rule, e.subject) for e in convention.history
            if isinstance(e, AcknowledgmentEvent) and e.date <= day}


def _noted(item: AgendaItem, noted: set[tuple[str, str]]) -> bool:
    rules = _FINDINGS.get(item.kind, ())
    if not rules:
        return False
    subject = _subject(item)
    return any((rule, subject) in noted for rule in rules)


def _subject(item: AgendaItem) -> str:
    """`report/2026-S1` → `2026-S1`, `committee/3` → `period 3`, a training → its due day."""
    if item.kind == "training_due":
        return item.date.isoformat()
    tail = item.key.rpartition("/")[2]
    return tail if item.kind == "report_due" else f"period {tail}"


# --- what -----------------------------------------------------------------------------------

def attachments_for(item: AgendaItem, convention: Convention, settings: Settings,
                    day: date, term: Term | None = None) -> list[Attachment]:
    """Files joined to the reminder of `item`: a report reminder carries the prefilled
    annex 2 form of its semester (workflow spec §3, §4), so the partner answers by filling
    it in and the officer records it with `pncaf record … --from`. `term`:
    `Term.of(convention)` when the caller has it (the convention's several reminders)."""
    if item.kind != "report_due":
        return []
    semester = item.key.partition("/")[2]
    officer = settings.officer.email if settings.officer else None
    try:
        data = annex2_workbook(convention, item.convention, semester, settings.indicators,
                               return_to=officer, made_on=day, term=term)
    except NotOwed:
        return []
    return [Attachment(f"annexe2-{safe_name(item.convention)}-{semester}.xlsx", "application",
                       "vnd.openxmlformats-officedocument.spreadsheetml.sheet", data)]


def compose(item: AgendaItem, convention: Convention, settings: Settings, day: date,
            templates: Path | Templates | None = None, *, sending: int = 1,
            when: datetime | None = None, attachments: Sequence[Attachment] = (),
            words: ConventionWords | None = None) -> Reminder:
    """The reminder of one item. `sending` is the how-many-th time it goes out (1 for a
    draft and the first sending); `when` its Date (default: `day` at 08:00 UTC, so that a
    draft written twice on one day is the same bytes); `words`: the run's, when it composes
    the several reminders of a convention one after the other (`reminder_context`)."""
    who = addressing(item, convention, settings)
    context = reminder_context(item, convention, settings, day, who, bool(attachments),
                               words)
    subject, body = render_each(("reminder-subject.txt.j2", "reminder.txt.j2"), context,
                                templates)
    subject = " ".join(subject.split())
    mailboxes = [_mailbox(*who.sender), *(_mailbox(*m) for m in (*who.to, *who.cc))]
    headers = [("From", mailboxes[0]), ("To", ", ".join(_mailbox(*m) for m in who.to))]
    if who.cc:
        headers.append(("Cc", ", ".join(_mailbox(*m) for m in who.cc)))
    if settings.officer is not None and who.audience == "partner" and not who.forward:
        headers.append(("Reply-To", _mailbox(settings.officer.name, settings.officer.email)))
    stamp = when or datetime(day.year, day.month, day.day, 8, 0, tzinfo=UTC)
    domain = _ascii_domain(who.sender[1]).rpartition("@")[2]
    headers += [("Subject", subject), ("Date", _date_header(stamp)),
                ("Message-ID", message_id(item, sending, domain))]
    if sending > 1:
        first = message_id(item, 1, domain)
        headers += [("In-Reply-To", first), ("References", first)]
    headers.append(("X-Pncaf-Item", item.uid))
    # 8bit keeps the file readable as plain text; a paragraph longer than SMTP's line limit
    # (998 bytes: many sites named in one sentence) goes quoted-printable instead.
    longest = max(map(len, map(str.encode, body.splitlines())), default=0)
    parts = Parts(
        # Plain SMTP headers when every address is ASCII; RFC 6532 (UTF-8 headers) otherwise.
        SMTP if all(h.isascii() for h in mailboxes) else SMTPUTF8, tuple(headers), body,
        "8bit" if longest <= MAX_LINE_BYTES else "quoted-printable",
        # a boundary drawn from the item, so that a draft written twice is the same
        "=_pncaf_" + hashlib.sha256(item.uid.encode()).hexdigest()[:32] if attachments
        else None)
    filename = (f"{item.date.isoformat()}_{safe_name(item.convention)}_"
                f"{safe_name(item.key.replace('/', '-'))}.eml")
    return Reminder(item, filename, parts, who, list(attachments))


def build_message(parts: Parts, attachments: Sequence[Attachment]) -> EmailMessage:
    """The reminder as an `EmailMessage` (what is sent; `outputs.draft_bytes` writes the
    draft without it). A mailbox whose name is not ASCII is written as `encoded_words`
    encodes it."""
    message = EmailMessage(policy=parts.policy)
    for name, value in parts.headers:
        encoded = (encoded_mailbox(name, value) if name in ADDRESSES and not parts.policy.utf8
                   else None)
        if encoded is None:
            message[name] = value
        else:                   # as written: the `email` package would fold it again
            message.set_raw(name, encoded)
    message.set_content(parts.body, charset="utf-8", cte=parts.cte)
    for attachment in attachments:
        message.add_attachment(attachment.data, maintype=attachment.maintype,
                               subtype=attachment.subtype, filename=attachment.filename)
    if parts.boundary is not None:
        message.set_boundary(parts.boundary)
    return message


def message_id(item: AgendaItem, sending: int, domain: str) -> str:
    """Stable for one item (its UID and date: the next training is another item) and one
    sending: `<digest.N@domain>`."""
    digest = hashlib.sha256(f"{item.uid}|{item.date.isoformat()}".encode()).hexdigest()[:24]
    return f"<{digest}.{sending}@{domain or 'pncaf.invalid'}>"


# --- headers --------------------------------------------------------------------------------

@lru_cache(maxsize=16)             # the run's day at 08:00: the same in every draft
def _date_header(stamp: datetime) -> str:
    return format_datetime(stamp)


@lru_cache(maxsize=1024)            # the sender's: the same in every reminder
def _ascii_domain(address: str) -> str:
    """An accented domain (`mairie@pré-vert.fr`) in its ASCII form (IDNA, `xn--pr-vert-…`),
    which every mail system accepts; a name before the @ is kept as written."""
    local, _, domain = address.rpartition("@")
    with contextlib.suppress(UnicodeError):     # not a valid IDN: keep it as written
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}"


@lru_cache(maxsize=1024)            # the sender, the officer: the same in every reminder
def _mailbox(name: str, address: str) -> str:
    """`Name <address>` for a header; only an accented name before the @ keeps UTF-8, and
    the message then uses UTF-8 headers (RFC 6532)."""
    name = " ".join(comment_text(name).split())   # a header is one line: no CR/LF from data
    address = _ascii_domain(address)
    if address.isascii():
        return formataddr((name, address))
    return f"\"{quote(name)}\" <{address}>"

