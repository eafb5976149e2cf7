"""The bad-input corpus: every broken file gives one clean diagnostic at the right line."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import AS_OF
from pncaf.checks.runner import check_file, check_files, summarize
from pncaf.format.loader import MAX_BYTES

CORPUS = Path(__file__).parent / "corpus" / "bad"

# file → (rule, line, column or None, words the message must contain)
EXPECTED: dict[str, tuple[str, int, int | None, str]] = {
    "alias-bomb.yaml": ("yaml", 1, 1, "aliases"),
    "bad-siren.yaml": ("schema", 11, 10, "check digit"),
    "comments-only.yaml": ("yaml", 1, 1, "no data"),
    "custom-tag.yaml": ("yaml", 22, 10, "!!python/object/apply:os.system"),
    "deep-nesting.yaml": ("yaml", 2, None, "nests far deeper"),
    "duplicate-key.yaml": ("yaml", 11, 3, "duplicate key `name`"),
    "empty.yaml": ("yaml", 1, 1, "empty"),
    "french-weekday.yaml": ("schema", 18, 7, "use `monday`"),
    "impossible-date.yaml": ("schema", 21, 36, "2024-02-30 is not a real date"),
    "nir-in-comment.yaml": ("personal-data", 23, 22, "social-security number"),
    "not-utf8.yaml": ("yaml", 10, 20, "not UTF-8"),
    "nul-byte.yaml": ("yaml", 22, 12, "NUL"),
    "opening-minimum.yaml": ("opening-minimum", 14, 1, "2 half-days"),
    "overlapping-ranges.yaml": ("schema", 18, 15, "overlap"),
    "syntax-bad-indent.yaml": ("yaml", 11, 9, "indentation"),
    "syntax-tab-indent.yaml": ("yaml", 20, 1, "not tabs"),
    "syntax-unclosed-bracket.yaml": ("yaml", 20, 5, "started on line 19"),
    "syntax-truncated.yaml": ("yaml", 20, 1, "is the file cut short?"),
    "top-level-list.yaml": ("schema", 1, 1, "not a list"),
    "two-documents.yaml": ("yaml", 23, 1, "one file holds one convention"),
    "unknown-key.yaml": ("schema", 23, 1, "unknown key `remarques`"),
}


def test_corpus_and_table_agree() -> None:
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_gives_one_clean_error(name: str) -> None:
    rule, line, column, words = EXPECTED[name]
    result = check_file(CORPUS / name, AS_OF)
    errors = [d for d in result.diagnostics if d.is_error]
    assert len(errors) == 1, errors
    [error] = errors
    assert (error.rule, error.line) == (rule, line)
    if column is not None:
        assert error.column == column
    assert words in error.message


def test_oversized_file(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("format: pncaf/1\nnote: " + "x" * MAX_BYTES + "\n")
    [error] = check_file(big, AS_OF).diagnostics
    assert (error.rule, error.line) == ("yaml", 1) and "larger than" in error.message


def test_deep_block_nesting(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("format: pncaf/1\n" + "".join(" " * i + "a:\n" for i in range(1100)))
    [error] = check_file(deep, AS_OF).diagnostics
    assert error.rule == "yaml" and "nests far deeper" in error.message


def test_unreadable_path_is_a_diagnostic(tmp_path: Path) -> None:
    folder = tmp_path / "dir.yaml"
    folder.mkdir()
    [error] = check_file(folder, AS_OF).diagnostics
    assert error.rule == "yaml" and "cannot read" in error.message


def test_one_bad_file_never_hides_the_others() -> None:
    files = sorted(CORPUS.iterdir())
    summary = summarize(check_files(files, AS_OF))
    assert summary.files == len(files)
    assert {d.file.rsplit("/", 1)[-1] for d in summary.diagnostics if d.is_error} >= set(EXPECTED)
