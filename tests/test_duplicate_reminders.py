"""A partner kept in two files (`partner-duplicate`) is not reminded twice: the later
file's partner reminders are held — drafts, --send (a real SMTP server on the loopback),
the web page's chosen sending — each held file said with its reason, until the officer
deletes the copy or records the other's end."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from helpers import CONVENTIONS
from pncaf.actions.reminder_choice import send_chosen
from pncaf.actions.reminders import RemindersRequest, compose_reminders
from pncaf.outputs.reminders import PARTNER_KINDS
from test_reminders import (  # noqa: F401
    AS_OF,
    Server,
    clean_environment,
    run,
    send,
    smtp_server,
    team,
)

COPY = "77-zz-valbrune-copie"


@pytest.fixture
def with_copy(tmp_path: Path) -> Path:
    """77-valbrune and an imported copy of it (same SIREN, same days), read after it."""
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(CONVENTIONS / "77-valbrune.yaml", source)
    text = (CONVENTIONS / "77-valbrune.yaml").read_text(encoding="utf-8")
    (source / f"{COPY}.yaml").write_text(text.replace("id: 77-valbrune", f"id: {COPY}"),
                                         encoding="utf-8")
    return source


def _request(folder: Path) -> RemindersRequest:
    return RemindersRequest((folder / "conventions",), as_of=date.fromisoformat(AS_OF),
                            config=folder / "pncaf.toml")


def test_sending_holds_the_copys_partner_reminders(
        tmp_path: Path, with_copy: Path, smtp_server: Callable[..., Server],  # noqa: F811
        ) -> None:
    server = smtp_server()
    folder = team(tmp_path, server.port, conventions=with_copy)
    code, _, err = send(folder)
    items = [str(r.message["X-Pncaf-Item"]) for r in server.handler.received]
    assert "77-valbrune/report/2026-S2@pncaf" in items, items
    assert f"{COPY}/committee/4@pncaf" in items            # the officer's own still go
    assert not [i for i in items if i.startswith((f"{COPY}/report/", f"{COPY}/training/"))]
    said = " ".join(err.split())
    assert code == 0 and f"{COPY}.yaml: held, not sent: 1 partner reminder(s)" in said, err
    assert "[partner-duplicate] SIREN 217709997" in said and "77-valbrune.yaml" in said


def test_drafts_and_the_chosen_sending_hold_them_too(
        tmp_path: Path, with_copy: Path, smtp_server: Callable[..., Server],  # noqa: F811
        ) -> None:
    server = smtp_server()
    folder = team(tmp_path, server.port, conventions=with_copy)
    drafts = compose_reminders(_request(folder))
    assert drafts.refused is None
    ours = [d.item for d in drafts.drafts if d.item.convention == COPY]
    assert not [i for i in ours if i.kind in PARTNER_KINDS], ours
    assert [d for d in drafts.drafts if d.item.convention == "77-valbrune"
            and d.item.kind in PARTNER_KINDS]
    [held] = drafts.held
    assert held.convention == COPY and held.items
    assert "SIREN 217709997" in held.reason_fr and "relancé deux fois" in held.reason_fr
    # the web page ticks every item it shows; the copy's partner reminders are not among
    # them, and one ticked anyway (a page shown before the copy came) is held all the same
    chosen = frozenset(d.item.uid for d in drafts.drafts) | {
        f"{COPY}/report/2026-S2@pncaf"}
    sent = send_chosen(_request(folder), chosen)
    assert sent.refused is None and [h.convention for h in sent.held] == [COPY]
    items = [str(r.message["X-Pncaf-Item"]) for r in server.handler.received]
    assert "77-valbrune/report/2026-S2@pncaf" in items
    assert f"{COPY}/report/2026-S2@pncaf" not in items, items
    out = tmp_path / "brouillons"
    code, _, err = run("reminders", str(folder / "conventions"), "-o", str(out), "--as-of",
                       AS_OF, "--config", str(folder / "pncaf.toml"))
    assert code == 0, err
    assert "held, not sent" in err
    written = [p.read_text(encoding="utf-8", errors="replace") for p in out.glob("*.eml")]
    assert [t for t in written if "X-Pncaf-Item: 77-valbrune/report" in t]
    assert not [t for t in written if f"X-Pncaf-Item: {COPY}/report" in t]
