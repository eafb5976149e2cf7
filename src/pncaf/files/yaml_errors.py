"""What libyaml's refusal of a file means, said the way its author can act on it: where
(the line where the problem really is, not where libyaml gave up) and what to do (quote a
value holding `: `, indent with spaces, close a bracket, double an apostrophe…)."""

from __future__ import annotations

import re

import yaml


def problem_of(exc: yaml.YAMLError, text: str) -> tuple[int, int, str]:
    """(line, column, message) of libyaml's refusal `exc` of `text`."""
    if not isinstance(exc, yaml.MarkedYAMLError):   # reader errors (control characters)
        line, col = _reader_position(text, exc)
        return line, col, f"not valid YAML: {exc}".splitlines()[0]
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = _explain(exc)
    context = exc.context_mark
    if mark and context and context.line != mark.line:
        message = f"{message} (it started on line {context.line + 1})"
    if mark and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        message = f"{message}; indent with spaces, not tabs"
    apostrophe = _apostrophe_in_single_quotes(text, line)
    if apostrophe:
        line, col, meant = apostrophe
        message = (f"an apostrophe inside single quotes ends the text too early: write "
                   f"\"{meant}\" with double quotes")
    return line, col, message


_SINGLE_QUOTED = re.compile(r"^(\s*(?:-\s+)?(?:[\w.-]+:\s+)?)'(.*'.*)'\s*(?:#.*)?$")


def _apostrophe_in_single_quotes(text: str, line: int) -> tuple[int, int, str] | None:
    """`name: 'Antenne de l'Ile'` on `line` or the line before (where YAML noticed it):
    (line, column, the text meant), or None."""
    lines = text.splitlines()
    for number in (line, line - 1):
        if not 1 <= number <= len(lines):
            continue
        match = _SINGLE_QUOTED.match(lines[number - 1])
        if match and "''" not in match.group(2):
            return number, len(match.group(1)) + 1, match.group(2)
    return None


def _reader_position(text: str, exc: yaml.YAMLError) -> tuple[int, int]:
    pos = getattr(exc, "position", None)
    if isinstance(pos, int) and 0 <= pos <= len(text):
        before = text[:pos]
        return before.count("\n") + 1, pos - (before.rfind("\n") + 1) + 1
    return 1, 1


_HINTS: list[tuple[str, str]] = [
    ("mapping values are not allowed", "a value contains ': ': put the value in quotes, "
     "or check this line's indentation"),
    ("could not find expected ':'", "each line of a mapping is `key: value`: look for a "
     "missing colon or an unclosed quote here or on the line before"),
    ("did not find expected key", "this line does not line up with the keys above it: "
     "check its indentation"),
    ("did not find expected '-'", "this line does not line up with the list items above it: "
     "check its indentation"),
    ("found undefined alias", "an alias `*name` needs an anchor `&name` earlier in the file"),
    ("maximum nesting depth", "the file nests far deeper than a convention ever does"),
    ("unexpected end of stream", "a quote or bracket opened here is never closed"),
    ("expected ',' or ']'", "a list in brackets: separate items with commas and close it with ]"),
    ("expected ',' or '}'", "a mapping in braces: separate items with commas and close it with }"),
    ("did not find expected node content", "a value is missing here: a [ or { opened "
     "earlier is never closed (is the file cut short?), or a comma is followed by nothing"),
    ("found unknown escape character", "inside double quotes a backslash starts an escape: "
     "use single quotes, or write \\\\"),
]


def _explain(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "not valid YAML"
    text = f"{exc.context}: {problem}" if exc.context else problem
    for needle, hint in _HINTS:
        if needle in text:
            return f"not valid YAML ({text}); {hint}"
    return f"not valid YAML ({text})"
