"""A reminder's draft (.eml) written without building an `EmailMessage`.

`pncaf reminders -o` writes tens of thousands of drafts; building each as an
`EmailMessage` and flattening it took about 3 ms, most of it the `email` package parsing
and folding headers that are the same in every draft (From, Cc, Reply-To, Date, the
content headers). Here the message is laid out as `EmailMessage.set_content`,
`add_attachment` and the generator lay it out (`outputs.reminders.build_message`, which
sending uses): each header folded by the `email` package's policy, once when it is met
again, a header whose shape is known written directly, and an accented Subject encoded
whole (`_encoded_subject`). Tests check that both give the same bytes but for the
Subject's encoding, and the same message once parsed; a draft this module does not lay
out (a quoted-printable body, an attachment name that needs RFC 2231) is left to
`build_message` (`draft_bytes` returns None).
"""

from __future__ import annotations

import re
import struct
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import pybase64

from pncaf.outputs.encoded_words import ADDRESSES, encoded_mailbox, pieces
from pncaf.outputs.encoded_words import Q_CODES as _Q
from pncaf.outputs.reminders import Attachment, Parts

if TYPE_CHECKING:
    from email.message import EmailMessage
    from email.policy import EmailPolicy

_SIMPLE_FILENAME = re.compile(r"[A-Za-z0-9._-]+")   # quoted as it is, never RFC 2231
_BOUNDARY = re.compile(r"=_pncaf_[0-9a-f]{32}")
_DIGITS = "0" * 32
_MAX_LINE = 78                                       # the SMTP policies' max_line_length
_MESSAGE_ID = re.compile(r"<[0-9a-f]+\.[0-9]+@[A-Za-z0-9.-]+>")
_ONE_LINE = {"Message-ID": _MESSAGE_ID, "In-Reply-To": _MESSAGE_ID,
             "References": _MESSAGE_ID, "X-Pncaf-Item": re.compile(r"[A-Za-z0-9._/@-]+"),
             "Content-Disposition": re.compile(r'attachment; filename="[A-Za-z0-9._-]+"'),
             # a partner whose name is plain words (`Mairie de Melun <accueil@melun.fr>`)
             "To": re.compile(r"(?:[A-Za-z0-9-]+ )+<[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+>")}
#: Headers whose value is the same for many drafts (the sender, the officer, the day, the
#: partner of a convention's several reminders, the content headers): folded once.
_REPEATED = frozenset({"From", "To", "Cc", "Reply-To", "Date", "MIME-Version",
                       "Content-Type", "Content-Transfer-Encoding"})


def draft_bytes(parts: Parts, attachments: Sequence[Attachment]) -> bytes | None:
    """The draft (with `X-Unsent: 1`) as `EmailMessage.as_bytes` writes it, or None."""
    if parts.cte != "8bit" or not all(_SIMPLE_FILENAME.fullmatch(a.filename)
                                      for a in attachments):
        return None
    utf8 = parts.policy.utf8
    out = [b"X-Unsent: 1\r\n"]
    out += [_header(utf8, name, value) for name, value in parts.headers]
    text = [_header(utf8, "Content-Type", 'text/plain; charset="utf-8"'),
            _header(utf8, "Content-Transfer-Encoding", "8bit")]
    body = b"\r\n".join(parts.body.encode().splitlines()) + b"\r\n"
    if not attachments:
        out += [*text, _header(utf8, "MIME-Version", "1.0"), b"\r\n", body]
        return b"".join(out)
    assert parts.boundary is not None
    boundary = parts.boundary.encode()
    out += [_header(utf8, "MIME-Version", "1.0"), _multipart(utf8, parts.boundary),
            b"\r\n--", boundary, b"\r\n", *text, b"\r\n", body]
    for attachment in attachments:
        out += [b"\r\n--", boundary, b"\r\n",
                _header(utf8, "Content-Type", f"{attachment.maintype}/{attachment.subtype}"),
                _header(utf8, "Content-Transfer-Encoding", "base64"),
                _fold(utf8, "Content-Disposition",
                      f'attachment; filename="{attachment.filename}"'),
                _header(utf8, "MIME-Version", "1.0"), b"\r\n",
                _base64_lines(attachment.data)]
    out += [b"\r\n--", boundary, b"--\r\n"]
    return b"".join(out)


