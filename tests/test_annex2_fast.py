"""The report reminders' annex 2 forms are filled into a workbook openpyxl built once per
layout (`outputs.xlsx_fill`): each must be the very form openpyxl builds for the
convention — same parts, the parts without a text the same compressed bytes, the three
with the texts stored, the zip laid out as `zipfile` lays it out — and read back, by
openpyxl and by LibreOffice, the same cells, merges, protections, validation, names,
hidden sheet, properties and print settings."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import io
import shutil
import subprocess
import zipfile
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from helpers import CONVENTIONS, VALID, load, replace
from pncaf.cli.app import app
from pncaf.format.loader import load_file
from pncaf.format.models import Convention
from pncaf.outputs import annex2
from pncaf.outputs.annex2_sheet import workbook_bytes
from pncaf.outputs.xlsx_fill import (
    XlsxTemplate,
    placeholder,
    plain_texts,
    zip_of,
    zip_record,
)
from pncaf.settings import DEFAULT_INDICATORS

DAY = date(2026, 11, 27)
SITE = """\
  - name: {name}
    address: {{street: {street}, postcode: "77270", city: Villeparisis}}
    hours:
      monday: ["09:00-12:00"]
    equipment: {{computers: 1, printers: 1, scanners: 1}}
"""
ODD = "Mairie d'Été <&> \"Les Ânes\" & Cie — l'Oisellerie"
QUOTED = "'" + ODD.replace("'", "''") + "'"          # as YAML writes it in single quotes


def convention(text: str) -> Convention:
    loaded = load(text)
    assert loaded.convention is not None, loaded.errors
    return loaded.convention


def three_sites() -> str:
    extra = "".join(SITE.format(name=f"Point n° {n} <{n}> & co", street=f"{n} rue d'Œuf")
                    for n in (2, 3))
    return replace(VALID, "signed:", extra + "signed:")


CASES: dict[str, tuple[str, str]] = {
    "one site": (VALID, "2025-S1"),
    "three sites": (three_sites(), "2025-S2"),
    "partial semester": (VALID, "2024-S1"),          # in force from 15 January 2024
    "odd names": (replace(replace(VALID, "name: Mairie de Test", f"name: {QUOTED}"),
                          "name: Point d'accueil", "name: " + "Très long point d'accueil " * 6),
                  "2025-S1"),
    "odd caf": (replace(VALID, "name: Caisse d'allocations familiales de Test",
                        "name: \"Caf d'<Île>-&-Vilaine « test »\""), "2026-S1"),
}
TEAM = {"ateliers": "Ateliers collectifs <numériques> & \"cafés\" d'initiation",
        "accueils": "Personnes reçues " * 6, "rdv": "Rendez-vous"}


def fast_and_reference(text: str, period: str, indicators: dict[str, str],
                       return_to: str | None) -> tuple[bytes, bytes]:
    found = convention(text)
    fast = annex2.annex2_workbook(found, "test-convention", period, indicators,
                                  return_to=return_to, made_on=DAY)
    facts = annex2.form_facts(found, "test-convention", annex2.parse_period(period))
    layout, texts = annex2.describe(found, facts, indicators, return_to)
    return fast, workbook_bytes(layout, texts, DAY)


def seen(data: bytes) -> dict[str, Any]:
    """What openpyxl reads of a form: everything a partner or `record --from` meets."""
    book = load_workbook(io.BytesIO(data))
    out: dict[str, Any] = {"sheets": [(s.title, s.sheet_state) for s in book.worksheets],
                           "names": sorted((n, d.attr_text)
                                           for n, d in book.defined_names.items())}
    for sheet in book.worksheets:
        out[sheet.title] = {
            "cells": [(c.coordinate, c.value, c.data_type, c.protection.locked,
                       c.number_format, c.font.b, c.fill.fgColor.rgb)
                      for row in sheet.iter_rows() for c in row],
            "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
            "protected": sheet.protection.sheet,
            "validation": [(v.type, v.operator, v.formula1, str(v.sqref), v.error, v.prompt)
                           for v in sheet.data_validations.dataValidation],
            "heights": {r: d.height for r, d in sheet.row_dimensions.items() if d.height},
            "print": (sheet.print_area, sheet.print_title_rows, sheet.page_setup.paperSize,
                      sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight,
                      sheet.oddFooter.center.text, sheet.oddFooter.right.text),
            "names": sorted(sheet.defined_names),
        }
    props = book.properties
    out["properties"] = (props.title, props.subject, props.creator, props.keywords,
                         props.created, props.modified)
    return out


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert book.testzip() is None
        return {info.filename: book.read(info) for info in book.infolist()}


#: The parts that hold the convention's texts: filled in for each form, stored.
FILLED = {"docProps/core.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"}


def rezipped(data: bytes) -> bytes:
    """What `zipfile` writes for the parts of `data`, each with its method and date; a
    deflated part is then compressed as openpyxl compresses it (through `zipfile` too)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            entry.compress_type = info.compress_type
            target.writestr(entry, source.read(info))
    return out.getvalue()


