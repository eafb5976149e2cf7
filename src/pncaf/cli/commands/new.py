"""`pncaf new`: create a convention file that passes `check`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from pncaf.cli.shared import (
    text_option,
)
from pncaf.errors import UsageError, UserError

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
    from pncaf.editing.creation import QUESTIONS, Answers, caf_answers_from, convention_text
    from pncaf.files.atomic import create_text_atomic
    from pncaf.files.lock import locked

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
    answers = Answers()
    if source is not None:
        try:
            answers.values.update(caf_answers_from(source))
        except (ValueError, OSError) as exc:
            raise UsageError(f"--from: {exc}") from None
    answers.values.update({k: v for k, v in given.items() if v is not None})
    answers.counts = {"computers": computers, "printers": printers, "scanners": scanners}
    problems = answers.problems()
    if problems:
        raise UsageError("; ".join(problems))
    if interactive():
        for question in QUESTIONS:
            if question.key in answers.values:
                continue
            default = question.default(answers.values) if question.default else None
            while True:
                reply = typer.prompt(question.prompt, default=default, show_default=bool(default))
                why = question.check(reply)
                if why is None:
                    answers.values[question.key] = reply
                    break
                typer.echo(f"  {why}", err=True)
    missing = answers.missing()
    if missing:
        names = ", ".join(f"--{q.key.replace('_', '-')}" for q in missing)
        raise UsageError(f"missing {names} (or run pncaf new on a terminal to be asked)")
    text = convention_text(answers, file, id or file.stem)
    _refuse_unless_valid(text, file)
    try:
        with locked(file):
            create_text_atomic(file, text)
    except FileExistsError:
        raise UsageError(f"{file} already exists: pncaf new never overwrites a file") from None
    typer.echo(f"wrote {file}: check it with `pncaf check {file}`", err=True)


def interactive() -> bool:
    """Ask questions only when a person is typing (standard input is a terminal)."""
    return sys.stdin.isatty()


def _refuse_unless_valid(text: str, file: Path) -> None:
    """`new` only writes a convention that passes `check` (warnings allowed)."""
    from pncaf.checks.rules import run_rules
    from pncaf.files.loader import load_text

    loaded = load_text(text, str(file), file.stem)
    errors = [d for d in loaded.diagnostics + run_rules(loaded, date.today()) if d.is_error]
    if errors:
        details = "; ".join(f"line {d.line}: {d.message}" for d in errors[:3])
        raise UserError(f"nothing written, the convention would not pass `pncaf check`: "
                        f"{details}")

