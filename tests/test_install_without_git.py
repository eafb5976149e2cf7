"""Teams without git or make (issue 13): pncaf installs from a plain copy of its folder, as
`pipx install .` and `uv tool install .` do (they build it with pip's machinery), and the
installed copy works on its own, templates included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import ROOT


def test_install_from_a_copy_of_the_folder_without_git(tmp_path: Path) -> None:
    folder = tmp_path / "pncaf"
    shutil.copytree(ROOT, folder, ignore=shutil.ignore_patterns(
        ".git", ".venv", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis", "out",
        "build", "dist"))
    assert not (folder / ".git").exists()
    target = tmp_path / "installed"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PATH"] = "/usr/bin:/bin"           # no git, no make on the way
    built = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--no-build-isolation", "--no-index", "--target", str(target), "."],
        cwd=folder, env=env, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    assert (target / "pncaf" / "templates" / "certificate.html.j2").exists()
    work = tmp_path / "S" / "Partenariats"
    shutil.copytree(ROOT / "conventions", work / "conventions")
    env["PYTHONPATH"] = str(target)          # the installed copy, before the development one
    run = subprocess.run(
        [sys.executable, "-c", "import pncaf, sys; from pncaf.cli.entry import main; "
         "assert pncaf.__file__.startswith(sys.argv[1]); sys.argv = sys.argv[1:]; main()",
         str(target), "certificate", "conventions/77-valbrune.yaml", "-o", "certificat.md"],
        cwd=work, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert "La Directrice de la Caf" in (work / "certificat.md").read_text(encoding="utf-8")
