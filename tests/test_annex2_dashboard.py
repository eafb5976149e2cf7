"""The loop form → partner → `record --from` → dashboard, and the figures' CSV: the latest
report of a semester counts, never the sum, under the labels of the team's list."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from helpers import CONVENTIONS
from pncaf.cli.app import app
from test_annex2_form import fill
from test_annex2_rules import with_history

runner = CliRunner()


def pncaf(*args: str | Path) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())             # Excel in French reads it as UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_the_loop_from_form_to_dashboard(tmp_path: Path) -> None:
    folder = tmp_path / "conventions"
    folder.mkdir()
    convention = folder / "77-valbrune.yaml"
    shutil.copy(CONVENTIONS / "77-valbrune.yaml", convention)
    shutil.copy(CONVENTIONS / "93-cles-du-numerique.yaml", folder)
    config = tmp_path / "pncaf.toml"
    config.write_text('[indicators]\naccueils = "Personnes accueillies au point"\n'
                      'demarches = "Démarches accompagnées"\nateliers = "Ateliers collectifs"\n')
    form = tmp_path / "annexe2.xlsx"
    pncaf("form", convention, "--period", "2026-S2", "-o", form, "--config", config)
    # the partner sends 12 then, a week later, corrected figures; the officer records both
    first = fill(form, [12, 7, 2], "envoi-1.xlsx")
    again = fill(form, [14, 7, 3], "envoi-2.xlsx")
    pncaf("record", convention, "report", "--from", first, "--date", "2027-01-08")
    pncaf("record", convention, "report", "--from", again, "--date", "2027-01-15",
          "--correction")
    site = tmp_path / "site"
    pncaf("report", folder, "-o", site, "--as-of", "2027-02-01", "--config", config)
    index = (site / "index.html").read_text()
    assert "« Personnes accueillies au point » par semestre" in index
    assert "« Ateliers collectifs » par semestre" in index
    assert "2d semestre 2026" in index
    assert 'href="indicateurs-annexe2.csv"' in index
    rows = read_csv(site / "indicateurs-annexe2.csv")
    [valbrune] = [r for r in rows if r["Convention"] == "77-valbrune" and
                  r["Période"] == "2026-S2"]
    assert valbrune == {
        "Semestre": "2d semestre 2026", "Période": "2026-S2", "Convention": "77-valbrune",
        "Partenaire": "Mairie de Valbrune-sur-Loing", "Reçu le": "15/01/2027",
        "Rectificatif": "oui", "Personnes accueillies au point": "14",
        "Démarches accompagnées": "7", "Ateliers collectifs": "3"}
    # the network's total for the semester: 14 (corrected), not 12 + 14
    cles = [r for r in rows if r["Convention"] == "93-cles-du-numerique"
            and r["Période"] == "2026-S1"]
    assert cles[0]["Personnes accueillies au point"] == "117"
    assert pncaf("export", folder, "--format", "annex2", "--as-of", "2027-02-01",
                 "--config", config).count("\n") >= len(rows)
    exported = tmp_path / "export.csv"
    pncaf("export", folder, "--format", "annex2", "--as-of", "2027-02-01", "--config",
          config, "-o", exported)
    assert exported.read_bytes() == (site / "indicateurs-annexe2.csv").read_bytes()


def test_a_semester_recorded_three_times_is_never_summed(tmp_path: Path) -> None:
    folder = tmp_path / "conventions"
    folder.mkdir()
    text = with_history(
        "{date: 2024-08-12, event: report, period: 2024-S1, indicators: {accueils: 40}}",
        "{date: 2024-08-20, event: report, period: 2024-S1, correction: true, "
        "indicators: {accueils: 44}}",
        "{date: 2024-08-21, event: report, period: 2024-S1, "
        "indicators: {accueils: 44, \"démarches\": 3}}")
    (folder / "45.yaml").write_text(text)
    site = tmp_path / "site"
    pncaf("report", folder, "-o", site, "--as-of", "2024-09-01")
    [row] = read_csv(site / "indicateurs-annexe2.csv")
    assert (row["Personnes accueillies"], row["démarches (hors liste)"]) == ("44", "3")
    index = (site / "index.html").read_text()
    assert "<strong>44</strong>" in index and "<strong>128</strong>" not in index
    check = runner.invoke(app, ["check", str(folder), "--as-of", "2024-09-01"])
    assert "warning[report-duplicate]" in check.output
    assert "warning[indicator-unknown]" in check.output and "`demarches`" in check.output


def test_a_conventions_page_lists_its_counted_reports(tmp_path: Path) -> None:
    folder = tmp_path / "conventions"
    folder.mkdir()
    (folder / "a.yaml").write_text(with_history(
        "{date: 2024-08-12, event: report, period: 2024-S1, indicators: {accueils: 40}}",
        "{date: 2024-08-20, event: report, period: 2024-S1, correction: true, "
        "indicators: {accueils: 44, demarches: 9}}"))
    site = tmp_path / "site"
    pncaf("report", folder, "-o", site, "--as-of", "2024-09-01")
    page = (site / "conventions" / "test-convention.html").read_text()
    section = page[page.index('id="annex2"'):]
    section = section[:section.index("</section>")]
    assert "1er semestre 2024" in section and "20/08/2024" in section
    assert "<td class=\"num\">44</td>" in section and "<td class=\"num\">9</td>" in section
    assert ">40<" not in section and "remplace 1 envoi précédent" in section


def test_a_semester_nobody_reported_an_indicator_for_is_not_a_zero(tmp_path: Path) -> None:
    folder = tmp_path / "conventions"
    folder.mkdir()
    (folder / "45.yaml").write_text(with_history(
        "{date: 2024-08-08, event: report, period: 2024-S1, indicators: {accueils: 40}}",
        "{date: 2025-01-08, event: report, period: 2024-S2, "
        "indicators: {accueils: 50, demarches: 3}}"))
    site = tmp_path / "site"
    pncaf("report", folder, "-o", site, "--as-of", "2025-02-01")
    index = (site / "index.html").read_text()
    card = index.split("« Démarches en ligne accompagnées » par semestre")[1].split("</table>")[0]
    total_row = card.split("Total du réseau")[1].split("</tr>")[0]
    # no partner sent this figure for 2024-S1: the network's total is unknown, not 0
    assert re.findall(r"<strong>([^<]*)</strong>", total_row) == ["—", "3"]
    assert "1er semestre 2024 : aucun chiffre transmis." in card
    assert "1er semestre 2024 : 0." not in card
