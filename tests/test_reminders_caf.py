"""A reminder never speaks for two Cafs: when `[mail] from` names a Caf other than the
convention's (whose name the signature carries), that convention's reminders are refused,
the others still go (real SMTP server on the loopback)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from helpers import CONVENTIONS
from pncaf.actions.reminders import RemindersRequest, compose_reminders
from test_reminders import (  # noqa: F401
    SENDER_NAME,
    Server,
    clean_environment,
    send,
    smtp_server,
    team,
)


@pytest.fixture
def two_cafs(tmp_path: Path) -> Path:
    """Conventions of the Caf of Seine-et-Marne and one of Seine-Saint-Denis."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("77-valbrune.yaml", "93-cles-du-numerique.yaml"):
        shutil.copy(CONVENTIONS / name, source)
    return source


def _sender(folder: Path, name: str) -> None:
    settings = folder / "pncaf.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(SENDER_NAME, name),
                        encoding="utf-8")


def test_another_cafs_convention_is_not_sent_in_this_cafs_name(
        tmp_path: Path, two_cafs: Path, smtp_server: Callable[..., Server],  # noqa: F811
        ) -> None:
    server = smtp_server()
    folder = team(tmp_path, server.port, conventions=two_cafs)
    _sender(folder, "Caf de Seine-et-Marne — Partenariats")
    code, _, err = send(folder)
    assert code == 1
    items = [str(r.message["X-Pncaf-Item"]) for r in server.handler.received]
    assert items and all(i.startswith("77-valbrune/") for i in items), items
    assert ("[mail] from in pncaf.toml names « Caf de Seine-et-Marne — Partenariats », but "
            "the convention is with Caisse d'allocations familiales de la Seine-Saint-Denis"
            in " ".join(err.split())), err


@pytest.mark.parametrize(("sender", "refused"), [
    ("Caf de Seine-et-Marne — Partenariats", True),
    ("Caisse d’allocations familiales de la Seine-Saint-Denis", False),
    ("Caf 93 — Partenariats", False),
    ("Caf 77 — Partenariats", True),
    ("Partenariats", False),                 # names no Caf: nothing to compare
])
def test_drafts_say_which_caf_would_speak(tmp_path: Path, two_cafs: Path, sender: str,
                                          refused: bool) -> None:
    folder = team(tmp_path, 25, conventions=two_cafs)
    _sender(folder, sender)
    result = compose_reminders(RemindersRequest((folder / "conventions",),
                                                as_of=date(2027, 1, 2),
                                                config=folder / "pncaf.toml"))
    assert result.refused is None
    others = [why for why in result.not_addressable if "93-cles-du-numerique" in why]
    assert bool(others) is refused, result.not_addressable
    assert any(d.item.convention == "93-cles-du-numerique" for d in result.drafts) is not refused
