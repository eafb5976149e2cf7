"""RFC 2047 encoded words for the headers of a reminder: an accented Subject, and the
mailboxes (From, To, Cc, Reply-To) whose name is not ASCII.

A partner's name is written whole in encoded words, not folded by the `email` package,
which mixes plain and encoded words and, for a name with a comma or quotes beside a plain
word, writes a header that no longer reads as the partner: `Communauté de communes,
Melun` became two recipients (`"Communauté de communes"` and `Melun <accueil@…>`). It also
took 0.2 to 1.2 ms a partner. Drafts (`outputs.draft_bytes`) and the messages sent
(`outputs.reminders.build_message`) both write it so.
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
    encoded words — one when it fits on the line, else one a line, cut before a space
    where one is near (RFC 2047 §6.2: a mail program joins them, the space inside the next
    word; Python's own parser reads one more space between them) — then its address, on
    the last line when it fits there; None for any other value."""
    match = _ENCODED_MAILBOX.fullmatch(value)
    if match is None:
        return None
    kind, word, address = match.groups()
    try:
        [(data, charset)] = email.header.decode_header(f"=?utf-8?{kind}?{word}?=")
        text = data.decode("utf-8") if isinstance(data, bytes) else ""
    except (ValueError, UnicodeDecodeError):
        return None
    if charset != "utf-8" or not text or len(address) + 3 > MAX_LINE:
        return None
    first = MAX_LINE - len(f"{name}: ") - len(_WRAP)
    words = [f"=?utf-8?q?{piece}?=" for piece in
             pieces(text.translate(Q_CODES), min(first, _LONGEST), _LONGEST)]
    last = len(words[-1]) + (len(f"{name}: ") if len(words) == 1 else 1)
    # ` <address>` after the name, or on a line of its own
    between = " " if last + len(address) + 3 <= MAX_LINE else "\r\n "
    return "\r\n ".join(words) + f"{between}<{address}>"


_WRAP = "=?utf-8?q??="
#: The most encoded text a word holds: an encoded word is at most 75 characters (RFC 2047
#: §2), and a folded line, a space then the word, at most 78.
_LONGEST = 75 - len(_WRAP)
_CONTINUATION = frozenset("89AB")      # `=8x`…`=Bx`: a UTF-8 byte that goes on a character


def pieces(encoded: str, first: int, rest: int, at_spaces: bool = True) -> list[str]:
    """Q-encoded text cut into pieces of at most `first`, then `rest` characters: before
    the last character whose code would not fit, never inside a code (`=C3=A9` is one
    character); with `at_spaces`, before the piece's last space (`_`) when there is one in
    its second half (Python's parser reads a space between two words of a name)."""
    cut_up = []
    start, room = 0, first
    while len(encoded) - start > room:
        cut = start + room
        if encoded[cut - 1] == "=":             # inside a byte's `=XX`: before it
            cut -= 1
        elif encoded[cut - 2] == "=":
            cut -= 2
        while encoded[cut] == "=" and encoded[cut + 1] in _CONTINUATION:
            cut -= 3                            # a character's next byte: before its first
        space = encoded.rfind("_", start + room // 2, cut) if at_spaces else -1
        if space > start:
            cut = space
        cut_up.append(encoded[start:cut])
        start, room = cut, rest
    cut_up.append(encoded[start:])
    return cut_up
