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
from pncaf.actions.show import ShowRequest, show_convention


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


def test_a_duplicate_partner_shows_on_the_copys_row_without_reading_the_others_again(
        network: Path) -> None:
    """`partner-duplicate` is a network rule: the cache finds it from the partner and term
    it keeps of each file, so the copy's row carries it as `check` would, while the
    unchanged files are not read again."""
    cache = OverviewCache()
    request = OverviewRequest(as_of=date(2026, 12, 5))
    before = {r.id: r for r in cache.overview(request).rows}
    assert not any(r.network for r in before.values())
    text = (network / "77-valbrune.yaml").read_text(encoding="utf-8")
    (network / "77-zz-copie.yaml").write_text(text.replace("id: 77-valbrune", "id: 77-zz-copie"),
                                              encoding="utf-8")
    rows = cache.overview(request).rows
    assert rows == network_overview(request).rows
    after = {r.id: r for r in rows}
    [finding] = after["77-zz-copie"].network
    assert finding.rule == "partner-duplicate" and finding.file.endswith("77-zz-copie.yaml")
    assert "77-valbrune.yaml" in finding.message and finding.message_fr
    assert after["77-zz-copie"].warnings == after["77-valbrune"].warnings + 1
    assert after["77-valbrune"] is before["77-valbrune"]        # kept, not computed again
    copy = after["77-zz-copie"]                                 # its page shows it too
    view = show_convention(ShowRequest(copy.path, request.as_of, network=copy.network))
    assert finding in view.findings and view.warnings == copy.warnings
    (network / "77-zz-copie.yaml").unlink()                     # the officer deletes the copy
    assert not any(r.network for r in cache.overview(request).rows)
