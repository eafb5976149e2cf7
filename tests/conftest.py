"""Fixtures shared by several test modules."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from serving import Server, start_server

# In CI the property tests draw the same examples every run (a submission lands or not on
# what the code does, not on the draw); on a developer's machine they draw new ones, and
# `make fuzz` draws many more.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")



@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A running `pncaf serve` over a copy of conventions/, stopped with Ctrl-C after the
    test (see tests/serving.py)."""
    running = start_server(tmp_path)
    try:
        yield running
    finally:
        running.stop()
