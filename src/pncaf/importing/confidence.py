"""How sure OCR was of each value read from a scan, and which values an officer must check.

Tesseract gives each word a confidence (0–100). A value's confidence is the lowest of the
words it was read from on its lines: the words with a digit (a SIREN, a date, hours, a
postcode) and the words of the value itself (a name, a street); the other words of a long
paragraph do not lower it. Below `REVIEW_BELOW`, the value is flagged: its comment in the
file and an `import-review` warning say to check it against the scan. Below `READ_BELOW`,
OCR misreads too often for the value to be kept at all (« Clés du_web » was read at 72 % for
« Clés_du_web », « zchfdl@… » at 81 % for « zcbfdl@… », a lost digit at 45 %): it is null,
with an `import-missing` warning quoting what OCR read, for the officer to confirm. Clean
words of a 200 dpi scan read at 90–96 %: most values are kept, some flagged. An e-mail
address read from a scan is never kept, however sure OCR was: its letters follow no rule a
check could hold them to, one misread letter (« bouvqwge » read « bouvawge » at over 92 %)
sends the reminders to someone else, and the warning quotes what OCR read for the officer
to confirm.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from pncaf.files.yaml_text import flow
from pncaf.importing.found import Found, Missing, Reading, plain

REVIEW_BELOW = 92.0
READ_BELOW = 85.0
_WORD = re.compile(r"[^\W_]+")


def _words_of(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _words_of(item)
    elif isinstance(value, (list, tuple)) and not hasattr(value, "start"):
        for item in value:
            yield from _words_of(item)
    elif value is not None and not isinstance(value, (bool, date)):
        yield from (w.casefold() for w in _WORD.findall(str(value)))


def confidence(found: Found, words: list[list[tuple[str, float]]]) -> float | None:
    """The lowest confidence of the words that carry `found` (None: not read by OCR)."""
    own = set(_words_of(found.value))
    scores = [score for n in found.lines if 0 < n <= len(words) for text, score in words[n - 1]
              if any(c.isdigit() for c in text)
              or any(w in own for w in _WORD.findall(text.casefold()))]
    return min(scores) if scores else None


def each_found(reading: Reading) -> Iterator[tuple[str, Found]]:
    """(dotted key, value) of everything read, sites included."""
    for key, found in reading.values.items():
        if found is not None:
            yield key, found
    for index, site in enumerate(reading.sites):
        for key, found in site.items():
            if found is not None:
                yield f"sites[{index}].{key}", found


def rate(reading: Reading, words: list[list[tuple[str, float]]]) -> None:
    """Give each value read by OCR its confidence; drop those too doubtful to keep."""
    if not words:
        return
    for key, found in list(each_found(reading)):
        found.confidence = confidence(found, words)
        if found.confidence is None:
            continue
        if found.confidence < READ_BELOW:
            _drop(reading, key, found, f"with a confidence of {found.confidence:.0f} % only")
        elif _is_address(found.value):
            _drop(reading, key, found, "from a scan, where an e-mail address is never kept "
                  "(one letter misread, and reminders would go to someone else)")


def _is_address(value: Any) -> bool:
    """An e-mail address: random letters that no check can catch misread (« bouvqwge » was
    read « bouvawge » at over 92 %), and where the reminders go."""
    return isinstance(value, str) and "@" in value


def _drop(reading: Reading, key: str, found: Found, why: str) -> None:
    if key.startswith("sites["):
        index, _, name = key[len("sites["):].partition("].")
        reading.sites[int(index)][name] = None
    else:
        reading.values[key] = None
    reading.missing.append(Missing(key, found.lines[0] if found.lines else None,
                                   f"OCR read {flow(plain(found.value))} {why}: check it on "
                                   "the scan and write it in the file"))
