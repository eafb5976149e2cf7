"""The network dashboard (`pncaf report`): a static site for the steering committee, made
from each file and what `check` finds in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pncaf.actions.common import Result, attempt, refusal_problems


@dataclass(frozen=True)
class ReportRequest:
    output: Path                        # the site's folder (replaced as a whole)
    paths: tuple[Path, ...] = ()
    as_of: date | None = None
    templates: Path | None = None
    config: Path | None = None


@dataclass(frozen=True, kw_only=True)
class ReportResult(Result):
    written: list[Path] = field(default_factory=list)
    conventions: int = 0
    index: Path | None = None


def build_report(request: ReportRequest) -> ReportResult:
    def run() -> ReportResult:
        from pncaf.actions.common import resolve_paths, team_settings
        from pncaf.outputs.dashboard import build_site
        from pncaf.outputs.templating import user_folder

        day = request.as_of or date.today()
        folder = user_folder(request.templates)
        team = team_settings(request.config)
        files = resolve_paths(request.paths)
        indicators = team.settings.indicators
        written = build_site(files, day, request.output, folder, indicators, indicators)
        return ReportResult(written=written, conventions=len(files),
                            index=request.output / "index.html",
                            problems=tuple(team.problems))

    return attempt(run, lambda exc: ReportResult(refused=exc, problems=refusal_problems(exc)))
