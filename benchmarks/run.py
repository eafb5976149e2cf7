"""Benchmark `pncaf check` against its peers, in one invocation, as ratios.

    python benchmarks/run.py            # N = 2000 conventions, 3 alternating rounds
    python benchmarks/run.py --n 500 --rounds 5

What is timed (wall clock, each command a fresh process, rounds alternate the commands so
that a noisy neighbour hurts them all alike; the median of the rounds is reported):

- `pncaf check DIR` on N generated conventions (every rule);
- the schema-only peer `check-jsonschema --schemafile <(pncaf schema)` on the same files;
- the floor: composing every file with libyaml's C composer, nothing else;
- start-up: `pncaf --version` and `pncaf check ONE_FILE` against `python -c pass`.

Targets (issue: national scale): check ≤ 0.5 × the peer and ≤ 3 × the floor at N = 2000;
one file under 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate, record_event

BIN = Path(sys.executable).parent
FLOOR = ("import sys, yaml\n"
         "for name in sys.argv[1:]:\n"
         "    with open(name, 'rb') as f:\n"
         "        yaml.compose(f, Loader=yaml.CSafeLoader)\n")


#: Peak memory (ru_maxrss of the child, KiB on Linux) of each command, its largest run.
PEAKS: dict[str, int] = {}


def timed(command: list[str], cwd: Path, name: str = "") -> float:
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0
    PEAKS[name] = max(PEAKS.get(name, 0), usage.ru_maxrss)
    return time.perf_counter() - start


def network_commands(pncaf: str) -> dict[str, list[str]]:
    """Every network command of issue 23, on the same files (`--as-of` fixed)."""
    day = ["--as-of", "2026-11-27"]
    return {
        "pncaf dates": [pncaf, "dates", "conventions", "--format", "json", *day],
        "pncaf agenda": [pncaf, "agenda", "conventions", "--format", "json", *day],
        "pncaf export": [pncaf, "export", "conventions", "-o", "export.csv", *day],
        "pncaf reminders -o": [pncaf, "reminders", "conventions", "-o", "drafts", *day],
        "pncaf report": [pncaf, "report", "conventions", "-o", "site", *day],
        "pncaf diff": [pncaf, "diff", "--format", "json", *day],
    }


#: Each network command's target against the floor (issue 23).
TARGETS = {"pncaf check": 1.0, "pncaf dates": 1.5, "pncaf agenda": 1.5, "pncaf export": 1.5,
           "pncaf reminders -o": 1.5, "pncaf diff": 1.5, "pncaf report": 3.0}
PEAK_TARGET_MB = 150


def with_history(work: Path, files: list[Path]) -> None:
    """A git repository of the network, then one event added to every file: what `pncaf
    diff` compares (HEAD against the working tree, every file changed). The other
    commands then read the network with its new events."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "b@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "b@example.org"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "network"]):
        subprocess.run(["git", *args], cwd=work, env=env, check=True)
    for path in files:
        # recorded where it belongs in the history: every file stays valid, so every
        # command has the whole network to work on
        record_event(path)


def table(big: dict[str, float]) -> None:
    """The figures as the Markdown table of docs/performance.md."""
    floor = big["libyaml floor"]
    print("| command | time | / floor | target | peak memory | target |")
    print("|---|---|---|---|---|---|")
    for name, seconds in big.items():
        target = TARGETS.get(name)
        ratio = seconds / floor
        mark = "" if target is None else (" ✓" if ratio <= target else " ✗")
        peak = PEAKS[name] / 1024
        peak_mark = "" if name == "libyaml floor" else (
            " ✓" if peak <= PEAK_TARGET_MB else " ✗")
        print(f"| `{name.removeprefix('pncaf ')}` | {seconds:.2f} s | {ratio:.2f}{mark} | "
              f"{'—' if target is None else f'≤ {target:g}'} | {peak:,.0f} MB{peak_mark} | "
              f"{'—' if name == 'libyaml floor' else f'≤ {PEAK_TARGET_MB} MB'} |")


