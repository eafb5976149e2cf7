"""Render `pncaf diff` as text, JSON, GitHub annotations or a pull request's summary in
Markdown (no logic, only layout), and `run_diff`, the command itself without typer: shared
by the full command line and the fast path of `pncaf.cli.entry`."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Sequence
from typing import IO

from pncaf.checks.diagnostics import Severity, counted
from pncaf.cli.check_output import _escape_data, _escape_property, flat_json, use_colour
from pncaf.review.changes import Change, FileReview
from pncaf.review.sources import Pair

FORMATS = ("text", "json", "github", "markdown")

_COLOURS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m",
            Severity.INFO: "\x1b[1;36m"}
_DIM, _RESET = "\x1b[2m", "\x1b[0m"


def _where(review: FileReview, change: Change) -> str:
    return f"{review.file}:{change.line}" if change.line else review.file


def text_line(review: FileReview, change: Change, colour: bool = False) -> str:
    """`file:line: severity[kind] message`, as `check` writes its lines."""
    label = f"{change.severity.value}[{change.kind}]"
    if colour:
        return (f"{_DIM}{_where(review, change)}:{_RESET} {_COLOURS[change.severity]}{label}"
                f"{_RESET} {change.message}")
    return f"{_where(review, change)}: {label} {change.message}"


def summary_line(reviews: Sequence[FileReview]) -> str:
    changes = [c for r in reviews for c in r.changes]
    if not reviews:
        return "no convention changed."
    count = {level: sum(1 for c in changes if c.severity is level) for level in Severity}
    errors, warnings = count[Severity.ERROR], count[Severity.WARNING]
    return (f"{counted(len(reviews), 'file')} changed: {counted(errors, 'error')}, "
            f"{counted(warnings, 'warning')}, {counted(count[Severity.INFO], 'note')}.")


def write_text(reviews: Sequence[FileReview], out: IO[str]) -> None:
    colour = use_colour(out)
    for review in reviews:
        for change in review.changes:
            out.write(text_line(review, change, colour) + "\n")
    out.write(summary_line(reviews) + "\n")


def to_json(reviews: Sequence[FileReview]) -> list[dict[str, object]]:
    return [{"file": r.file, "convention": r.convention, "kind": c.kind, "message": c.message,
             "severity": c.severity.value} for r in reviews for c in r.changes]


def write_json(reviews: Sequence[FileReview], out: IO[str]) -> None:
    """`json.dump(to_json(reviews), out, ensure_ascii=False, indent=2)` and a newline,
    each change written by `flat_json` (with `indent` the json module encodes in Python:
    a tenth of a second for 10,000 changes, the parent alone at the end)."""
    items = to_json(reviews)
    if not items:
        out.write("[]\n")
        return
    out.write("[\n  ")
    for number, item in enumerate(items):
        text = flat_json(item, "  ")
        assert text is not None, "a change's fields are texts"
        out.write(text if number == 0 else ",\n  " + text)
    out.write("\n]\n")


_GITHUB = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def write_github(reviews: Sequence[FileReview], out: IO[str]) -> None:
    """GitHub Actions workflow commands: each change is an annotation on its line."""
    for review in reviews:
        for change in review.changes:
            props = [f"file={_escape_property(review.file)}"]
            if change.line:
                props.append(f"line={change.line}")
            props.append(f"title={_escape_property(f'pncaf diff ({change.kind})')}")
            out.write(f"::{_GITHUB[change.severity]} {','.join(props)}::"
                      f"{_escape_data(change.message)}\n")
    out.write(summary_line(reviews) + "\n")


_MARK = {Severity.ERROR: "❌ **Bloquant**", Severity.WARNING: "⚠️ **À vérifier**",
         Severity.INFO: "ℹ️"}
_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#~"})


def _md(text: str) -> str:
    """Text shown as written: Markdown and HTML in a partner's name stay plain text."""
    return text.translate(_MD_SPECIAL)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count <= 1 else many}"   # French: 0 and 1 are singular


def markdown(reviews: Sequence[FileReview]) -> str:
    """A pull request's summary: the verdict first, then each convention's changes."""
    changes = [c for r in reviews for c in r.changes]
    count = {level: sum(1 for c in changes if c.severity is level) for level in Severity}
    lines = ["## Ce que change cette demande (pncaf diff)", ""]
    if not reviews:
        lines.append("Aucune convention modifiée.")
        return "\n".join(lines) + "\n"
    verdict = [_plural(count[Severity.ERROR], "erreur bloquante", "erreurs bloquantes"),
               _plural(count[Severity.WARNING], "point à vérifier", "points à vérifier"),
               _plural(count[Severity.INFO], "information", "informations")]
    files = _plural(len(reviews), "convention modifiée", "conventions modifiées")
    lines.append(f"**{files}** : {', '.join(verdict)}.")
    if count[Severity.ERROR]:
        lines += ["", "❌ À corriger avant de fusionner."]
    for review in reviews:
        title = f"`{review.file}`"
        if review.title and review.title != review.convention:
            title += f" — {_md(review.title)}"
        lines += ["", f"### {title}", ""]
        for change in review.changes:
            line = f" (ligne {change.line})" if change.line else ""
            lines.append(f"- {_MARK[change.severity]} {_md(change.message)}{line}")
    lines += ["", "<sub>Résumé écrit par `pncaf diff --format markdown` à partir des fichiers "
              "de `conventions/`.</sub>"]
    return "\n".join(lines) + "\n"


def write_markdown(reviews: Sequence[FileReview], out: IO[str]) -> None:
    out.write(markdown(reviews))


def write_driver(pair: Pair, review: FileReview | None, out: IO[str]) -> None:
    """What `git diff` shows for one file when pncaf is its diff driver: the meaning first,
    then the lines that moved, as a unified diff."""
    old_name = f"a/{pair.old.name}" if pair.old.data is not None else "/dev/null"
    new_name = f"b/{pair.new.name}" if pair.new.data is not None else "/dev/null"
    out.write(f"pncaf diff {old_name} {new_name}\n")
    if review is not None:
        for change in review.changes:
            out.write(f"# {text_line(review, change)}\n")
    before = (pair.old.data or b"").decode("utf-8", "replace").splitlines(keepends=True)
    after = (pair.new.data or b"").decode("utf-8", "replace").splitlines(keepends=True)
    for line in difflib.unified_diff(before, after, fromfile=old_name, tofile=new_name):
        out.write(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")


def run_diff(args: list[str], format: str, as_of: str | None, driver: bool) -> int:
    """`pncaf diff`: write the review of each changed file, return the exit status (1 when
    a change breaks an engagement or rewrites the history; always 0 as git's driver)."""
    from pncaf.cli.check import parse_as_of
    from pncaf.review.meaning import review
    from pncaf.review.sources import driver as driver_pairs
    from pncaf.review.sources import from_arguments

    day = parse_as_of(as_of)
    if driver:
        for pair in driver_pairs(args):
            write_driver(pair, review(pair.old, pair.new, day, pair.renamed), sys.stdout)
        return 0
    with from_arguments(args) as versions:
        # JSON shows no line: the changes need not be placed
        reviews = list(versions.reviews(day, placed=format != "json"))
    writer = {"text": write_text, "json": write_json, "github": write_github,
              "markdown": write_markdown}[format]
    writer(reviews, sys.stdout)
    return 1 if any(c.severity is Severity.ERROR for r in reviews for c in r.changes) else 0
