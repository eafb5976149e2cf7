"""The checking processes send each file's diagnostics already written, with only what the
parent needs (`checks.written`): what is found across files afterwards (an id used twice, a
partner held twice, `--base`) must still land at its place, exactly where sorting every
diagnostic of the file together would have put it."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

from helpers import CONVENTIONS
from pncaf.checks.diagnostics import Diagnostic, Severity, sort_key
from pncaf.checks.runner import check_file
from pncaf.checks.written import Layout, merge, write
from pncaf.cli.check_output import json_item, text_line

FILE = "conventions/a.yaml"


def _d(line: int | None, rule: str, message: str, file: str = FILE,
       severity: Severity = Severity.WARNING) -> Diagnostic:
    return Diagnostic(file, line, 1 if line else None, severity, rule, message, "a")


OWN = [_d(30, "visit-missing", "own 30 « é »"), _d(4, "schema", "own 4", severity=Severity.ERROR),
       _d(None, "yaml", "own, no line"), _d(30, "committee-missing", "own 30 too"),
       _d(12, "report-late", "own 12", severity=Severity.INFO)]
ACROSS = [_d(30, "visit-missing", "across, same key as an own one"), _d(4, "schema", "across 4"),
          _d(99, "partner-duplicate", "across, last"), _d(2, "x", "elsewhere", file="b.yaml")]


def test_merged_diagnostics_land_where_a_full_sort_puts_them() -> None:
    for layout in (Layout(text_line), Layout(json_item, ",\n")):
        merged = merge(write(FILE, OWN, layout), FILE, ACROSS, layout)
        everything = sorted(OWN + ACROSS, key=sort_key)     # stable: own first at a tie
        expected = layout.separator.join(layout.item(d) for d in everything)
        assert merged.text.decode("utf-8") == expected
        assert merged.counts == (1, 7, 1)
        assert (merged.first, merged.last) == (sort_key(everything[0]),
                                              sort_key(everything[-1]))
        # merged again (`--base` after a duplicate id): still in place
        again = merge(merged, FILE, [_d(12, "history-rewritten", "base")], layout)
        assert [key for key, _ in again.items(FILE, layout.separator.encode())] == sorted(
            [sort_key(d) for d in everything] + [(FILE, 12, 1, "history-rewritten")])


def test_a_written_result_travels_whole_between_processes() -> None:
    result = check_file(CONVENTIONS / "77-valbrune.yaml", date(2030, 1, 1), None,
                        Layout(text_line))
    assert result.written is not None and result.written.counts[1] > 0
    back = pickle.loads(pickle.dumps(result))
    assert back == result and back.partner == result.partner
    plain = check_file(Path(CONVENTIONS / "77-valbrune.yaml"), date(2030, 1, 1))
    assert result.write(Layout(text_line)).text.decode() == "\n".join(
        text_line(d) for d in sorted(plain.diagnostics, key=sort_key))
