"""`pncaf diff`'s quick paths. Its quick reading of the old version (plain data, no
positions; not read at all when the new version is invalid) says exactly what the thorough
one says: the same data as `parse_yaml` on every plain file, and the same review on a
varied set of changes. Its arguments are read without typer when they are plain."""

from __future__ import annotations

import dataclasses
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from helpers import CONVENTIONS, ROOT, VALID, replace
from pncaf.cli.entry import parse_diff
from pncaf.files.yaml_plain import plain_data
from pncaf.files.yaml_positions import parse_yaml
from pncaf.format.loader import Loaded
from pncaf.review import meaning
from pncaf.review.changes import FileReview
from pncaf.review.meaning import Version, review
from test_diff_meaning import MEDIATHEQUE, TABLE, edit, events

AS_OF = date(2024, 6, 1)


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1, 1.0 and True are not the same
    value here), with mappings in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and a != a:
        return b != b
    return bool(a == b)


SNIPPETS = [
    "a: 1\nb: 0x1F\nc: 0o17\nd: 1.5\ne: .inf\nf: -.5e3\ng: yes\nh: ~\ni: null\nj: ''\n"
    "k: '1'\nl: true\nm: True\nn: 012\no: +3\np: 1_000\nq: 2024-01-01\nr:\nt: .nan\n"
    "u: -0\nv: 1e3\nw: .5\nx: 5.\ny: FALSE\nz: NULL\n",
    "s: [1, '2', \"3\", [], {}]\nt: {x: 1, y: [a, {b: c}]}\n",
    "1: a\nnull: b\ntrue: c\n~: d\n'': e\n",
    "a:\n  b:\n    - {c: d, e: [f, g]}\n  h: |\n    multi\n    line\n  i: >\n    folded\n"
    "    text\n  j: plain\n    continued\n",
    "a: 'it''s'\nb: \"\\u00e9\\t\"\nc: \"12\"\n",
    "? [a]\n: 1\n",
    "? {a: b}\n: 1\n",
    "a: 1\na: 2\n",
    "x:\n  - {a: 1, a: 2}\n",
    "x:\n  a: {}\n  a: []\n",
    "a: &x 1\nb: *x\n",
    "a: &x {b: 1}\nc:\n  <<: *x\n",
    "a: !!str 1\n", "a: !custom 1\n", "a: ! 1\n", "a: !!map {b: 1}\n", "!!map {a: 1}\n",
    "a: 1\n---\nb: 2\n", "---\na: 1\n...\n", "--- \na: 1\n",
    "- 1\n- 2\n", "just text\n", "", "   \n", "# only a comment\n", "~\n", "12\n",
    "a: " + "9" * 5000 + "\n",
    "a: [1, 2\n", "a: b: c\n", "a:\n\t- 1\n", "a: 'unclosed\n", "a: \x07\n",
    "%YAML 1.1\n---\na: 1\n",
]


def texts() -> list[tuple[str, str]]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    found = [(f"snippet {n}", text) for n, text in enumerate(SNIPPETS)]
    for path in sorted([*CONVENTIONS.glob("*.yaml"), *(ROOT / "tests" / "corpus").rglob(
            "*.yaml")]):
        raw = path.read_bytes()
        try:
            found.append((path.name, raw.decode("utf-8-sig")))
        except UnicodeDecodeError:
            continue
    return found


@pytest.mark.parametrize(("name", "text"), texts(), ids=[t[0] for t in texts()])
def test_plain_data_is_parse_yaml_s_data_or_nothing(name: str, text: str) -> None:
    data = plain_data(text)
    if data is None:
        return
    parsed, problems = parse_yaml(text)
    assert parsed is not None and not problems, name
    assert same(data, parsed.data), name


def test_every_example_convention_is_read_quickly() -> None:
    for path in CONVENTIONS.glob("*.yaml"):
        assert plain_data(path.read_text(encoding="utf-8-sig")) is not None, path.name


