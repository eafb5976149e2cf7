"""One convention as an officer looks at it: its facts, its dates, its findings exactly as
`check` reports them (rule id, line), its history, and the digest of the file as shown
(`sha256`), which every save made from this view carries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pncaf.actions.common import Result, attempt

if TYPE_CHECKING:
    from pncaf.dates.agenda import AgendaItem
    from pncaf.dates.summary import DatesRow
    from pncaf.format.models import Convention, Event
    from pncaf.problems import Diagnostic


@dataclass(frozen=True)
class ShowRequest:
    file: Path
    as_of: date | None = None
    config: Path | None = None
    horizon_days: int = 90
    #: what only the whole network shows about the file (`ConventionRow.network` of the
    #: overview: `partner-duplicate`), added to its findings
    network: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class SiteFacts:
    name: str
    address: str
    hours: str                  # in French words: « du lundi au vendredi de 9 h à 12 h »
    monthly: list[str]          # « le 4e samedi de 9 h à 12 h »
    equipment: str              # « 2 ordinateurs, 1 imprimante et 1 scanner »


@dataclass(frozen=True, kw_only=True)
class ConventionView(Result):
    file: str = ""
    path: Path | None = None
    id: str = ""
    sha256: str | None = None
    text: str | None = None
    convention: Convention | None = None        # None when the file does not validate
    sites: list[SiteFacts] = field(default_factory=list)
    dates: DatesRow | None = None
    agenda: list[AgendaItem] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)   # as `check` gives them
    history: list[Event] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.findings if d.is_error)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.findings if d.is_warning)


def show_convention(request: ShowRequest) -> ConventionView:
    def run() -> ConventionView:
        from pncaf.actions.common import team_settings
        from pncaf.checks.runner import check_loaded
        from pncaf.dates.agenda import agenda
        from pncaf.dates.summary import dates_row
        from pncaf.errors import InvalidRequest
        from pncaf.files.digest import sha256_bytes
        from pncaf.format.loader import MAX_BYTES, display_name, load_bytes

        if not request.file.is_file():
            raise InvalidRequest(f"{request.file}: no such file")
        day = request.as_of or date.today()
        raw = request.file.read_bytes()[: MAX_BYTES + 1]
        loaded = load_bytes(raw, display_name(request.file), request.file.stem)
        team = team_settings(request.config, strict=False)
        indicators = (None if any(p.is_error for p in team.problems)
                      else team.settings.indicators)
        findings = [*check_loaded(loaded, day, indicators, french=True).diagnostics,
                    *request.network]
        conv = loaded.convention
        return ConventionView(
            file=loaded.file, path=request.file, id=loaded.id, sha256=sha256_bytes(raw),
            text=loaded.text, convention=conv, findings=findings,
            sites=_sites(conv) if conv else [], history=list(conv.history) if conv else [],
            dates=dates_row(conv, loaded.id, loaded.file, day) if conv else None,
            agenda=agenda(conv, loaded.id, loaded.file, day, request.horizon_days)
            if conv else [], problems=tuple(team.problems))

    return attempt(run, lambda exc: ConventionView(refused=exc, path=request.file))


def _sites(convention: Convention) -> list[SiteFacts]:
    from pncaf.outputs.convention import site_values
    from pncaf.review.opening import address_text

    return [SiteFacts(site.name, address_text(site.address), values["hours_text"],
                      values["monthly"], values["equipment_text"])
            for site in convention.sites for values in [site_values(site)]]
