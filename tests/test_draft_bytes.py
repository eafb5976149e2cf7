"""`reminders -o` writes each draft without building an `EmailMessage`
(`outputs.draft_bytes`): the bytes must be those of the message that is sent
(`build_message`) but for the Subject's RFC 2047 encoding, and the message read back the
same, so that what a partner reads does not depend on the way it went."""

from __future__ import annotations

import email
import email.header
import email.policy
import re
import sys
from datetime import date
from email.policy import SMTP, SMTPUTF8
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pncaf.dates.agenda import agenda
from pncaf.format.loader import load_file
from pncaf.outputs.draft_bytes import draft_bytes
from pncaf.outputs.reminders import (
    Attachment,
    NotAddressable,
    Parts,
    attachments_for,
    build_message,
    compose,
    worth_reminding,
)
from pncaf.settings import Officer, Settings

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from generate import generate

DAY = date(2026, 11, 27)
_SUBJECT = re.compile(rb"^Subject:.*?\r\n(?! )", re.MULTILINE | re.DOTALL)
TEAM = Settings(officer=Officer("Hélène Lefèvre-Dupré", "helene.lefevre@caf-test.example",
                                "01 23 45 67 89"),
                sender="Caisse d'allocations familiales de Test <pn@caf-test.example>")


def same_message(draft: bytes, sent: bytes) -> None:
    """What a mail program shows of both: headers, text, attachments; and the same bytes
    but for the Subject."""
    assert _SUBJECT.sub(b"", draft) == _SUBJECT.sub(b"", sent)
    ours, theirs = (email.message_from_bytes(b, policy=email.policy.default)
                    for b in (draft, sent))
    assert list(ours.items()) == list(theirs.items())
    assert [(p.get_content_type(), p.get_filename(), p.get_content())
            for p in ours.walk() if not p.is_multipart()] == \
        [(p.get_content_type(), p.get_filename(), p.get_content())
         for p in theirs.walk() if not p.is_multipart()]


@pytest.mark.parametrize("settings", [TEAM, Settings()], ids=["team", "no pncaf.toml"])
def test_every_draft_of_a_network_is_the_message_sent(tmp_path: Path,
                                                      settings: Settings) -> None:
    files = generate(tmp_path / "conventions", 24)
    kinds = set()
    for path in files:
        loaded = load_file(path)
        assert loaded.convention is not None
        for item in agenda(loaded.convention, loaded.id, loaded.file, DAY, 90):
            if not worth_reminding(item, DAY, loaded.convention):
                continue
            try:
                for sending in (1, 2):
                    reminder = compose(item, loaded.convention, settings, DAY,
                                       sending=sending, attachments=attachments_for(
                                           item, loaded.convention, settings, DAY))
                    sent = b"X-Unsent: 1\r\n" + reminder.message.as_bytes()
                    assert draft_bytes(reminder.parts, reminder.attachments) == reminder.draft
                    same_message(reminder.draft, sent)
                    # what the pages and the log say of it, read without building it
                    assert reminder.subject == str(reminder.message["Subject"])
                    assert reminder.message_id == str(reminder.message["Message-ID"])
                    kinds.add((item.kind, bool(reminder.attachments)))
            except NotAddressable:
                continue
    assert ("report_due", True) in kinds and len(kinds) >= 3, kinds


HEADERS = (("From", "Caf de Test <pn@caf-test.example>"),
           ("To", "Mairie d'Été <élise@mairie-été.example>"),
           ("Subject", "RELANCE — un sujet bien plus long que la ligne : « " + "é" * 120 + " »"),
           ("Date", "Fri, 27 Nov 2026 08:00:00 +0000"),
           ("Message-ID", "<abc.1@caf-test.example>"), ("X-Pncaf-Item", "x/report@pncaf"))
