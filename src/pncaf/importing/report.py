"""`pncaf import --report`: every value beside the source line it was read from, so that an
officer checks an import in one read, the convention open next to it.

One entry per value, in the order of the file: the key and the value as the file writes it,
how sure OCR was (for a scan), then each line it was read from, quoted. What was not found,
or was understood only in part, follows with the line where it was looked for.
"""

from __future__ import annotations

from pncaf.files.yaml_text import flow
from pncaf.importing.confidence import REVIEW_BELOW, each_found
from pncaf.importing.found import Reading, plain, quoted

QUOTE_LIMIT = 160


def _source(reading: Reading, n: int) -> str:
    text = reading.lines[n - 1] if 0 < n <= len(reading.lines) else ""
    return f"    line {n}: {quoted(text, QUOTE_LIMIT)}"


def report(reading: Reading, source: str) -> list[str]:
    """The lines of the report on the import of `source`."""
    out = [f"What `pncaf import` read in {source}, value by value, with its source line:", ""]
    for key, found in each_found(reading):
        value = flow(plain(found.value))
        if found.confidence is not None:
            doubt = ", check it on the scan" if found.confidence < REVIEW_BELOW else ""
            value += f"    (OCR {found.confidence:.0f} %{doubt})"
        out.append(f"{key}: {value}")
        out += [_source(reading, n) for n in sorted(set(found.lines))]
    if reading.missing:
        out += ["", "Not read (left null, or read only in part): fill it in from the "
                "convention"]
    for missing in reading.missing:
        out.append(f"{missing.key}: {missing.hint}")
        if missing.line:
            out.append(_source(reading, missing.line))
    return out
