"""A text made safe for HTML exactly as the templates' autoescaping writes it, for the parts
of a dashboard page that Python writes (`timeline_svg`, `week_svg`, `page_rows`).

A page escapes some three hundred and fifty texts (labels, titles, messages). MarkupSafe's
`escape` does the work in C, then wraps the result in a `Markup` object in Python, which took
nine tenths of each call; here a text is escaped by the same C function and stays a plain
`str` (`tests/test_page_rows.py` holds the two to the same characters).
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import escape

_escape_str: Callable[[str], str] | None
try:  # what `markupsafe.escape` itself calls on a str (the C version when it was built)
    from markupsafe import _escape_inner as _escape_str  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - an older or newer MarkupSafe: its public function
    _escape_str = None


def html_text(value: object) -> str:
    """`markupsafe.escape(value)` as a plain `str`: `&`, `<`, `>`, `"` and `'` as entities;
    a number as its digits."""
    if _escape_str is not None and type(value) is str:
        return _escape_str(value)
    return str(escape(value))
