"""The application layer as the web face calls it: typed requests, results with their
problems, and saves that refuse a file changed on disk since it was shown."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from helpers import CONVENTIONS, VALID
from pncaf.actions.create import CreateRequest, create
from pncaf.actions.diff import HistoryRequest, file_history
from pncaf.actions.documents import DocumentRequest, make_document
from pncaf.actions.importing import (
    ImportConfirmRequest,
    ImportPreviewRequest,
    confirm_import,
    preview_import,
)
from pncaf.actions.overview import OverviewRequest, network_overview
from pncaf.actions.record import RecordRequest, UndoRequest, record, undo
from pncaf.actions.reminders import RemindersRequest, compose_reminders
from pncaf.actions.show import ShowRequest, show_convention
from pncaf.errors import ChangedOnDisk, InvalidRequest


@pytest.fixture
def network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "conventions"
    shutil.copytree(CONVENTIONS, folder)
    monkeypatch.chdir(tmp_path)
    return folder


def test_a_record_made_from_a_stale_view_is_refused_and_writes_nothing(network: Path) -> None:
    file = network / "77-valbrune.yaml"
    shown = show_convention(ShowRequest(file))
    assert shown.ok and shown.sha256
    file.write_text(file.read_text(encoding="utf-8") + "# edited elsewhere\n",
                    encoding="utf-8")
    before = file.read_bytes()
    result = record(RecordRequest(file, "committee", date="2026-11-02",
                                  expected_sha256=shown.sha256))
    assert isinstance(result.refused, ChangedOnDisk)
    assert result.refused.field == "sha256"
    assert "changed on disk" in str(result.refused)
    assert file.read_bytes() == before


def test_a_record_from_the_current_view_is_written_and_undone(network: Path) -> None:
    file = network / "77-valbrune.yaml"
    original = file.read_bytes()
    shown = show_convention(ShowRequest(file))
    result = record(RecordRequest(file, "visit", date="02/11/2026",
                                  outcome="conforme", expected_sha256=shown.sha256))
    assert result.ok and result.written, result.refused
    assert result.event["outcome"] == "compliant"
    assert "+  - {date: 2026-11-02, event: visit, outcome: compliant}" in result.diff
    after = show_convention(ShowRequest(file))
    assert any(e.date == date(2026, 11, 2) for e in after.history)
    stale = undo(UndoRequest(file, expected_sha256=shown.sha256))
    assert isinstance(stale.refused, ChangedOnDisk)
    done = undo(UndoRequest(file, expected_sha256=after.sha256))
    assert done.ok and "visit" in done.undone
    assert file.read_bytes() == original


def test_a_mistyped_field_is_refused_beside_that_field(network: Path) -> None:
    file = network / "77-valbrune.yaml"
    result = record(RecordRequest(file, "report", date="2027-01-08", period="2026-S2",
                                  indicators=("accueils=douze",)))
    assert isinstance(result.refused, InvalidRequest)
    assert result.refused.field == "indicator"


def test_the_overview_puts_the_most_urgent_first(network: Path) -> None:
    (network / "broken.yaml").write_text("id: broken\nversion: [\n", encoding="utf-8")
    overview = network_overview(OverviewRequest(as_of=date(2026, 12, 1)))
    assert overview.ok
    rows = overview.rows
    assert rows[0].file.endswith("broken.yaml") and rows[0].errors and not rows[0].valid
    ranks = [0 if r.errors else 1 if r.overdue else 2 if r.warnings else 3 for r in rows]
    assert ranks == sorted(ranks)
    found = overview.find("77-valbrune")
    assert found is not None and found.partner == "Mairie de Valbrune-sur-Loing"


def test_one_conventions_findings_are_those_of_check(network: Path) -> None:
    from pncaf.checks.runner import check_file

    file = network / "45-la-passerelle.yaml"
    view = show_convention(ShowRequest(file, as_of=date(2026, 12, 1)))
    expected = check_file(file, date(2026, 12, 1)).diagnostics
    assert [(d.rule, d.line, d.message) for d in view.findings] == [
        (d.rule, d.line, d.message) for d in expected]
    assert view.sites and "h" in view.sites[0].hours


def test_documents_come_as_bytes_with_their_name(network: Path) -> None:
    file = network / "77-valbrune.yaml"
    sheet = make_document(DocumentRequest(file, "sheet", "md"))
    assert sheet.ok and sheet.filename == "77-valbrune-fiche-niveau2.md"
    assert "Valbrune" in sheet.data.decode("utf-8")
    form = make_document(DocumentRequest(file, "form", period="2026-S2"))
    assert form.ok and form.data.startswith(b"PK") and form.filename.endswith(".xlsx")
    wrong = make_document(DocumentRequest(file, "certificate", "docx"))
    assert isinstance(wrong.refused, InvalidRequest) and wrong.refused.field == "format"


def test_an_import_is_previewed_then_written_only_once_confirmed(network: Path) -> None:
    signed = (Path(__file__).parent / "corpus/import"
              / "convention-type-point-numerique-caf.md")
    target = network / "77-importee.yaml"
    preview = preview_import(ImportPreviewRequest(signed.read_bytes(), signed.name, target))
    assert preview.ok and preview.lines and "partner:" in preview.text
    assert not target.exists()
    confirmed = confirm_import(ImportConfirmRequest(target, preview.text))
    assert confirmed.ok and target.read_text(encoding="utf-8") == preview.text
    again = confirm_import(ImportConfirmRequest(target, preview.text))
    assert isinstance(again.refused, InvalidRequest)


def test_new_refuses_an_existing_file_and_writes_a_valid_one(network: Path) -> None:
    taken = create(CreateRequest(network / "77-valbrune.yaml"))
    assert isinstance(taken.refused, InvalidRequest)
    given = {"partner_name": "Mairie de Test", "siren": "217709997",
             "partner_street": "1 place", "partner_postcode": "77999", "partner_city": "Test",
             "partner_representative": "A. B", "partner_title": "Maire",
             "site_street": "2 rue",
             "hours": "monday=09:00-12:00,14:00-17:00; tuesday=09:00-12:00,14:00-17:00"}
    made = create(CreateRequest(network / "77-test.yaml", given,
                                source=network / "77-valbrune.yaml"))
    assert made.ok and made.written, made.refused
    assert show_convention(ShowRequest(network / "77-test.yaml")).convention is not None


def test_reminders_are_composed_without_sending(network: Path) -> None:
    result = compose_reminders(RemindersRequest(as_of=date(2027, 1, 20)))
    assert result.ok and result.drafts and result.report is None
    assert all(d.draft.startswith(b"X-Unsent: 1") for d in result.drafts)


def test_a_files_history_says_what_each_commit_meant(network: Path, tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=T", "-c", "user.email=t@example.org", "add", ".")
    git("-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "first")
    file = network / "77-valbrune.yaml"
    assert record(RecordRequest(file, "committee", date="2026-11-02")).ok
    git("-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qam", "comité")
    history = file_history(HistoryRequest(file))
    assert history.ok, history.refused
    assert [r.commit.subject for r in history.revisions] == ["comité", "first"]
    assert any("comité" in c.message.lower() for c in history.revisions[0].review.changes)
    assert VALID   # the shared valid text stays importable from helpers
