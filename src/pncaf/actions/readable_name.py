"""The partner's name of a convention file that does not pass `check`, when its YAML
still gives one: a page about a file with errors is titled by whom it is about, not by
its path."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def readable_name(file: Path, fallback: str) -> str:
    """`partner.name` of `file` as written, else `fallback` (the file's path)."""
    from pncaf.files.yaml_positions import parse_yaml

    try:
        parsed, _ = parse_yaml(file.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return fallback
    data = parsed.data if parsed is not None else None
    partner = data.get("partner") if isinstance(data, Mapping) else None
    name = partner.get("name") if isinstance(partner, Mapping) else None
    return name.strip() if isinstance(name, str) and name.strip() else fallback
