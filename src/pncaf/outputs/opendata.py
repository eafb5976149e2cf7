"""Export to the national open-data schema « lieux de médiation numérique » (v1.0.2).

One row per site whose label is in force on the export date. The schema is a Frictionless
table: UTF-8 CSV, comma-separated, several values in one field joined with `|`. Opening
hours are written in OpenStreetMap `opening_hours` syntax (`Mo,Th,Fr 08:30-12:00,14:00-17:30;
Tu 14:00-17:30, Sa[4] unknown "un samedi matin par mois"`).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pncaf.dates.closures import open_sites
from pncaf.dates.term import Term
from pncaf.format.hours import WEEKDAYS, TimeRange
from pncaf.format.models import Convention, MonthlyOpening, Site

if TYPE_CHECKING:
    from pncaf.format.loader import Loaded
    from pncaf.format.stream import Skipped

FIELDS = (
    "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse",
    "complement_adresse", "latitude", "longitude", "typologie", "telephone", "courriels",
    "site_web", "horaires", "presentation_resume", "presentation_detail", "source",
    "itinerance", "structure_parente", "date_maj", "services",
    "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge",
    "dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels",
    "modalites_acces", "modalites_accompagnement", "fiche_acces_libre", "prise_rdv",
)
CAF_LABEL = "Point d'accès numérique CAF"
OSM_DAYS = dict(zip(WEEKDAYS, ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"), strict=True))
SUMMARY = ("Point numérique Caf : accompagnement aux démarches en ligne de la Caf (caf.fr, "
           "espace Mon compte, envoi de pièces, simulations et téléprocédures).")


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "lieu"


def _ranges(ranges: Sequence[TimeRange]) -> str:
    return ",".join(str(r) for r in ranges)      # a TimeRange prints as HH:MM-HH:MM


def _day_groups(days: list[str]) -> str:
    """Consecutive days as ranges: [mo, tu, we, fr] → `Mo-We,Fr`."""
    indexes = [WEEKDAYS.index(d) for d in days]
    parts, start = [], 0
    for i in range(1, len(indexes) + 1):
        if i == len(indexes) or indexes[i] != indexes[i - 1] + 1:
            run = indexes[start:i]
            first, last = OSM_DAYS[WEEKDAYS[run[0]]], OSM_DAYS[WEEKDAYS[run[-1]]]
            parts.append(first if len(run) == 1 else f"{first}-{last}" if len(run) > 2
                         else f"{first},{last}")
            start = i
    return ",".join(parts)


def osm_opening_hours(week: Mapping[str, Sequence[TimeRange]],
                      monthly: Iterable[MonthlyOpening] = ()) -> str:
    """The regular week, days with the same hours grouped, then monthly openings as
    additional rules (`, Sa[4] …`) so that they never hide a regular opening."""
    by_hours: dict[str, list[str]] = {}
    for day in WEEKDAYS:
        if week.get(day):
            by_hours.setdefault(_ranges(sorted(week[day])), []).append(day)
    rules = [f"{_day_groups(days)} {hours}" for hours, days in by_hours.items()]
    text = "; ".join(rules)
    for m in monthly:
        day = f"{OSM_DAYS[m.weekday]}[{m.nth}]"
        if m.hours:
            rule = f"{day} {_ranges(sorted(m.hours))}"
            if m.note:
                rule += f' "{_comment(m.note)}"'
        else:
            rule = f'{day} unknown "{_comment(m.note or "horaires non précisés")}"'
        text = f"{text}, {rule}" if text else rule
    return text


def _comment(note: str) -> str:
    return note.replace('"', "'")


def site_row(convention: Convention, convention_id: str, site: Site, day: date,
             ) -> dict[str, str]:
    services = ["Aide aux démarches administratives"]
    if site.equipment is not None and site.equipment.computers > 0:
        services.append("Accès internet et matériel informatique")
    row = dict.fromkeys(FIELDS, "")
    row.update({
        "id": f"{convention_id}--{slug(site.name)}",
        "pivot": convention.partner.siren,
        "nom": site.name,
        "commune": site.address.city,
        "code_postal": site.address.postcode,
        "adresse": site.address.street,
        "complement_adresse": site.address.complement or "",
        "courriels": convention.partner.email or "",
        "horaires": osm_opening_hours(site.hours.as_dict(), site.monthly),
        "presentation_resume": SUMMARY,
        "source": convention.caf.name,
        "itinerance": "Fixe",
        "structure_parente": convention.partner.name,
        "date_maj": day.isoformat(),
        "services": "|".join(services),
        "dispositif_programmes_nationaux": CAF_LABEL,
        "modalites_acces": "Se présenter",
        "modalites_accompagnement": "Accompagnement individuel",
    })
    return row


def rows(conventions: Iterable[tuple[str, Convention]], day: date) -> list[dict[str, str]]:
    return [row for cid, c in conventions for row in convention_rows(c, cid, day)]


def convention_rows(convention: Convention, convention_id: str, day: date,
                    ) -> list[dict[str, str]]:
    """The rows of one convention: its sites open on `day` while its label is in force."""
    if not Term.at(convention, day).label_in_force(day):
        return []
    table = [site_row(convention, convention_id, site, day)
             for site in open_sites(convention, day)]      # a site closed that day is left out
    import opening_hours

    for row in table:
        if row["horaires"] and not opening_hours.validate(row["horaires"]):
            raise ValueError(f"internal error: invalid opening_hours {row['horaires']!r}")
    return table


def rows_of_files(files: Sequence[Path], day: date, on_skipped: Callable[[Skipped], None],
                  ) -> tuple[list[dict[str, str]], int]:
    """The rows of the valid conventions among `files`, reading them one at a time (only
    the rows are kept), and how many conventions were valid (`pncaf export`)."""
    from pncaf.format.stream import each_convention, valid_values

    def of(loaded: Loaded) -> list[dict[str, str]]:
        assert loaded.convention is not None
        return convention_rows(loaded.convention, loaded.id, day)

    parts = valid_values(each_convention(files, of), on_skipped)
    return [row for part in parts for row in part], len(parts)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def spreadsheet_safe(cell: Any) -> Any:
    """A cell that a spreadsheet would run as a formula gets a leading `'` (OWASP's advice
    for CSV injection). `check` already refuses such text in a convention (workflow.md §6):
    this is the second lock, for values pncaf computes. A plain number (`-61.5`) is kept."""
    if (isinstance(cell, str) and cell.startswith(_FORMULA_START)
            and not _NUMBER.fullmatch(cell)):
        return "'" + cell
    return cell


def to_csv(table: Sequence[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in table)
    return out.getvalue()


def to_json(table: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    return [{k: v for k, v in row.items() if v != ""} for row in table]
