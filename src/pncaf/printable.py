"""Values shown on a terminal or in a CI log, made harmless.

A partner name may hold an escape sequence (`"\\e]0;…\\a"` in YAML), a line break or a
right-to-left override: printed raw, it would recolour or retitle the terminal, hide text,
or start a new log line that GitHub Actions runs as a workflow command (`::error …`). Every
value pncaf prints goes through `shown`, which writes such characters as visible escapes
(`\\x1b`, `\\n`, `\\u202e`); ordinary text, accents included, is unchanged.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional controls.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def shown(text: object) -> str:
    """`text` with every character that could act on a terminal or a log made visible.
    Every character `_UNSAFE` names is one Python does not count as printable, so a
    printable text (most are) is returned as it is, without running the pattern over it:
    `check` shows 170,000 messages on 10,000 files."""
    value = str(text)
    return value if value.isprintable() else _UNSAFE.sub(_escape, value)


#: The most of a value any message quotes: enough to find it in the file, too little to
#: publish a file that a message should never have quoted.
EXCERPT = 40


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """`text` cut to `limit` characters (« … » says it was cut)."""
    return text if len(text) <= limit else text[:limit].rstrip() + " …"