def rounds(commands: dict[str, list[str]], count: int, cwd: Path) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in commands}
    for r in range(count):
        order = list(commands) if r % 2 == 0 else list(reversed(commands))
        for name in order:
            times[name].append(timed(commands[name], cwd, name))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="conventions to generate")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (median)")
    parser.add_argument("--startup-rounds", type=int, default=15)
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up timings")
    parser.add_argument("--no-peer", action="store_true", help="skip check-jsonschema")
    parser.add_argument("--network", action="store_true",
                        help="also time dates, agenda, export, reminders -o, report and diff")
    parser.add_argument("--off-list", type=float, default=0.0, metavar="SHARE",
                        help="share of reports whose indicators are off the list")
    args = parser.parse_args()

    pncaf = shutil.which("pncaf", path=str(BIN)) or "pncaf"
    peer = shutil.which("check-jsonschema", path=str(BIN))
    with tempfile.TemporaryDirectory(prefix="pncaf-bench-") as tmp:
        work = Path(tmp)
        files = generate(work / "conventions", args.n, off_list=args.off_list)
        if args.network:
            with_history(work, files)
        names = [str(p.relative_to(work)) for p in files]
        schema = work / "schema.json"
        schema.write_text(subprocess.run([pncaf, "schema"], capture_output=True, text=True,
                                         check=True).stdout)
        env_note = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
        load = os.getloadavg()
        print(f"pncaf benchmark — N = {args.n} conventions, {args.rounds} rounds, {env_note}, "
              f"load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}, off-list {args.off_list:g}")

        commands = {
            "pncaf check": [pncaf, "check", "conventions", "--format", "json"],
            "libyaml floor": [sys.executable, "-c", FLOOR, *names],
        }
        if args.network:
            commands.update(network_commands(pncaf))
        if peer and not args.no_peer:
            commands["check-jsonschema"] = [peer, "--schemafile", str(schema), *names]
        elif not args.no_peer:
            print("  (check-jsonschema not installed: pip install -e '.[bench]')")
        big = rounds(commands, args.rounds, work)
        for name, seconds in big.items():
            print(f"  {name:20s} {seconds:8.2f} s  {seconds / big['libyaml floor']:5.2f} × floor"
                  f"  peak {PEAKS[name] / 1024:6.0f} MB")
        load = os.getloadavg()
        print(f"  (load after: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f})")
        table(big)
        ratio_floor = big["pncaf check"] / big["libyaml floor"]
        if args.network or args.n >= 10000:     # national scale: issue 23's targets
            ok = all(big[name] / big["libyaml floor"] <= target
                     for name, target in TARGETS.items() if name in big)
            ok = ok and all(PEAKS[name] / 1024 <= PEAK_TARGET_MB for name in big
                            if name != "libyaml floor")
        else:
            print(f"  pncaf check / libyaml floor     = {ratio_floor:5.2f}   (target ≤ 3)")
            ok = ratio_floor <= 3
        if "check-jsonschema" in big:
            ratio_peer = big["pncaf check"] / big["check-jsonschema"]
            print(f"  pncaf check / check-jsonschema  = {ratio_peer:5.2f}   (target ≤ 0.5)")
            ok = ok and ratio_peer <= 0.5

        if args.no_startup:
            print("targets met" if ok else "targets NOT met")
            return 0 if ok else 1
        one = names[0]
        small = rounds({"python -c pass": [sys.executable, "-c", "pass"],
                        "pncaf --version": [pncaf, "--version"],
                        "pncaf check 1 file": [pncaf, "check", one]},
                       args.startup_rounds, work)
        print(f"start-up, median of {args.startup_rounds}:")
        base = small["python -c pass"]
        for name, seconds in small.items():
            print(f"  {name:18s} {seconds:8.3f} s   {seconds / base:6.1f} × python -c pass")
        print(f"  pncaf check on one file: {small['pncaf check 1 file']:.3f} s (target < 0.3 s)")
        ok = ok and small["pncaf check 1 file"] < 0.3
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
