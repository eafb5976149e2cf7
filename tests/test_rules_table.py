"""Rules as tables, in the manner of yamllint's rule tests: a whole convention as it would
stand in a file, and the problems expected at `(line, column, rule)`.

Each case is the file a user would write, so that a reader sees the exact text the line and
column point into. Dates are checked as of AS_OF.
"""

from __future__ import annotations

from datetime import date

import pytest

from helpers import VALID, diagnostics

AS_OF = date(2024, 1, 15)


def convention(sites: str, *, signed: str = "{caf: 2024-01-10, partner: 2024-01-15}",
               extra: str = "", history: str = "[]") -> str:
    """The shared valid convention (helpers.VALID) up to its `sites:` line (line 14), then
    these sites, `signed:`, what `extra` adds, and `history:`."""
    head = VALID[:VALID.index("sites:\n")]
    return f"{head}sites:\n{sites}signed: {signed}\n{extra}history: {history}\n"


#: The one site of the shared valid convention, as it stands there.
ONE_SITE = VALID[VALID.index("  - name: Point"):VALID.index("signed:")]

CASES: list[tuple[str, str, list[tuple[int, int, str]]]] = [
    ("valid", convention(ONE_SITE), []),
    ("three half-days", convention("""\
  - name: Point d'accueil
    address: {street: 2 rue du Point, postcode: "77270", city: Villeparisis}
    hours:
      monday: ["09:00-12:00", "14:00-20:00"]
      tuesday: ["09:00-12:00"]
    equipment: {computers: 1, printers: 1, scanners: 1}
"""), [(14, 1, "opening-minimum")]),
    ("overlapping ranges", convention("""\
  - name: Point d'accueil
    address: {street: 2 rue du Point, postcode: "77270", city: Villeparisis}
    hours:
      monday: ["09:00-12:00", "11:00-17:00"]
      tuesday: ["09:00-12:00", "14:00-17:00"]
    equipment: {computers: 1, printers: 1, scanners: 1}
"""), [(18, 15, "schema")]),
    ("French weekday", convention("""\
  - name: Point d'accueil
    address: {street: 2 rue du Point, postcode: "77270", city: Villeparisis}
    hours:
      lundi: ["09:00-12:00", "14:00-17:00"]
      tuesday: ["09:00-12:00", "14:00-17:00"]
    equipment: {computers: 1, printers: 1, scanners: 1}
"""), [(18, 7, "schema")]),
    ("a NIR in a comment", convention(ONE_SITE, extra="# usager : 1 84 12 76 451 089 46\n"),
     [(22, 12, "personal-data")]),
    ("a NIR grouped by narrow spaces, as a word processor writes it",
     convention(ONE_SITE, extra="# usager : 1\u202f84\u202f12\u202f76\u202f451"
                                "\u202f089\u202f46\n"),
     [(22, 12, "personal-data")]),
    ("a NIR in fullwidth digits, pasted from a PDF",
     convention(ONE_SITE, extra="# usager : 1 \uff18\uff14 12 76 451 089 46\n"),
     [(22, 12, "personal-data")]),
    ("a NIR written with escapes, which only the value read shows",
     convention(ONE_SITE.replace("name: Point", 'name: "\\x31 84 12 76 451 089 46 Point')
                .replace("d'accueil\n", 'd\'accueil"\n', 1)),
     [(15, 11, "personal-data")]),
    ("a NIR folded over two lines of a quoted text",
     convention(ONE_SITE.replace("name: Point", 'name: "1 84 12 76\n      451 089 46 Point')
                .replace("d'accueil\n", 'd\'accueil"\n', 1)),
     [(15, 11, "personal-data")]),
    ("a NIR in fullwidth digits only",
     convention(ONE_SITE, extra="# usager : \uff11\uff18\uff14\uff11\uff12\uff17\uff16"
                                "\uff14\uff15\uff11\uff10\uff18\uff19\uff14\uff16\n"),
     [(22, 12, "personal-data")]),
    ("unknown key", convention(ONE_SITE, extra="notes: {x: 1}\n"),
     [(22, 1, "schema")]),
    ("unsigned", convention(ONE_SITE, signed="{caf: null, partner: 2024-01-15}"),
     [(21, 1, "unsigned")]),
    ("ACTES id of another SIREN", convention(ONE_SITE, extra=(
        "prefecture: {id: 077-217700000-20240110-22_07169-DE, transmitted: 2024-01-10}\n")),
     [(22, 18, "prefecture-id")]),
    ("duplicate key", convention(ONE_SITE, extra="signed: {caf: 2024-01-10}\n"),
     [(22, 1, "yaml")]),
    ("indicator off the list", convention(ONE_SITE, history=(
        "\n  - {date: 2024-01-15, event: report, period: 2024-S1, indicators: {démarches: 3}}")),
     [(23, 69, "indicator-unknown")]),
    ("a semester reported twice", convention(ONE_SITE, history=(
        "\n  - {date: 2024-01-15, event: report, period: 2024-S1, indicators: {accueils: 3}}"
        "\n  - {date: 2024-01-15, event: report, period: 2024-S1, indicators: {accueils: 4}}"
        "\n  - {date: 2024-01-15, event: report, period: 2024-S1, correction: true}")),
     [(24, 5, "report-duplicate")]),
]


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in CASES],
                         ids=[name for name, _, _ in CASES])
def test_rule_positions(text: str, expected: list[tuple[int, int, str]]) -> None:
    found = sorted((d.line, d.column, d.rule) for d in diagnostics(text, AS_OF))
    assert found == sorted(expected), "\n" + "\n".join(
        f"{n:3} {line}" for n, line in enumerate(text.splitlines(), start=1))
