"""The network overview kept between requests, for a face that shows it again and again
(`pncaf serve`): each file's row is computed again only when the file changed on disk
(its size, times or inode), the day or the team's list of indicators changed; a file
added or removed shows at the next call. The files stay the truth: nothing is kept that a
`stat` would not notice, and a row is the one `network_overview` computes.

Why: checking 2,000 conventions takes seconds; the network page must answer in under one.

A row is computed from its file alone; what only the network shows (`partner-duplicate`:
two files holding one partner on the same days) is added from the index of each file's
partner and term (`PartnerMark`, a few values) the cache keeps beside its row, so that an
unchanged file is not read again for it."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pncaf.actions.common import attempt, refusal_problems
from pncaf.actions.overview import (
    ConventionRow,
    Overview,
    OverviewRequest,
    file_row,
    team_indicators,
    with_duplicates,
)

if TYPE_CHECKING:
    from pncaf.checks.partners import PartnerMark

Signature = tuple[int, int, int, int, int, int]
#: What the cache keeps of a file: its signature, its rank, its row, its partner's mark.
Known = tuple[Signature, tuple[int, date, str], ConventionRow, "PartnerMark | None"]


@dataclass
class OverviewCache:
    """One per server; safe to share between its threads."""

    _rows: dict[Path, Known] = field(default_factory=dict)
    _context: object = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def overview(self, request: OverviewRequest) -> Overview:
        def run() -> Overview:
            with self._lock:
                return self._overview(request)

        return attempt(run, lambda exc: Overview(refused=exc,
                                                 problems=refusal_problems(exc)))

    def _overview(self, request: OverviewRequest) -> Overview:
        from pncaf.actions.common import resolve_paths, team_settings

        day = request.as_of or date.today()
        team = team_settings(request.config, strict=False)
        indicators = team_indicators(team)
        context = (day, request.horizon_days, tuple(sorted(indicators.items()))
                   if indicators else None)
        if context != self._context:
            self._rows.clear()
            self._context = context
        paths = resolve_paths(request.paths)
        kept: dict[Path, Known] = {}
        for path in paths:
            signature = _signature(path)
            known = self._rows.get(path)
            if known is None or known[0] != signature:
                known = (signature, *file_row(path, day, request.horizon_days, indicators))
            kept[path] = known
        self._rows = kept
        ordered = list(kept.values())               # in file order, as `check` reads them
        rows = with_duplicates([k[2] for k in ordered], [k[3] for k in ordered])
        ranked = sorted(zip(ordered, rows, strict=True), key=lambda pair: pair[0][1])
        return Overview(day=day, rows=[row for _, row in ranked],
                        problems=tuple(team.problems))


def _signature(path: Path) -> Signature:
    """What changes when a file is written (in place, or replaced by a rename): its size,
    modification and change times and inode, of the link and of what it leads to."""
    try:
        seen, own = os.stat(path), os.lstat(path)
    except OSError:
        return (-1, -1, -1, -1, -1, -1)
    return (seen.st_size, seen.st_mtime_ns, seen.st_ctime_ns, seen.st_ino, own.st_mtime_ns,
            own.st_ino)
