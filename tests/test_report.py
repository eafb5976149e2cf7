"""`pncaf report`: the static dashboard, checked as files and in a real headless browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import CONVENTIONS, VALID, replace
from pncaf.cli.app import app
from pncaf.format.loader import load_file

runner = CliRunner()
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("Chromium is needed for the browser tests: run `make browser` "
                    "(as root: apt-get install -y chromium)")
    return found


def browse(url: str, profile: Path, *extra: str) -> tuple[str, list[str]]:
    """Open `url` headless; return the DOM after scripts ran, and the console messages."""
    done = subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                           "--enable-logging=stderr", "--v=0", *extra, url],
                          capture_output=True, text=True, timeout=120)
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return done.stdout, console


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    source = out / "conventions"
    shutil.copytree(CONVENTIONS, source)
    # one hostile value and one broken file, as a real network has
    (source / "99-hostile.yaml").write_text(replace(replace(
        VALID, "id: test-convention", "id: 99-hostile"),
        "name: Mairie de Test", 'name: "<script>alert(1)</script> Mairie"'))
    (source / "99-broken.yaml").write_text("format: pncaf/1\nsites: [\n")
    (source / "99-escape.yaml").write_text("format: pncaf/1\nid: ../../../escaped\n")
    result = runner.invoke(app, ["report", str(source), "-o", str(out / "site"), "--as-of",
                                 "2026-11-27", "--templates", str(out)])
    assert result.exit_code == 0, result.output
    return out / "site"


def test_site_files(site: Path) -> None:
    index = (site / "index.html").read_text()
    for path in sorted(CONVENTIONS.glob("*.yaml")):
        convention = load_file(path).convention
        assert convention is not None
        assert convention.partner.name in index
        assert (site / "conventions" / f"{path.stem}.html").exists()
    assert "fichier invalide" in index                             # the broken file is listed
    escaped = list(site.parent.parent.rglob("escaped*"))           # ids never leave the site
    assert escaped == [site / "conventions" / "escaped.html"]
    assert "<script>alert(1)</script>" not in index                # data is escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Mairie" in index
    assert "http://" not in index and "https://" not in index      # nothing fetched online
    page = (site / "conventions" / "77-valbrune.html").read_text()
    assert "../certificats/77-valbrune.html" in page and "<svg" in page and "13 h" in page
    assert (site / "certificats" / "77-valbrune.html").exists()
    assert not (site / "certificats" / "45-la-passerelle.html").exists()   # label withdrawn


def test_charts_have_text_alternatives(site: Path) -> None:
    for page in [site / "index.html", *sorted((site / "conventions").glob("*.html"))]:
        html = page.read_text()
        assert '<html lang="fr">' in html
        assert html.count("<svg") == html.count('role="img"') == html.count("<title id=")


def test_browser_shows_every_convention_without_console_errors(site: Path,
                                                               tmp_path: Path) -> None:
    dom, console = browse((site / "index.html").as_uri(), tmp_path / "profile", "--dump-dom")
    assert console == []
    for path in sorted(CONVENTIONS.glob("*.yaml")):
        convention = load_file(path).convention
        assert convention is not None and convention.partner.name in dom
    assert dom.count('<tr>') >= 7
    for page in sorted((site / "conventions").glob("*.html")):
        _, console = browse(page.as_uri(), tmp_path / "profile", "--dump-dom")
        assert console == [], page.name


def test_browser_screenshot(site: Path, tmp_path: Path) -> None:
    shot = tmp_path / "index.png"
    browse((site / "index.html").as_uri(), tmp_path / "profile", "--window-size=1280,1600",
           f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_console_errors_would_be_caught(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html><body><script>undefinedFunction();</script>")
    _, console = browse(page.as_uri(), tmp_path / "profile", "--dump-dom")
    assert any("undefinedFunction" in line for line in console)


def test_every_rule_has_a_french_label() -> None:
    from pncaf.checks.rules import RULES
    from pncaf.outputs.dashboard import RULE_FR

    assert {r.id for r in RULES} == set(RULE_FR)
    assert RULE_FR["opening-minimum"] == "ouverture minimale (art. 4)"
    assert all(label.strip() and label[0].islower() for label in RULE_FR.values())


def test_the_index_is_cut_into_pages_whatever_the_network(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """At 10,000 conventions one page listed every convention and every partner's figures
    (over pncaf's own 5,000,000-character limit from about 3,500): the table is now cut
    into pages, the index names the most urgent files only, and the per-partner figures
    move to each partner's page and the CSV once the network is larger than a page."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from generate import generate

    import pncaf.outputs.site as site_module

    monkeypatch.setattr(site_module, "PAGE_SIZE", 4)
    monkeypatch.setattr(site_module, "ATTENTION_SHOWN", 2)
    generate(tmp_path / "conventions", 10)
    out = tmp_path / "site"
    result = runner.invoke(app, ["report", str(tmp_path / "conventions"), "-o", str(out),
                                 "--as-of", "2026-11-27"])
    assert result.exit_code == 0, result.output
    pages = [out / "index.html", out / "liste-2.html", out / "liste-3.html"]
    assert sorted(p.name for p in out.glob("*.html")) == sorted(p.name for p in pages)
    linked = []
    for number, page in enumerate(pages, 1):
        html = page.read_text()
        table = html[html.index('id="overview"'):]
        table = table[:table.index("</table>")]
        linked += re.findall(r'<a href="(conventions/[^"]+)"', table)
        assert "10 conventions — page" in table and f"page {number} sur 3" in table
        assert 'href="liste-2.html"' in html or number == 2
    assert linked == [f"conventions/bench-{n:05d}.html" for n in range(10)]
    index = pages[0].read_text()
    attention = index[index.index('id="attention"'):index.index('id="overview"')]
    assert attention.count("<li>") == 2 and re.search(r"Et \d+ autres conventions", attention)
    assert "Le chiffre de chaque partenaire est sur sa page et dans le fichier CSV" in index
    assert len(read_csv_rows(out / "indicateurs-annexe2.csv")) > 10
    # the next report replaces that site, its other pages included (they were once taken
    # for files pncaf did not write); a file of the user's is still never replaced
    for stale in sorted((tmp_path / "conventions").glob("*.yaml"))[5:]:
        stale.unlink()
    again = runner.invoke(app, ["report", str(tmp_path / "conventions"), "-o", str(out),
                                "--as-of", "2026-11-27"])
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in out.glob("*.html")) == ["index.html", "liste-2.html"]
    (out / "liste-notes.html").write_text("mes notes")
    refused = runner.invoke(app, ["report", str(tmp_path / "conventions"), "-o", str(out),
                                  "--as-of", "2026-11-27"])
    assert refused.exit_code == 1 and "liste-notes.html" in refused.output
    assert (out / "liste-notes.html").read_text() == "mes notes"
    (out / "liste-notes.html").unlink()
    # names pncaf could write but did not: a liste-1.html, a page past a gap, the next
    # page the index does not link, a folder by a page's name, a file among the pages
    for name, make, named in (("liste-1.html", "file", "liste-1.html"),
                              ("liste-7.html", "file", "liste-7.html"),
                              ("liste-3.html", "file", "liste-3.html"),
                              ("liste-3.html", "folder", "liste-3.html"),
                              ("conventions/notes.txt", "file", "conventions")):
        place = out / name
        if make == "file":
            place.write_text("mes notes")
        else:
            place.mkdir()
            (place / "cr.txt").write_text("compte rendu")
        refused = runner.invoke(app, ["report", str(tmp_path / "conventions"), "-o",
                                      str(out), "--as-of", "2026-11-27"])
        assert refused.exit_code == 1 and named in refused.output, (name, refused.output)
        assert "liste-2.html" not in refused.output     # pncaf's own page is not named
        kept = place if make == "file" else place / "cr.txt"
        assert kept.read_text() in ("mes notes", "compte rendu")
        if make == "folder":
            shutil.rmtree(place)
        else:
            place.unlink()