def same_form(fast: bytes, reference: bytes) -> None:
    """`fast` is the form openpyxl builds, but for its parts with texts being stored."""
    assert parts(fast) == parts(reference)
    assert seen(fast) == seen(reference)
    with zipfile.ZipFile(io.BytesIO(fast)) as book:
        assert {info.filename for info in book.infolist()
                if info.compress_type == zipfile.ZIP_STORED} == FILLED
    assert fast == rezipped(fast)
    assert rezipped(reference) == reference          # openpyxl's very bytes, so compressed


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(("indicators", "return_to"), [
    (DEFAULT_INDICATORS, "nadia.roussel@caf77.example"), (TEAM, None)])
def test_a_filled_form_is_the_form_openpyxl_builds(case: str, indicators: dict[str, str],
                                                   return_to: str | None) -> None:
    same_form(*fast_and_reference(*CASES[case], indicators, return_to))


def test_the_odd_texts_are_written_as_typed() -> None:
    fast, _ = fast_and_reference(*CASES["odd names"], TEAM, None)
    sheet = load_workbook(io.BytesIO(fast))["Annexe 2"]
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert f"{ODD} (SIREN 217705144)" in values
    assert load_workbook(io.BytesIO(fast)).properties.title.startswith(f"Annexe 2 — {ODD} — ")


def test_one_workbook_is_built_per_layout() -> None:
    annex2._template.cache_clear()
    for period in ("2025-S1", "2025-S2", "2026-S1"):
        fast_and_reference(VALID, period, DEFAULT_INDICATORS, None)
    # the three semesters share one layout; the reference builds are not cached
    assert annex2._template.cache_info().misses == 1


@pytest.mark.parametrize("text", ["=SUM(A1:A2)", " Mairie", "Mairie ", "#N/A",
                                  "Mairie\nde Test", "PNCAF0001TEXT"])
def test_a_text_openpyxl_stores_otherwise_is_left_to_openpyxl(text: str) -> None:
    assert not plain_texts((text,)) and not plain_texts(("Caf de Test", text, "2025-S1"))
    found = convention(VALID)
    odd = dataclasses.replace(found, partner=dataclasses.replace(found.partner, name=text))
    fast = annex2.annex2_workbook(odd, "test-convention", "2025-S1", DEFAULT_INDICATORS,
                                  made_on=DAY)
    facts = annex2.form_facts(odd, "test-convention", annex2.parse_period("2025-S1"))
    reference = workbook_bytes(*annex2.describe(odd, facts, DEFAULT_INDICATORS, None), DAY)
    assert parts(fast) == parts(reference) and seen(fast) == seen(reference)


def test_a_placeholder_lost_gives_no_template() -> None:
    whole = workbook_bytes(*annex2.describe(
        convention(VALID), annex2.form_facts(convention(VALID), "x", annex2.parse_period(
            "2025-S1")), DEFAULT_INDICATORS, None), DAY)
    assert XlsxTemplate.parse(whole, 1) is None
    assert placeholder(3) == "PNCAF0003TEXT\u00e9"


