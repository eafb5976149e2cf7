"""Generate realistic, clearly fictional conventions for benchmarks and fuzzing seeds.

Each has 1 to 3 sites, several years of history (reports, committees, visits, trainings)
and comments, like the files a Caf keeps. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

SIRENS = ["217705144", "217709997", "219309994", "267709996", "779999994", "214509994"]
TOWNS = ["Valbrune", "Fleury-les-Champs", "Montclair", "Saint-Exemple", "Bois-Joli",
         "Les Aubiers", "Pré-Vert", "Roche-Claire"]
HOURS = [["08:30-12:00", "14:00-17:30"], ["09:00-12:00"], ["14:00-17:00"],
         ["09:00-12:30", "13:30-17:00"]]
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]


def siren(n: int, rng: random.Random) -> str:
    """A SIREN of its own for each partner (a network keeps each partner once: two files
    with one SIREN are a `partner-duplicate`), valid (Luhn); the random draw is kept so
    that the rest of each file stays what it was."""
    rng.choice(SIRENS)
    stem = f"3{n:07d}"
    return next(stem + digit for digit in "0123456789" if _luhn(stem + digit))


def _luhn(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def convention_text(n: int, rng: random.Random, off_list: float = 0.0) -> str:
    town = f"{rng.choice(TOWNS)}-{n}"
    signed = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 1800))
    lines = [
        "# yaml-language-server: $schema=../schema/pncaf.schema.json",
        f"# FICTIONAL benchmark convention n° {n}",
        "format: pncaf/1",
        f"id: bench-{n:05d}",
        "caf:",
        "  name: Caisse d'allocations familiales de Test",
        '  address: {street: TSA 00000, postcode: "77027", city: Melun Cedex}',
        "  city: Melun",
        "  representative: {name: Anne Exemple, title: Directrice}",
        "  level2_contact: niveau2@caf.example",
        "partner:",
        f"  name: Mairie de {town}",
        f'  siren: "{siren(n, rng)}"',
        f'  address: {{street: {n} place de la Mairie, postcode: "77{n % 1000:03d}", '
        f"city: {town}}}",
        "  representative: {name: Paul Exemple, title: Maire}",
        f"  email: accueil@{town.lower().replace(' ', '-')}.example",
        "sites:",
    ]
    for s in range(rng.randint(1, 3)):
        lines += [
            f"  - name: Point d'accueil {s + 1} de {town}",
            f'    address: {{street: {s + 1} rue des Écoles, postcode: "77{n % 1000:03d}", '
            f"city: {town}}}",
            "    hours:   # regular week",
        ]
        for day in rng.sample(DAYS, 4 if s == 0 else 2):
            ranges = ", ".join(f'"{r}"' for r in rng.choice(HOURS[:1] if s == 0 else HOURS))
            lines.append(f"      {day}: [{ranges}]")
        if rng.random() < 0.3:
            lines.append('    monthly:\n      - {nth: 4, weekday: saturday, note: "un samedi '
                         'matin par mois"}')
        lines.append("    equipment: {computers: 2, printers: 1, scanners: 1}")
    lines += [f"signed: {{caf: {signed.isoformat()}, partner: {signed.isoformat()}}}",
              "history:"]
    day = signed
    while day < date(2026, 11, 1):
        day += timedelta(days=rng.randint(25, 75))
        kind = rng.random()
        if kind < 0.4:
            lines.append(f"  - {{date: {day.isoformat()}, event: training, attendees: "
                         "[Agent Exemple], kind: webinar}")
        elif kind < 0.7:
            half = 1 if day.month >= 8 else 2
            year = day.year if half == 1 else day.year - 1
            key = "personnes_recues" if rng.random() < off_list else "accueils"
            lines.append(f"  - {{date: {day.isoformat()}, event: report, period: {year}-S{half}, "
                         f"indicators: {{{key}: {rng.randint(10, 400)}}}}}")
        elif kind < 0.85:
            lines.append(f"  - {{date: {day.isoformat()}, event: committee}}  # comité annuel")
        else:
            lines.append(f"  - {{date: {day.isoformat()}, event: visit, outcome: compliant}}")
    return "\n".join(lines) + "\n"


def generate(folder: Path, count: int, seed: int = 1, off_list: float = 0.0) -> list[Path]:
    """`count` conventions in `folder`; `off_list`: the share of reports whose indicator
    is off the list of annex 2 (a Caf that has not configured `[indicators]`)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for n in range(count):
        path = folder / f"bench-{n:05d}.yaml"
        path.write_text(convention_text(n, rng, off_list), encoding="utf-8")
        paths.append(path)
    return paths


def record_event(path: Path, event: str = "  - {date: 2026-11-20, event: committee}") -> None:
    """Add `event` to a generated file's history where its date belongs (the histories run
    into 2027), as an officer records it: the file stays valid."""
    day = event[len("  - {date: "):][:10]
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next((i for i, line in enumerate(lines)
               if line.startswith("  - {date: ") and line[11:21] > day), len(lines))
    lines.insert(at, event)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
