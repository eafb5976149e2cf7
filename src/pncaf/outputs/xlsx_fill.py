"""An .xlsx saved once with placeholders, its texts filled in for each use.

Building a workbook with openpyxl takes about 20 ms; a network's report reminders need
thousands of forms that differ only by their texts. So the form of one layout is saved
once by openpyxl with a placeholder for each text (`placeholder`), and each form is that
workbook with the texts written where the placeholders were, XML-escaped as the part
writes them. The parts without a text are compressed once and copied; the three that hold
the texts (the two sheets and the properties, 7.6 KB) are stored uncompressed: compressing
them again as openpyxl does took 0.13 ms a form, a fifth of a reminder's draft, for 4.9 KB
saved. Zip readers take both methods (an Office file's parts may be stored or deflated,
ECMA-376 part 2), and each part holds what openpyxl writes for the form built whole; the
zip is laid out as `zipfile` writes it (same headers).

A text must be stored as it is for this to hold (`plain_texts`): openpyxl turns `=…` into a
formula, keeps spaces around a text with `xml:space`, refuses control characters; such a
text is left to openpyxl.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

#: The openpyxl cell values that are not stored as text (`openpyxl.cell.cell.ERROR_CODES`).
_NOT_TEXT = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})
_MAX_CELL = 32767                     # openpyxl cuts a longer text
#: A placeholder ends with « é » so that the way the part writes it (`&#233;` or UTF-8)
#: tells how to write the text that replaces it.
_PLACEHOLDER = re.compile(rb"PNCAF(\d{4})TEXT(&#233;|\xc3\xa9)")
_UNSAFE = re.compile(r"[\x00-\x1f\ud800-\udfff\ufffe\uffff]")
_HOLDER = re.compile(r"PNCAF\d{4}TEXT")


def placeholder(index: int) -> str:
    return f"PNCAF{index:04d}TEXT\u00e9"


def plain_texts(texts: Sequence[str]) -> bool:
    """Whether openpyxl stores each of `texts` as it is. Their characters are searched
    once, the texts joined by a space, which none of the unsafe sequences holds: a form's
    dozen texts were searched one by one for a fiftieth of a draft's time."""
    if not all(text == text.strip() and len(text) <= _MAX_CELL and text not in _NOT_TEXT
               and not (len(text) > 1 and text.startswith("=")) for text in texts):
        return False
    joined = " ".join(texts)
    # printable: no control character, surrogate or non-character (`_UNSAFE`), asked in C
    # by the character's class, not by a pattern for each character (five times as long)
    return (joined.isprintable() or _UNSAFE.search(joined) is None) and not (
        "PNCAF" in joined and _HOLDER.search(joined))


@dataclass(frozen=True)
class _Entry:
    """One part of the workbook: laid out once in the zip when it holds no text
    (`record`), or the part as a `bytes % values` format (its own `%` doubled) and, for
    each `%s`, which of the texts goes there: index `i` for the text in UTF-8, `count + i`
    for it written in character references (as the part writes its placeholder)."""

    name: bytes
    form: bytes = b""
    slots: tuple[int, ...] = ()
    record: Record | None = None