def test_the_zip_is_written_as_zipfile_writes_it() -> None:
    entries = [("a.xml", b"<a>" + b"x" * 3000 + b"</a>", zipfile.ZIP_DEFLATED),
               ("b/c.xml", b"", zipfile.ZIP_DEFLATED),
               ("d.xml", b"<d>\xc3\xa9t\xc3\xa9</d>" * 40, zipfile.ZIP_STORED)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        for name, data, method in entries:
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 27, 8, 0, 0))
            info.compress_type = method
            book.writestr(info, data)
    import zlib

    def deflate(data: bytes, method: int) -> bytes:
        if method == zipfile.ZIP_STORED:
            return data
        compressor = zlib.compressobj(-1, zlib.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush()

    made = zip_of([zip_record((n.encode(), m, deflate(d, m), zlib.crc32(d), len(d)),
                              8 << 11, (2026 - 1980) << 9 | 11 << 5 | 27)
                   for n, d, m in entries])
    assert made == out.getvalue()


def test_a_real_convention_with_two_sites() -> None:
    loaded = load_file(CONVENTIONS / "77-valbrune.yaml")
    assert loaded.convention is not None
    fast = annex2.annex2_workbook(loaded.convention, loaded.id, "2026-S2", DEFAULT_INDICATORS,
                                  made_on=DAY)
    facts = annex2.form_facts(loaded.convention, loaded.id, annex2.parse_period("2026-S2"))
    reference = workbook_bytes(*annex2.describe(loaded.convention, facts,
                                                DEFAULT_INDICATORS, None), DAY)
    same_form(fast, reference)


def libreoffice_saves(sources: list[Path], out: Path) -> list[Path]:
    """Each workbook opened and saved again as .xlsx by LibreOffice Calc (headless)."""
    found = shutil.which("soffice")
    assert found, "LibreOffice is missing: `make test` installs it"
    subprocess.run([found, "--headless", f"-env:UserInstallation={(out / 'lo').as_uri()}",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out / "saved"),
                    *map(str, sources)], check=True, capture_output=True, timeout=300)
    return [out / "saved" / source.name for source in sources]


def test_libreoffice_reads_a_drafted_form_as_the_form_openpyxl_builds(tmp_path: Path) -> None:
    """The form a partner receives with a reminder (its texts stored, not compressed):
    LibreOffice opens it and saves it with the same cells, names, hidden sheet, protection
    and validation as it does the form openpyxl builds whole."""
    drafts = tmp_path / "relances"
    result = CliRunner().invoke(app, ["reminders", str(CONVENTIONS), "-o", str(drafts),
                                      "--as-of", "2027-01-02"])
    assert result.exit_code == 0, result.output
    message = email.message_from_bytes(
        next(drafts.glob("*_77-valbrune_report-2026-S2.eml")).read_bytes(),
        policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    [attached] = list(message.iter_attachments())
    drafted = tmp_path / "drafted" / "annexe2.xlsx"
    built = tmp_path / "built" / "annexe2-openpyxl.xlsx"
    for path in (drafted, built):
        path.parent.mkdir()
    drafted.write_bytes(attached.get_content())
    loaded = load_file(CONVENTIONS / "77-valbrune.yaml")
    assert loaded.convention is not None
    facts = annex2.form_facts(loaded.convention, loaded.id, annex2.parse_period("2026-S2"))
    built.write_bytes(workbook_bytes(*annex2.describe(loaded.convention, facts,
                                                      DEFAULT_INDICATORS, None),
                                     date(2027, 1, 2)))
    same_form(drafted.read_bytes(), built.read_bytes())
    again, built_again = libreoffice_saves([drafted, built], tmp_path)
    ours, theirs = seen(again.read_bytes()), seen(built_again.read_bytes())
    assert ours["pncaf"]["cells"][1][1] == "77-valbrune"        # the hidden sheet, kept
    assert ours["Annexe 2"]["validation"] and ours["Annexe 2"]["protected"]
    assert ours == theirs
