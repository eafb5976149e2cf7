"""The `pncaf` console script.

`pncaf check …`, `pncaf diff …` and `pncaf --version` are answered without loading the full
command line (typer builds a validator for every option, which costs a tenth of a second
at each start); `check` runs on every commit through pre-commit, and git starts
`pncaf diff --driver` once for each file it shows, so they start fast. Anything
else — other commands, `--help`, an option the fast path does not know — goes to the full
command line in `pncaf.cli.app`, which gives the same results and the complete help.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False   # `typing` costs 5 ms to import; type checkers read this as True
if TYPE_CHECKING:
    from pathlib import Path


def main() -> None:
    from pncaf.cli.boundary import guarded

    sys.exit(guarded(lambda: run(sys.argv[1:])))


def run(argv: list[str]) -> int | None:
    if argv == ["--version"]:
        from pncaf import __version__

        print(f"pncaf {__version__}")
        return 0
    if argv[:1] == ["check"]:
        parsed = parse_check(argv[1:])
        if parsed is not None:
            from pncaf.cli.check import run_check

            paths, format, strict, as_of, config, base = parsed
            return run_check(paths or None, format, strict, as_of, config=config, base=base)
    if argv[:1] == ["diff"]:
        diff = parse_diff(argv[1:])
        if diff is not None:
            from pncaf.cli.diff_output import run_diff

            return run_diff(*diff)
    from pncaf.cli.app import run_app

    return run_app(argv)


def parse_check(args: list[str],
                ) -> tuple[list[Path], str, bool, str | None, Path | None, str | None] | None:
    """The arguments of `check`, or None when they need the full command line."""
    from pathlib import Path

    from pncaf.cli.check import FORMATS

    parsed = _options(args, ("--as-of", "--config", "--base"), ("--strict",), FORMATS)
    if parsed is None:
        return None
    values, flags, rest = parsed
    config = values.get("--config")
    return ([Path(p) for p in rest], values.get("--format", "text"), "--strict" in flags,
            values.get("--as-of"), Path(config) if config is not None else None,
            values.get("--base"))


def parse_diff(args: list[str]) -> tuple[list[str], str, str | None, bool] | None:
    """The arguments of `diff` (revisions and paths, format, --as-of, --driver), or None
    when they need the full command line."""
    from pncaf.cli.diff_output import FORMATS

    parsed = _options(args, ("--as-of",), ("--driver",), FORMATS)
    if parsed is None:
        return None
    values, flags, rest = parsed
    return rest, values.get("--format", "text"), values.get("--as-of"), "--driver" in flags


def _options(args: list[str], valued: tuple[str, ...], flags: tuple[str, ...],
             formats: tuple[str, ...],
             ) -> tuple[dict[str, str], set[str], list[str]] | None:
    """Options with a value (`--name value` or `--name=value`; `--format`/`-f` among
    `formats`), flags, and the other arguments; None when anything needs the full parser
    (`--help`, a typo, an unknown format: it explains)."""
    values: dict[str, str] = {}
    seen: set[str] = set()
    rest: list[str] = []
    items = iter(args)
    for arg in items:
        name, eq, value = arg.partition("=")
        if name == "-f":
            name = "--format"
        if name == "--format" or name in valued:
            if not eq:
                value = next(items, "")
                if not value:
                    return None
            if name == "--format" and value not in formats:
                return None
            values[name] = value
        elif arg in flags:
            seen.add(arg)
        elif arg == "--":
            rest.extend(items)
        elif arg.startswith("-"):
            return None
        else:
            rest.append(arg)
    return values, seen, rest
