"""What every action shares: the result's problems, refusals caught into the result, the
network's files and the team's settings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pncaf.errors import PncafError, Refused
from pncaf.problems import Diagnostic, counted

if TYPE_CHECKING:
    from pncaf.format.loader import Loaded
    from pncaf.format.stream import Skipped
    from pncaf.settings import Settings


@dataclass(frozen=True, kw_only=True)
class Result:
    """What every action returns besides its own values."""

    problems: tuple[Diagnostic, ...] = ()
    refused: PncafError | None = None

    @property
    def ok(self) -> bool:
        return self.refused is None


R = TypeVar("R", bound=Result)


def attempt(run: Callable[[], R], failed: Callable[[PncafError], R]) -> R:
    """`run()`, or the result `failed` makes of the refusal it raised."""
    try:
        return run()
    except PncafError as exc:
        return failed(exc)


def resolve_paths(paths: Sequence[Path] | None) -> list[Path]:
    """The convention files under `paths` (default: conventions/)."""
    from pncaf.files.discovery import resolve_paths as resolve

    return resolve(paths)


@dataclass(frozen=True)
class Network:
    """The valid conventions of the paths asked, and the files skipped for their errors."""

    valid: list[Loaded]
    skipped: list[Loaded]


def load_network(paths: Sequence[Path] | None, need_one: bool = True) -> Network:
    """Valid conventions under `paths`; refused when every file has errors (`need_one`)."""
    from pncaf.checks.runner import load_valid

    files = resolve_paths(paths)
    valid, skipped = load_valid(files)
    if need_one:
        refuse_none_valid(files, skipped)
    return Network(valid, skipped)


def refuse_none_valid(files: Sequence[Path], skipped: Sequence[Loaded | Skipped]) -> None:
    """Refused when every one of `files` was skipped for its errors, naming them."""
    if files and len(skipped) >= len(files):
        raise Refused(none_valid(skipped))


def none_valid(skipped: Sequence[Loaded | Skipped]) -> str:
    """The refusal of a network without one valid convention, naming the files skipped
    (the first three: a face shows it as one message)."""
    named = "; ".join(skipped_line(loaded) for loaded in skipped[:3])
    more = f"; and {len(skipped) - 3} more" if len(skipped) > 3 else ""
    return f"no valid convention left to work with: {named}{more}"


def skipped_line(loaded: Loaded | Skipped) -> str:
    """What a face says of a file left out for its errors (read whole, or streamed by)."""
    errors = loaded.errors if isinstance(loaded.errors, int) else len(loaded.errors)
    return (f"skipped {loaded.file} ({counted(errors, 'error')}): run "
            f"`pncaf check {loaded.file}` to see and fix them")


def load_one(file: Path) -> Loaded:
    """One valid convention, or a refusal that says how to see what is wrong."""
    from pncaf.errors import InvalidRequest
    from pncaf.format.loader import load_file

    if not file.is_file():
        raise InvalidRequest(f"{file}: no such file")
    loaded = load_file(file)
    if loaded.convention is None:
        errors = loaded.errors
        first = f" (first: {errors[0].location()}: {errors[0].message})" if errors else ""
        fix = "fix it" if len(errors) == 1 else "fix them"
        raise Refused(f"{loaded.file} has {counted(len(errors), 'error')}{first}: run "
                      f"`pncaf check {loaded.file}` and {fix} first")
    return loaded


@dataclass(frozen=True)
class TeamSettings:
    settings: Settings
    problems: list[Diagnostic]


def team_settings(config: Path | None, strict: bool = True) -> TeamSettings:
    """The settings in force with their problems; with `strict`, any error refuses (mail
    must not go out with half-read settings): the problems go with the refusal."""
    from pncaf.errors import InvalidRequest
    from pncaf.settings import load_settings

    if config is not None and not config.is_file():
        raise InvalidRequest(f"--config {config}: no such file", field="config")
    settings, problems = load_settings(config)
    errors = [p for p in problems if p.is_error]
    if strict and errors:
        raise SettingsRefused(f"{settings.path} has {counted(len(errors), 'error')}: fix "
                              f"{'it' if len(errors) == 1 else 'them'} first", problems)
    return TeamSettings(settings, problems)


class SettingsRefused(Refused):
    """The settings have errors; their problems come with the refusal."""

    def __init__(self, message: str, problems: list[Diagnostic]) -> None:
        super().__init__(message, field="config")
        self.problems = problems


def refusal_problems(exc: PncafError) -> tuple[Diagnostic, ...]:
    """The problems that come with a refusal (the settings' own, when they refused)."""
    return tuple(exc.problems) if isinstance(exc, SettingsRefused) else ()
