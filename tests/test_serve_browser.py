"""`pncaf serve` used as an officer uses it: Debian's Chromium, driven by Playwright, fills
the forms, uploads the partner's annex 2 form and downloads the certificate; axe-core finds
no WCAG 2.1 A/AA violation on any page; at a phone's width and at 200 % zoom every action
stays within reach.

The server is a real `pncaf serve` on 127.0.0.1 (tests/serving.py), seen as if today were
20 March 2027, when Valbrune owes its visit of the year and its report of 2026-S2."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, sync_playwright
from pypdf import PdfReader

from browsing import launch, unreachable, violations
from serving import LAUNCH, ROOT, Server, start_server

AS_OF = "2027-03-20"
VALBRUNE = "/conventions/77-valbrune"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Server]:
    """The shipped conventions in a git repository, as a Caf keeps them, served."""
    shutil.copytree(ROOT / "conventions", tmp_path / "conventions")
    for command in (["init", "-q"], ["add", "conventions"],
                    ["-c", "user.name=Caf", "-c", "user.email=caf@example.org", "commit",
                     "-q", "-m", "Conventions du réseau"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True, timeout=60)
    running = start_server(tmp_path, "--as-of", AS_OF)
    try:
        yield running
    finally:
        assert running.stop() == 0


def officer(browser: Browser, server: Server, width: int = 1280) -> Page:
    """A fresh browser window that has opened the URL `pncaf serve` printed."""
    page = browser.new_context(viewport={"width": width, "height": 900},
                               accept_downloads=True).new_page()
    page.goto(server.url)
    assert "token=" not in page.url                 # exchanged for the session cookie
    return page


def pncaf(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-c", LAUNCH, *args], cwd=cwd, text=True,
                          capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr
    return done


def cli_copy(tmp_path: Path) -> Path:
    """A second copy of the shipped conventions, for the command line to edit."""
    folder = tmp_path / "cli"
    shutil.copytree(ROOT / "conventions", folder / "conventions")
    return folder


def test_a_visit_and_a_report_through_the_forms_are_what_record_writes(
        browser: Browser, served: Server, tmp_path: Path) -> None:
    page = officer(browser, served)
    page.get_by_role("link", name="Mairie de Valbrune-sur-Loing").click()
    before = page.content()
    assert "visit-missing" in before and "report-overdue" in before

    page.select_option("#f-event", "visit")
    page.fill("#f-date", "10/02/2027")
    page.select_option("#f-outcome", "compliant")
    page.get_by_role("button", name="Enregistrer l'événement").click()
    assert "Visite de la Caf le 10 février 2027" in page.inner_text("main")

    page.goto(served.url.split("?")[0] + VALBRUNE.lstrip("/"))
    page.select_option("#f-event", "report")
    page.fill("#f-date", "2027-02-12")
    page.fill("#f-period", "2026-S2")
    page.fill("#f-indicator", "accueils=270\ndemarches=160")
    page.get_by_role("button", name="Enregistrer l'événement").click()
    assert "2026-S2" in page.inner_text("main")

    cli = cli_copy(tmp_path)
    pncaf(cli, "record", "conventions/77-valbrune.yaml", "visit", "--date", "2027-02-10",
          "--outcome", "compliant")
    pncaf(cli, "record", "conventions/77-valbrune.yaml", "report", "--date", "2027-02-12",
          "--period", "2026-S2", "--indicator", "accueils=270", "--indicator",
          "demarches=160")
    assert ((served.folder / "77-valbrune.yaml").read_bytes()
            == (cli / "conventions/77-valbrune.yaml").read_bytes())

    page.goto(served.url.split("?")[0] + VALBRUNE.lstrip("/"))
    after = page.content()
    assert "visit-missing" not in after and "report-overdue" not in after
    assert "committee-missing" in after            # what is still owed stays shown


def test_reloading_the_page_after_a_save_neither_saves_again_nor_warns(
        browser: Browser, served: Server) -> None:
    page = officer(browser, served)
    page.goto(served.url.split("?")[0] + VALBRUNE.lstrip("/"))
    page.select_option("#f-event", "committee")
    page.fill("#f-date", "03/02/2027")
    page.get_by_role("button", name="Enregistrer l'événement").click()
    assert "Ce que cela change" in page.inner_text("main")
    saved = (served.folder / "77-valbrune.yaml").read_bytes()
    page.reload()                                   # F5: a GET, no form sent again
    shown = page.inner_text("main")
    assert "Ce que cela change" in shown and "modifiée depuis" not in shown
    assert (served.folder / "77-valbrune.yaml").read_bytes() == saved
    page.go_back()
    assert (served.folder / "77-valbrune.yaml").read_bytes() == saved


def test_a_filled_annex_2_form_uploaded_is_the_report_record_from_makes(
        browser: Browser, served: Server, tmp_path: Path) -> None:
    cli = cli_copy(tmp_path)
    form = tmp_path / "annexe2.xlsx"
    pncaf(cli, "form", "conventions/77-valbrune.yaml", "--period", "2026-S2", "-o", str(form))
    book = load_workbook(form)
    sheet = book["Annexe 2"]
    typed = [c for row in sheet.iter_rows() for c in row if c.protection.locked is False]
    assert typed, "the form has cells for the partner to fill"
    for number, cell in enumerate(typed, 1):
        cell.value = 100 + number                   # what the partner types, then saves
    filled = tmp_path / "annexe2-remplie.xlsx"
    book.save(filled)

    page = officer(browser, served)
    page.goto(served.url.split("?")[0] + VALBRUNE.lstrip("/"))
    page.set_input_files("input[name=form]", str(filled))
    page.get_by_role("button", name="Enregistrer le rapport du formulaire").click()
    assert "2026-S2" in page.inner_text("main")

    # Received « today », which is 20 March 2027 for this server.
    pncaf(cli, "record", "conventions/77-valbrune.yaml", "report", "--from", str(filled),
          "--date", AS_OF)
    assert ((served.folder / "77-valbrune.yaml").read_bytes()
            == (cli / "conventions/77-valbrune.yaml").read_bytes())


def test_the_certificate_downloaded_reads_as_the_partners_pdf(
        browser: Browser, served: Server) -> None:
    page = officer(browser, served)
    page.goto(served.url.split("?")[0] + VALBRUNE.lstrip("/"))
    with page.expect_download() as download:
        page.get_by_role("link", name="L'attestation de labellisation (PDF)").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"%PDF")
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages)
    assert "Mairie de Valbrune-sur-Loing" in text
    assert "Point numérique" in text


def pages_to_review(page: Page, server: Server, tmp_path: Path) -> Iterator[str]:
    """Every page an officer meets, reached as they would reach it; yields its name."""
    base = server.url.split("?")[0]
    page.goto(base)
    yield "le réseau"
    page.goto(base + "?statut=en+cours&tri=partenaire")
    yield "le réseau filtré"
    for file in sorted(server.folder.glob("*.yaml")):
        page.goto(base + "conventions/" + file.stem)
        yield f"la convention {file.stem}"
    page.goto(base + VALBRUNE.lstrip("/"))
    page.select_option("#f-event", "report")
    page.fill("#f-date", "2027-02-12")
    page.fill("#f-period", "2026-S2")
    page.fill("#f-indicator", "accueils=douze")
    page.get_by_role("button", name="Enregistrer l'événement").click()
    yield "un enregistrement refusé"
    page.goto(base + VALBRUNE.lstrip("/"))
    page.select_option("#f-event", "visit")
    page.fill("#f-date", "2027-02-10")
    page.select_option("#f-outcome", "compliant")
    page.get_by_role("button", name="Enregistrer l'événement").click()
    page.wait_for_url("**/resultat/*")             # the page after the save's redirect
    yield "un enregistrement fait"
    page.goto(base + VALBRUNE.lstrip("/") + "/historique")
    assert "Conventions du réseau" in page.inner_text("main")
    yield "l'historique du fichier"
    page.goto(base + "nouvelle")
    yield "une nouvelle convention"
    page.goto(base + "importer")
    yield "importer une convention"
    cli = cli_copy(tmp_path)
    source = cli / "convention-signee.md"
    pncaf(cli, "convention", "conventions/77-valbrune.yaml", "-o", str(source))
    page.set_input_files("#f-source", str(source))
    page.get_by_role("button", name="Voir l'aperçu").click()
    yield "l'aperçu d'un import"
    page.goto(base + "relances")
    yield "les relances"
    page.goto(base + "conventions/inconnue")
    yield "une convention introuvable"


def test_every_page_passes_axe_core_with_no_wcag_21_aa_violation(
        browser: Browser, served: Server, tmp_path: Path) -> None:
    page = officer(browser, served)
    found = {name: violations(page) for name in pages_to_review(page, served, tmp_path)}
    assert len(found) >= 14
    assert {name: v for name, v in found.items() if v} == {}


@pytest.mark.parametrize("width", [320, 640], ids=["phone-320px", "zoom-200pc"])
def test_every_action_stays_within_reach_on_a_phone_and_at_200_percent(
        browser: Browser, served: Server, tmp_path: Path, width: int) -> None:
    # 200 % zoom in a 1280-pixel window lays a page out in 640 CSS pixels.
    page = officer(browser, served, width=width)
    found = {name: unreachable(page) for name in pages_to_review(page, served, tmp_path)}
    assert {name: v for name, v in found.items() if v} == {}


def test_the_network_table_shows_every_column_on_a_390_pixel_phone(
        browser: Browser, served: Server) -> None:
    page = officer(browser, served, width=390)
    table = page.get_by_role("table")
    assert table.count() == 1                       # still a table for screen readers
    assert page.get_by_role("columnheader").count() == 6
    first = page.get_by_role("row").nth(1)
    cells = first.get_by_role("cell")
    assert cells.count() == 5
    for index in range(cells.count()):
        box = cells.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, index
    shown = cells.nth(4).evaluate("c => getComputedStyle(c, '::before').content")
    assert "Avertissements" in shown              # each value says its column on a card
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
