"""`pncaf new`: write a new convention file from answers, commented, that passes `check`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pncaf.format.hours import WEEKDAYS, WEEKDAYS_FR, parse_range
from pncaf.format.identifiers import siren_problem
from pncaf.format.models import Email, Postcode
from pncaf.format.validator import validate_as

Check = Callable[[str], str | None]   # returns why the answer is wrong, or None


def need_text(value: str) -> str | None:
    return None if value.strip() else "this cannot be empty"


def one_line(value: str) -> str | None:
    """Every answer is one line of text: a line break or a control character would end the
    value (or the comment that quotes it) and let the rest be read as a key of its own."""
    import unicodedata

    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in value):
        return "one line of text, without line breaks or control characters"
    return None


def _as_in_the_format(annotation: Any, hint: str) -> Check:
    """An answer checked by the convention format's own rule for that kind of value."""
    def check(value: str) -> str | None:
        _, errors = validate_as(annotation, value)
        return hint if errors else None
    return check


need_postcode = _as_in_the_format(Postcode, "a postcode is 5 digits")
need_email = _as_in_the_format(Email, "expected an e-mail address such as accueil@mairie.fr")


def optional_email(value: str) -> str | None:
    return None if not value.strip() else need_email(value)


def need_siren(value: str) -> str | None:
    return siren_problem(value.strip())


def need_date(value: str) -> str | None:
    if not value.strip():
        return None
    try:
        date.fromisoformat(value.strip())
    except ValueError:
        return "write the date YYYY-MM-DD, or leave it empty if not signed yet"
    return None


def parse_hours_spec(spec: str) -> tuple[str, list[str]]:
    """`monday=08:30-12:00,14:00-17:30` (French day names accepted) → ("monday", [...])."""
    day, sep, ranges = spec.partition("=")
    day = day.strip().lower()
    day = WEEKDAYS_FR.get(day, day)
    if not sep or day not in WEEKDAYS:
        raise ValueError(f"`{spec}`: write DAY=HH:MM-HH:MM[,HH:MM-HH:MM], e.g. "
                         "monday=08:30-12:00,14:00-17:30")
    items = [r.strip() for r in ranges.split(",") if r.strip()]
    if not items:
        raise ValueError(f"`{spec}`: no time range after `=`")
    for item in items:
        parse_range(item)
    return day, items


def need_hours(value: str) -> str | None:
    if not value.strip():
        return None
    try:
        for spec in value.split(";"):
            parse_hours_spec(spec)
    except ValueError as exc:
        return str(exc)
    return None


@dataclass
class Question:
    key: str
    prompt: str
    check: Check = need_text
    default: Callable[[dict[str, str]], str] | None = None


QUESTIONS: list[Question] = [
    Question("caf_name", "Caf (nom complet)"),
    Question("caf_street", "Caf — adresse (rue)"),
    Question("caf_postcode", "Caf — code postal", need_postcode),
    Question("caf_city", "Caf — commune"),
    Question("caf_signing_city", "Ville où la Caf signe (« Fait à … »)",
             default=lambda a: a.get("caf_city", "")),
    Question("caf_representative", "Caf — nom du ou de la signataire"),
    Question("caf_title", "Caf — titre du ou de la signataire (Directrice, Directeur…)"),
    Question("level2_contact", "Adresse de contact niveau 2 de la Caf", need_email),
    Question("partner_name", "Partenaire (nom)"),
    Question("siren", "Partenaire — SIREN (9 chiffres)", need_siren),
    Question("partner_street", "Partenaire — adresse (rue)"),
    Question("partner_postcode", "Partenaire — code postal", need_postcode),
    Question("partner_city", "Partenaire — commune"),
    Question("partner_representative", "Partenaire — nom du ou de la représentant(e)"),
    Question("partner_title", "Partenaire — titre (Maire, Présidente…)"),
    Question("partner_email", "Partenaire — courriel pour les relances (facultatif)",
             optional_email, default=lambda a: ""),
    Question("site_name", "Lieu d'accueil — nom", default=lambda a: a.get("partner_name", "")),
    Question("site_street", "Lieu d'accueil — adresse (rue)",
             default=lambda a: a.get("partner_street", "")),
    Question("site_postcode", "Lieu d'accueil — code postal", need_postcode,
             default=lambda a: a.get("partner_postcode", "")),
    Question("site_city", "Lieu d'accueil — commune",
             default=lambda a: a.get("partner_city", "")),
    Question("hours", "Horaires, jours séparés par « ; » (ex. monday=08:30-12:00,14:00-17:30; "
             "thursday=09:00-12:00)", need_hours),
    Question("signed_caf", "Date de signature de la Caf (AAAA-MM-JJ, vide si pas encore)",
             need_date, default=lambda a: ""),
    Question("signed_partner", "Date de signature du partenaire (AAAA-MM-JJ, vide si pas "
             "encore)", need_date, default=lambda a: ""),
]


