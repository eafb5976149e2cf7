"""`pncaf new`: write a new convention file from answers, commented, that passes `check`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pncaf.format.hours import WEEKDAYS, WEEKDAYS_FR, french_range, parse_range
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


def read_date(value: str) -> date:
    """2027-01-31 or 31/01/2027; raises ValueError."""
    from pncaf.format.models import french_date

    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        day = french_date(value)
        if day is None:
            raise
        return day


def need_date(value: str) -> str | None:
    """A signature date: empty (not signed yet) or a day that is not after today — a
    signature cannot be in the future (a year typed ahead would keep it « à venir »)."""
    if not value.strip():
        return None
    try:
        day = read_date(value)
    except ValueError:
        return "write the date YYYY-MM-DD or DD/MM/YYYY, or leave it empty if not signed yet"
    today = date.today()
    if day > today:
        return (f"{day.isoformat()} is after today ({today.isoformat()}): a signature cannot "
                "be in the future; give the day it was signed, or leave it empty if not "
                "signed yet")
    return None


def parse_hours_spec(spec: str) -> tuple[str, list[str]]:
    """`monday=08:30-12:00,14:00-17:30` (French day names accepted) → ("monday", [...])."""
    day, sep, ranges = spec.partition("=")
    day = day.strip().lower()
    day = WEEKDAYS_FR.get(day, day)
    if not sep or day not in WEEKDAYS:
        raise ValueError(f"`{spec}`: write DAY=HH:MM-HH:MM[,HH:MM-HH:MM], e.g. "
                         "monday=08:30-12:00,14:00-17:30")
    items = [french_range(r) or r.strip() for r in ranges.split(",") if r.strip()]
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


def merge_hours(before: str, added: str) -> str:
    """The hours typed again after the Art. 4 minimum was missed, added to those given
    before: a day typed again replaces its old ranges, the other days are kept (the officer
    is asked to complete the hours, so typing only the new days must not drop the first)."""
    by_day: dict[str, str] = {}
    for answer in (before, added):
        for spec in answer.split(";"):
            if spec.strip():
                by_day[parse_hours_spec(spec)[0]] = spec.strip()
    return "; ".join(by_day[day] for day in WEEKDAYS if day in by_day)


HOURS_PROMPT = ("Horaires, jours séparés par « ; » (ex. lundi=8h30-12h,14h-17h30; "
                "jeudi=9h-12h)")


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
    Question("hours", HOURS_PROMPT, need_hours),
    Question("signed_caf", "Date de signature de la Caf (JJ/MM/AAAA, vide si pas encore)",
             need_date, default=lambda a: ""),
    Question("signed_partner", "Date de signature du partenaire (JJ/MM/AAAA, vide si pas "
             "encore)", need_date, default=lambda a: ""),
]
SITE_KEYS = ("site_name", "site_street", "site_postcode", "site_city", "hours")


@dataclass
class SiteAnswer:
    """One site as `new` asks for it: the answers, before they become YAML."""

    name: str
    street: str
    postcode: str
    city: str
    hours: str                                  # `monday=09:00-12:00; jeudi=14h-17h`
    monthly: list[dict[str, Any]] = field(default_factory=list)
    manager: dict[str, str] | None = None
    equipment: dict[str, int] = field(default_factory=lambda: {"computers": 1, "printers": 1,
                                                               "scanners": 1})

    def week(self) -> dict[str, list[str]]:
        hours: dict[str, list[str]] = {}
        for spec in filter(None, (s.strip() for s in self.hours.split(";"))):
            day, ranges = parse_hours_spec(spec)
            hours.setdefault(day, []).extend(ranges)
        return {day: hours[day] for day in WEEKDAYS if day in hours}

    def to_yaml_context(self) -> dict[str, Any]:
        return {"name": self.name,
                "address": {"street": self.street, "postcode": self.postcode,
                            "city": self.city},
                "hours": self.week(), "monthly": self.monthly, "manager": self.manager,
                "equipment": self.equipment}


_NTH_WORDS = {"1": 1, "1er": 1, "premier": 1, "première": 1, "2": 2, "2e": 2, "deuxième": 2,
              "3": 3, "3e": 3, "troisième": 3, "4": 4, "4e": 4, "quatrième": 4, "5": 5,
              "5e": 5, "cinquième": 5, "-1": -1, "dernier": -1, "dernière": -1}


def parse_monthly(answer: str) -> dict[str, Any]:
    """`4 samedi 09:00-12:00`, `dernier mardi 14h-17h`, `1er samedi` → a `monthly` entry
    (without hours: a note saying they are to be given); raises ValueError."""
    words = answer.split()
    if len(words) < 2 or words[0].lower() not in _NTH_WORDS:
        raise ValueError("write which weekday of the month and, if known, its hours: "
                         "« 4 samedi 9h-12h » (the 4th Saturday), « dernier mardi »")
    day = WEEKDAYS_FR.get(words[1].lower().rstrip("s"), words[1].lower())
    if day not in WEEKDAYS:
        raise ValueError(f"« {words[1]} » is not a weekday (lundi … dimanche)")
    entry: dict[str, Any] = {"nth": _NTH_WORDS[words[0].lower()], "weekday": day}
    ranges = [french_range(r) or r for r in " ".join(words[2:]).split(",") if r.strip()]
    for item in ranges:
        parse_range(item)
    if ranges:
        entry["hours"] = ranges
    else:
        entry["note"] = "horaires à préciser"
    return entry


def opening_shortfall(sites: list[SiteAnswer], min_half_days: int = 4,
                      min_hours: float = 12, french: bool = True) -> str | None:
    """Why the sites together stay below the Art. 4 minimum (in French for the questions
    on a terminal, in English for the command line's messages), or None."""
    from pncaf.format.hours import format_duration, weekly_opening

    week = weekly_opening({day: [parse_range(r) for r in ranges]
                           for day, ranges in site.week().items()} for site in sites)
    if len(week.half_days) >= min_half_days and week.hours >= min_hours:
        return None
    if not french:
        return (f"the sites together open {len(week.half_days)} half-day(s) and "
                f"{format_duration(week.hours)} a week; Art. 4 asks for at least "
                f"{min_half_days} half-days and {format_duration(min_hours)} (a half-day "
                "counts from one hour open in the morning or the afternoon)")
    together = "le lieu ouvre" if len(sites) == 1 else "les lieux ensemble ouvrent"
    return (f"{together} {len(week.half_days)} demi-journée(s) et {format_duration(week.hours)} "
            f"par semaine ; l'article 4 demande au moins {min_half_days} demi-journées et "
            f"{format_duration(min_hours)} (une demi-journée compte à partir d'une heure "
            "d'ouverture le matin ou l'après-midi ; les ouvertures mensuelles ne comptent pas)")


@dataclass
class Answers:
    values: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: {"computers": 1, "printers": 1,
                                                            "scanners": 1})
    sites: list[SiteAnswer] = field(default_factory=list)   # asked on a terminal

    def all_sites(self) -> list[SiteAnswer]:
        """The sites asked on a terminal, or the one site given as options."""
        if self.sites:
            return self.sites
        v = self.value
        return [SiteAnswer(v("site_name"), v("site_street"), v("site_postcode"),
                           v("site_city"), v("hours"), equipment=dict(self.counts))]

    def missing(self) -> list[Question]:
        return [q for q in QUESTIONS if q.key not in self.values and q.default is None
                and not (self.sites and q.key in SITE_KEYS)]

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

    def signed(key: str) -> date | None:
        return read_date(v(key)) if v(key) else None

    context: dict[str, Any] = {
        "id": convention_id,
        "filename": str(target),
        "schema_path": schema_path(target),
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
        "sites": [site.to_yaml_context() for site in answers.all_sites()],
        "signed": {"caf": signed("signed_caf"), "partner": signed("signed_partner")},
    }
    return render("new-convention.yaml.j2", context, None)


