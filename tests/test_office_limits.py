"""Damaged and hostile Office files: `pncaf import FILE.docx` and `pncaf record … --from
FORM.xlsx` refuse each in one `pncaf: …` line naming the file, exit 1, having written
nothing — a part cut short, nested entities (« billion laughs »), a zip that inflates to
1.5 GB (refused from its directory, before anything is inflated: the child's peak memory
says so), a sheet of 400,000 rows (refused at the limit, not read in full)."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document

from helpers import CONVENTIONS

PNCAF = str(Path(sys.executable).parent / "pncaf")
VALBRUNE = CONVENTIONS / "77-valbrune.yaml"

LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (n, b"&lol%d;" % (n - 1) * 10 if n > 1
                                                  else b"&lol;" * 10) for n in range(1, 10))
          + b']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
            b'2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body>'
            b"</w:document>")


#: Runs the command and writes its peak memory (KiB) to the descriptor it is given. A small
#: process of its own: a child's ru_maxrss starts from its parent's, and pytest's is large.
MEASURE = ("import os, subprocess, sys\n"
           "child = subprocess.Popen(sys.argv[2:])\n"
           "_, status, usage = os.wait4(child.pid, 0)\n"
           "os.write(int(sys.argv[1]), str(usage.ru_maxrss).encode())\n"
           "sys.exit(os.waitstatus_to_exitcode(status))\n")


def run(*args: str | Path, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """The command as a user runs it, and its peak memory in MB."""
    read, write = os.pipe()
    command = [sys.executable, "-c", MEASURE, str(write), PNCAF, *map(str, args)]
    result = subprocess.run(command, cwd=cwd, text=True, capture_output=True,
                            pass_fds=(write,), timeout=120,
                            env={**os.environ, "NO_COLOR": "1"})
    os.close(write)
    with os.fdopen(read) as peak:
        return result, int(peak.read() or 0) / 1024


def one_line(result: subprocess.CompletedProcess[str], name: Path) -> str:
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(name) in lines[0]
    return lines[0]


def rewritten(source: bytes, part: str, data: bytes) -> bytes:
    """The package `source` with `part` replaced by `data`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, data if info.filename == part else old.read(info))
    return out.getvalue()


def with_bomb(source: bytes, size: int = 1536 * 2**20) -> bytes:
    """`source` plus one part of `size` zero bytes, deflated to about a thousandth of it.

    Written by hand (zip's own format, no zip64 below 4 GB): a block of zeros deflated with
    a full flush is byte-aligned and self-contained, so repeating it gives a valid stream of
    any length in milliseconds instead of deflating 1.5 GB."""
    block_size = 2**20
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflate.compress(bytes(block_size)) + deflate.flush(zlib.Z_FULL_FLUSH)
    tail = deflate.flush(zlib.Z_FINISH)
    crc = 0
    zeros = bytes(block_size)
    for _ in range(size // block_size):
        crc = zlib.crc32(zeros, crc)
    body = block * (size // block_size) + tail
    parts = []
    with zipfile.ZipFile(io.BytesIO(source)) as old:
        for info in old.infolist():
            data = old.read(info)
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            parts.append((info.filename.encode(), zlib.crc32(data),
                          packer.compress(data) + packer.flush(), len(data)))
    parts.append((b"word/media/image1.bin", crc, body, size))
    out, central = bytearray(), bytearray()
    for name, part_crc, packed, length in parts:
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, part_crc,
                           len(packed), length, len(name), 0) + name + packed
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21,
                               part_crc, len(packed), length, len(name), 0, 0, 0, 0, 0,
                               offset) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central),
                      len(out), 0)
    return bytes(out + central + end)


