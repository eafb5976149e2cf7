"""Conventions as they arrive signed: the PDF pncaf made, and the same PDF printed, signed
and scanned. Import gives the same data back from the PDF; from the scan (rasterised by
poppler's pdftoppm at 200 dpi, turned a little and speckled with Pillow, read by Tesseract
in French) it gives the same data or nulls with a warning for each — never another value.
"""

from __future__ import annotations

import random
import re
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from typer.testing import CliRunner

from helpers import ROOT, load
from pncaf.cli.app import app
from pncaf.format.hours import TimeRange
from pncaf.format.models import Convention
from pncaf.importing.importer import Imported, import_file, import_lines
from pncaf.outputs.convention import convention_document
from test_convention_roundtrip import INDICATORS, conventions, stated

runner = CliRunner()


def plain(value: Any) -> Any:
    """A convention's data as a file writes it: ranges as text, nothing empty or null."""
    if isinstance(value, TimeRange):
        return str(value)
    if isinstance(value, dict):
        items = {k: plain(v) for k, v in value.items()}
        return {k: v for k, v in items.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def expected(convention: Convention) -> dict[str, Any]:
    """What the document states: the data, and the one signature date it writes (« Fait à
    …, le D », the later one, once both parties have signed)."""
    out = stated(convention)
    out.pop("format")
    both = (convention.signed.caf, convention.signed.partner)
    on = max(both) if None not in both else None  # type: ignore[type-var]
    out["signed"] = {"caf": on, "partner": on} if on else None
    return plain(out)  # type: ignore[no-any-return]


def read_back(imported: Imported) -> dict[str, Any]:
    data = yaml.safe_load(imported.text)
    for key in ("format", "id", "history"):
        data.pop(key, None)
    data["partner"].pop("email", None)
    if data.get("signed") == {"caf": None, "partner": None}:
        data["signed"] = None
    return plain(data)  # type: ignore[no-any-return]


def disagreements(truth: Any, got: Any, warned: set[str], path: str = "") -> list[str]:
    """Where `got` is not `truth`: a different value anywhere, or a value left out without
    a warning whose key covers it (`sites[0].hours` covers `sites[0].hours.wednesday`)."""
    if truth == got:
        return []
    if got is None:
        bare = re.sub(r"\.monthly\[\d+\]", ".monthly", path)
        if any(k in (path, bare) or path.startswith((k + ".", k + "[")) or
               k.startswith((path + ".", path + "[")) for k in warned):
            return []
        return [f"{path}: {truth!r} left out without a warning"]
    if isinstance(truth, dict) and isinstance(got, dict):
        return [problem for key in {*truth, *got}
                for problem in disagreements(truth.get(key), got.get(key), warned,
                                             f"{path}.{key}".lstrip("."))]
    if isinstance(truth, list) and isinstance(got, list) and len(truth) == len(got) and \
            all(isinstance(t, dict) for t in truth):
        return [problem for i, (t, g) in enumerate(zip(truth, got, strict=True))
                for problem in disagreements(t, g, warned, f"{path}[{i}]")]
    return [f"{path}: {got!r} instead of {truth!r}"]


def scanned(pdf: Path, target: Path, seed: int) -> Path:
    """`pdf` as a scanner gives it back: 200 dpi grey pages, turned by less than a degree,
    with speckle, saved as a PDF of images (no text layer)."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(pdf),
                    str(target.parent / "page")], check=True)
    rnd = random.Random(seed)
    pages = []
    for png in sorted(target.parent.glob("page*.png")):
        page = Image.open(png).convert("L")
        page = page.rotate(rnd.uniform(-0.8, 0.8), resample=Image.Resampling.BICUBIC,
                           fillcolor=255)
        pixels = page.load()
        assert pixels is not None
        for _ in range(page.width * page.height // 500):
            pixels[rnd.randrange(page.width), rnd.randrange(page.height)] = rnd.choice((0, 96,
                                                                                      255))
        pages.append(page)
    pages[0].save(target, save_all=True, append_images=pages[1:], resolution=200)
    return target


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.data_too_large])
@given(convention=conventions())
def test_the_pdf_gives_back_what_convention_wrote(tmp_path_factory: pytest.TempPathFactory,
                                                   convention: Convention) -> None:
    source = tmp_path_factory.mktemp("pdf") / "convention.pdf"
    source.write_bytes(convention_document(convention, "x", "pdf", INDICATORS))
    imported = import_file(source)
    assert read_back(imported) == expected(convention), imported.text
    back = load(imported.text)
    assert back.convention is not None, (imported.text, back.errors)


# OCR takes some 20 s a convention on a shared core: a few examples, and no shrinking (a
# failure still prints its convention, and the imported file with its warnings).
@settings(max_examples=3, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(convention=conventions())
def test_the_scan_gives_the_same_data_or_nulls_with_warnings(
        tmp_path_factory: pytest.TempPathFactory, convention: Convention) -> None:
    folder = tmp_path_factory.mktemp("scan")
    pdf = folder / "convention.pdf"
    pdf.write_bytes(convention_document(convention, "x", "pdf", INDICATORS))
    imported = import_file(scanned(pdf, folder / "scan.pdf", int(convention.partner.siren)))
    warned = {m.key for m in imported.reading.missing}
    assert disagreements(expected(convention), read_back(imported), warned) == [], \
        (imported.text, imported.warnings)
    # every value read from the scan says how sure OCR was
    assert all(f.confidence is not None for f in imported.reading.values.values() if f)


def test_disagreements_catch_a_wrong_value_and_a_silent_gap() -> None:
    truth = {"sites": [{"hours": {"monday": ["09:00-12:00"], "friday": ["14:00-17:00"]}}],
             "partner": {"siren": "217709997"}}
    assert disagreements(truth, {"sites": [{"hours": {"monday": ["09:00-12:00"]}}],
                                 "partner": {"siren": "217709997"}},
                         {"sites[0].hours"}) == []
    assert disagreements(truth, {"sites": [{"hours": {"monday": ["09:00-12:00"]}}],
                                 "partner": {"siren": "217709997"}}, set()) == [
        "sites[0].hours.friday: ['14:00-17:00'] left out without a warning"]
    assert disagreements(truth, {"sites": [{"hours": {"monday": ["09:00-12:00"],
                                                      "friday": ["14:00-17:00"]}}],
                                 "partner": {"siren": "217709996"}}, {"partner.siren"}) == [
        "partner.siren: '217709996' instead of '217709997'"]


def test_a_value_ocr_was_unsure_of_is_flagged_for_review() -> None:
    """Tesseract's confidence for each word of a line: a SIREN read at 89 % is kept, with
    its confidence, and named in an `import-review` warning; the name read at 97 % is not."""
    from import_skeleton import convention as skeleton

    lines, _ = skeleton()
    words = [[(w, 97.0) for w in line.split()] for line in lines]
    siren_at = next(i for i, line in enumerate(lines) if line.startswith("SIREN"))
    words[siren_at] = [("SIREN", 93.0), (":", 91.0), ("214503021", 89.0)]
    imported = import_lines(lines, "scan.pdf", words=words)
    assert f'  siren: "214503021"    # line {siren_at + 1} (OCR 89 %: import-review, check ' \
        "it on the scan)" in imported.text
    assert "  name: Commune de Saran    # line 8 (OCR 97 %)" in imported.text
    assert [w for w in imported.warnings if "import-review" in w] == [
        f'scan.pdf:{siren_at + 1}: warning[import-review] partner.siren: read by OCR with a '
        'confidence of 89 % ("214503021"): check it against the scan']


def test_an_email_address_read_from_a_scan_is_never_kept() -> None:
    """However sure OCR was (99 % here), an address read from a scan is null with a warning
    quoting what was read: a misread letter (« bouvqwge » read « bouvawge » at over 92 %, in
    a random round trip) would send the reminders to someone else."""
    from import_skeleton import convention as skeleton

    lines, _ = skeleton()
    words = [[(w, 99.0) for w in line.split()] for line in lines]
    imported = import_lines(lines, "scan.pdf", words=words)
    addresses = [w for w in imported.warnings if "e-mail address is never kept" in w]
    assert addresses and all("import-missing" in w and "@" in w for w in addresses)
    assert "@" not in "".join(line.split("#")[0] for line in imported.text.splitlines())
    text = import_lines(lines, "convention.txt")      # typed text: addresses are kept
    assert "@" in "".join(line.split("#")[0] for line in text.text.splitlines())


def test_a_value_ocr_could_hardly_read_is_null_with_a_warning() -> None:
    """At 81 %, OCR is wrong too often for the value to be kept, even flagged."""
    from import_skeleton import convention as skeleton

    lines, _ = skeleton()
    words = [[(w, 96.0) for w in line.split()] for line in lines]
    words[7] = [("La", 95.0), ("Commune", 81.0), ("de", 96.0), ("Saran", 95.0)]
    imported = import_lines(lines, "scan.pdf", words=words)
    assert "  name: null    # import-missing: not found (expected near line 8)" in imported.text
    assert [w for w in imported.warnings if "partner.name" in w] == [
        "scan.pdf:8: warning[import-missing] partner.name: not found — OCR read Commune de "
        "Saran with a confidence of 81 % only: check it on the scan and write it in the file; "
        "left null in the file"]


def test_a_text_value_carries_no_confidence() -> None:
    from import_skeleton import convention as skeleton

    imported = import_lines(skeleton()[0], "convention.txt")
    assert "OCR" not in imported.text and imported.warnings == []


def test_the_report_puts_each_value_beside_its_source_line(tmp_path: Path) -> None:
    seed = ROOT / "tests/corpus/import/convention-type-point-numerique-caf.md"
    result = runner.invoke(app, ["import", str(seed), "--report"])
    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    at = out.index("partner.representative: {name: Frédéric Bouche, title: Maire}")
    assert out[at + 1] == "    line 23: « Représentée par son Maire Monsieur Frédéric BOUCHE »"
    at = out.index('partner.siren: "217705144"')
    assert out[at + 1].startswith("    line 38: « 077-217705144-20221005-22_07169-DE")
    keys = [line.split(":")[0] for line in out if line and not line.startswith(" ")]
    for key in ("caf.name", "caf.address", "caf.city", "term", "engagements",
                "sites[0].hours", "sites[0].equipment", "prefecture.id"):
        assert key in keys
    assert "format: pncaf/1" not in result.stdout       # the report, not the file
    # with -o, the file is written and the report printed
    target = tmp_path / "77-villeparisis.yaml"
    result = runner.invoke(app, ["import", str(seed), "-o", str(target), "--report"])
    assert result.exit_code == 0 and target.is_file()
    assert "caf.name: Caisse d'allocations familiales de Seine-et-Marne" in result.stdout


def test_a_scanned_page_image_is_read(tmp_path: Path) -> None:
    """A page photographed or scanned to .png reads like the scanned PDF."""
    from PIL import Image, ImageDraw, ImageFont

    from import_skeleton import convention as skeleton

    lines, _ = skeleton()
    font = ImageFont.truetype("DejaVuSans.ttf", 22)
    page = Image.new("L", (2200, 60 + 36 * len(lines)), 255)
    draw = ImageDraw.Draw(page)
    for k, line in enumerate(lines):
        draw.text((60, 30 + 36 * k), line, font=font, fill=0)
    page.save(tmp_path / "page.png")
    imported = import_file(tmp_path / "page.png")
    data = read_back(imported)
    assert data["partner"]["siren"] == "214503021"
    assert data["signed"] == {"caf": date(2026, 3, 12), "partner": date(2026, 3, 12)}
    assert "(OCR " in imported.text
