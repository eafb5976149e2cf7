"""Shared helpers: a valid convention as text, and functions to check variations of it."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from pncaf.checks.diagnostics import Diagnostic
from pncaf.checks.runner import check_loaded
from pncaf.format.loader import Loaded, load_text

ROOT = Path(__file__).resolve().parent.parent
CONVENTIONS = ROOT / "conventions"
AS_OF = date(2024, 1, 15)   # the day VALID takes effect: nothing is due yet

VALID = textwrap.dedent("""\
    format: pncaf/1
    id: test-convention
    caf:
      name: Caisse d'allocations familiales de Test
      address: {street: 1 rue de la Caf, postcode: "77000", city: Melun}
      city: Melun
      representative: {name: Anne Caf, title: Directrice}
      level2_contact: niveau2@caf.example
    partner:
      name: Mairie de Test
      siren: "217705144"
      address: {street: 1 place de la Mairie, postcode: "77270", city: Villeparisis}
      representative: {name: Marc Maire, title: Maire}
    sites:
      - name: Point d'accueil
        address: {street: 2 rue du Point, postcode: "77270", city: Villeparisis}
        hours:
          monday: ["09:00-12:00", "14:00-17:00"]
          tuesday: ["09:00-12:00", "14:00-17:00"]
        equipment: {computers: 1, printers: 1, scanners: 1}
    signed: {caf: 2024-01-10, partner: 2024-01-15}
    history: []
    """)


def load(text: str, name: str = "conventions/test.yaml") -> Loaded:
    return load_text(text, name, Path(name).stem)


def diagnostics(text: str, as_of: date = AS_OF) -> list[Diagnostic]:
    return check_loaded(load(text), as_of).diagnostics


def rules_of(text: str, as_of: date = AS_OF) -> list[str]:
    return [d.rule for d in diagnostics(text, as_of)]


def replace(text: str, old: str, new: str) -> str:
    assert old in text, f"fixture does not contain {old!r}"
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def other_partner(text: str, n: int) -> str:
    """`text` with the n-th other valid SIREN (Luhn) in place of VALID's: a network of
    copies of one file is one partner kept twice (`partner-duplicate`), not a network."""
    from pncaf.format.identifiers import luhn_valid

    stem = f"3{n:07d}"
    siren = next(stem + d for d in "0123456789" if luhn_valid(stem + d))
    return replace(text, 'siren: "217705144"', f'siren: "{siren}"')
