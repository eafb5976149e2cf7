"""`pncaf check --format json` writes each diagnostic as `json.dumps(indent=2)` would, though
it renders them itself for speed (a 10,000-file check writes 170,000 of them)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from pncaf.checks.diagnostics import Diagnostic, Severity
from pncaf.cli.check_output import diagnostic_json, json_item

_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)


@given(st.builds(Diagnostic, file=_TEXT, line=st.none() | st.integers(0, 10**6),
                 column=st.none() | st.integers(0, 10**4),
                 severity=st.sampled_from(list(Severity)), rule=_TEXT, message=_TEXT,
                 convention=st.none() | _TEXT, subject=st.none() | _TEXT))
def test_each_diagnostic_is_the_json_modules_rendering(d: Diagnostic) -> None:
    """Quotes, backslashes, control characters, accents, surrogates-free Unicode and nulls
    come out byte for byte as the json module writes them, and read back to the same
    object."""
    assert diagnostic_json(d) == json.dumps(d.to_json(), ensure_ascii=False, indent=2)
    assert json.loads(diagnostic_json(d)) == d.to_json()
    # as an item of check's list: what json.dumps writes of a list holding it, indented
    listed = json.dumps({"diagnostics": [d.to_json()]}, ensure_ascii=False, indent=2)
    assert listed == '{\n  "diagnostics": [\n' + json_item(d) + "\n  ]\n}"


@given(st.builds(Diagnostic, file=_TEXT, line=st.none() | st.integers(0, 10**6),
                 column=st.none() | st.integers(0, 10**4),
                 severity=st.sampled_from(list(Severity)), rule=_TEXT, message=_TEXT,
                 convention=st.none() | _TEXT, subject=st.none() | _TEXT,
                 message_fr=st.none() | _TEXT))
def test_a_diagnostic_crosses_from_a_worker_whole(d: Diagnostic) -> None:
    """Checking workers send diagnostics to the parent pickled as their fields: every
    field arrives, the French message included."""
    import dataclasses
    import pickle

    back = pickle.loads(pickle.dumps(d, pickle.HIGHEST_PROTOCOL))
    assert back == d
    assert dataclasses.astuple(back) == dataclasses.astuple(d)


_JSONABLE = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | _TEXT
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=8)


@given(st.lists(st.dictionaries(_TEXT, _JSONABLE, max_size=6) | _JSONABLE, max_size=6))
def test_json_arrays_are_written_in_pieces_as_json_dumps_writes_them(values: list[object],
                                                                     ) -> None:
    """`agenda --format json` writes its items one at a time (a network's agenda is fifty
    thousand): the bytes are json.dumps(indent=2)'s, flat items and nested ones alike."""
    from pncaf.cli.shared import json_array

    expected = (json.dumps(values, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    assert b"".join(json_array(iter(values))) == expected