class XlsxTemplate:
    def __init__(self, entries: Sequence[_Entry], stamp: tuple[int, int], count: int) -> None:
        self._entries = tuple(entries)
        self._stamp = stamp                     # DOS time and date of every entry
        self._count = count
        # the texts some part writes in character references (the others never are)
        self._referenced = sorted({slot - count for entry in entries for slot in entry.slots
                                   if slot >= count})

    @classmethod
    def parse(cls, xlsx: bytes, count: int) -> XlsxTemplate | None:
        """The template of a workbook saved with `placeholder(0 … count-1)` as its texts;
        None when one is missing or a part names one otherwise than whole."""
        entries = []
        found: set[int] = set()
        with zipfile.ZipFile(io.BytesIO(xlsx)) as source:
            infos = source.infolist()
            stamps = {info.date_time for info in infos}
            if len(stamps) != 1 or any(info.compress_type != zipfile.ZIP_DEFLATED
                                       or info.extra or info.comment
                                       or not info.filename.isascii() for info in infos):
                return None
            (year, month, day, hour, minute, second), = stamps
            stamp = (hour << 11 | minute << 5 | second // 2,
                     (year - 1980) << 9 | month << 5 | day)
            for info in infos:
                data = source.read(info)
                split = _PLACEHOLDER.split(data)
                if b"PNCAF" in b"".join(split[::3]):
                    return None                 # a placeholder written otherwise
                if len(split) == 1:
                    entries.append(_Entry(info.filename.encode(), record=zip_record(
                        (info.filename.encode(), zipfile.ZIP_DEFLATED, _deflate(data),
                         zlib.crc32(data), len(data)), *stamp)))
                    continue
                slots = []
                for at in range(0, len(split) - 1, 3):
                    index = int(split[at + 1])
                    found.add(index)
                    slots.append(index + count if split[at + 2] == b"&#233;" else index)
                form = b"%s".join(piece.replace(b"%", b"%%") for piece in split[::3])
                entries.append(_Entry(info.filename.encode(), form, tuple(slots)))
        if found != set(range(count)):
            return None
        return cls(entries, stamp, count)

    def fill(self, texts: Sequence[str]) -> bytes:
        """The workbook with `texts[i]` where `placeholder(i)` was; the texts must be
        `plain_texts`. Each part is its format filled in one `%` (joining its pieces in
        Python took a fifth of a form)."""
        assert len(texts) == self._count
        # escaped all at once in UTF-8, joined by a line break (which no plain text holds):
        # a text with a character beyond Latin-1 (« — ») is searched slowly as text, and
        # the bytes `&<>` never occur within a character's UTF-8 bytes
        values = ("\n".join(texts).encode().replace(b"&", b"&amp;").replace(b"<", b"&lt;")
                  .replace(b">", b"&gt;").split(b"\n") + [b""] * self._count)
        for index in self._referenced:
            values[self._count + index] = values[index].decode().encode(
                "ascii", "xmlcharrefreplace")
        records: list[Record] = []
        for entry in self._entries:
            if entry.record is not None:
                records.append(entry.record)
                continue
            data = entry.form % tuple(map(values.__getitem__, entry.slots))
            records.append(zip_record((entry.name, zipfile.ZIP_STORED, data,
                                       zlib.crc32(data), len(data)), *self._stamp))
        return zip_of(records)


def _deflate(data: bytes) -> bytes:
    """As `zipfile` compresses (ZIP_DEFLATED at zlib's default level)."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5HL")            # but the offset of the local record
_OFFSET = struct.Struct("<L")
_END = struct.Struct("<4s4H2LH")


#: One part of a zip: name, method (`zipfile.ZIP_STORED` or `ZIP_DEFLATED`), its data as
#: written (the part itself, or deflated), the part's CRC-32 and size.
Part = tuple[bytes, int, bytes, int, int]
#: A part laid out: its local record (header, name, data), then its central directory
#: entry around the record's offset (which depends on the parts before it).
Record = tuple[bytes, bytes, bytes]


def zip_record(part: Part, dostime: int, dosdate: int) -> Record:
    """`part` laid out as `zip_of` writes it: a form's parts without a text are laid out
    once, not at each form."""
    name, method, data, crc, size = part
    header = _LOCAL.pack(b"PK\x03\x04", 20, 0, 0, method, dostime, dosdate, crc, len(data),
                         size, len(name), 0)
    central = _CENTRAL.pack(b"PK\x01\x02", 20, 3, 20, 0, 0, method, dostime, dosdate, crc,
                            len(data), size, len(name), 0, 0, 0, 0, 0o600 << 16)
    return header + name + data, central, name


def zip_of(records: Sequence[Record]) -> bytes:
    """The zip of the parts `records` lay out, in their order: byte for byte what
    `zipfile.ZipFile.writestr` writes for `ZipInfo`s of that date and method on Unix."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for local, entry, name in records:
        central += [entry, _OFFSET.pack(offset), name]
        out.append(local)
        offset += len(local)
    directory = b"".join(central)
    out += [directory, _END.pack(b"PK\x05\x06", 0, 0, len(records), len(records),
                                 len(directory), offset, 0)]
    return b"".join(out)