def generated(tmp_path: Path, count: int) -> list[str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    return [p.read_text(encoding="utf-8") for p in generate(tmp_path / "generated", count)]


NOT_PLAIN = replace(VALID, "  name: Mairie de Test", "  name: &partner Mairie de Test")
INVALID_OLD = replace(VALID, 'siren: "217705144"', 'siren: "217705145"')
BAD_YAML = replace(VALID, "history: []", "history: [")
NO_ID = replace(VALID, "id: test-convention\n", "")
SITE_REMOVED = (edit("signed:", MEDIATHEQUE), VALID)

#: (what, old bytes or None, new bytes or None, renamed)
PAIRS: list[tuple[str, str | None, str | None, bool]] = [
    *((what, before, after, False) for what, before, after, _ in TABLE),
    ("site removed: placed in the old file", *SITE_REMOVED, False),
    ("event removed", events("{date: 2024-02-01, event: committee}"), VALID, False),
    ("event edited", events("{date: 2024-02-01, event: committee}"),
     events("{date: 2024-02-02, event: committee}"), False),
    ("invalid old, valid new", INVALID_OLD, VALID, False),
    ("unreadable old", BAD_YAML, VALID, False),
    ("not plain old", NOT_PLAIN, VALID, False),
    ("old without id", NO_ID, VALID, False),
    ("valid old, invalid new", VALID, INVALID_OLD, False),
    ("valid old, unreadable new", VALID, BAD_YAML, False),
    ("both invalid", BAD_YAML, INVALID_OLD, False),
    ("renamed as it was", VALID, VALID, True),
    ("renamed and edited", VALID, events("{date: 2024-02-01, event: committee}"), True),
    ("renamed invalid", BAD_YAML, BAD_YAML, True),
    ("deleted", VALID, None, False),
    ("deleted invalid", BAD_YAML, None, False),
    ("added", None, VALID, False),
    ("added invalid", None, BAD_YAML, False),
    ("layout only", VALID, VALID.replace("history: []", "history: []   # none yet"), False),
    ("not UTF-8 old", VALID.replace("Test", "T\udce9st"), VALID, False),
]


def thorough(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(meaning, "_load_quickly",
                        lambda version, like=None: meaning._load(version))


def reviews(pairs: list[tuple[str, str | None, str | None, bool]], placed: bool = True,
            ) -> list[Any]:
    def version(name: str, text: str | None) -> Version:
        return Version(name, None if text is None else text.encode("utf-8", "surrogateescape"))

    return [review(version("old/c.yaml", old), version("new/d.yaml" if renamed else "old/c.yaml",
                                                        new), AS_OF, renamed, placed)
            for _, old, new, renamed in pairs]


def unplaced(found: FileReview) -> FileReview:
    return dataclasses.replace(found, changes=[dataclasses.replace(c, line=None)
                                               for c in found.changes])


def test_the_quick_review_is_the_thorough_one(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    pairs = list(PAIRS)
    for n, text in enumerate(generated(tmp_path, 40)):
        edited = text + "  - {date: 2026-11-20, event: committee}\n"
        pairs.append((f"generated {n}", text, edited, False))
        pairs.append((f"generated {n} reverted", edited, text, False))
        pairs.append((f"generated {n} renamed", text, text.replace("Exemple", "Modèle"), True))
    quick = reviews(pairs)
    for_json = reviews(pairs, placed=False)     # what `--format json` shows: no line
    thorough(monkeypatch)
    slow = reviews(pairs)
    for (what, *_), a, b, c in zip(pairs, quick, slow, for_json, strict=True):
        assert a == b, what
        assert c == unplaced(b), what
    assert any(c.kind == "site-removed" and c.line for r in quick for c in r.changes)
    assert any(c.kind == "invalid" for r in for_json for c in r.changes)


def test_diff_s_json_is_json_dump_s() -> None:
    """Written change by change, the JSON is the json module's, byte for byte: texts with
    quotes, backslashes, accents and control characters, a convention without an id."""
    import io
    import json

    from pncaf.cli.diff_output import to_json, write_json

    found = reviews(PAIRS)
    odd = FileReview('a "b"\\c\té.yaml', None, "t", [dataclasses.replace(
        found[0].changes[0], message="« x » \x07 \u2028 \"q\"")])
    for chosen in ([], found, [*found, odd]):
        out = io.StringIO()
        write_json(chosen, out)
        assert out.getvalue() == json.dumps(to_json(chosen), ensure_ascii=False,
                                            indent=2) + "\n"


def test_only_what_the_review_needs_is_loaded_with_positions(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Both versions are read quickly; the whole map of positions is built only for a
    change its own lines cannot place, and an invalid new version is all that is read."""
    loads: list[str] = []
    quick, full = meaning._load_quickly, meaning._load

    def counted_quick(version: Version, like: Loaded | None = None) -> Loaded | None:
        loads.append(f"quick {version.name}")
        return quick(version, like)

    def counted_full(version: Version) -> Loaded | None:
        loads.append(f"full {version.name}")
        return full(version)

    monkeypatch.setattr(meaning, "_load_quickly", counted_quick)
    monkeypatch.setattr(meaning, "_load", counted_full)

    def loaded(old: str, new: str, placed: bool = True) -> list[str]:
        loads.clear()
        review(Version("old.yaml", old.encode()), Version("new.yaml", new.encode()), AS_OF,
               placed=placed)
        return loads

    added = events("{date: 2024-02-01, event: committee}")
    # an added event: placed from its own line
    assert loaded(VALID, added) == ["quick new.yaml", "quick old.yaml"]
    # an invalid new version (read with positions for its errors): the old one not read
    assert loaded(VALID, BAD_YAML) == ["quick new.yaml"]
    old, new = SITE_REMOVED             # a removed site: on the new file's `sites:` line
    assert loaded(old, new) == ["quick new.yaml", "quick old.yaml"]
    assert loaded(old, new, placed=False) == ["quick new.yaml", "quick old.yaml"]   # JSON
    # a layout its own lines cannot place (a document marker `---`): the whole map
    marked = "---\n" + VALID
    moved = replace(marked, "Marc Maire", "Jeanne Maire")
    assert loaded(marked, moved) == ["quick new.yaml", "quick old.yaml", "full new.yaml"]
    assert [c.line for c in review(Version("o", marked.encode()), Version(
        "n", moved.encode()), AS_OF).changes] == [moved[:moved.index("Jeanne")].count("\n") + 1]


COMMITTEE = "{date: 2024-02-01, event: committee}"
VISIT = "{date: 2024-03-01, event: visit, outcome: compliant}"
REPORT_S2 = "{date: 2024-04-01, event: report, period: 2023-S2, indicators: {accueils: 3}}"
CLOSURE = "{date: 2024-05-01, event: closure, until: 2024-05-02, reason: travaux, site: %s}"
MORE = replace(VALID, "history: []", "term: {years: 1, tacit_renewal: true}\n"
               "engagements: {min_weekly_hours: 12}\nhistory: []")

#: (old, new): the new version valid; the old one read with the new one's parts
ALIKE = [
    (events(COMMITTEE, VISIT), events(COMMITTEE, VISIT, REPORT_S2)),
    (events(COMMITTEE, VISIT, REPORT_S2), events(COMMITTEE, VISIT)),
    (events(COMMITTEE, REPORT_S2), events(COMMITTEE, VISIT, REPORT_S2)),
    (events(COMMITTEE, VISIT.replace("compliant", "action_plan"), REPORT_S2),
     events(COMMITTEE, VISIT, REPORT_S2)),
    (events(COMMITTEE, REPORT_S2, VISIT), events(COMMITTEE, VISIT)),    # old out of order
    (events(COMMITTEE, CLOSURE % "Ailleurs"), events(COMMITTEE)),      # names no site
    (events(COMMITTEE, CLOSURE % "Point d'accueil"), events(COMMITTEE)),
    (VALID.replace("computers: 1,", "computers: 1.0,"), VALID),        # 1, 1.0 and true
    (VALID.replace("computers: 1,", "computers: true,"), VALID),
    (VALID, VALID.replace("computers: 1,", "computers: 1.0,")),
    (MORE.replace("tacit_renewal: true", "tacit_renewal: 1"), MORE),
    (MORE.replace("min_weekly_hours: 12", "min_weekly_hours: 12.0"), MORE),
    (MORE, MORE.replace("min_weekly_hours: 12}", "min_weekly_hours: 12.0}")),
    (replace(VALID, "Anne Caf", "Anne Caf "), VALID),
    (replace(VALID, "Anne Caf", "Anne Caf2"), VALID),
]


@pytest.mark.parametrize(("old", "new"), ALIKE)
def test_an_old_version_read_with_the_new_one_s_parts_is_the_same_model(
        old: str, new: str) -> None:
    """Parts equal in both versions are taken already validated from the new one: the
    old model is the one read alone, down to the types (repr tells 1, 1.0 and True apart),
    and an old version that is not valid as a whole is still refused."""
    from pncaf.format.loader import load_bytes, load_bytes_quickly

    like = load_bytes(new.encode(), "new.yaml", "new")
    assert like.convention is not None
    quick = load_bytes_quickly(old.encode(), "old.yaml", "old", like)
    alone = load_bytes(old.encode(), "old.yaml", "old")
    assert repr(quick.convention) == repr(alone.convention)
    assert (quick.convention is None) == bool(alone.errors)


DRIVER = ["a.yaml", "/tmp/old", "1" * 40, "100644", "/tmp/new", "2" * 40, "100644"]


@pytest.mark.parametrize(("args", "parsed"), [
    ([], ([], "text", None, False)),
    (["main"], (["main"], "text", None, False)),
    (["HEAD~3", "HEAD", "--", "conventions/a.yaml"],
     (["HEAD~3", "HEAD", "conventions/a.yaml"], "text", None, False)),
    (["--format", "json", "--as-of", "2026-11-27"], ([], "json", "2026-11-27", False)),
    (["-f", "markdown", "origin/main", "HEAD"], (["origin/main", "HEAD"], "markdown", None,
                                                 False)),
    (["--format=github", "--as-of=27/11/2026", "x.yaml"], (["x.yaml"], "github", "27/11/2026",
                                                          False)),
    (["--driver", *DRIVER], (DRIVER, "text", None, True)),
    (["--", "-odd.yaml"], (["-odd.yaml"], "text", None, False)),
    (["--help"], None), (["--format", "yaml"], None), (["--format"], None), (["-x"], None),
    (["-fjson"], None), (["--as-of"], None),
])
def test_plain_arguments_are_read_without_typer(args: list[str], parsed: object) -> None:
    assert parse_diff(args) == parsed


def test_a_repository_s_changes_read_quickly_are_read_as_thoroughly(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The whole of `pncaf diff` in a git repository (forked workers from 64 files, each
    reading through its own git), with the quick reading and without it: events added,
    removed and edited, values changed, old and new versions invalid, files renamed (as
    they were or edited), deleted and added, a committed change against the working tree
    and between two revisions."""
    from pncaf.actions.diff import DiffRequest, diff
    from test_diff_git import Repo

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    repo = Repo(tmp_path / "repo")
    files = generate(repo.path / "conventions", 80)
    (repo.path / "conventions" / "broken.yaml").write_text(BAD_YAML, encoding="utf-8")
    repo.commit("the network")
    as_it_was = files[1].read_text(encoding="utf-8")
    event = "  - {date: 2026-11-20, event: committee}\n"
    for n, path in enumerate(files):
        text = path.read_text(encoding="utf-8")
        if n % 7 == 0:
            text = text.replace("event: committee}", "event: committee, note: revu}", 1)
        elif n % 7 == 1:
            text = text.replace("Paul Exemple", "Jeanne Exemple")
        elif n % 7 == 2:
            text = text.replace("computers: 2", "computers: 0").replace("scanners: 1",
                                                                        "scanners: 0")
        elif n % 7 == 3:
            text = text.replace('siren: "', 'siren: "9')
        path.write_text(text + event, encoding="utf-8")
    (repo.path / "conventions" / "broken.yaml").write_text(VALID, encoding="utf-8")
    repo.git("mv", "conventions/" + files[0].name, "conventions/renamed-0.yaml")
    repo.git("mv", "conventions/" + files[1].name, "conventions/renamed-1.yaml")
    (repo.path / "conventions" / "renamed-1.yaml").write_text(as_it_was, encoding="utf-8")
    repo.git("rm", "-qf", "conventions/" + files[2].name)
    repo.write("conventions/new.yaml", replace(VALID, "id: test-convention", "id: new"))
    monkeypatch.chdir(repo.path)

    def both(*args: str) -> list[Any]:
        quick = diff(DiffRequest(args, AS_OF))
        with monkeypatch.context() as patch:
            thorough(patch)
            slow = diff(DiffRequest(args, AS_OF))
        assert quick.refused is None and slow.refused is None
        for a, b in zip(quick.reviews, slow.reviews, strict=True):
            assert a == b, a.file
        return quick.reviews

    reviews = both()                                # HEAD against the working tree
    assert len(reviews) == 82
    kinds = {c.kind for r in reviews for c in r.changes}
    assert {"event", "invalid", "repaired", "file-renamed", "file-deleted", "file-added",
            "representative", "equipment", "history-rewritten"} <= kinds
    # `--format json`, whose changes are not placed, writes what the placed ones make
    from pncaf.cli.diff_output import run_diff, write_json

    capsys.readouterr()
    run_diff([], "json", AS_OF.isoformat(), False)
    written = capsys.readouterr().out
    write_json(reviews, sys.stdout)
    assert written == capsys.readouterr().out
    repo.commit("the changes")
    assert len(both("HEAD~1", "HEAD")) == 82        # two revisions
