"""A full disk, a folder the user may not write, a lock left by another user: each is one
`pncaf: FILE: …` line naming the file the user asked for (never « standard output », never
pncaf's temporary file), saying what to do, and the files are byte for byte as they were.

The disk is really full: a 512 KiB tmpfs mounted in a user and mount namespace of its own
(`unshare -rm`, no privilege needed), filled to the last block. The other user is really
another user: as root, the command runs as `nobody`; otherwise the lock and folder are made
read-only for the user running it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import CONVENTIONS

PNCAF = str(Path(sys.executable).parent / "pncaf")
VALBRUNE = CONVENTIONS / "77-valbrune.yaml"
SRC = str(Path(__file__).resolve().parent.parent / "src")


def _namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode == 0


needs_namespaces = pytest.mark.skipif(not _namespaces_work(),
                                      reason="needs Linux user namespaces (unshare -rm)")

#: Run inside the namespace: mount a small disk on $1, put a convention in it, run the
#: command once with room if asked ($2 = "twice": a previous version to keep), fill the
#: disk, run it again; then list what is on the disk with each file's digest.
ON_A_FULL_DISK = r"""
set -u
disk=$1; shift; twice=$1; shift
mount -t tmpfs -o size=512k tmpfs "$disk"
mkdir "$disk/conventions"
cp "$VALBRUNE" "$disk/conventions/77-valbrune.yaml"
cd "$disk"
if [ "$twice" = twice ]; then "$@" >/dev/null 2>&1 || exit 90; fi
find . -type f ! -name '*.pncaf-lock' -exec sha256sum {} + | sort > "$OUT/before"
head -c 600000 /dev/zero > fill 2>/dev/null
"$@" > "$OUT/stdout" 2> "$OUT/stderr"
echo $? > "$OUT/code"
rm fill
find . -type f ! -name '*.pncaf-lock' -exec sha256sum {} + | sort > "$OUT/after"
"""

FULL_DISK = {
    "record": (["record", "conventions/77-valbrune.yaml", "committee", "--date",
                "2027-02-02"], "conventions/77-valbrune.yaml", False),
    "report": (["report", "conventions", "-o", "site", "--as-of", "2027-01-01"],
               "site", True),
    "export": (["export", "conventions", "-o", "lieux.csv"], "lieux.csv", True),
    "certificate": (["certificate", "conventions/77-valbrune.yaml", "-o", "c.html"],
                    "c.html", True),
    "reminders": (["reminders", "conventions", "-o", "relances", "--as-of", "2027-01-05"],
                  "relances", False),
    "agenda": (["agenda", "conventions", "--format", "ics", "-o", "a.ics"], "a.ics", True),
}


@needs_namespaces
@pytest.mark.parametrize("name", sorted(FULL_DISK))
def test_a_full_disk_names_the_file_and_keeps_the_previous_one(tmp_path: Path,
                                                               name: str) -> None:
    args, target, twice = FULL_DISK[name]
    disk = tmp_path / "disk"
    disk.mkdir()
    env = {**os.environ, "NO_COLOR": "1", "OUT": str(tmp_path), "VALBRUNE": str(VALBRUNE)}
    done = subprocess.run(["unshare", "-rm", "sh", "-c", ON_A_FULL_DISK, "sh", str(disk),
                           "twice" if twice else "once", PNCAF, *args],
                          env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    stderr = (tmp_path / "stderr").read_text()
    assert (tmp_path / "code").read_text().strip() == "1", stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    line = lines[0]
    assert line.startswith(f"pncaf: {target}"), line      # as the user wrote it
    assert "the disk is full" in line and "free some space" in line, line
    assert "standard output" not in line and ".tmp" not in line and "pncaf-lock" not in line
    assert (tmp_path / "after").read_text() == (tmp_path / "before").read_text()


def _as_another_user() -> list[str]:
    """Run the child as `nobody` when the tests run as root (root may write anywhere)."""
    if os.geteuid() == 0:
        return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    return []


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder every user can reach, as a team's shared drive is (pytest's own tmp_path
    is private to the user running the tests)."""
    folder = Path(tempfile.mkdtemp(prefix="pncaf-shared-"))
    folder.chmod(0o777)
    (folder / "conventions").mkdir()
    (folder / "conventions").chmod(0o777)
    convention = folder / "conventions" / "77-valbrune.yaml"
    shutil.copy(VALBRUNE, convention)
    convention.chmod(0o666)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o777 if path.is_dir() else 0o666)
    shutil.rmtree(folder)


def run_as_other(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": SRC, "HOME": str(cwd)}
    return subprocess.run([*_as_another_user(), PNCAF, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert "internal error" not in lines[0] and ".tmp" not in lines[0]
    return lines[0]


def test_a_lock_left_by_another_user_says_what_to_do(shared: Path) -> None:
    convention = shared / "conventions" / "77-valbrune.yaml"
    lock = shared / "conventions" / ".77-valbrune.yaml.pncaf-lock"
    lock.write_text("")
    lock.chmod(0o444)
    before = digests(shared)
    result = run_as_other(["record", str(convention), "committee", "--date", "2027-02-02"],
                          shared)
    line = one_line(result)
    assert line.startswith(f"pncaf: {convention}: nothing written: pncaf keeps a lock file")
    assert f"delete {lock}" in line and "Permission denied" not in line
    assert digests(shared) == before


@pytest.mark.parametrize("args", [
    ["record", "{c}/77-valbrune.yaml", "committee", "--date", "2027-02-02"],
    ["report", "{c}", "-o", "{ro}/site", "--as-of", "2027-01-01"],
    ["certificate", "{c}/77-valbrune.yaml", "-o", "{ro}/c.html"],
    ["reminders", "{c}", "-o", "{ro}/relances", "--as-of", "2027-01-05"],
], ids=lambda a: a[0])
def test_a_read_only_folder_says_which_folder_and_what_to_do(shared: Path,
                                                              args: list[str]) -> None:
    conventions = shared / "conventions"
    out = shared / "out"
    out.mkdir()
    out.chmod(0o555)
    if args[0] == "record":
        conventions.chmod(0o555)           # the file is writable, its folder is not
    before = digests(shared)
    result = run_as_other([a.format(c=conventions, ro=out) for a in args], shared)
    line = one_line(result)
    folder = conventions if args[0] == "record" else out
    asked = args[1] if args[0] == "record" else args[3]
    assert line.startswith(f"pncaf: {asked.format(c=conventions, ro=out)}"), line
    assert f"you may not write in {folder} (Permission denied)" in line, line
    assert "ask the folder's owner for the right to write there" in line
    assert "pncaf-lock" not in line
    assert digests(shared) == before
