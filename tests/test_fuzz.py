"""Fuzzing the loader and the check path: whatever the bytes, diagnostics, never a crash.

`make test` runs a short budget; `make fuzz` a long one (PNCAF_FUZZ_EXAMPLES). Tricky
inputs, and any input that ever crashed, are kept in tests/corpus/fuzz/ and replayed here.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import CONVENTIONS, VALID
from pncaf.checks.diagnostics import Diagnostic
from pncaf.checks.runner import check_loaded
from pncaf.format.loader import load_bytes

EXAMPLES = int(os.environ.get("PNCAF_FUZZ_EXAMPLES", "120"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get(
    "PNCAF_FUZZ_EXAMPLES"), suppress_health_check=[HealthCheck.too_slow,
                                                    HealthCheck.data_too_large])
SEEDS = [VALID.encode(), *(p.read_bytes() for p in sorted(CONVENTIONS.glob("*.yaml")))]
REGRESSIONS = Path(__file__).parent / "corpus" / "fuzz"


def check_bytes(raw: bytes) -> list[Diagnostic]:
    """The whole check path on raw bytes; must never raise."""
    loaded = load_bytes(raw, "fuzz.yaml", "fuzz")
    result = check_loaded(loaded, date(2026, 11, 27))
    for d in result.diagnostics:
        assert d.rule and d.message
        assert d.line is None or d.line >= 1
        assert d.column is None or d.column >= 1
    return result.diagnostics


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "drop", "dup", "insert", "truncate"]))
        lines = bytes(data).split(b"\n")
        if kind == "flip" and data:
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
        elif kind == "drop" and len(lines) > 1:
            del lines[draw(st.integers(0, len(lines) - 1))]
            data = bytearray(b"\n".join(lines))
        elif kind == "dup" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            data = bytearray(b"\n".join(lines))
        elif kind == "insert":
            i = draw(st.integers(0, len(data)))
            snippet = draw(st.sampled_from([b"&a ", b"*a", b"!!python/object ", b"[", b"]",
                                            b"{", b": ", b"\t", b"- ", b"---\n", b"\xff",
                                            b"'", b'"', b"#", b"\x00", b"2024-02-30",
                                            b"lundi: ", b"24:00-25:00", b"\r\n"]))
            data[i:i] = snippet
        elif kind == "truncate" and data:
            data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


@FUZZ
@given(mutated())
def test_mutated_conventions_never_crash(raw: bytes) -> None:
    check_bytes(raw)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash(raw: bytes) -> None:
    diagnostics = check_bytes(raw)
    assert diagnostics          # random bytes are never a valid convention


@FUZZ
@given(st.integers(1, 3000), st.sampled_from(["[", "{a: ", "- ", "a:\n  "]))
def test_deep_nesting_is_one_error(depth: int, opener: str) -> None:
    text = "format: pncaf/1\nx: " + opener * depth
    assert any(d.is_error for d in check_bytes(text.encode()))


@FUZZ
@given(st.integers(1, 12), st.integers(1, 12))
def test_alias_fan_out_is_bounded(levels: int, fan: int) -> None:
    lines = ["a0: &a0 [x]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * fan) + "]")
    check_bytes(("\n".join(lines) + "\n").encode())


@FUZZ
@given(st.integers(1, 400_000))
def test_huge_scalars(size: int) -> None:
    check_bytes(VALID.replace("Mairie de Test", "M" * size).encode())


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("*")), ids=lambda p: p.name)
def test_regressions(path: Path) -> None:
    check_bytes(path.read_bytes())
