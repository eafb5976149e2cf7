"""Each document made from one convention, as bytes: the convention for signature (.docx,
.pdf, .html, .md), the label certificate (annex 1), the level-2 contact sheet (annex 3) and
the annex 2 form of a semester (.xlsx). Writing them is the face's business (`-o`, a
download); `write_new` writes one where nothing is, for the command line."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pncaf.actions.common import Result, attempt, refusal_problems

if TYPE_CHECKING:
    from pncaf.format.loader import Loaded
    from pncaf.problems import Diagnostic

DocumentKind = Literal["convention", "certificate", "sheet", "form"]
#: The formats each document can be written in (the first is its default).
FORMATS: dict[str, tuple[str, ...]] = {
    "convention": ("docx", "pdf", "html", "md"), "certificate": ("pdf", "html", "md"),
    "sheet": ("pdf", "html", "md"), "form": ("xlsx",)}
#: The default file names' middle part: `<id>-certificat.pdf`.
NAMES = {"convention": "convention", "certificate": "certificat", "sheet": "fiche-niveau2"}


@dataclass(frozen=True)
class DocumentRequest:
    file: Path
    kind: DocumentKind
    format: str | None = None           # default: the kind's first format
    on: date | None = None              # convention: « Fait à …, le … »; certificate: its date
    period: str | None = None           # form: YYYY-S1 or YYYY-S2
    templates: Path | None = None       # the team's own templates (default: ./templates)
    config: Path | None = None
    today: date | None = None


@dataclass(frozen=True, kw_only=True)
class Document(Result):
    data: bytes = b""
    format: str = ""
    filename: str = ""                  # the default name: `<id>-certificat.pdf`
    media_type: str = ""
    convention_id: str = ""
    findings: list[Diagnostic] = field(default_factory=list)  # errors `check` still finds
    notes: list[str] = field(default_factory=list)


MEDIA_TYPES = {
    "pdf": "application/pdf", "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def make_document(request: DocumentRequest) -> Document:
    return attempt(lambda: _make(request),
                   lambda exc: Document(refused=exc, problems=refusal_problems(exc)))


def _make(request: DocumentRequest) -> Document:
    from pncaf.actions.common import load_one, team_settings
    from pncaf.errors import InvalidRequest
    from pncaf.outputs.templating import user_folder

    fmt = request.format or FORMATS[request.kind][0]
    if fmt not in FORMATS[request.kind]:
        raise InvalidRequest(f"a {request.kind} is written as {', '.join(FORMATS[request.kind])}"
                             f", not {fmt}", field="format")
    team = (team_settings(request.config) if request.kind in ("convention", "form")
            else None)
    loaded = load_one(request.file)
    convention = loaded.convention
    assert convention is not None
    folder = user_folder(request.templates)
    today = request.today or date.today()
    findings: list[Diagnostic] = []
    notes: list[str] = []
    if request.kind == "convention":
        from pncaf.outputs.convention import convention_document

        assert team is not None
        data = convention_document(convention, loaded.id, fmt,
                                   list(team.settings.indicators.values()), request.on, folder)
        findings = _check_errors(loaded, today)
        name = f"{loaded.id}-convention.{fmt}"
    elif request.kind == "certificate":
        from pncaf.outputs.documents import certificate

        data = certificate(convention, loaded.id, fmt, request.on, today, folder)
        name = f"{loaded.id}-certificat.{fmt}"
    elif request.kind == "sheet":
        from pncaf.outputs.documents import contact_sheet

        data = contact_sheet(convention, loaded.id, fmt, folder)
        name = f"{loaded.id}-fiche-niveau2.{fmt}"
    else:
        assert team is not None
        data, name, notes = _form(loaded, request.period, team.settings)
    return Document(data=data, format=fmt, filename=name, media_type=MEDIA_TYPES[fmt],
                    convention_id=loaded.id, findings=findings, notes=notes,
                    problems=tuple(team.problems) if team else ())


def _form(loaded: Loaded, period: str | None, settings: object) -> tuple[bytes, str, list[str]]:
    from pncaf.errors import InvalidRequest, Refused
    from pncaf.outputs.annex2 import NotOwed, annex2_workbook, parse_period
    from pncaf.outputs.documents import safe_name
    from pncaf.settings import Settings

    assert isinstance(settings, Settings) and loaded.convention is not None
    if period is None:
        raise InvalidRequest("give the semester: --period YYYY-S1 or YYYY-S2", field="period")
    try:
        semester = parse_period(period)
    except ValueError as exc:
        raise InvalidRequest(str(exc), field="period") from None
    _refuse_other_caf(loaded, settings)
    officer = settings.officer.email if settings.officer else None
    try:
        data = annex2_workbook(loaded.convention, loaded.id, semester, settings.indicators,
                               return_to=officer)
    except NotOwed as exc:
        raise Refused(str(exc), field="period") from None
    note = (f"the annex 2 form of {loaded.id} for {semester.label}, "
            f"{len(settings.indicators)} indicators to fill in")
    return data, f"annexe2-{safe_name(loaded.id)}-{semester.label}.xlsx", [note]


def _refuse_other_caf(loaded: Loaded, settings: object) -> None:
    """The form tells the partner where to send its figures: never another Caf's officer.
    The same check as reminders (`outputs.caf_identity`): `[mail] from` naming a Caf other
    than the convention's means this pncaf.toml is not that Caf's, nor is its officer."""
    from pncaf.errors import Refused
    from pncaf.outputs.caf_identity import other_caf
    from pncaf.settings import Settings

    assert isinstance(settings, Settings) and loaded.convention is not None
    other = other_caf(settings.sender, loaded.convention)
    if other is None:
        return
    officer = f" ({settings.officer.email})" if settings.officer else ""
    raise Refused(
        f"{loaded.file}: [mail] from in pncaf.toml names « {other} », but the convention is "
        f"with {loaded.convention.caf.name}: the form would ask the partner to send its "
        f"figures to the other Caf's officer{officer}. Make the form from that Caf's own "
        "pncaf.toml (keep each Caf's conventions in its own folder), or correct caf.name in "
        "the file if it is wrong")


def _check_errors(loaded: Loaded, today: date) -> list[Diagnostic]:
    """The document states the file as it is; what `check` refuses (an opening below the
    Art. 4 minimum, …) is named, so that it is fixed before anyone signs."""
    from pncaf.checks.runner import check_loaded

    return [d for d in check_loaded(loaded, today).diagnostics if d.is_error]
