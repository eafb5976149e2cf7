"""The network at a glance: every convention file with its partner, status, next date that
matters and its count of errors and warnings, the most urgent first (the dashboard's
priorities: errors, then overdue, then warnings, then the nearest date)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pncaf.actions.common import Result, attempt, refusal_problems

if TYPE_CHECKING:
    from pncaf.actions.common import TeamSettings
    from pncaf.checks.partners import PartnerMark
    from pncaf.dates.agenda import AgendaItem
    from pncaf.outputs.dashboard import Entry
    from pncaf.problems import Diagnostic


@dataclass(frozen=True)
class OverviewRequest:
    paths: tuple[Path, ...] = ()        # default: conventions/
    as_of: date | None = None           # default: today
    config: Path | None = None          # default: pncaf.toml found from here
    horizon_days: int = 90


@dataclass(frozen=True)
class ConventionRow:
    id: str
    file: str
    path: Path
    partner: str                        # « (fichier invalide) » for a file with errors
    status: str | None                  # draft, upcoming, active, terminating, ended; None
    label: str                          # « labellisé », « retiré », « — »
    next_date: date | None              # the earliest overdue item, else the next one
    next_kind: str | None
    overdue: bool
    errors: int
    warnings: int
    valid: bool
    siren: str = ""                     # the partner's, for a search by SIREN
    caf: str = ""                       # the Caf's name, to copy its details into a new one
    #: what only the whole network shows about this file (`partner-duplicate`: an earlier
    #: file holds its partner on the same days), counted in `warnings`
    network: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Overview(Result):
    day: date | None = None
    rows: list[ConventionRow] = field(default_factory=list)

    def find(self, convention_id: str) -> ConventionRow | None:
        """The row of a convention id (the web face addresses files by id, never by path);
        the first file when two share it (`check` reports the duplicate)."""
        return next((r for r in self.rows if r.id == convention_id), None)


def team_indicators(team: TeamSettings) -> Mapping[str, str] | None:
    """The team's list of indicators, or None (every name accepted) while the settings
    have errors: what the overview checks reports against."""
    return None if any(p.is_error for p in team.problems) else team.settings.indicators


def file_row(path: Path, day: date, horizon: int, indicators: Mapping[str, str] | None,
             ) -> tuple[tuple[int, date, str], ConventionRow, PartnerMark | None]:
    """What the overview needs of one file, from that file alone: its rank (the most
    urgent first), its row, and its partner's mark (for `partner-duplicate`)."""
    from pncaf.checks.partners import partner_mark
    from pncaf.checks.runner import check_loaded
    from pncaf.format.loader import load_file
    from pncaf.outputs.dashboard import entries, urgency

    loaded = load_file(path)
    found = check_loaded(loaded, day, indicators, french=True).diagnostics
    entry = entries([(loaded, found)], day, horizon)[0]
    return urgency(entry), _row(entry, path), partner_mark(loaded, day)


def network_overview(request: OverviewRequest) -> Overview:
    def run() -> Overview:
        from pncaf.actions.common import resolve_paths, team_settings

        day = request.as_of or date.today()
        team = team_settings(request.config, strict=False)
        indicators = team_indicators(team)
        known = [file_row(path, day, request.horizon_days, indicators)
                 for path in resolve_paths(request.paths)]
        rows = with_duplicates([k[1] for k in known], [k[2] for k in known])
        ranked = sorted(zip(known, rows, strict=True), key=lambda pair: pair[0][0])
        return Overview(day=day, rows=[row for _, row in ranked],
                        problems=tuple(team.problems))

    return attempt(run, lambda exc: Overview(refused=exc, problems=refusal_problems(exc)))


def with_duplicates(rows: Sequence[ConventionRow], marks: Sequence[PartnerMark | None],
                    ) -> list[ConventionRow]:
    """`rows` (in file order, with each file's partner mark) with `partner-duplicate` on the
    later file of two that hold one partner on the same days: what `check` finds over the
    network, which a row computed from its file alone cannot see."""
    from dataclasses import replace

    from pncaf.checks.partners import SeenPartners

    seen = SeenPartners()
    out = []
    for row, mark in zip(rows, marks, strict=True):
        found = tuple(seen.see(mark, row.id))
        out.append(replace(row, warnings=row.warnings + len(found), network=found)
                   if found else row)
    return out


def _row(entry: Entry, path: Path) -> ConventionRow:
    first: AgendaItem | None = min((i for i in entry.items if i.overdue),
                                   key=lambda i: i.date, default=None) or entry.next_item
    return ConventionRow(
        id=entry.id, file=entry.file, path=path, partner=entry.partner, status=entry.status,
        label=entry.label, next_date=first.date if first else None,
        next_kind=first.kind if first else None, overdue=bool(first and first.overdue),
        errors=entry.errors, warnings=entry.warnings, valid=entry.convention is not None,
        siren=entry.convention.partner.siren if entry.convention is not None else "",
        caf=entry.convention.caf.name if entry.convention is not None else "")
