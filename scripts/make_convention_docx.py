"""Make the shipped Word template of the convention from its text (convention.md.j2).

    .venv/bin/python scripts/make_convention_docx.py      # or: make docx-template

The Word template and the Markdown/HTML/PDF convention then say the same thing. Each line
of the text becomes a paragraph: `#`/`##` headings, `- ` bullets, `**…**` bold lines; a
line that is only a Jinja statement (`{% for … %}`) becomes docxtpl's paragraph tag
(`{%p for … %}`), so that the paragraph holding it disappears from the result. The file
is reproducible byte for byte (fixed dates in the document and in the archive), so that
a test can tell when someone edited the text without running this script.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "src/pncaf/templates/convention.md.j2"
TARGET = ROOT / "src/pncaf/templates/convention.docx"
FIXED = datetime(2026, 1, 1)
NAVY = RGBColor(0x0B, 0x3B, 0x74)
SIGNATURE = "Signature et cachet :"
_STATEMENT = re.compile(r"^\{%-?\s*(.*?)\s*-?%\}$")


def build(text: str) -> bytes:
    document = Document()
    _styles(document)
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(20)
    header = section.header.paragraphs[0]
    header.text = "Convention « Point numérique Caf » — {{ partner.name }}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.runs[0].font.size = Pt(8)
    for line in _lines(text):
        _paragraph(document, line)
    core = document.core_properties
    core.title = "Convention « Point numérique Caf »"
    core.author = core.last_modified_by = "pncaf"
    core.created = core.modified = FIXED
    core.revision = 1
    out = io.BytesIO()
    document.save(out)
    return _reproducible(out.getvalue())


def _lines(text: str) -> list[str]:
    """The template's lines without its leading {# comment #} and blank lines."""
    text = re.sub(r"\{#.*?#\}\n?", "", text, flags=re.DOTALL)
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def _paragraph(document: Any, line: str) -> None:
    statement = _STATEMENT.match(line)
    if statement:
        document.add_paragraph("{%p " + statement.group(1) + " %}")
        return
    if line.startswith("## "):
        heading = document.add_heading(line[3:], level=1)
        heading.paragraph_format.page_break_before = line[3:].startswith("Annexe")
        return
    if line.startswith("# "):
        document.add_heading(line[2:], level=0)
        return
    if line.startswith("- "):
        document.add_paragraph(line[2:], style="List Bullet")
        return
    bold = line.startswith("**") and line.endswith("**")
    paragraph = document.add_paragraph()
    paragraph.add_run(line[2:-2] if bold else line).bold = bold or None
    if line == SIGNATURE:
        paragraph.paragraph_format.space_after = Pt(64)     # room to sign and stamp


def _styles(document: Any) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(5)
    for name, size in (("Title", 16), ("Heading 1", 12.5)):
        style = styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = NAVY
        style.font.bold = True
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _reproducible(data: bytes) -> bytes:
    """The same archive with every member dated FIXED, in the same order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, FIXED.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET
    target.write_bytes(build(TEXT.read_text(encoding="utf-8")))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
