"""Office files (.docx, .xlsx) are checked before a library reads them.

An Office file is a zip of XML parts. Read as they come, a damaged or hostile one costs
what its author wants: a 1.5 MB .docx that inflates to 1.5 GB took 3.1 GB of memory
before failing, nested XML entities exhaust the parser, a 2 MB sheet of 400,000 rows was
read in full, and a part cut short ended in a traceback. So a package is first looked at
through its zip directory (entries and the sizes they declare, nothing inflated yet), then
each XML part is read as a stream with defusedxml (no DTD, hence no entity, ever: Office
never writes one), counting a sheet's rows and stopping at the limit. python's zipfile
never inflates an entry beyond the size it declares (a lying entry fails its CRC), so the
declared sizes bound what the libraries will hold afterwards.

Every refusal is one sentence naming the file and saying what to do (`OfficeFileRefused`).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import ParseError

from pncaf.errors import Refused

MAX_FILE_BYTES = 50 * 2**20          # a convention with scanned annexes: a few MB
MAX_ENTRIES = 2000                   # a .docx holds about 20 parts, a form about 12
MAX_UNCOMPRESSED = 200 * 2**20       # all parts inflated (images hardly compress)
MAX_ROWS = 10_000                    # rows of one sheet (the annex 2 form has about 30)

_SAVE_AGAIN = {"docx": "open it in Word or LibreOffice and save it again as .docx",
               "xlsx": "open it in Excel or LibreOffice and save it again as "
                       "« Classeur Excel (.xlsx) »"}


_WHAT = {"docx": "a Word document", "xlsx": "an .xlsx workbook"}


class OfficeFileRefused(Refused):
    """The file cannot be read safely; the message names it and says what to do."""


def checked(source: Path | bytes, name: str, kind: str) -> bytes:
    """The bytes of the Office file `source` (`kind`: "docx" or "xlsx"), once its zip
    directory and XML parts are within the limits; `OfficeFileRefused` otherwise."""
    if isinstance(source, Path):
        size = source.stat().st_size
        if size > MAX_FILE_BYTES:
            raise OfficeFileRefused(f"{name}: the file weighs {size // 2**20} MB, more than "
                                    f"the {MAX_FILE_BYTES // 2**20} MB pncaf reads; save it "
                                    "without its attachments or images")
        data = source.read_bytes()
    else:
        data = source
    if len(data) > MAX_FILE_BYTES:
        raise OfficeFileRefused(f"{name}: the file weighs {len(data) // 2**20} MB, more than "
                                f"the {MAX_FILE_BYTES // 2**20} MB pncaf reads; save it "
                                "without its attachments or images")
    fix = _SAVE_AGAIN[kind]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _check_directory(package.infolist(), name, kind)
            for info in package.infolist():
                if _is_xml(info.filename):
                    with package.open(info) as part:
                        _check_xml(part, info.filename, name, fix,
                                   rows=kind == "xlsx" and _is_sheet(info.filename))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError,
            NotImplementedError, RuntimeError) as exc:
        raise OfficeFileRefused(f"{name}: not {_WHAT[kind]} that can be read (its zip "
                                f"archive is damaged: {_short(exc)}); {fix}") from None
    return data


def _check_directory(infos: list[zipfile.ZipInfo], name: str, kind: str) -> None:
    if len(infos) > MAX_ENTRIES:
        raise OfficeFileRefused(f"{name}: the file holds {len(infos)} parts, more than the "
                                f"{MAX_ENTRIES} pncaf reads in a .{kind}; it is not a "
                                "convention or a form: check the file you meant")
    inflated = sum(info.file_size for info in infos)
    if inflated > MAX_UNCOMPRESSED:
        raise OfficeFileRefused(f"{name}: the file would expand to {inflated // 2**20} MB "
                                f"once uncompressed, more than the "
                                f"{MAX_UNCOMPRESSED // 2**20} MB pncaf reads (a file built "
                                "to fill memory?); nothing was read: check the file you meant")


def _check_xml(part: IO[bytes], part_name: str, name: str, fix: str, rows: bool) -> None:
    """Read one XML part as a stream: no DTD, well formed, and at most MAX_ROWS rows."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    count = 0
    try:
        for _, element in iterparse(part, events=("end",), forbid_dtd=True):
            if rows and element.tag.endswith("}row"):
                count += 1
                if count > MAX_ROWS:
                    raise OfficeFileRefused(
                        f"{name}: the sheet {part_name.rsplit('/', 1)[-1]} has more than "
                        f"{MAX_ROWS} rows; pncaf reads forms of a few dozen rows: send the "
                        "partner the form of `pncaf form` again")
            element.clear()
    except DefusedXmlException:
        raise OfficeFileRefused(f"{name}: its part {part_name} declares XML entities (a DTD), "
                                "which Office never writes (a file built to exhaust memory?); "
                                f"nothing was read: {fix}") from None
    except ParseError as exc:
        raise OfficeFileRefused(f"{name}: its part {part_name} is cut or damaged "
                                f"({_short(exc)}); {fix}") from None


def _is_xml(entry: str) -> bool:
    return entry.lower().endswith((".xml", ".rels", ".vml"))


def _is_sheet(entry: str) -> bool:
    return entry.startswith("xl/worksheets/") and entry.endswith(".xml")


def _short(exc: BaseException) -> str:
    """What the library said, on one line and short (it may quote the file)."""
    from pncaf.printable import excerpt

    return excerpt(" ".join(str(exc).split()) or type(exc).__name__, 80)
