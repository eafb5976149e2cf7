"""`pncaf diff` and `pncaf check --base` in real git repositories made in temporary
folders: branches, commits, a renamed file, files added and deleted, the working tree; and
git itself running pncaf as its diff driver, configured with the lines docs/review.md
gives. No git is mocked: every answer comes from the `git` command."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import CONVENTIONS, ROOT, VALID, line_of, replace

PNCAF_BIN = Path(sys.executable).parent
DOC = (ROOT / "docs" / "review.md").read_text(encoding="utf-8")
WEDNESDAY = '      equipment: {computers: 1, printers: 1, scanners: 1}'


def convention(name: str, *, wednesday: bool = False) -> str:
    text = replace(VALID, "id: test-convention", f"id: {name}")
    if wednesday:   # 15 h and 5 half-days: one morning less still reaches Art. 4
        text = replace(text, 'tuesday: ["09:00-12:00", "14:00-17:00"]',
                       'tuesday: ["09:00-12:00", "14:00-17:00"]\n'
                       '      wednesday: ["09:00-12:00"]')
    return text


def environment(home: Path) -> dict[str, str]:
    return {**os.environ, "PATH": f"{PNCAF_BIN}{os.pathsep}{os.environ['PATH']}",
            "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1",
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
            "GIT_PAGER": "cat", "PAGER": "cat"}


class Repo:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.env = environment(path.parent)
        path.mkdir()
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        done = subprocess.run(["git", *args], cwd=self.path, env=self.env,
                              capture_output=True, text=True, check=True)
        return done.stdout

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(args), cwd=self.path, env=self.env, capture_output=True,
                              text=True, timeout=120)

    def pncaf(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run("pncaf", *args)

    def write(self, name: str, text: str) -> None:
        path = self.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def edit(self, name: str, old: str, new: str) -> None:
        self.write(name, replace((self.path / name).read_text(encoding="utf-8"), old, new))

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """main: a.yaml, b.yaml, c.yaml. feature: a's Monday morning closed, b renamed and
    given a report, c deleted, d added (c and d differ enough for git to see no rename)."""
    r = Repo(tmp_path / "repo")
    r.write("conventions/a.yaml", convention("a", wednesday=True))
    r.write("conventions/b.yaml", convention("b"))
    r.write("conventions/c.yaml", (CONVENTIONS / "45-la-passerelle.yaml").read_text())
    r.write("README.md", "conventions\n")
    r.commit("three conventions")
    r.git("switch", "-q", "-c", "feature")
    r.edit("conventions/a.yaml", 'monday: ["09:00-12:00", "14:00-17:00"]',
           'monday: ["14:00-17:00"]')
    r.git("mv", "conventions/b.yaml", "conventions/b-mairie.yaml")
    r.edit("conventions/b-mairie.yaml", "history: []", "history:\n  - {date: 2024-08-02, "
           "event: report, period: 2024-S1, indicators: {accueils: 40}}")
    r.git("rm", "-q", "conventions/c.yaml")
    r.write("conventions/d.yaml", (CONVENTIONS / "77-valbrune.yaml").read_text())
    r.commit("a: no Monday morning; b renamed, its report; c gone; d new")
    return r


A_HOURS = ("warning[hours] « Point d'accueil » : ouverture hebdomadaire 15 h → 12 h, "
           "demi-journées 5 → 4 ; le lundi matin n'est plus ouvert (lundi : 9 h – 12 h, "
           "14 h – 17 h → 14 h – 17 h) ; le minimum de l'art. 4 (4 demi-journées et 12 h par "
           "semaine) reste atteint")


def test_diff_between_two_branches(repo: Repo) -> None:
    done = repo.pncaf("diff", "main", "feature", "--as-of", "2024-09-01", "--format", "json")
    assert done.returncode == 0, done.stderr
    found = [(c["file"], c["convention"], c["kind"], c["severity"])
             for c in json.loads(done.stdout)]
    assert found == [
        ("conventions/a.yaml", "a", "hours", "warning"),
        ("conventions/b-mairie.yaml", "b", "file-renamed", "info"),
        ("conventions/b-mairie.yaml", "b", "event", "info"),
        ("conventions/c.yaml", "45-la-passerelle", "file-deleted", "warning"),
        ("conventions/d.yaml", "77-valbrune", "file-added", "info"),
    ]
    messages = [c["message"] for c in json.loads(done.stdout)]
    assert messages[1] == ("Fichier renommé : conventions/b.yaml → "
                           "conventions/b-mairie.yaml")
    assert messages[2].startswith("Indicateurs du 1er semestre 2024 (2024-S1) reçus le "
                                  "2 août 2024, dans les délais")


def test_text_lines_name_file_and_line(repo: Repo) -> None:
    done = repo.pncaf("diff", "main", "feature", "--as-of", "2024-09-01")
    lines = done.stdout.splitlines()
    assert lines[0] == f"conventions/a.yaml:{hours_line(repo)}: {A_HOURS}"
    assert lines[-1] == "4 files changed: 0 errors, 2 warnings, 3 notes."


def test_one_revision_is_compared_with_the_working_tree(repo: Repo) -> None:
    repo.git("switch", "-q", "main")
    assert repo.pncaf("diff").stdout == "no convention changed.\n"
    repo.edit("conventions/a.yaml", "name: Mairie de Test", "name: Mairie de Testville")
    repo.write("conventions/new.yaml", convention("new"))        # not even added to git
    done = repo.pncaf("diff", "--as-of", "2024-09-01")
    assert done.returncode == 0, done.stderr
    assert "conventions/a.yaml:10: info[party] Nom du partenaire : Mairie de Test → Mairie " \
           "de Testville" in done.stdout
    assert "conventions/new.yaml: info[file-added] Nouvelle convention : Mairie de Test" \
           in done.stdout
    assert repo.pncaf("diff", "HEAD", "--as-of", "2024-09-01").stdout == done.stdout
    other = repo.pncaf("diff", "feature", "--", "conventions/d.yaml")
    assert "conventions/d.yaml: info[file-deleted]" not in other.stdout
    assert "conventions/d.yaml: warning[file-deleted]" in other.stdout
    assert "a.yaml" not in other.stdout


def test_paths_narrow_the_comparison(repo: Repo) -> None:
    done = repo.pncaf("diff", "--format", "json", "main", "feature", "--",
                      "conventions/d.yaml")
    assert [c["file"] for c in json.loads(done.stdout)] == ["conventions/d.yaml"]
    inside = subprocess.run(["pncaf", "diff", "main", "feature", "d.yaml"],
                            cwd=repo.path / "conventions", env=repo.env, capture_output=True,
                            text=True)
    assert inside.stdout.startswith("d.yaml: info[file-added]"), inside.stdout + inside.stderr


def test_a_change_below_the_minimum_fails(repo: Repo) -> None:
    repo.edit("conventions/a.yaml", 'tuesday: ["09:00-12:00", "14:00-17:00"]',
              'tuesday: ["14:00-17:00"]')
    done = repo.pncaf("diff", "--format", "github")
    assert done.returncode == 1
    assert re.search(r"^::error file=conventions/a\.yaml,line=\d+,title=pncaf diff \(hours\)::"
                     r"« Point d'accueil » : ouverture hebdomadaire 12 h → 9 h", done.stdout,
                     re.M), done.stdout


def test_markdown_summary_for_a_pull_request(repo: Repo) -> None:
    done = repo.pncaf("diff", "main", "feature", "--format", "markdown", "--as-of",
                      "2024-09-01")
    text = done.stdout
    assert text.startswith("## Ce que change cette demande (pncaf diff)\n\n"
                           "**4 conventions modifiées** : 0 erreur bloquante, 2 points à "
                           "vérifier, 3 informations.\n")
    assert "### `conventions/a.yaml` — Mairie de Test\n" in text
    assert "- ⚠️ **À vérifier** « Point d'accueil » : ouverture hebdomadaire 15 h → 12 h" in text


def test_two_files_need_no_git(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(VALID)
    (tmp_path / "new.yaml").write_text(replace(VALID, "scanners: 1", "scanners: 2"))
    env = environment(tmp_path)
    done = subprocess.run(["pncaf", "diff", "old.yaml", "new.yaml"], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.startswith("new.yaml:20: info[equipment] « Point d'accueil » : "
                                  "équipement pour le public (art. 8) : scanners 1 → 2\n")
    outside = subprocess.run(["pncaf", "diff", "HEAD"], cwd=tmp_path, env=env,
                             capture_output=True, text=True)
    assert outside.returncode == 2
    assert outside.stderr.startswith("pncaf: not inside a git repository")


def test_unknown_revision_or_path_is_a_usage_error(repo: Repo) -> None:
    done = repo.pncaf("diff", "main", "nowhere.yaml")
    assert done.returncode == 2
    assert done.stderr == ("pncaf: nowhere.yaml: neither a revision nor a file (of the working "
                           "tree or of the revisions named)\n")


# --- git runs pncaf: the diff driver as docs/review.md configures it ------------------------

def documented_lines() -> tuple[str, list[str]]:
    """The `.gitattributes` line and the `git config` command, as the documentation says."""
    attributes = re.search(r"^(conventions/\*\.yaml diff=pncaf)$", DOC, re.M)
    config = re.search(r"^(git config diff\.pncaf\.command .+)$", DOC, re.M)
    assert attributes and config, "docs/review.md no longer shows the driver's set-up"
    import shlex

    return attributes.group(1), shlex.split(config.group(1))


def configure_driver(repo: Repo) -> None:
    attributes, config = documented_lines()
    repo.write(".gitattributes", attributes + "\n")
    repo.run(*config).check_returncode()


def hours_line(repo: Repo) -> int:
    return line_of((repo.path / "conventions/a.yaml").read_text(), "hours:")


def test_git_diff_shows_the_meaning_next_to_the_lines(repo: Repo) -> None:
    configure_driver(repo)
    shown = repo.git("diff", "main", "feature", "--", "conventions/a.yaml")
    assert shown.splitlines()[:3] == [
        "pncaf diff a/conventions/a.yaml b/conventions/a.yaml",
        f"# conventions/a.yaml:{hours_line(repo)}: {A_HOURS}",
        "--- a/conventions/a.yaml"]
    assert '\n-      monday: ["09:00-12:00", "14:00-17:00"]\n+      monday: ["14:00-17:00"]\n' \
        in shown


def test_git_diff_of_renamed_added_and_deleted_files(repo: Repo) -> None:
    configure_driver(repo)
    shown = repo.git("diff", "-M", "main", "feature")
    assert "pncaf diff a/conventions/b.yaml b/conventions/b-mairie.yaml\n# conventions/" \
           "b-mairie.yaml: info[file-renamed] Fichier renommé : conventions/b.yaml → " \
           "conventions/b-mairie.yaml\n" in shown
    assert "pncaf diff a/conventions/c.yaml /dev/null\n# conventions/c.yaml: " \
           "warning[file-deleted] Convention supprimée" in shown
    assert "pncaf diff /dev/null b/conventions/d.yaml\n# conventions/d.yaml: " \
           "info[file-added] Nouvelle convention" in shown


def test_git_diff_of_the_working_tree(repo: Repo) -> None:
    configure_driver(repo)
    repo.edit("conventions/a.yaml", "{name: Marc Maire, title: Maire}",
              "{name: Léa Martin, title: Maire}")
    shown = repo.git("diff")
    assert "# conventions/a.yaml:13: info[representative] Représentant du partenaire : " \
           "Marc Maire (Maire) → Léa Martin (Maire)\n" in shown


def test_git_log_shows_the_meaning_with_ext_diff(repo: Repo) -> None:
    configure_driver(repo)
    with_driver = repo.git("log", "-p", "--ext-diff", "-1", "--", "conventions/a.yaml")
    assert f"# conventions/a.yaml:{hours_line(repo)}: {A_HOURS}" in with_driver
    plain = repo.git("log", "-p", "-1", "--", "conventions/a.yaml")
    assert "# conventions/a.yaml" not in plain and "diff --git" in plain


def test_the_driver_never_stops_git(repo: Repo) -> None:
    """A broken file in a commit still shows, with what is wrong, and git goes on."""
    configure_driver(repo)
    line = hours_line(repo)
    repo.write("conventions/a.yaml", "format: pncaf/1\nsites: [\n")
    repo.commit("broken")
    shown = repo.git("log", "-p", "--ext-diff", "-2", "--format=%s")
    assert "error[invalid] La nouvelle version n'est pas une convention valide" in shown
    assert f"# conventions/a.yaml:{line}: " in shown    # the commit before is shown too


# --- the append-only history -------------------------------------------------------------

def test_check_base_refuses_an_edited_or_removed_event(repo: Repo) -> None:
    repo.edit("conventions/b-mairie.yaml", "indicators: {accueils: 40}",
              "indicators: {accueils: 45}")
    repo.commit("the figure was wrong")
    done = repo.pncaf("check", "--base", "feature~1", "--as-of", "2024-09-01")
    assert done.returncode == 1
    line = line_of((repo.path / "conventions/b-mairie.yaml").read_text(), "event: report")
    assert (f"conventions/b-mairie.yaml:{line}:5: error[history-rewritten] the event 2024-08-02 "
            "report 2024-S1 of feature~1 was changed (`indicators`): the history is "
            "append-only; put the event back as it was and record the correction as a new "
            "event") in done.stdout.splitlines()
    # against main the report did not exist yet: adding it is no rewrite
    assert "history-rewritten" not in repo.pncaf("check", "--base", "main").stdout
    repo.edit("conventions/b-mairie.yaml", "history:\n  - {date: 2024-08-02, event: report, "
              "period: 2024-S1, indicators: {accueils: 45}}", "history: []")
    as_json = json.loads(repo.pncaf("check", "--base", "feature~1", "--format", "json",
                                    "--as-of", "2024-09-01").stdout)
    assert [(d["file"], d["line"], d["rule"]) for d in as_json["diagnostics"]
            if d["severity"] == "error"] == [("conventions/b-mairie.yaml", line - 1,
                                              "history-rewritten")]


def test_check_base_follows_a_renamed_file(repo: Repo) -> None:
    repo.git("switch", "-q", "main")
    repo.edit("conventions/b.yaml", "history: []",
              "history:\n  - {date: 2024-02-01, event: committee}")
    repo.commit("committee")
    repo.git("mv", "conventions/b.yaml", "conventions/b2.yaml")
    repo.edit("conventions/b2.yaml", "event: committee}", "event: committee, note: x}")
    done = repo.pncaf("check", "--base", "HEAD", "--as-of", "2024-03-01")
    line = line_of((repo.path / "conventions/b2.yaml").read_text(), "event: committee")
    assert f"conventions/b2.yaml:{line}:5: error[history-rewritten] the event 2024-02-01 " \
           "committee of HEAD was changed (`note`)" in done.stdout
    assert done.returncode == 1


def test_check_base_head_before_the_first_commit(tmp_path: Path) -> None:
    r = Repo(tmp_path / "new")
    r.write("conventions/a.yaml", convention("a"))
    r.git("add", "-A")
    done = r.pncaf("check", "--base", "HEAD", "--as-of", "2024-01-15")
    assert done.returncode == 0, done.stdout + done.stderr
    wrong = r.pncaf("check", "--base", "main")
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("pncaf: --base main: no such revision")


# --- the CI example of docs/review.md ------------------------------------------------------

def documented_workflow() -> dict[str, object]:
    block = re.search(r"```yaml\n(name: conventions\n.*?)```", DOC, re.S)
    assert block, "docs/review.md no longer shows the GitHub Actions workflow"
    workflow: dict[str, object] = yaml.safe_load(block.group(1))
    return workflow


def test_the_documented_ci_steps_run(repo: Repo, tmp_path: Path) -> None:
    """The workflow's pncaf steps, run as the runner would, on the pull request's merge."""
    bash = shutil.which("bash")
    assert bash is not None
    job = documented_workflow()["jobs"]["review"]  # type: ignore[index]
    steps = {step.get("name"): step for step in job["steps"]}
    summary_page = tmp_path / "step-summary.md"
    env = {**repo.env, "BASE": repo.git("rev-parse", "main").strip(),
           "GITHUB_STEP_SUMMARY": str(summary_page)}
    for name in ("Check, with the base branch's history kept",
                 "Summarise what the pull request changes"):
        done = subprocess.run([bash, "-e", "-c", steps[name]["run"]], cwd=repo.path, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, name + done.stdout + done.stderr
    posted = (repo.path / "pncaf-summary.md").read_text(encoding="utf-8")
    assert posted.startswith("## Ce que change cette demande (pncaf diff)\n")
    assert "### `conventions/b-mairie.yaml` — Mairie de Test" in posted
    assert summary_page.read_text(encoding="utf-8") == posted
    assert "--body-file pncaf-summary.md" in steps["Post the summary on the pull request"]["run"]


def test_a_change_to_many_files_is_reviewed_in_parallel_each_worker_reading_through_git(
        tmp_path: Path) -> None:
    """100 changed files (forked workers from 64, each reading the versions it reviews
    through its own `git cat-file --batch`): every file reviewed, in git's order, and the
    run ends (git's pipe, copied into the workers, once kept it from ending)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    r = Repo(tmp_path / "repo")
    files = generate(r.path / "conventions", 100)
    r.commit("the network")
    for path in files:
        with path.open("a", encoding="utf-8") as handle:
            handle.write("  - {date: 2026-11-20, event: committee}\n")
    done = r.pncaf("diff", "--format", "json", "--as-of", "2026-11-27")
    assert done.returncode in (0, 1) and not done.stderr, done.stderr
    changes = json.loads(done.stdout)
    reviewed = list(dict.fromkeys(d["file"] for d in changes))
    assert reviewed == [f"conventions/{p.name}" for p in files]
    held = [d for d in changes if d["message"] == "Comité de pilotage tenu le 20 novembre 2026"]
    assert len(held) > 30           # the valid ones (the generator makes some invalid)


def test_check_base_over_a_network_finds_the_one_rewritten_event(tmp_path: Path) -> None:
    """Seventy conventions changed since the base (a committee added to each, in date
    order: no rewrite), one of them with an event changed: read through one `git cat-file`
    by object id, in the checking workers' order, only that one is an error."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from generate import generate, record_event

    r = Repo(tmp_path / "network")
    files = generate(r.path / "conventions", 70)
    r.commit("network")
    for path in files:
        record_event(path)
    target = files[41]
    text = target.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if "event: report" in line)
    target.write_text(text.replace(first, first.replace("indicators: {accueils: ",
                                                        "indicators: {accueils: 1")),
                      encoding="utf-8")
    done = r.pncaf("check", "--base", "HEAD", "--format", "json", "--as-of", "2026-11-27")
    errors = [(d["file"], d["rule"]) for d in json.loads(done.stdout)["diagnostics"]
              if d["severity"] == "error"]
    assert errors == [(f"conventions/{target.name}", "history-rewritten")], done.stderr
