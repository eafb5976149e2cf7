"""`pncaf new`: create a convention file that passes `check`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pncaf.cli.shared import (
    text_option,
)
from pncaf.errors import UsageError

if TYPE_CHECKING:
    from pncaf.editing.creation import Answers

PANEL = "Edit"
EPILOG = (
    "Examples:\n\n"
    "  pncaf new conventions/77-nouvelle.yaml            # on a terminal: asks each value\n\n"
    "  pncaf new conventions/77-x.yaml --from conventions/77-valbrune.yaml \\\n"
    "      --partner-name 'Mairie de X' --siren 217709997 --partner-street '1 place' \\\n"
    "      --partner-postcode 77999 --partner-city X --partner-representative 'A. B' \\\n"
    "      --partner-title Maire --site-street '2 rue' --hours monday=09:00-12:00,14:00-17:00 "
    "\\\n      --hours tuesday=09:00-12:00,14:00-17:00\n\n"
    "--from copies the Caf's details from an existing convention. Without a terminal, "
    "every required value must be given as an option. Never overwrites a file."
)


def command(
    file: Annotated[Path, typer.Argument(help="The file to create.", show_default=False)],
    source: Annotated[Path | None, typer.Option("--from", help="Copy the Caf's details "
                                                "from this convention.")] = None,
    id: Annotated[str | None, text_option("Convention id (default: the file name).")] = None,
    caf_name: Annotated[str | None, text_option("Caf: full name.")] = None,
    caf_street: Annotated[str | None, text_option("Caf: street.")] = None,
    caf_postcode: Annotated[str | None, text_option("Caf: postcode.")] = None,
    caf_city: Annotated[str | None, text_option("Caf: city.")] = None,
    caf_signing_city: Annotated[str | None, text_option("Where the Caf signs (default: "
                                                         "its city).")] = None,
    caf_representative: Annotated[str | None, text_option("Caf: signatory's name.")] = None,
    caf_title: Annotated[str | None, text_option("Caf: signatory's title.")] = None,
    level2_contact: Annotated[str | None, text_option("Caf: level-2 e-mail.")] = None,
    partner_name: Annotated[str | None, text_option("Partner: name.")] = None,
    siren: Annotated[str | None, text_option("Partner: SIREN.")] = None,
    partner_street: Annotated[str | None, text_option("Partner: street.")] = None,
    partner_postcode: Annotated[str | None, text_option("Partner: postcode.")] = None,
    partner_city: Annotated[str | None, text_option("Partner: city.")] = None,
    partner_representative: Annotated[str | None, text_option("Partner: representative's "
                                                               "name.")] = None,
    partner_title: Annotated[str | None, text_option("Partner: representative's title.")
                             ] = None,
    partner_email: Annotated[str | None, text_option("Partner: e-mail for reminders.")
                             ] = None,
    site_name: Annotated[str | None, text_option("Site: name (default: the partner's).")
                         ] = None,
    site_street: Annotated[str | None, text_option("Site: street (default: the "
                                                    "partner's).")] = None,
    site_postcode: Annotated[str | None, text_option("Site: postcode.")] = None,
    site_city: Annotated[str | None, text_option("Site: city.")] = None,
    hours: Annotated[list[str] | None, typer.Option(metavar="DAY=RANGES", help="Opening of "
                                                    "one day, e.g. monday=08:30-12:00,"
                                                    "14:00-17:30 (repeat per day).")] = None,
    computers: Annotated[int, typer.Option(min=0, help="Computers for the public.")] = 1,
    printers: Annotated[int, typer.Option(min=0, help="Printers for the public.")] = 1,
    scanners: Annotated[int, typer.Option(min=0, help="Scanners for the public.")] = 1,
    signed_caf: Annotated[str | None, text_option("Caf's signature date, if signed.")
                          ] = None,
    signed_partner: Annotated[str | None, text_option("Partner's signature date, if "
                                                       "signed.")] = None,
) -> None:
    """Create a new convention file that passes `pncaf check`."""
    from pncaf.editing.creation import create_convention, start_answers

    if file.exists():
        raise UsageError(f"{file} already exists: pncaf new never overwrites a file; choose "
                         "another name")
    given = {"caf_name": caf_name, "caf_street": caf_street, "caf_postcode": caf_postcode,
             "caf_city": caf_city, "caf_signing_city": caf_signing_city,
             "caf_representative": caf_representative, "caf_title": caf_title,
             "level2_contact": level2_contact, "partner_name": partner_name, "siren": siren,
             "partner_street": partner_street, "partner_postcode": partner_postcode,
             "partner_city": partner_city, "partner_representative": partner_representative,
             "partner_title": partner_title, "partner_email": partner_email,
             "site_name": site_name, "site_street": site_street,
             "site_postcode": site_postcode, "site_city": site_city,
             "hours": "; ".join(hours) if hours else None,
             "signed_caf": signed_caf, "signed_partner": signed_partner}
    answers = start_answers(given, source, {"computers": computers, "printers": printers,
                                            "scanners": scanners})
    if interactive():
        _interview(answers)
    create_convention(file, answers, id or file.stem)
    typer.echo(f"wrote {file}: check it with `pncaf check {file}`", err=True)


def interactive() -> bool:
    """Ask questions only when a person is typing (standard input is a terminal)."""
    return sys.stdin.isatty()


# --- on a terminal -----------------------------------------------------------------------------

def _ask(prompt: str, check: Callable[[str], str | None], default: str | None = None) -> str:
    """Ask until the answer passes `check`, saying each time what is wrong."""
    while True:
        reply = str(typer.prompt(prompt, default=default, show_default=bool(default)))
        why = check(reply)
        if why is None:
            return reply
        typer.echo(f"  {why}", err=True)


_YES, _NO = ("o", "oui", "y", "yes"), ("", "n", "non", "no")


def _yes(prompt: str) -> bool:
    """A yes-or-no question answered in French (o, oui, n, non) or English; default no."""
    reply = _ask(prompt, lambda v: None if v.strip().lower() in (*_YES, *_NO)
                 else "answer o (oui) or n (non)", "")
    return reply.strip().lower() in _YES


def _count(value: str) -> str | None:
    return None if value.strip().isdigit() else "write a whole number (0 if none)"


def _monthly(value: str) -> str | None:
    from pncaf.editing.creation import parse_monthly

    if not value.strip():
        return None
    try:
        parse_monthly(value)
    except ValueError as exc:
        return str(exc)
    return None


def _interview(answers: Answers) -> None:
    """Ask what the options did not give: the Caf and the partner, then each site (hours,
    monthly openings, manager, equipment), asking the hours again while the sites together
    stay below the Art. 4 minimum, then the signatures."""
    from pncaf.editing.creation import (
        HOURS_PROMPT,
        QUESTIONS,
        SITE_KEYS,
        SiteAnswer,
        merge_hours,
        need_hours,
        need_postcode,
        need_text,
        opening_shortfall,
        parse_monthly,
    )

    def ask_question(key: str) -> None:
        question = next(q for q in QUESTIONS if q.key == key)
        if key not in answers.values:
            default = question.default(answers.values) if question.default else None
            answers.values[key] = _ask(question.prompt, question.check, default)

    for question in QUESTIONS:
        if question.key in SITE_KEYS:
            break
        ask_question(question.key)
    sites_given = "hours" in answers.values
    if sites_given:                 # the site came as options: ask only what is missing
        for key in SITE_KEYS:
            ask_question(key)
    else:
        partner = answers.values
        number = 1
        while True:
            typer.echo(f"Lieu d'accueil {number}", err=True)
            first = number == 1
            name = _ask("  Nom", need_text, partner.get("partner_name") if first else None)
            street = _ask("  Adresse (rue)", need_text,
                          partner.get("partner_street") if first else None)
            postcode = _ask("  Code postal", need_postcode, partner.get("partner_postcode"))
            city = _ask("  Commune", need_text, partner.get("partner_city"))
            hours = _ask(f"  {HOURS_PROMPT}", lambda v: need_hours(v) or (
                None if v.strip() else "give at least one day"))
            monthly = []
            while reply := _ask("  Ouverture mensuelle (ex. « 4 samedi 9h-12h » pour le "
                                "4e samedi ; vide si aucune)", _monthly, "").strip():
                monthly.append(parse_monthly(reply))
            manager_name = _ask("  Responsable du lieu, nom (vide si aucun)", lambda v: None,
                                "").strip()
            manager = ({"name": manager_name,
                        "title": _ask("  Responsable du lieu, fonction", need_text)}
                       if manager_name else None)
            equipment = {key: int(_ask(f"  Nombre {label} pour le public", _count, "1"))
                         for key, label in (("computers", "d'ordinateurs"),
                                            ("printers", "d'imprimantes"),
                                            ("scanners", "de scanners"))}
            answers.sites.append(SiteAnswer(name, street, postcode, city, hours, monthly,
                                            manager, equipment))
            if not _yes("Ajouter un autre lieu d'accueil ? (o/N)"):
                break
            number += 1
        while shortfall := opening_shortfall(answers.sites):
            typer.echo(f"Minimum d'ouverture de l'article 4 non atteint : {shortfall}. "
                       "Complétez les horaires : tapez les jours à ajouter (un jour tapé "
                       "à nouveau remplace ses anciens horaires ; rien n'est perdu).",
                       err=True)
            for n, site in enumerate(answers.sites, start=1):
                site.hours = merge_hours(site.hours, _ask(
                    f"  Horaires du lieu {n} ({site.name})", need_hours, site.hours))
    for key in ("signed_caf", "signed_partner"):
        ask_question(key)
