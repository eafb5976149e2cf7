"""`pncaf new`: create a convention file that passes `check`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pncaf.cli.shared import finish, text_option

if TYPE_CHECKING:
    from pncaf.editing.creation import Answers, SiteAnswer

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


# The options, one alias each; the text ones are handed to the action by name (TEXTS).
FileArg = Annotated[Path, typer.Argument(help="The file to create.", show_default=False)]
FromOpt = Annotated[Path | None, typer.Option("--from", help="Copy the Caf's details from "
                                              "this convention.")]
HoursOpt = Annotated[list[str] | None, typer.Option(
    metavar="DAY=RANGES", help="Opening of one day, e.g. monday=08:30-12:00,14:00-17:30 "
    "(repeat per day).")]
Computers = Annotated[int, typer.Option(min=0, help="Computers for the public.")]
Printers = Annotated[int, typer.Option(min=0, help="Printers for the public.")]
Scanners = Annotated[int, typer.Option(min=0, help="Scanners for the public.")]
Id = Annotated[str | None, text_option("Convention id (default: the file name).")]
CafName = Annotated[str | None, text_option("Caf: full name.")]
CafStreet = Annotated[str | None, text_option("Caf: street.")]
CafPostcode = Annotated[str | None, text_option("Caf: postcode.")]
CafCity = Annotated[str | None, text_option("Caf: city.")]
CafSigningCity = Annotated[str | None, text_option("Where the Caf signs (default: its city).")]
CafRepresentative = Annotated[str | None, text_option("Caf: signatory's name.")]
CafTitle = Annotated[str | None, text_option("Caf: signatory's title.")]
Level2Contact = Annotated[str | None, text_option("Caf: level-2 e-mail.")]
PartnerName = Annotated[str | None, text_option("Partner: name.")]
Siren = Annotated[str | None, text_option("Partner: SIREN.")]
PartnerStreet = Annotated[str | None, text_option("Partner: street.")]
PartnerPostcode = Annotated[str | None, text_option("Partner: postcode.")]
PartnerCity = Annotated[str | None, text_option("Partner: city.")]
PartnerRepresentative = Annotated[str | None, text_option("Partner: representative's name.")]
PartnerTitle = Annotated[str | None, text_option("Partner: representative's title.")]
PartnerEmail = Annotated[str | None, text_option("Partner: e-mail for reminders.")]
SiteName = Annotated[str | None, text_option("Site: name (default: the partner's).")]
SiteStreet = Annotated[str | None, text_option("Site: street (default: the partner's).")]
SitePostcode = Annotated[str | None, text_option("Site: postcode.")]
SiteCity = Annotated[str | None, text_option("Site: city.")]
SignedCaf = Annotated[str | None, text_option("Caf's signature date, if signed.")]
SignedPartner = Annotated[str | None, text_option("Partner's signature date, if signed.")]

#: The text options, given to the action under their own names.
TEXTS = ("caf_name", "caf_street", "caf_postcode", "caf_city", "caf_signing_city",
         "caf_representative", "caf_title", "level2_contact", "partner_name", "siren",
         "partner_street", "partner_postcode", "partner_city", "partner_representative",
         "partner_title", "partner_email", "site_name", "site_street", "site_postcode",
         "site_city", "signed_caf", "signed_partner")


def command(
        file: FileArg, source: FromOpt = None, id: Id = None, caf_name: CafName = None,
        caf_street: CafStreet = None, caf_postcode: CafPostcode = None,
        caf_city: CafCity = None, caf_signing_city: CafSigningCity = None,
        caf_representative: CafRepresentative = None, caf_title: CafTitle = None,
        level2_contact: Level2Contact = None, partner_name: PartnerName = None,
        siren: Siren = None, partner_street: PartnerStreet = None,
        partner_postcode: PartnerPostcode = None, partner_city: PartnerCity = None,
        partner_representative: PartnerRepresentative = None,
        partner_title: PartnerTitle = None, partner_email: PartnerEmail = None,
        site_name: SiteName = None, site_street: SiteStreet = None,
        site_postcode: SitePostcode = None, site_city: SiteCity = None,
        hours: HoursOpt = None, computers: Computers = 1, printers: Printers = 1,
        scanners: Scanners = 1, signed_caf: SignedCaf = None,
        signed_partner: SignedPartner = None) -> None:
    """Create a new convention file that passes `pncaf check`."""
    from pncaf.actions.create import CreateRequest, create, start

    options = locals()
    given = {key: options[key] for key in TEXTS} | {
        "hours": "; ".join(hours) if hours else None}
    request = CreateRequest(file, given, source, {"computers": computers,
                                                  "printers": printers, "scanners": scanners},
                            id)
    answers = finish(start(request)).answers
    assert answers is not None
    if interactive():
        _interview(answers)
    made = finish(create(replace(request, answers=answers)))
    for twin in made.duplicates:
        typer.echo(twin.warning(str(file)), err=True)
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
    from pncaf.editing.creation import QUESTIONS, SITE_KEYS

    for question in QUESTIONS:
        if question.key in SITE_KEYS:
            break
        _ask_question(answers, question.key)
    if "hours" in answers.values:   # the site came as options: ask only what is missing
        for key in SITE_KEYS:
            _ask_question(answers, key)
    else:
        _ask_sites(answers)
    for key in ("signed_caf", "signed_partner"):
        _ask_question(answers, key)


def _ask_question(answers: Answers, key: str) -> None:
    from pncaf.editing.creation import QUESTIONS

    question = next(q for q in QUESTIONS if q.key == key)
    if key not in answers.values:
        default = question.default(answers.values) if question.default else None
        answers.values[key] = _ask(question.prompt, question.check, default)


def _ask_sites(answers: Answers) -> None:
    """Each site in turn, then more hours while the Art. 4 minimum is not reached."""
    from pncaf.editing.creation import merge_hours, need_hours, opening_shortfall

    number = 1
    while True:
        answers.sites.append(_ask_site(number, answers.values))
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


def _ask_site(number: int, partner: dict[str, str]) -> SiteAnswer:
    """One site: where, its hours and monthly openings, its manager, its equipment."""
    from pncaf.editing.creation import (
        HOURS_PROMPT,
        SiteAnswer,
        need_hours,
        need_postcode,
        need_text,
        parse_monthly,
    )

    typer.echo(f"Lieu d'accueil {number}", err=True)
    first = number == 1
    name = _ask("  Nom", need_text, partner.get("partner_name") if first else None)
    street = _ask("  Adresse (rue)", need_text, partner.get("partner_street") if first else None)
    postcode = _ask("  Code postal", need_postcode, partner.get("partner_postcode"))
    city = _ask("  Commune", need_text, partner.get("partner_city"))
    hours = _ask(f"  {HOURS_PROMPT}", lambda v: need_hours(v) or (
        None if v.strip() else "give at least one day"))
    monthly = []
    while reply := _ask("  Ouverture mensuelle (ex. « 4 samedi 9h-12h » pour le 4e samedi ; "
                        "vide si aucune)", _monthly, "").strip():
        monthly.append(parse_monthly(reply))
    manager_name = _ask("  Responsable du lieu, nom (vide si aucun)", lambda v: None,
                        "").strip()
    manager = ({"name": manager_name, "title": _ask("  Responsable du lieu, fonction",
                                                    need_text)} if manager_name else None)
    equipment = {key: int(_ask(f"  Nombre {label} pour le public", _count, "1"))
                 for key, label in (("computers", "d'ordinateurs"),
                                    ("printers", "d'imprimantes"), ("scanners", "de scanners"))}
    return SiteAnswer(name, street, postcode, city, hours, monthly, manager, equipment)
