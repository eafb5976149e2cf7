"""Render `check` results as text, JSON or GitHub annotations. No logic, only layout."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable, Mapping
from functools import partial
from json.encoder import encode_basestring
from typing import IO

from pncaf.checks.diagnostics import Diagnostic, Severity, counted, sort_key
from pncaf.checks.runner import FileResult, Summary
from pncaf.checks.written import Layout, SortKey, sizes
from pncaf.printable import shown

_COLOURS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m",
            Severity.INFO: "\x1b[1;36m"}
_DIM, _RESET = "\x1b[2m", "\x1b[0m"


def use_colour(stream: IO[str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def text_line(d: Diagnostic, colour: bool = False) -> str:
    """`file:line:col: severity[rule] message`, the form editors jump to."""
    label = f"{d.severity.value}[{d.rule}]"
    where, message = shown(d.location()), shown(d.message)
    if colour:
        return f"{_DIM}{where}:{_RESET} {_COLOURS[d.severity]}{label}{_RESET} {message}"
    return f"{where}: {label} {message}"


def summary_line(summary: Summary) -> str:
    files = counted(summary.files, "file")
    noted = (f" ({summary.infos} acknowledged finding{'' if summary.infos == 1 else 's'} "
             "shown as info)") if summary.infos else ""
    if not summary.errors and not summary.warnings:
        return f"{files} checked: no problem found{noted}."
    parts = [counted(summary.errors, "error"), counted(summary.warnings, "warning")]
    return f"{files} checked: {', '.join(parts)}{noted}."


def renderer(format: str, out: IO[str]) -> Layout:
    """How diagnostics are written in `format` (text, json, github) to `out`; given to
    the checking processes, which then write them (`checks.written`)."""
    if format == "json":
        return Layout(json_item, ",\n")
    if format == "github":
        return Layout(github_line)
    return Layout(partial(text_line, colour=True) if use_colour(out) else text_line)


def write_text(results: Iterable[FileResult], out: IO[str],
               layout: Layout | None = None) -> Summary:
    """Lines as results arrive (files in order, each file's lines by position)."""
    return _write_lines(results, out, layout or renderer("text", out))


def _write_lines(results: Iterable[FileResult], out: IO[str], layout: Layout) -> Summary:
    """Each file's lines as its result arrives, then the summary line."""
    summary = Summary()
    for result in results:
        summary.count(result, keep=False)
        text = result.write(layout).text
        if text:
            out.write(text.decode("utf-8") + "\n")
    out.write(summary_line(summary) + "\n")
    return summary


def to_json(summary: Summary) -> dict[str, object]:
    return {
        "files": summary.files,
        "errors": summary.errors,
        "warnings": summary.warnings,
        "infos": summary.infos,
        "diagnostics": [d.to_json() for d in sorted(summary.diagnostics, key=sort_key)],
    }


def flat_json(value: Mapping[str, object], indent: str = "") -> str | None:
    """`json.dumps(value, ensure_ascii=False, indent=2)` of a flat mapping (texts, whole
    numbers, true/false, null), its lines after the first indented by `indent`; None for
    anything else. Written out because with `indent` the json module encodes in Python:
    the diagnostics of a 10,000-file check and the items of a network's agenda are
    hundreds of thousands. Texts still go through json's own (C) escaping; tests hold the
    two to the same bytes."""
    fields = []
    for key, item in value.items():
        if not isinstance(key, str):
            return None
        if isinstance(item, str):
            shown = encode_basestring(item)
        elif item is None or isinstance(item, bool):
            shown = "null" if item is None else ("true" if item else "false")
        elif type(item) is int:
            shown = str(item)
        else:
            return None
        fields.append(f"{indent}  {encode_basestring(key)}: {shown}")
    return "{\n" + ",\n".join(fields) + f"\n{indent}}}" if fields else None


def diagnostic_json(d: Diagnostic) -> str:
    """`json.dumps(d.to_json(), ensure_ascii=False, indent=2)` (`flat_json`)."""
    return _diagnostic_json(d, "")


def json_item(d: Diagnostic) -> str:
    """A diagnostic as an item of `check --format json`'s list, indented in place: the
    fields of `Diagnostic.to_json` written straight from the diagnostic, the 170,000 of a
    10,000-file check (tests hold it to the json module's bytes)."""
    return "    " + _diagnostic_json(d, "    ")


def _diagnostic_json(d: Diagnostic, indent: str) -> str:
    # written inline (no helper calls, the severity through str.format rather than the
    # enum's `value`): this is half of a diagnostic's cost in the checking processes
    at = f",\n{indent}  "
    return (f'{{\n{indent}  "file": {encode_basestring(d.file)}'
            f'{at}"line": {"null" if d.line is None else int(d.line)}'
            f'{at}"column": {"null" if d.column is None else int(d.column)}'
            f'{at}"severity": "{d.severity}"{at}"rule": {encode_basestring(d.rule)}'
            f'{at}"message": {encode_basestring(d.message)}'
            f'{at}"convention": '
            f'{"null" if d.convention is None else encode_basestring(d.convention)}'
            f'{at}"subject": {"null" if d.subject is None else encode_basestring(d.subject)}'
            f"\n{indent}}}")


def write_json(results: Iterable[FileResult], out: IO[str],
               layout: Layout | None = None) -> Summary:
    """One JSON object, as `json.dump(to_json(summary), indent=2)` writes it, diagnostics
    sorted. Each diagnostic is rendered, indented, as it comes and kept in a temporary
    file, only its sort key and place in memory: over 10,000 files the object weighs 90 MB,
    which held as `Diagnostic`s took 180 MB. The files come in order, so the diagnostics
    usually do too: the spool is then copied out whole; else item by item, sorted."""
    import tempfile

    with tempfile.TemporaryFile() as spool:
        summary, blocks, in_order = _spool(results, spool, layout or renderer("json", out))
        head = {key: value for key, value in to_json(summary).items() if key != "diagnostics"}
        out.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "diagnostics": ')
        if not blocks:
            out.write("[]\n}\n")
            return summary
        out.write("[\n")
        if in_order:
            spool.seek(0)
            _copy_out(spool, out)
        else:
            places = _places(blocks)
            places.sort(key=lambda place: place[0])
            sorted_items = io.BytesIO()
            for number, (_, start, size) in enumerate(places):
                spool.seek(start)
                sorted_items.write((b"" if number == 0 else b",\n") + spool.read(size))
                if sorted_items.tell() > 1 << 20:
                    _copy_out(io.BytesIO(sorted_items.getvalue()), out)
                    sorted_items = io.BytesIO()
            _copy_out(io.BytesIO(sorted_items.getvalue()), out)
        out.write("\n  ]\n}\n")
    return summary


_Block = tuple[str, int, str]     # a file's block in the spool: file, start, `Written.table`
_Place = tuple[SortKey, int, int]    # an item's sort key, start, size in the spool


def _spool(results: Iterable[FileResult], spool: IO[bytes], layout: Layout,
           ) -> tuple[Summary, list[_Block], bool]:
    """Each file's diagnostics written to `spool` as they will be printed, separated by
    `,\n`: the counts, each file's block, and whether they came sorted."""
    summary = Summary()
    blocks: list[_Block] = []
    in_order = True
    last: SortKey | None = None
    end = 0                     # where the spool ends (asking the file costs a system call)
    for result in results:
        summary.count(result, keep=False)
        written = result.write(layout)
        if written.first is None:
            continue
        # a file's diagnostics come sorted: only where it starts may break the order
        in_order = in_order and (last is None or not written.first < last)
        last = written.last
        if end:
            spool.write(b",\n")
            end += 2
        blocks.append((result.file, end, written.table))
        spool.write(written.text)               # one write a file
        end += len(written.text)
    return summary, blocks, in_order


def _places(blocks: list[_Block]) -> list[_Place]:
    """Where each item is in the spool, with its sort key (to write them sorted)."""
    places: list[_Place] = []
    for file, start, table in blocks:
        for key, size in sizes(table, file):
            places.append((key, start, size))
            start += size + 2
    return places


def _copy_out(spool: IO[bytes], out: IO[str]) -> None:
    """The spool's UTF-8 to `out`: as bytes to its buffer when it has one (standard
    output: JSON is UTF-8 whatever the terminal's encoding, a Windows code page included,
    which cannot write every character), else decoded a chunk at a time."""
    import codecs
    import shutil

    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        shutil.copyfileobj(spool, buffer, 1 << 20)
        buffer.flush()
        return
    decoder = codecs.getincrementaldecoder("utf-8")()
    while chunk := spool.read(1 << 20):
        out.write(decoder.decode(chunk))
    out.write(decoder.decode(b"", final=True))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(d: Diagnostic) -> str:
    """A GitHub Actions workflow command, shown as an annotation on the pull request."""
    props = [f"file={_escape_property(shown(d.file))}"]
    if d.line is not None:
        props.append(f"line={d.line}")
    if d.column is not None:
        props.append(f"col={d.column}")
    props.append(f"title={_escape_property(d.rule)}")
    level = "notice" if d.severity is Severity.INFO else d.severity.value   # GitHub's levels
    return f"::{level} {','.join(props)}::{_escape_data(shown(d.message))}"


def write_github(results: Iterable[FileResult], out: IO[str],
                 layout: Layout | None = None) -> Summary:
    return _write_lines(results, out, layout or renderer("github", out))
