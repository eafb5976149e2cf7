"""Personal data that no shared file may hold (Art. 5): social-security numbers and
credentials, found anywhere in a text, comments included.

The conventions (`personal-data` rule) and the settings file (`pncaf.toml`) are both shared
like any team document, so both are searched the same way; this module sits low enough for
the two to use it without depending on each other.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any

from pncaf.files.yaml_positions import Position
from pncaf.format.identifiers import find_nirs, mask_nir, may_hide_nir

# The look-ahead on the first letters lets the regex engine skip to candidate positions
# (2.4 times faster on a typical file than trying every alternative everywhere).
_CREDENTIAL = re.compile(
    r"(?i)(?=[pmlunicsta])(?<![\w])"
    r"(password|passwd|pwd|mot[ _-]?de[ _-]?passe|mdp|login|user[ _-]?name|"
    r"nom[ _-]d[' ]?utilisateur|identifiants?[ _-]de[ _-]connexion|code[ _-]secret|secret|"
    r"token|api[ _-]?key)[\"']?\s*[:=]\s*[^\s#]"
)

#: A word each credential the pattern finds contains, once the text is case-folded: a text
#: without any of them holds none, and searching for words is ten times faster than the
#: pattern. Case-folding gives every letter the pattern matches ignoring case except two,
#: the Turkish dotted and dotless i, which send the text to the pattern itself.
_CREDENTIAL_WORDS = ("pass", "pwd", "mdp", "login", "user", "utilisateur", "identifiant",
                     "secret", "token", "key")
_UNFOLDED_I = ("\u0131", "\u0307")


def _credentials(text: str) -> Iterator[re.Match[str]]:
    folded = text.casefold()
    if (any(word in folded for word in _CREDENTIAL_WORDS)
            or any(i in folded for i in _UNFOLDED_I)):
        yield from _CREDENTIAL.finditer(text)


#: Where else the data may still be: older copies, wherever the team keeps its files.
PURGE = ("delete it, then have older copies removed too: backups or earlier versions of the "
         "shared drive, the hidden `.NAME.pncaf-undo` file beside this one, and, if the files "
         "are kept in git, its history")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _position(starts: list[int], index: int) -> Position:
    line = bisect.bisect_right(starts, index)
    return line, index - starts[line - 1] + 1


def credential_findings(text: str) -> Iterator[tuple[Position, str]]:
    """Social-security numbers and credentials anywhere in a text, comments included
    (conventions, and the settings file too)."""
    starts: list[int] | None = None
    for match in find_nirs(text):
        starts = starts or _line_starts(text)
        yield _position(starts, match.start()), (
            f"a social-security number ({mask_nir(match)}) is written here: Art. 5 forbids "
            f"keeping users' personal data; {PURGE}")
    for match in _credentials(text):
        starts = starts or _line_starts(text)
        yield _position(starts, match.start()), (
            f"a credential (`{match.group(1)}`) is written here: Art. 5 forbids noting users' "
            f"login data; {PURGE}")


def hidden_nirs(text: str, data: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Social-security numbers that only the values YAML reads out of `text` show: written
    with escapes (`"\\x31 85…"`), or folded over two lines (a plain or quoted text, or a
    `|` block, whose line breaks join the groups). Each with the path of its value, and
    only those `credential_findings` did not already find in the text."""
    if not may_hide_nir(text):
        return
    seen = {_digits(match) for match in find_nirs(text)}
    for path, value in _texts(data, ()):
        for match in find_nirs(" ".join(value.split())):
            if _digits(match) not in seen:
                seen.add(_digits(match))
                yield path, (f"a social-security number ({mask_nir(match)}) is written in "
                             f"this value: Art. 5 forbids keeping users' personal data; "
                             f"{PURGE}")


def _digits(match: re.Match[str]) -> str:
    """A NIR's digits in ASCII (a fullwidth one is the same number)."""
    return "".join(str(int(ch)) if ch.isdigit() else ch.upper()
                   for ch in "".join(match.groups()))


def _texts(value: Any, path: tuple[str | int, ...],
           ) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