@dataclass
class Answers:
    values: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: {"computers": 1, "printers": 1,
                                                            "scanners": 1})

    def missing(self) -> list[Question]:
        return [q for q in QUESTIONS if q.key not in self.values and q.default is None]

    def problems(self) -> list[str]:
        out = []
        for q in QUESTIONS:
            if q.key in self.values:
                why = one_line(self.values[q.key]) or q.check(self.values[q.key])
                if why:
                    out.append(f"{q.key.replace('_', '-')}: {why}")
        return out

    def value(self, key: str) -> str:
        if key in self.values:
            return self.values[key].strip()
        question = next(q for q in QUESTIONS if q.key == key)
        return question.default(self.values).strip() if question.default else ""


def convention_text(answers: Answers, target: Path, convention_id: str) -> str:
    """The commented YAML of the new convention."""
    from pncaf.outputs.templating import render

    v = answers.value
    hours: dict[str, list[str]] = {}
    for spec in filter(None, (s.strip() for s in v("hours").split(";"))):
        day, ranges = parse_hours_spec(spec)
        hours.setdefault(day, []).extend(ranges)
    ordered = {day: hours[day] for day in WEEKDAYS if day in hours}

    def signed(key: str) -> date | None:
        return date.fromisoformat(v(key)) if v(key) else None

    context: dict[str, Any] = {
        "id": convention_id,
        "filename": str(target),
        "schema_path": _schema_path(target),
        "caf": {"name": v("caf_name"),
                "address": {"street": v("caf_street"), "postcode": v("caf_postcode"),
                            "city": v("caf_city")},
                "city": v("caf_signing_city"),
                "representative": {"name": v("caf_representative"), "title": v("caf_title")},
                "level2_contact": v("level2_contact")},
        "partner": {"name": v("partner_name"), "siren": v("siren").replace(" ", ""),
                    "address": {"street": v("partner_street"),
                                "postcode": v("partner_postcode"), "city": v("partner_city")},
                    "representative": {"name": v("partner_representative"),
                                       "title": v("partner_title")},
                    "email": v("partner_email") or None},
        "site": {"name": v("site_name"),
                 "address": {"street": v("site_street"), "postcode": v("site_postcode"),
                             "city": v("site_city")},
                 "hours": ordered, "equipment": answers.counts},
        "signed": {"caf": signed("signed_caf"), "partner": signed("signed_partner")},
    }
    return render("new-convention.yaml.j2", context, None)


def _schema_path(target: Path) -> str:
    """Relative path from the new file to the repository's schema, when there is one."""
    import os

    schema = Path("schema/pncaf.schema.json")
    if schema.exists():
        return os.path.relpath(schema.resolve(), target.resolve().parent)
    return ""


def caf_answers_from(path: Path) -> dict[str, str]:
    """The Caf block of an existing convention, to start a new one from it (`--from`)."""
    from pncaf.files.loader import load_file

    loaded = load_file(path)
    if loaded.convention is None:
        raise ValueError(f"{path} has errors: run `pncaf check {path}` first")
    caf = loaded.convention.caf
    return {"caf_name": caf.name, "caf_street": caf.address.street,
            "caf_postcode": caf.address.postcode, "caf_city": caf.address.city,
            "caf_signing_city": caf.city, "caf_representative": caf.representative.name,
            "caf_title": caf.representative.title, "level2_contact": caf.level2_contact}