def schema_path(target: Path) -> str:
    """Relative path from the new file to the repository's schema, when there is one."""
    import os

    schema = Path("schema/pncaf.schema.json")
    if schema.exists():
        return os.path.relpath(schema.resolve(), target.resolve().parent)
    return ""


def caf_answers_from(path: Path) -> dict[str, str]:
    """The Caf block of an existing convention, to start a new one from it (`--from`)."""
    from pncaf.format.loader import load_file

    loaded = load_file(path)
    if loaded.convention is None:
        raise ValueError(f"{path} has errors: run `pncaf check {path}` first")
    caf = loaded.convention.caf
    return {"caf_name": caf.name, "caf_street": caf.address.street,
            "caf_postcode": caf.address.postcode, "caf_city": caf.address.city,
            "caf_signing_city": caf.city, "caf_representative": caf.representative.name,
            "caf_title": caf.representative.title, "level2_contact": caf.level2_contact}


# --- `pncaf new` as library calls: start from what is given, then write ---------------------

def start_answers(given: dict[str, str | None], source: Path | None,
                  counts: dict[str, int]) -> Answers:
    """The answers the options give: `--from`'s Caf first, then each option given; a value
    that cannot be right is a usage error naming every one."""
    from pncaf.errors import InvalidRequest

    answers = Answers()
    if source is not None:
        try:
            answers.values.update(caf_answers_from(source))
        except (ValueError, OSError) as exc:
            raise InvalidRequest(f"--from: {exc}") from None
    answers.values.update({k: v for k, v in given.items() if v is not None})
    answers.counts = counts
    problems = answers.problems()
    if problems:
        raise InvalidRequest("; ".join(problems))
    return answers


def create_convention(file: Path, answers: Answers, convention_id: str) -> str:
    """Write the new convention, only when it passes `check` (warnings allowed), never over
    an existing file, under the file's lock; returns its text."""
    from pncaf.errors import InvalidRequest, Refused
    from pncaf.files.atomic import create_text_atomic
    from pncaf.files.lock import locked

    missing = answers.missing()
    if missing:
        names = ", ".join(f"--{q.key.replace('_', '-')}" for q in missing)
        raise InvalidRequest(f"missing {names} (or run pncaf new on a terminal to be asked)")
    shortfall = opening_shortfall(answers.all_sites(), french=False)
    if shortfall:
        raise Refused(f"nothing written: opening minimum of Art. 4 not reached: {shortfall}. "
                        "Give more --hours")
    text = convention_text(answers, file, convention_id)
    _refuse_unless_valid(text, file)
    try:
        with locked(file):
            create_text_atomic(file, text)
    except FileExistsError:
        raise InvalidRequest(f"{file} already exists: pncaf new never overwrites a file") from None
    return text


def _refuse_unless_valid(text: str, file: Path) -> None:
    """`new` only writes a convention that passes `check` (warnings allowed)."""
    from pncaf.checks.rules import run_rules
    from pncaf.errors import Refused
    from pncaf.format.loader import load_text

    loaded = load_text(text, str(file), file.stem)
    errors = [d for d in loaded.diagnostics + run_rules(loaded, date.today()) if d.is_error]
    if errors:   # the file was never written: its line numbers would mean nothing
        details = "; ".join(d.message for d in errors[:3])
        raise Refused(f"nothing written, the convention would not pass `pncaf check`: "
                        f"{details}")
