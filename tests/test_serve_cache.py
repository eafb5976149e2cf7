"""The network page's rows are kept between requests, yet a file changed, added or
removed on disk shows at the next load, exactly as `network_overview` computes it."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from helpers import CONVENTIONS
from pncaf.actions.cached_overview import OverviewCache
from pncaf.actions.overview import OverviewRequest, network_overview


@pytest.fixture
def network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "conventions"
    shutil.copytree(CONVENTIONS, folder)
    monkeypatch.chdir(tmp_path)
    return folder


def test_the_cached_overview_follows_every_change_on_disk(network: Path) -> None:
    cache = OverviewCache()
    request = OverviewRequest(as_of=date(2026, 12, 1))
    assert cache.overview(request).rows == network_overview(request).rows
    valbrune = network / "77-valbrune.yaml"
    text = valbrune.read_text(encoding="utf-8")
    valbrune.write_text(text.replace("Mairie de Valbrune-sur-Loing", "Mairie de Valbrune"),
                        encoding="utf-8")                      # same day, another size
    (network / "broken.yaml").write_text("id: broken\nversion: [\n", encoding="utf-8")
    (network / "93-cles-du-numerique.yaml").unlink()
    rows = cache.overview(request).rows
    assert rows == network_overview(request).rows
    assert any(r.partner == "Mairie de Valbrune" for r in rows)
    assert rows[0].file.endswith("broken.yaml")
    assert not any(r.id == "93-cles-du-numerique" for r in rows)
    later = OverviewRequest(as_of=date(2027, 6, 1))            # another day: recomputed
    assert cache.overview(later).rows == network_overview(later).rows
