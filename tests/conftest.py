"""Fixtures shared by several test modules."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from serving import Server, start_server


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A running `pncaf serve` over a copy of conventions/, stopped with Ctrl-C after the
    test (see tests/serving.py)."""
    running = start_server(tmp_path)
    try:
        yield running
    finally:
        running.stop()
