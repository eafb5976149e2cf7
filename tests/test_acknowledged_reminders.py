"""An acknowledged finding (workflow §5) is not reminded any more: neither drafted, nor
written with `-o`, nor sent. La Passerelle, as shipped, owes reports it will never send."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from helpers import CONVENTIONS
from pncaf.actions.record import RecordRequest, record
from pncaf.actions.reminders import RemindersRequest, compose_reminders, send_reminders
from test_reminders import Server, clean_environment, smtp_server, team  # noqa: F401

AS_OF = date(2026, 12, 22)
PASSERELLE = CONVENTIONS / "45-la-passerelle.yaml"


def acknowledge(file: Path, subject: str) -> None:
    done = record(RecordRequest(file, "acknowledgment", date="2026-12-05", rule="report-overdue",
                                subject=subject, note="le centre a fermé, rapport jamais reçu",
                                today=date(2026, 12, 5)))
    assert done.written, done.refused


def subjects(folder: Path, **options: object) -> list[str]:
    result = compose_reminders(RemindersRequest((folder,), as_of=AS_OF, **options))  # type: ignore[arg-type]
    assert result.refused is None, result.refused
    return [draft.item.key for draft in result.drafts]


@pytest.fixture
def passerelle(tmp_path: Path) -> Path:
    folder = tmp_path / "conventions"
    folder.mkdir()
    shutil.copy(PASSERELLE, folder)
    return folder


def test_an_acknowledged_report_is_no_longer_drafted(passerelle: Path, tmp_path: Path) -> None:
    assert "report/2026-S1" in subjects(passerelle)
    acknowledge(passerelle / PASSERELLE.name, "2026-S1")
    left = subjects(passerelle)
    assert "report/2026-S1" not in left
    assert "report/2025-S2" in left               # the others are still asked for
    out = tmp_path / "brouillons"
    compose_reminders(RemindersRequest((passerelle,), as_of=AS_OF, drafts_to=out))
    names = sorted(p.name for p in out.iterdir())
    assert names and not [n for n in names if "2026-S1" in n], names


def test_an_acknowledged_report_is_not_sent(tmp_path: Path,
                                            smtp_server: Callable[..., Server],  # noqa: F811
                                            ) -> None:
    server = smtp_server()
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(PASSERELLE, source)
    folder = team(tmp_path, server.port, conventions=source)
    acknowledge(folder / "conventions" / PASSERELLE.name, "2026-S1")
    result = send_reminders(RemindersRequest((folder / "conventions",), as_of=AS_OF,
                                             config=folder / "pncaf.toml"))
    assert result.report is not None and result.report.sent, result.refused
    sent = [str(r.message["X-Pncaf-Item"]) for r in server.handler.received]
    assert "45-la-passerelle/report/2025-S2@pncaf" in sent
    assert "45-la-passerelle/report/2026-S1@pncaf" not in sent