def _base64_lines(data: bytes) -> bytes:
    """`data` in base64 lines of 76 characters, as the `email` package writes them.
    pybase64 encodes in C at once (its `encodebytes`, line by line, took 10 µs of a
    workbook's 13), and a `struct` of as many 76-byte strings cuts the lines in C."""
    encoded = pybase64.b64encode(data)
    full = len(encoded) // 76
    lines = [*_lines(full).unpack_from(encoded), encoded[76 * full:]]
    if lines[-1]:
        lines.append(b"")
    return b"\r\n".join(lines)


@lru_cache(maxsize=64)
def _lines(count: int) -> struct.Struct:
    """`count` lines of 76 bytes (a workbook's base64 is some 220: a few counts a run)."""
    return struct.Struct("76s" * count)


def _header(utf8: bool, name: str, value: str) -> bytes:
    if name == "Subject" and not utf8 and value and not value.isascii():
        return _encoded_subject(value)
    return _fold_once(utf8, name, value) if name in _REPEATED else _fold(utf8, name, value)


_Q_ROOM = 78 - len("Subject: =?utf-8?q??=")           # a line's room for encoded text


def _encoded_subject(value: str) -> bytes:
    """An accented Subject as RFC 2047 encoded words (UTF-8, Q), one per line. The
    `email` package folds it in a tenth of a draft's time, mixing plain and encoded words;
    this is encoded whole, which every mail program decodes to the same text (the
    folding between two encoded words is no part of the text, RFC 2047 §6.2). An encoded
    word takes as many characters' codes as the line has room for: the text is encoded in
    one pass (`str.translate`), then cut before the last character whose code would not
    fit, never inside a code (`=C3=A9` is one character). Each word is encoded once for
    all the subjects it is met in (`_q_word`; a space is `_`): subjects repeat their words
    (« RELANCE », « Indicateurs du 1er semestre », the partner's name), and translating
    them character by character was a fifth of a draft's bytes."""
    text = "_".join(map(_q_word, value.split(" ")))
    return ("Subject: " + "\r\n ".join(f"=?utf-8?q?{line}?=" for line in
                                      pieces(text, _Q_ROOM, _Q_ROOM, at_spaces=False))
            + "\r\n").encode("ascii")


@lru_cache(maxsize=4096)
def _q_word(word: str) -> str:
    return word.translate(_Q)


def _multipart(utf8: bool, boundary: str) -> bytes:
    """The top Content-Type: the boundaries compose draws all have one shape (`=_pncaf_`
    and 32 hex digits), so it is folded once, the digits put in afterwards."""
    value = f'multipart/mixed; boundary="{boundary}"'
    if _BOUNDARY.fullmatch(boundary) is None:
        return _fold(utf8, "Content-Type", value)
    folded = _fold_once(utf8, "Content-Type", value.replace(boundary[8:], _DIGITS))
    assert folded.count(_DIGITS.encode()) == 1
    return folded.replace(_DIGITS.encode(), boundary[8:].encode())


@lru_cache(maxsize=1024)
def _fold_once(utf8: bool, name: str, value: str) -> bytes:
    return _fold(utf8, name, value)


def _fold(utf8: bool, name: str, value: str) -> bytes:
    """`name: value` as the `email` package writes it in a message of that policy. A
    short value made only of characters no header parser changes (a Message-ID, the item,
    a plain file name) is one line as it is, which the `email` package writes too. A
    mailbox whose name is not ASCII is encoded whole (`encoded_words.encoded_mailbox`)."""
    if not utf8 and name in ADDRESSES:
        encoded = encoded_mailbox(name, value)
        if encoded is not None:
            return f"{name}: {encoded}\r\n".encode("ascii")
    plain = _ONE_LINE.get(name)
    if plain is not None and len(name) + 2 + len(value) <= _MAX_LINE \
            and plain.fullmatch(value):
        return f"{name}: {value}\r\n".encode()
    policy = _policy(utf8)
    return policy.fold_binary(*policy.header_store_parse(name, value))


def _policy(utf8: bool) -> EmailPolicy[EmailMessage]:
    from email.policy import SMTP, SMTPUTF8

    return SMTPUTF8 if utf8 else SMTP
