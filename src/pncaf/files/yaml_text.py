"""Write small pieces of YAML by hand, quoted safely, in the style people edit.

Used to add a history event to a file without re-serialising anything else, and to write
new conventions. A string is written plain only when it is made of letters, digits, spaces
and a few harmless signs, starts with a letter and means text to every YAML reader (1.1 and
1.2: not `yes`, `null`, `.inf`, `0b101`…); anything else is double-quoted, with every
character that a reader could fold, normalise or refuse (line breaks, tabs, controls,
`\\x85`, `\\u2028`, the byte-order mark…) written as an escape. Whatever text is given reads
back identical with PyYAML and ruamel.yaml (tests/test_record_safety.py property-tests it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from pncaf.files.yaml_positions import resolve_plain

_PLAIN_SAFE = re.compile(
    r"[^\W\d_][\w .'’()/-]*"          # words
    r"|\d[\w.'’()/-]* [\w .'’()/-]+"   # a number then words (`1 place`): never a number
    r"|\d{4}-S[12]")                  # a semester
#: Words some YAML reader turns into a boolean or null (YAML 1.1 and 1.2, any case).
_SPECIAL_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def scalar(value: Any) -> str:
    """One scalar, plain when that reads back as the same string, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if (_PLAIN_SAFE.fullmatch(text) and not text.endswith(" ") and "  " not in text
            and text.lower() not in _SPECIAL_WORDS and isinstance(resolve_plain(text), str)):
        return text
    return quoted(text)


def quoted(text: str) -> str:
    """`text` double-quoted, with an escape for anything but printable characters."""
    return '"' + "".join(_escaped(c) for c in text) + '"'


def _escaped(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    if 0x20 <= code < 0x7F or (0xA0 <= code <= 0xFFFD and code not in (0x2028, 0x2029)
                               and not 0xD800 <= code <= 0xDFFF and code != 0xFEFF):
        return char
    if 0x10000 <= code <= 0x10FFFF:
        return char
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def flow(value: Any) -> str:
    """A value in flow style: `{date: 2024-03-14, event: training, attendees: [A, B]}`."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{scalar(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Sequence) and not isinstance(value, str):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def block_mapping(value: Mapping[str, Any], indent: int) -> list[str]:
    """Lines of a block mapping whose nested values are written in flow style."""
    pad = " " * indent
    return [f"{pad}{scalar(k)}: {flow(v)}" for k, v in value.items()]