def test_a_report_into_the_folder_of_its_conventions_is_refused(tmp_path: Path) -> None:
    """`-o` given the folder above `conventions/`: the site would replace the convention
    files themselves. Refused, nothing written, every file kept, the way out said."""
    work = tmp_path / "R"
    (work / "conventions").mkdir(parents=True)
    for source in sorted(CONVENTIONS.glob("*.yaml")):
        shutil.copy(source, work / "conventions" / source.name)
    before = {p.name: p.read_bytes() for p in (work / "conventions").iterdir()}
    refused = CliRunner().invoke(app, ["report", str(work / "conventions"), "-o", str(work),
                                       "--as-of", "2026-11-27"])
    assert refused.exit_code == 1, refused.output
    assert "holds the conventions the report reads" in refused.output
    assert str(work / "site") in refused.output
    assert {p.name: p.read_bytes() for p in (work / "conventions").iterdir()} == before
    assert sorted(p.name for p in work.iterdir()) == ["conventions"]


def read_csv_rows(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines()[1:]


def test_counts_agree_in_french_0_and_1_singular(site: Path) -> None:
    pages = [site / "index.html", *sorted((site / "conventions").glob("*.html"))]
    text = " ".join(page.read_text() for page in pages)
    wrong = re.findall(r"\b[01] (?:manquants|attendus|demi-journées|erreurs|avertissements)\b",
                       text)
    assert wrong == []
    assert re.search(r"\b[01] manquant\b", text) and re.search(r"\b[01] attendu\b", text)