@pytest.fixture(scope="module")
def word_file() -> bytes:
    document = Document()
    document.add_paragraph("Convention Point numérique Caf")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("damage", "said"), [
    ("cut", "its part word/document.xml is cut or damaged"),
    ("entities", "its part word/document.xml declares XML entities"),
    ("bomb", "would expand to 1536 MB once uncompressed"),
    ("not a zip", "its zip archive is damaged"),
])
def test_a_hostile_word_file_is_refused_in_one_line(tmp_path: Path, word_file: bytes,
                                                     damage: str, said: str) -> None:
    document = zipfile.ZipFile(io.BytesIO(word_file)).read("word/document.xml")
    data = {"cut": lambda: rewritten(word_file, "word/document.xml", document[:-40]),
            "entities": lambda: rewritten(word_file, "word/document.xml", LAUGHS),
            "bomb": lambda: with_bomb(word_file),
            "not a zip": lambda: word_file[:len(word_file) // 2]}[damage]()
    source = tmp_path / "convention.docx"
    source.write_bytes(data)
    result, peak = run("import", source, cwd=tmp_path)
    line = one_line(result, source)
    assert line.startswith(f"pncaf: {source}: ") and said in line, line
    assert "save it again as .docx" in line or "check the file" in line
    assert not list(tmp_path.glob("*.yaml"))
    assert source.read_bytes() == data
    assert peak < 200, peak          # nothing inflated: 1.5 GB would show here


def test_the_bomb_is_what_it_claims(word_file: bytes) -> None:
    """The test's zip really inflates to 1.5 GB of zeros, from about 1.5 MB."""
    data = with_bomb(word_file)
    assert len(data) < 2 * 2**20
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        info = package.getinfo("word/media/image1.bin")
        assert info.file_size == 1536 * 2**20
        with package.open(info) as part:
            assert part.read(2**20) == bytes(2**20)
        assert package.testzip() is None


def make_form(tmp_path: Path) -> Path:
    out = tmp_path / "annexe2.xlsx"
    result, _ = run("form", VALBRUNE, "--period", "2026-S2", "-o", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return out


def sheet_rows(count: int) -> bytes:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n)
                    for n in range(1, count + 1))
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.'
            b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + rows
            + b"</sheetData></worksheet>")


@pytest.mark.parametrize(("damage", "said"), [
    ("cut", "its part xl/worksheets/sheet1.xml is cut or damaged"),
    ("rows", "the sheet sheet1.xml has more than 10000 rows"),
    ("entities", "its part xl/worksheets/sheet1.xml declares XML entities"),
])
def test_a_hostile_form_is_refused_and_nothing_recorded(tmp_path: Path, damage: str,
                                                        said: str) -> None:
    convention = tmp_path / "77-valbrune.yaml"
    shutil.copy(VALBRUNE, convention)
    before = convention.read_bytes()
    form = make_form(tmp_path)
    book = form.read_bytes()
    sheet = zipfile.ZipFile(io.BytesIO(book)).read("xl/worksheets/sheet1.xml")
    new = {"cut": lambda: sheet[: len(sheet) // 2],
           "rows": lambda: sheet_rows(400_000),
           "entities": lambda: LAUGHS}[damage]()
    form.write_bytes(rewritten(book, "xl/worksheets/sheet1.xml", new))
    if damage == "rows":
        assert form.stat().st_size < 4 * 2**20
    result, peak = run("record", convention, "report", "--from", form, "--date",
                       "2027-01-08", cwd=tmp_path)
    line = one_line(result, form)
    assert line.startswith("pncaf: nothing recorded: ") and said in line, line
    assert convention.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], \
        list(tmp_path.iterdir())
    assert peak < 150, peak          # the 400,000 rows were not read in full


def test_a_hostile_word_template_is_refused_and_nothing_written(tmp_path: Path,
                                                                word_file: bytes) -> None:
    """A Caf's own `convention.docx` template goes through the same limits."""
    templates = tmp_path / "modeles"
    templates.mkdir()
    template = templates / "convention.docx"
    template.write_bytes(rewritten(word_file, "word/document.xml", LAUGHS))
    out = tmp_path / "convention.docx"
    result, _ = run("convention", VALBRUNE, "-o", out, "--templates", templates, cwd=tmp_path)
    line = one_line(result, template)
    assert "declares XML entities" in line, line
    assert not out.exists()
