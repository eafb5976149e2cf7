"""Record the signatures of a convention (`signed.caf`, `signed.partner`): the day each
party signed, written in place of the `null` the file holds, nothing else changed; the
convention takes effect on the later one (Art. 11). Under the file's lock, refused when the
file changed since it was shown, and undone like a record.

A date already there is never overwritten (a signature is a fact: correct it in the file,
where git or the shared drive's history keeps the old value), and a date after today is
refused (a signature cannot be in the future)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pncaf.actions.common import Result, attempt

PARTIES = ("caf", "partner")
#: What may stand where a signature date goes: nothing yet, or a date.
EMPTY = re.compile(r"null\b|~|(?=\s*(#|$|,|}))")
DAY = re.compile(r"(\d{4}-\d{2}-\d{2})\b")


@dataclass(frozen=True)
class SignRequest:
    file: Path
    caf: str | None = None              # the day the Caf signed, as typed (02/02/2027)
    partner: str | None = None          # the day the partner signed
    expected_sha256: str | None = None
    today: date | None = None           # default: the system's date


@dataclass(frozen=True, kw_only=True)
class SignResult(Result):
    file: Path | None = None
    before: str = ""
    after: str = ""
    diff: str = ""
    notes: list[str] = field(default_factory=list)   # in French, for the faces to show
    written: bool = False

    @property
    def date_doubts(self) -> list[str]:
        """The notes about a date that is likely a typo: a face may ask to confirm it."""
        from pncaf.editing.date_doubts import DOUBT

        return [n for n in self.notes if n.startswith(DOUBT)]


def sign(request: SignRequest) -> SignResult:
    def run() -> SignResult:
        from pncaf.actions.parsing import parse_date
        from pncaf.editing.record import Edit
        from pncaf.editing.rewrite import rewrite
        from pncaf.editing.undo import remember
        from pncaf.errors import InvalidRequest

        if not request.file.is_file():
            raise InvalidRequest(f"{request.file}: no such file")
        given = {party: parse_date(f"--signed-{party}", value, field=f"signed_{party}")
                 for party, value in (("caf", request.caf), ("partner", request.partner))
                 if value}
        if not given:
            raise InvalidRequest("give the day the Caf or the partner signed",
                                 field="signed_caf")
        refuse_future(given, request.today or date.today())
        name = str(request.file)

        def change(text: str) -> Edit:
            return Edit(text, signed_text(text, {k: v.isoformat() for k, v in given.items()},
                                          name))

        def after(edit: Edit) -> str:
            what = " and ".join(f"the {party} signature of {day}"
                                for party, day in given.items())
            remember(request.file, edit.before, edit.after, what)
            return edit.after

        edit = rewrite(request.file, change, after, request.expected_sha256)
        return SignResult(file=request.file, before=edit.before, after=edit.after,
                          diff=edit.diff(name), written=True)

    return attempt(run, lambda exc: SignResult(refused=exc, file=request.file))


def refuse_future(given: dict[str, date], today: date) -> None:
    """A signature is a fact of the past: one dated after today is a typo (the year typed
    ahead), and written it would keep the convention « à venir » until then. Nothing is
    written; `check` finds one typed in the file by hand (`signed-in-future`)."""
    from pncaf.errors import InvalidRequest

    for party, day in given.items():
        if day > today:
            raise InvalidRequest(
                f"--signed-{party} {day.isoformat()} is after today ({today.isoformat()}): a "
                "signature cannot be in the future; give the day it was signed (a year typed "
                "ahead?)", field=f"signed_{party}")


def signed_text(text: str, days: dict[str, str], name: str) -> str:
    """`text` with each party's signature date written where its `null` stands; refused
    when the file has no such place, holds another date already, or would not be a valid
    convention afterwards."""
    from pncaf.errors import Refused
    from pncaf.files.yaml_positions import parse_yaml
    from pncaf.format.loader import load_text

    parsed, _ = parse_yaml(text)
    lines = text.splitlines(keepends=True)
    places = {}
    for party in days:
        where = parsed.source.key_at(("signed", party)) if parsed else None
        if where is None:
            raise Refused(f"{name}: no `signed.{party}` to fill in: add `signed: {{caf: null, "
                          "partner: null}` to the file first", field=f"signed_{party}")
        places[party] = where
    # right to left: a date written first does not move the place of the next
    for party, (line, column) in sorted(places.items(), key=lambda p: p[1], reverse=True):
        day = days[party]
        text_line = lines[line - 1]
        key = re.compile(rf"{party}\s*:").match(text_line, column - 1)
        if key is None:
            raise Refused(f"{name}:{line}: signed.{party} is not written `{party}: DATE`: "
                          "correct it in the file", field=f"signed_{party}")
        rest = text_line[key.end():]
        lead = len(rest) - len(rest.lstrip(" \t"))
        value = rest[lead:]
        found = DAY.match(value)
        if found and found.group(1) != day:
            raise Refused(f"{name}:{line}: signed.{party} is already {found.group(1)}: a "
                          "signature date is corrected in the file, not replaced here",
                          field=f"signed_{party}")
        if found:
            continue
        empty = EMPTY.match(value)
        if empty is None:
            raise Refused(f"{name}:{line}: signed.{party} is not null nor a date: correct it "
                          "in the file", field=f"signed_{party}")
        tail = value[empty.end():]
        lines[line - 1] = (text_line[:key.end()] + " " * max(lead, 1) + day
                           + (" " if tail.startswith("#") else "") + tail)
    new = "".join(lines)
    loaded = load_text(new, name, Path(name).stem)
    if loaded.convention is None:
        first = loaded.errors[0] if loaded.errors else None
        why = f" ({first.location()}: {first.message})" if first else ""
        raise Refused(f"nothing written: the convention would not be valid{why}")
    return new
