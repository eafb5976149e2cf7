"""One partner in two files: `check` warns on the later file (`partner-duplicate`), and
`import`, `new` and the import action name the file that already holds the partner."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import CONVENTIONS, replace
from pncaf.actions.documents import DocumentRequest, make_document
from pncaf.actions.importing import ImportPreviewRequest, preview_import
from pncaf.checks.runner import check_files
from pncaf.cli.app import app

runner = CliRunner()
VALBRUNE = CONVENTIONS / "77-valbrune.yaml"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "conventions"
    out.mkdir()
    shutil.copy(VALBRUNE, out)
    return out


def _copy(folder: Path, name: str, old: str = "", new: str = "") -> Path:
    text = VALBRUNE.read_text(encoding="utf-8").replace("id: 77-valbrune", f"id: {name}")
    path = folder / f"{name}.yaml"
    path.write_text(replace(text, old, new) if old else text, encoding="utf-8")
    return path


def _findings(folder: Path, workers: int = 1) -> list[tuple[str, str]]:
    files = sorted(folder.glob("*.yaml"))
    return [(d.file, d.message) for result in check_files(files, date(2026, 12, 5), workers)
            for d in result.diagnostics if d.rule == "partner-duplicate"]


@pytest.mark.parametrize("workers", [1, 2])
def test_check_names_the_file_that_already_holds_the_partner(folder: Path,
                                                             workers: int) -> None:
    _copy(folder, "77-zz-copie")            # read after 77-valbrune.yaml: the later file
    found = _findings(folder, workers)
    assert len(found) == 1, found
    file, message = found[0]
    assert file == "conventions/77-zz-copie.yaml"
    assert "217709997" in message and "conventions/77-valbrune.yaml" in message


def test_check_output_carries_the_rule_and_its_french(folder: Path) -> None:
    _copy(folder, "77-valbrune-copie")
    done = runner.invoke(app, ["check", str(folder), "--format", "json", "--as-of",
                               "2026-12-05"])
    rules = [d["rule"] for d in json.loads(done.stdout)["diagnostics"]]
    assert rules.count("partner-duplicate") == 1


def test_a_convention_taking_over_an_ended_one_is_no_duplicate(folder: Path) -> None:
    # the first ended on 2024-03-14 (a notice); the second starts after
    ended = folder / "77-valbrune.yaml"
    ended.write_text(replace(ended.read_text(encoding="utf-8"), "history:\n",
                             "history:\n  - {date: 2023-11-20, event: notice, by: partner}\n"),
                     encoding="utf-8")
    _copy(folder, "77-valbrune-2024", "signed: {caf: 2023-03-01, partner: 2023-03-14}",
          "signed: {caf: 2024-04-01, partner: 2024-04-02}")
    assert _findings(folder) == []


def test_a_different_partner_is_no_duplicate(folder: Path) -> None:
    _copy(folder, "77-autre", 'siren: "217709997"', 'siren: "217705144"')
    assert _findings(folder) == []


def test_import_of_a_convention_already_kept_names_the_other_file(folder: Path) -> None:
    document = make_document(DocumentRequest(folder / "77-valbrune.yaml", "convention", "docx"))
    source = folder.parent / "signee.docx"
    source.write_bytes(document.data)
    target = folder / "77-ecoles-copie.yaml"
    done = runner.invoke(app, ["import", str(source), "-o", str(target)])
    assert done.exit_code == 0, done.stderr
    assert "warning[partner-duplicate] SIREN 217709997 is already in " \
           "conventions/77-valbrune.yaml" in done.stderr
    preview = preview_import(ImportPreviewRequest(document.data, "signee.docx",
                                                  folder / "77-autre-copie.yaml"))
    assert [t.file for t in preview.duplicates] == ["conventions/77-ecoles-copie.yaml",
                                                    "conventions/77-valbrune.yaml"]
    assert "figure déjà dans conventions/77-valbrune.yaml" in preview.duplicates[1].warning_fr()


def test_new_for_a_partner_already_kept_names_the_other_file(folder: Path) -> None:
    done = runner.invoke(app, [
        "new", str(folder / "77-essai.yaml"), "--from", str(VALBRUNE),
        "--partner-name", "Mairie d'Essai", "--siren", "217709997",
        "--partner-street", "1 place de la Mairie", "--partner-postcode", "77999",
        "--partner-city", "Essai-sur-Seine", "--partner-representative", "Anne Bernard",
        "--partner-title", "Maire", "--hours", "monday=09:00-12:00,14:00-17:00",
        "--hours", "jeudi=09:00-12:00,14:00-17:00"])
    assert done.exit_code == 0, done.stderr
    assert "SIREN 217709997 is already in conventions/77-valbrune.yaml" in done.stderr


def test_a_shared_site_is_named_as_the_other_file_writes_it(folder: Path) -> None:
    from pncaf.checks.partners import twins_of_text

    text = VALBRUNE.read_text(encoding="utf-8").replace("217709997", "217709998").replace(
        "4 rue des Tilleuls", "4 RUE DES  TILLEULS").replace("12 allée", "13 allée")
    [twin] = twins_of_text(folder / "77-autre.yaml", text)
    assert twin.warning_fr().startswith("Un lieu au 4 rue des Tilleuls, 77999 figure déjà")
