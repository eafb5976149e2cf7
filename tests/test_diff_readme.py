"""The README's pull request summary is what `pncaf diff` writes for the pull request it
describes: the shipped conventions, one signed with new hours, one given notice."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from helpers import CONVENTIONS, ROOT
from test_diff_git import Repo

MARKER = re.compile(r"<!-- pncaf diff example -->\n````markdown\n(.*?)````\n", re.S)


def pull_request(repo: Repo) -> None:
    """A partnership officer's branch: Villeparisis is signed and closes on Monday
    mornings; Valbrune's partner gives notice and its library no longer opens on
    Tuesdays; a webinar is recorded."""
    shutil.copytree(CONVENTIONS, repo.path / "conventions")
    repo.commit("the network")
    repo.git("switch", "-q", "-c", "villeparisis-signee")
    villeparisis = "conventions/77-villeparisis.yaml"
    repo.edit(villeparisis, 'monday: ["08:30-12:00", "14:00-17:30"]', 'monday: ["14:00-17:30"]')
    repo.edit(villeparisis, "signed: {caf: null, partner: null}",
              "signed: {caf: 2026-11-24, partner: 2026-11-20}")
    repo.edit(villeparisis, "  email: null", "  email: accueil@villeparisis.example")
    valbrune = "conventions/77-valbrune.yaml"
    repo.edit(valbrune, '      tuesday: ["14:00-17:00"]\n', "")
    for args in (["notice", "--date", "2026-11-27", "--by", "partner", "--sent", "2026-11-25"],
                 ["training", "--date", "2026-11-26", "--attendee", "Lucie Garnier", "--kind",
                  "webinar"]):
        repo.pncaf("record", valbrune, *args).check_returncode()


def test_readme_shows_the_summary_pncaf_writes(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    pull_request(repo)
    repo.commit("Villeparisis signée ; préavis de Valbrune")
    done = repo.pncaf("diff", "main", "HEAD", "--format", "markdown", "--as-of", "2026-12-01")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = MARKER.search(readme)
    assert shown, "README.md has no pncaf diff example"
    assert shown.group(1) == done.stdout, (
        "README.md's summary differs from what pncaf diff writes now; paste:\n" + done.stdout)