FORM = Attachment("annexe2-x-2026-S1.xlsx", "application",
                  "vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes(range(256)) * 9)


@pytest.mark.parametrize("policy", [SMTP, SMTPUTF8], ids=["SMTP", "SMTPUTF8"])
@pytest.mark.parametrize("attachments", [(), (FORM,), (FORM, FORM)], ids=["0", "1", "2"])
def test_odd_headers_and_bodies_are_written_as_the_email_package_writes_them(
        policy: object, attachments: tuple[Attachment, ...]) -> None:
    body = "Madame,\n\nUne ligne\r\navec des fins de ligne mêlées\rd'un peu partout.\n\n\n"
    parts = Parts(policy, HEADERS, body, "8bit",  # type: ignore[arg-type]
                  "=_pncaf_0123" if attachments else None)
    sent = b"X-Unsent: 1\r\n" + build_message(parts, attachments).as_bytes()
    draft = draft_bytes(parts, attachments)
    assert draft is not None
    same_message(draft, sent)
    assert all(len(line) <= 998 for line in draft.split(b"\r\n"))


def test_what_it_does_not_lay_out_is_left_to_the_email_package() -> None:
    long_line = Parts(SMTP, HEADERS, "x" * 2000 + "\n", "quoted-printable", None)
    assert draft_bytes(long_line, ()) is None
    odd_name = Attachment("annexe 2 « été ».xlsx", "application", "octet-stream", b"1")
    assert draft_bytes(Parts(SMTP, HEADERS, "Bonjour\n", "8bit", "=_b"), (odd_name,)) is None


@pytest.mark.parametrize(("name", "value"), [
    ("Message-ID", "<4e9d62dc0fc452290dd87a4a.1@caf-test.example>"),
    ("Message-ID", "<4e9d62dc0fc452290dd87a4a.12@" + "tres-long-" * 6 + ".example>"),
    ("References", "<4e9d62dc0fc452290dd87a4a.1@xn--pr-vert-bva.fr>"),
    ("X-Pncaf-Item", "bench-00002/report/2019-S1@pncaf"),
    ("X-Pncaf-Item", "a" * 70), ("X-Pncaf-Item", "x/visit/follow-up/2026-03-01@pncaf"),
    ("Content-Disposition", 'attachment; filename="annexe2-bench-00002-2019-S1.xlsx"'),
    ("Content-Disposition", 'attachment; filename="annexe2-' + "b" * 60 + '-2019-S1.xlsx"'),
    ("To", "Mairie de Saint-Exemple-2 <accueil@saint-exemple-2.example>"),
    ("To", "Mairie de Saint-Exemple-2 <accueil+pn@" + "x" * 40 + ".example>"),
    ("To", "CCAS 77 <a.b@c.fr>"), ("To", "-x- <a@b.fr>"), ("To", "a  b <a@b.fr>"),
])
@pytest.mark.parametrize("policy", [SMTP, SMTPUTF8], ids=["SMTP", "SMTPUTF8"])
def test_a_header_written_as_it_is_is_what_the_email_package_folds(
        name: str, value: str, policy: Any) -> None:
    from pncaf.outputs.draft_bytes import _fold

    assert _fold(policy.utf8, name, value) == policy.fold_binary(
        *policy.header_store_parse(name, value))


@pytest.mark.parametrize("boundary", ["=_pncaf_" + "0123456789abcdef" * 2, "=_other"])
def test_the_boundary_is_put_in_its_folded_shape(boundary: str) -> None:
    from pncaf.outputs.draft_bytes import _multipart

    value = f'multipart/mixed; boundary="{boundary}"'
    assert _multipart(False, boundary) == SMTP.fold_binary(
        *SMTP.header_store_parse("Content-Type", value))


def _one_character_at_a_time(subject: str) -> bytes:
    """The plain way: each character's Q code added to the line while there is room."""
    from pncaf.outputs.draft_bytes import _Q, _Q_ROOM

    lines, chunk = [""], ""
    for code in (_Q[ord(char)] for char in subject):
        if len(chunk) + len(code) > _Q_ROOM:
            lines.append(chunk)
            chunk = ""
        chunk += code
    lines.append(chunk)
    return ("Subject: " + "\r\n ".join(f"=?utf-8?q?{line}?=" for line in lines[1:])
            + "\r\n").encode()


@pytest.mark.parametrize("subject", [
    "RELANCE — Indicateurs du 1er semestre 2019 — Point numérique Caf (Mairie d'Été) — 10/08",
    "é", "Année 2026 : =?utf-8?q?pas_un_mot_cod=C3=A9?= _ ? = \" ' ( ) < > @ , ; : \\ [ ]",
    "Émoji 🙂 et CJK 漢字 " * 8, "a" * 200 + " é", "Ligne  double   espace é",
    "RELANCE — Indicateurs du 1er semestre 2019 — Point numérique Caf (Mairie de "
    "Saint-Exemple-2 « Médiathèque annexe numéro 29 des Quatre Vents ») — 10/08/2019",
])
def test_an_accented_subject_reads_back_as_written(subject: str) -> None:
    from pncaf.outputs.draft_bytes import _encoded_subject

    folded = _encoded_subject(subject)
    assert folded == _one_character_at_a_time(subject)
    assert all(len(line) <= 78 for line in folded.split(b"\r\n"))
    parsed = email.message_from_bytes(folded + b"\r\nbody\r\n", policy=email.policy.default)
    assert parsed["Subject"] == subject
    old = email.message_from_bytes(folded + b"\r\nbody\r\n", policy=email.policy.compat32)
    assert "".join(part.decode(charset or "ascii") if isinstance(part, bytes) else part
                   for part, charset in email.header.decode_header(old["Subject"])) == subject


@pytest.mark.parametrize("size", [0, 1, 2, 3, 56, 57, 58, 114, 2304, 12_431])
def test_an_attachment_is_in_the_base64_lines_the_email_package_writes(size: int) -> None:
    from email.message import EmailMessage

    from pncaf.outputs.draft_bytes import _base64_lines

    data = bytes((n * 7 + size) % 256 for n in range(size))
    message = EmailMessage(policy=SMTP)
    message.set_content(data, maintype="application", subtype="octet-stream")
    assert _base64_lines(data) == message.as_bytes().partition(b"\r\n\r\n")[2]


def recipients(raw: bytes) -> list[tuple[str, str]]:
    """The To of a message as Python reads it, each name's spaces made single (its parser
    reads one more space between two encoded words, which RFC 2047 §6.2 does not)."""
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    return [(" ".join(a.display_name.split()), a.addr_spec) for a in parsed["To"].addresses]


def name_as_mail_programs_read_it(raw: bytes) -> str:
    """The name of the one mailbox of To, decoded as RFC 2047 says (the encoded words
    joined, the space between them no part of the text)."""
    header = re.search(rb"^To: (.*?)\r\n(?! )", raw, re.MULTILINE | re.DOTALL)
    assert header is not None
    name, _, _ = header.group(1).decode("ascii").rpartition("<")
    return "".join(part.decode(charset or "ascii") if isinstance(part, bytes) else part
                   for part, charset in email.header.decode_header(name.strip()))


@pytest.mark.parametrize("name", [
    "Communauté de communes, Melun",            # the email package made two recipients
    "Mairie de Évry (service numérique)",       # … and of the parentheses a comment
    "Centre social « Les Tilleuls » & Co", "Mairie St. Étienne", "CCAS d'Évry-Courcouronnes",
    'Médiathèque "Le Phare"', "Maison France services — Pré-Vert", "é", "Ünïcödé_=?x?= 😀",
    "Communauté d'agglomération Melun Val de Seine",
    "CCAS de Évry, Point numérique Caf, service social municipal",
    "Communauté de communes du Pays de Montereau et de la Vallée du Loing, Maison des "
    "associations, Melun",
    "Communauté d'agglomération Grand Paris Sud Seine-Essonne-Sénart, service de la "
    "médiation sociale et numérique, Point numérique « Le Phare », Mairie annexe",
])
def test_a_partner_named_with_accents_reads_back_as_one_recipient(name: str) -> None:
    from pncaf.outputs.reminders import _mailbox

    address = "accueil@mairie-exemple.example"
    parts = Parts(SMTP, (("From", "Caf de Test <pn@caf-test.example>"),
                         ("To", _mailbox(name, address)), ("Subject", "Relance")),
                  "Bonjour\n", "8bit", None)
    sent = b"X-Unsent: 1\r\n" + build_message(parts, ()).as_bytes()
    draft = draft_bytes(parts, ())
    assert draft == sent                        # what is sent is what the draft holds
    assert recipients(draft) == [(name, address)]
    assert name_as_mail_programs_read_it(draft) == name
    assert all(len(line) <= 78 for line in draft.split(b"\r\n"))
    assert all(len(word) <= 75 for word in re.findall(rb"=\?utf-8\?q\?[^?]*\?=", draft))


@given(st.text(alphabet="aé É,;:()<>@\"'\\.«»_=?-&😀", min_size=1, max_size=160))
def test_any_accented_name_is_one_recipient_with_that_name(name: str) -> None:
    from pncaf.outputs.encoded_words import encoded_mailbox
    from pncaf.outputs.reminders import _mailbox

    shown = " ".join(name.split())
    assume(not shown.isascii())
    value = encoded_mailbox("To", _mailbox(name, "a@b.example"))
    assert value is not None
    raw = f"To: {value}\r\n\r\n".encode("ascii")
    # Python reads one more space between two words, even where one is cut mid-word
    [(read, address)] = recipients(raw)
    assert (read.replace(" ", ""), address) == (shown.replace(" ", ""), "a@b.example")
    assert name_as_mail_programs_read_it(raw) == shown
    assert all(len(line) <= 78 for line in raw.split(b"\r\n"))
