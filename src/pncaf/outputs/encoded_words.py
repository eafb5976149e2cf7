"""RFC 2047 encoded words for the headers of a reminder: an accented Subject, and the
mailboxes (From, To, Cc, Reply-To) whose name is not ASCII.

A partner's name is written in a header as one encoded word when it fits on a line, not
folded by the `email` package, which mixes plain and encoded words and, for a name with a
comma or parentheses beside a plain word, writes a header that no longer reads as the
partner: `Communauté de communes, Melun` became two recipients (`"Communauté de communes"`
and `Melun <accueil@…>`), and the part in parentheses of `Mairie de Évry (service)` a
comment. It also took 0.2 to 1.2 ms a partner. Drafts (`outputs.draft_bytes`) and the
messages sent (`outputs.reminders.build_message`) both write it so.
"""

from __future__ import annotations

import email.header
import re
import string

#: The headers that hold mailboxes.
ADDRESSES = frozenset({"From", "To", "Cc", "Reply-To"})
MAX_LINE = 78                                   # the SMTP policies' max_line_length


class _QCodes(dict[int, str]):
    """Each character (by its code point, as `str.translate` asks) in RFC 2047's Q
    encoding: kept as it is when `email` keeps it, a space as `_`, anything else as its
    UTF-8 bytes in `=XX`. Letters, digits and `-!*+/` are all that an encoded word may
    keep as they are in a name (RFC 2047 §5(3)), and more than enough in a Subject."""

    def __missing__(self, point: int) -> str:
        char = chr(point)
        code = char if char in _Q_SAFE else "_" if char == " " else "".join(
            f"={byte:02X}" for byte in char.encode())
        self[point] = code
        return code


_Q_SAFE = frozenset("-!*+/" + string.ascii_letters + string.digits)
#: The table for `str.translate` (each character's code, made the first time it is met).
Q_CODES = _QCodes()

#: One mailbox as `formataddr` writes it for a name that is not ASCII: the name in one
#: encoded word (of any length), then the address.
_ENCODED_MAILBOX = re.compile(r"=\?utf-8\?([qb])\?([^?\s]+)\?= <([!-~]+)>", re.IGNORECASE)


def encoded_mailbox(name: str, value: str) -> str | None:
    """The value of the header `name` for a mailbox whose name is not ASCII: its name in
    one encoded word, then its address (on the next line when the line would be too long);
    None for any other value, and for a name too long for one line (in two encoded words,
    Python's parser reads a space between them, which RFC 2047 §6.2 does not: such a
    name is left to the `email` package)."""
    match = _ENCODED_MAILBOX.fullmatch(value)
    if match is None:
        return None
    kind, word, address = match.groups()
    try:
        [(data, charset)] = email.header.decode_header(f"=?utf-8?{kind}?{word}?=")
        text = data.decode("utf-8") if isinstance(data, bytes) else ""
    except (ValueError, UnicodeDecodeError):
        return None
    if charset != "utf-8" or not text:
        return None
    encoded = f"=?utf-8?q?{text.translate(Q_CODES)}?="
    if len(name) + 2 + len(encoded) > MAX_LINE:
        return None
    # ` <address>` after the name, or on a line of its own
    fits = len(name) + 2 + len(encoded) + len(address) + 3 <= MAX_LINE
    between = " " if fits else "\r\n "
    return f"{encoded}{between}<{address}>"
