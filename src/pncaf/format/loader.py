"""Load one convention file: bytes → text → data with positions → validated model.

`load_file` never raises on bad input: whatever goes wrong becomes a `yaml` or `schema`
diagnostic at the place it concerns, and the caller moves on to the next file.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pncaf.files.links import outside_target, refusal
from pncaf.files.yaml_positions import SourceMap, parse_yaml
from pncaf.format.messages import validate
from pncaf.format.models import Convention
from pncaf.problems import Diagnostic, Severity

#: Largest file we read: a convention is a few kilobytes; anything far larger is a mistake.
MAX_BYTES = 1024 * 1024


@dataclass
class Loaded:
    """Everything later stages need about one file."""

    file: str
    id: str
    text: str | None = None
    data: Any = None
    source: SourceMap = field(default_factory=SourceMap)
    convention: Convention | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    def error(self, rule: str, position: tuple[int, int] | None, message: str) -> None:
        self.add(Severity.ERROR, rule, position, message)

    def take(self, problems: list[Diagnostic]) -> None:
        """The problems a stage returned about this text, named after this file."""
        self.diagnostics.extend(replace(p, file=self.file, convention=self.id)
                                for p in problems)

    def add(self, severity: Severity, rule: str, position: tuple[int, int] | None,
            message: str) -> None:
        line, column = position if position else (None, None)
        self.diagnostics.append(Diagnostic(self.file, line, column, severity, rule, message,
                                           self.id))


def display_name(path: Path) -> str:
    """The path as the user will recognise it: relative to the current folder when inside.
    Bytes of a file name that are not UTF-8 are shown as `\\xe9`, so that every output
    (`--format json` included) can be written."""
    # as named, links not followed: a link is shown by its own name, not its target's
    full, here = os.path.abspath(path), os.path.abspath(os.getcwd())
    if os.name == "nt" or full.startswith("//") or here.startswith("//"):
        # pathlib compares Windows paths without case; `//` is a root of its own
        try:
            name = str(Path(full).relative_to(here))
        except ValueError:
            name = str(path)
    else:                                   # the same, in a third of pathlib's time
        name = _below(full, here) or str(path)
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _below(full: str, folder: str) -> str | None:
    """`full` relative to `folder` (both absolute and normalised), as pathlib's
    `relative_to` writes it; None when it is not inside."""
    if full == folder:
        return "."
    prefix = folder if folder.endswith("/") else folder + "/"
    return full[len(prefix):] if full.startswith(prefix) else None


def load_file(path: Path, name: str | None = None) -> Loaded:
    """Read and validate one file. Problems are in `.diagnostics`; `.convention` is set
    only when the file is a valid convention."""
    file = name or display_name(path)
    raw = _read(path, file)
    return raw if isinstance(raw, Loaded) else load_bytes(raw, file, path.stem)


def load_file_quickly(path: Path) -> Loaded:
    """`load_file` for what needs only the model of a valid convention (dates, agenda,
    export, reminders): read as `load_bytes_quickly` reads, without the map of positions
    when the file is plain and valid, which saves about a fifth of the reading. A file
    that is not is loaded as `check` loads it, with its problems where they are."""
    file = display_name(path)
    raw = _read(path, file)
    return raw if isinstance(raw, Loaded) else load_bytes_quickly(raw, file, path.stem)


def _read(path: Path, file: str) -> bytes | Loaded:
    """The file's bytes, or why they are not read (a `Loaded` with one `yaml` error): a
    link out of its folder, a pipe or a device, a file that cannot be opened."""
    target = outside_target(path)
    if target is not None:                 # never read, so never quoted (files/links.py)
        loaded = Loaded(file=file, id=path.stem)
        loaded.error("yaml", None, refusal(target))
        return loaded
    try:
        mode = path.stat().st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            loaded = Loaded(file=file, id=path.stem)
            loaded.error("yaml", None, "not a regular file (a pipe, a device…): pncaf reads "
                         "convention files; save the convention to a file first")
            return loaded
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        loaded = Loaded(file=file, id=path.stem)
        loaded.error("yaml", None, f"cannot read the file: {exc.strerror or exc}")
        return loaded


def load_bytes(raw: bytes, file: str, id: str) -> Loaded:
    """`load_file` on bytes already read (`id` is the default id: the file's stem)."""
    if len(raw) > MAX_BYTES:
        loaded = Loaded(file=file, id=id)
        loaded.error("yaml", (1, 1), f"the file is larger than {MAX_BYTES // 1024} KiB: a "
                     "convention is a few kilobytes; is this the right file?")
        return loaded
    text, problem = decode(raw)
    if problem is not None:
        loaded = Loaded(file=file, id=id)
        loaded.take([problem])
        return loaded
    assert text is not None
    return load_text(text, file, id)


def decode(raw: bytes) -> tuple[str | None, Diagnostic | None]:
    """The text of a convention file, or why it is not one (a `yaml` problem)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, _not_text(line, column,
                               f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}): save it "
                               "as UTF-8 in your editor (« Enregistrer sous » → encodage UTF-8)")
    if "\x00" in text:
        index = text.index("\x00")
        line = text.count("\n", 0, index) + 1
        return None, _not_text(line, index - (text.rfind("\n", 0, index) + 1) + 1,
                               "the file contains a NUL character: it is not a text file")
    return text, None


def _not_text(line: int, column: int, message: str) -> Diagnostic:
    return Diagnostic("", line, column, Severity.ERROR, "yaml", message)


def load_text(text: str, file: str, id: str) -> Loaded:
    """Parse and validate a convention's text (`id` is the default id)."""
    loaded = Loaded(file=file, id=id, text=text)
    parsed, problems = parse_yaml(text)
    loaded.take(problems)
    if parsed is None:
        return loaded
    loaded.data, loaded.source = parsed.data, parsed.source
    if isinstance(parsed.data, dict) and isinstance(parsed.data.get("id"), str):
        loaded.id = parsed.data["id"]
    if problems:  # duplicate keys or tags: the data is not what the author meant
        return loaded
    convention, errors = validate(parsed.data, parsed.source)
    loaded.take(errors)
    loaded.convention = convention
    return loaded


def load_bytes_quickly(raw: bytes, file: str, id: str, like: Loaded | None = None) -> Loaded:
    """`load_bytes`, without the map of positions when the file is a plain valid convention
    (`files.yaml_plain`): for what needs only the model (the old side of `pncaf diff`, the
    base of `check --base`). A file that is not plain or not valid is loaded as `check`
    does, which says why and where. `like`, a valid version of the same convention, lends
    what the two have in common: the values of the lines written alike
    (`files.yaml_alike`), and the parts equal in both already validated (`format.alike`)."""
    from pncaf.files.yaml_plain import plain_data

    if len(raw) > MAX_BYTES:
        return load_bytes(raw, file, id)
    text, _ = decode(raw)
    if text is None:
        return load_bytes(raw, file, id)
    alike = like is not None and like.convention is not None and like.text is not None
    data = None
    if alike:
        from pncaf.files.yaml_alike import data_like

        assert like is not None and like.text is not None
        data = data_like(text, like.text, like.data)
    if data is None:
        data = plain_data(text)
    if data is None:
        return load_bytes(raw, file, id)
    checked = data
    if alike:
        from pncaf.format.alike import with_parts_of

        assert like is not None and like.convention is not None
        checked = with_parts_of(data, like.data, like.convention)
    convention, _ = validate(checked, SourceMap())
    if convention is None:
        return load_bytes(raw, file, id)
    return Loaded(file=file, id=data["id"] if isinstance(data.get("id"), str) else id,
                  text=text, data=data, convention=convention)
