"""Write small pieces of YAML by hand, quoted safely, in the style people edit.

Used to add a history event to a file without re-serialising anything else, and to write
new conventions. Every string that YAML could read as something else (a number, a date,
a boolean, a key, a comment…) is double-quoted with JSON escaping, which is valid YAML.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from pncaf.files.yaml_positions import resolve_plain

_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}#]*$")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off"}


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
    if (_PLAIN_SAFE.match(text) and ":" not in text
            and " #" not in text and isinstance(resolve_plain(text), str)
            and text.lower() not in _YAML11_WORDS and not re.match(r"^\d{4}-\d\d-\d\d", text)):
        return text
    return json.dumps(text, ensure_ascii=False)


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
