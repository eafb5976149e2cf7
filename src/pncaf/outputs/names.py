"""Output names that never collide: two conventions never share a page or a message file.

File names are built from ids (cut to 80 characters, unsafe characters replaced), and
Windows and macOS compare names regardless of case: `Valbrune` and `valbrune`, `x y` and
`x-y`, or two long ids that differ after their 80th character would silently overwrite
each other. Every command that writes one file per convention or per item checks its
names here first, and refuses with both owners named, before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable

from pncaf.errors import Refused


def refuse_collisions(named: Iterable[tuple[str, str]]) -> None:
    """`named` gives (output name, what it is written for); two equal names (case
    ignored) are a `Refused` naming both owners."""
    seen: dict[str, str] = {}
    for name, owner in named:
        key = name.casefold()
        if key in seen:
            raise Refused(
                f"{seen[key]} and {owner} would be written to the same file, {name} (names "
                "are cut to 80 characters, keep letters, digits, `.`, `-` and `_`, and "
                "ignore case): give one of them a different `id:`; nothing written")
        seen[key] = owner
