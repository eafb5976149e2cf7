"""The equipment of each site, in Art. 8: « 3 ordinateurs, 1 imprimante/scanner », per site
when there are several (« Médiathèque … : 4 ordinateurs … »).

A line may name several sites (a scan joins short lines, a table row holds two): it is cut
at each site's name and each part counted for its own site. With several sites, equipment
that names no site is nobody's for sure, so it is a warning, never added to the first one.
"""

from __future__ import annotations

import re

from pncaf.importing.found import NUMBER, Found, Missing, Reading, Text, number, quoted

_KINDS = (r"(ordinateurs?|postes?(?: informatiques?)?|pc|"
          r"imprimantes?(?:\s*[/-]\s*scanners?|\s+multifonctions?)?|scanners?)")
_EQUIPMENT = re.compile(NUMBER + r"\s+" + _KINDS, re.IGNORECASE)
#: A kind of equipment named, with or without its count: one named without a count read
#: (a scan's « l ordinateur », « 1ordinateur ») must not be imported as 0.
_NAMED = re.compile(r"\b" + _KINDS + r"\b", re.IGNORECASE)
Site = dict[str, Found | None]


def _name_pattern(name: str) -> str:
    """A site's name as it may be written: any case, any apostrophe, any spacing."""
    words = [re.escape(w) for w in re.split(r"[\s'’-]+", name) if w]
    return r"[\s'’-]*".join(words)


def _segments(line: str, sites: list[Site]) -> list[tuple[int | None, str]]:
    """(index of the site, part of the line about it); None: no site named."""
    names = [(i, _name_pattern(s["name"].value)) for i, s in enumerate(sites)
             if s["name"] is not None and s["name"].value]
    hits = sorted((m.start(), m.end(), i) for i, pattern in names
                  for m in re.finditer(pattern, line, re.IGNORECASE))
    alone = 0 if len(sites) == 1 else None
    if not hits:
        return [(alone, line)]
    out: list[tuple[int | None, str]] = [(alone, line[:hits[0][0]])]
    for k, (_, end, index) in enumerate(hits):
        stop = hits[k + 1][0] if k + 1 < len(hits) else len(line)
        out.append((index, line[end:stop]))
    return out


def _kinds(word: str) -> set[str]:
    """The keys of the equipment a word names (« imprimante/scanner »: both)."""
    kind = word.lower()
    keys = set()
    if kind.startswith(("ordinateur", "poste", "pc")):
        keys.add("computers")
    if kind.startswith("imprimante"):
        keys.add("printers")
    if "scanner" in kind or "multifonction" in kind:
        keys.add("scanners")
    return keys


def _count(found: dict[str, int], part: str) -> set[str]:
    """Adds the counts of `part` to `found`; returns the kinds it names without a count
    that could be read."""
    counted: set[str] = set()
    for match in _EQUIPMENT.finditer(part):
        count = number(match.group(1))
        for key in _kinds(match.group(2)):
            found[key] += count
            counted.add(key)
    named = {key for match in _NAMED.finditer(part) for key in _kinds(match.group(1))}
    return named - counted


def read_equipment(text: Text, reading: Reading) -> None:
    sites = reading.sites
    counts: dict[int, tuple[dict[str, int], list[int]]] = {}
    unread: dict[int, tuple[int, str]] = {}     # a site whose equipment is named uncounted
    unclaimed: list[tuple[int, str]] = []
    for n, line in text.article(8):
        for index, part in _segments(line, sites):
            if not _EQUIPMENT.search(part):
                continue
            if index is None:
                unclaimed.append((n, part))
                continue
            found, lines = counts.setdefault(index, ({"computers": 0, "printers": 0,
                                                      "scanners": 0}, []))
            lines.append(n)
            if _count(found, part):
                unread.setdefault(index, (n, part))
    for index, site in enumerate(sites):
        if index in unread:
            n, part = unread[index]
            site["equipment"] = None
            reading.missing.append(Missing(f"sites[{index}].equipment", n, f"{quoted(part)} "
                                           "names equipment whose number could not be read: "
                                           "write the site's equipment in the file",
                                           partly=True))
            continue
        if index in counts:
            value, lines = counts[index]
            site["equipment"] = Found(value, sorted(set(lines)))
            continue
        site["equipment"] = None
        if unclaimed:
            n, part = unclaimed[0]
            reading.missing.append(Missing(f"sites[{index}].equipment", n, f"{quoted(part)} "
                                           "names no site, and there are several: write each "
                                           "site's equipment in the file"))
        else:
            reading.missing.append(Missing(f"sites[{index}].equipment", text.heading_line(8),
                                           "the equipment offered to the public, in Art. 8 "
                                           "(« 3 ordinateurs », « 1 imprimante/scanner »)"))
