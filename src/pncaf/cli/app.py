"""The `pncaf` command line: thin commands over the library core.

Each command parses its options, calls the core, and hands the result to a formatter.
`main()` is the single boundary where user errors become a clean message and an exit code
(0 fine, 1 problems found, 2 usage error); no traceback ever reaches the user.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, ParamSpec, TypeVar

import typer

from pncaf import __version__
from pncaf.checks.diagnostics import counted
from pncaf.cli.check import CheckFormat, parse_as_of, resolve_paths
from pncaf.errors import UsageError, UserError, internal_error
from pncaf.format.models import EventKind, Party, TrainingKind, VisitOutcome

if TYPE_CHECKING:
    from pncaf.files.loader import Loaded
    from pncaf.format.models import Convention

app = typer.Typer(
    name="pncaf",
    help=(
        "Check and run « Point numérique Caf » conventions kept as YAML files.\n\n"
        "Examples, one per command (files and folders default to conventions/):\n\n"
        "  pncaf check --strict\n\n"
        "  pncaf dates --as-of 2027-01-01\n\n"
        "  pncaf agenda --days 30 --format ics -o echeances.ics\n\n"
        "  pncaf certificate conventions/77-valbrune.yaml -o certificat.pdf\n\n"
        "  pncaf sheet conventions/77-valbrune.yaml -o fiche-niveau2.pdf\n\n"
        "  pncaf reminders -o relances/\n\n"
        "  pncaf report -o rapport/\n\n"
        "  pncaf record conventions/77-valbrune.yaml committee --date 2027-02-02\n\n"
        "  pncaf new conventions/77-nouvelle.yaml\n\n"
        "  pncaf export --format mediation-num -o lieux.csv\n\n"
        "  pncaf schema -o schema/pncaf.schema.json\n\n"
        "pncaf COMMAND --help shows each command's options."
    ),
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


P = ParamSpec("P")
R = TypeVar("R")


def user_errors(func: Callable[P, R]) -> Callable[P, R]:
    """The user-error boundary of every command: a clean `pncaf: …` line and an exit code,
    never a traceback."""
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except UsageError as exc:
            typer.echo(f"pncaf: {exc}", err=True)
            raise typer.Exit(2) from None
        except UserError as exc:
            typer.echo(f"pncaf: {exc}", err=True)
            raise typer.Exit(1) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            typer.echo(f"pncaf: {where}{exc.strerror or exc}", err=True)
            raise typer.Exit(1) from None
    return wrapper


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pncaf {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool | None, typer.Option("--version", callback=_version, is_eager=True,
                                                 help="Show the version and exit.")] = None,
) -> None:
    """Check and run « Point numérique Caf » conventions."""


PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Convention files or folders (folders are searched for *.yaml and "
                        "*.yml). Default: conventions/", show_default=False),
]
ConventionArg = Annotated[Path, typer.Argument(help="The convention file.", show_default=False)]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", metavar="YYYY-MM-DD",
                 help="Check as if today were this date. Default: today.", show_default=False),
]


@app.command(rich_help_panel="Check", epilog=(
    "Examples:\n\n"
    "  pncaf check                          # all of conventions/\n\n"
    "  pncaf check conventions/77-villeparisis.yaml\n\n"
    "  pncaf check --strict --format github  # in CI: warnings fail too\n\n"
    "  pncaf check --as-of 2027-01-15 --format json\n\n"
    "Exit status: 0 no error, 1 at least one error (or a warning with --strict), "
    "2 usage error."
))
@user_errors
def check(
    paths: PathsArg = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f",
                                                help="text, json or github annotations.")
                      ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the check too.")
                      ] = False,
    as_of: AsOfOpt = None,
) -> None:
    """Validate conventions and check the engagements they impose."""
    from pncaf.cli.check import run_check

    raise typer.Exit(run_check(paths, format, strict, as_of))


def load_conventions(paths: list[Path] | None) -> tuple[list[Loaded], bool]:
    """Valid conventions under `paths`; files with errors are named on stderr and skipped
    (the second value says whether any was)."""
    from pncaf.checks.runner import load_valid

    valid, skipped = load_valid(resolve_paths(paths))
    for loaded in skipped:
        typer.echo(f"pncaf: skipped {loaded.file} ({counted(len(loaded.errors), 'error')}): "
                   f"run `pncaf check {loaded.file}` to see and fix them", err=True)
    if skipped and not valid:
        raise UserError("no valid convention left to work with")
    return valid, bool(skipped)


DatesFormat = Literal["table", "json"]


@app.command(rich_help_panel="Dates", epilog=(
    "Examples:\n\n"
    "  pncaf dates\n\n"
    "  pncaf dates conventions/77-villeparisis.yaml --as-of 2027-01-01\n\n"
    "  pncaf dates --format json > dates.json\n\n"
    "Statuses: draft (not signed), upcoming (starts later), active, terminating (an end "
    "date is known), ended. Exit status 1 when a file was skipped because of errors."
))
@user_errors
def dates(
    paths: PathsArg = None,
    format: Annotated[DatesFormat, typer.Option("--format", "-f", help="table or json.")
                      ] = "table",
    as_of: AsOfOpt = None,
) -> None:
    """Effective date, current period, notice deadline, status and end of each convention."""
    from pncaf.dates.summary import dates_row

    day = parse_as_of(as_of)
    valid, skipped = load_conventions(paths)
    rows = [dates_row(c.convention, c.id, c.file, day) for c in valid if c.convention]
    if format == "json":
        _print_json([row.to_json() for row in rows])
    else:
        from pncaf.cli.tables import print_dates

        print_dates(rows, sys.stdout)
    raise typer.Exit(1 if skipped else 0)


AgendaFormat = Literal["table", "json", "ics"]


@app.command(rich_help_panel="Dates", epilog=(
    "Examples:\n\n"
    "  pncaf agenda                          # next 90 days and everything overdue\n\n"
    "  pncaf agenda --days 30 --format json\n\n"
    "  pncaf agenda --format ics -o echeances.ics --alarm 7   # import in your calendar\n\n"
    "Kinds: notice_deadline, renewal, end, report_due, committee_due, visit_due, "
    "training_due. Re-importing the .ics updates events instead of duplicating them."
))
@user_errors
def agenda(
    paths: PathsArg = None,
    days: Annotated[int, typer.Option("--days", "-d", min=0, max=3660,
                                      help="How many days ahead to look.")] = 90,
    format: Annotated[AgendaFormat, typer.Option("--format", "-f",
                                                 help="table, json or ics (iCalendar).")
                      ] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write to this file instead of the "
                                                "terminal.")] = None,
    alarm: Annotated[int | None, typer.Option("--alarm", min=0, max=365,
                                              help="With ics: a reminder this many days "
                                              "before each event.")] = None,
    as_of: AsOfOpt = None,
) -> None:
    """What falls due in the next N days, and what is overdue."""
    from pncaf.dates.agenda import agenda as agenda_of

    day = parse_as_of(as_of)
    valid, skipped = load_conventions(paths)
    items = sorted((item for c in valid if c.convention
                    for item in agenda_of(c.convention, c.id, c.file, day, days)),
                   key=lambda i: (i.date, i.convention, i.key))
    if format == "ics":
        from pncaf.outputs.ics import agenda_ics

        _emit(agenda_ics(items, day, alarm), output)
    elif format == "json":
        _emit(_json_text([item.to_json() for item in items]).encode(), output)
    elif output is not None:
        raise UsageError("-o writes json or ics: add --format json or --format ics")
    else:
        from pncaf.cli.tables import print_agenda

        print_agenda(items, sys.stdout, days)
    raise typer.Exit(1 if skipped else 0)


def _json_text(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _print_json(value: object) -> None:
    sys.stdout.write(_json_text(value))


def _emit(data: bytes, output: Path | None) -> None:
    """Write to `output` atomically, or to standard output."""
    if output is None:
        sys.stdout.buffer.write(data) if hasattr(sys.stdout, "buffer") else sys.stdout.write(
            data.decode())
        sys.stdout.flush()
        return
    from pncaf.files.atomic import write_bytes_atomic

    write_bytes_atomic(output, data)
    typer.echo(f"wrote {output}", err=True)


TemplatesOpt = Annotated[
    Path | None,
    typer.Option("--templates", metavar="DIR",
                 help="Folder of your own templates, looked up before the shipped ones. "
                      "Default: ./templates when it exists.", show_default=False),
]


def templates_folder(templates: Path | None) -> Path | None:
    if templates is not None and not templates.is_dir():
        raise UsageError(f"--templates {templates}: no such folder")
    return templates


def load_one(file: Path) -> Loaded:
    """One valid convention, or a clean error that says how to see what is wrong."""
    from pncaf.files.loader import load_file

    if not file.is_file():
        raise UsageError(f"{file}: no such file")
    loaded = load_file(file)
    if loaded.convention is None:
        raise UserError(f"{loaded.file} has {counted(len(loaded.errors), 'error')}: run "
                        f"`pncaf check {loaded.file}` and fix them first")
    return loaded


def document_format(output: Path) -> str:
    from pncaf.outputs.documents import output_format

    try:
        return output_format(output)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


DocumentMaker = Callable[["Convention", str, str, Path | None], bytes]


def write_document(file: Path, output: Path | None, default_name: str,
                   templates: Path | None, make: DocumentMaker) -> None:
    """Load one convention, render a document in the format of the output's extension,
    and write it atomically (nothing is written when rendering fails or is refused)."""
    from pncaf.files.atomic import write_bytes_atomic

    loaded = load_one(file)
    target = output or Path(f"{loaded.id}-{default_name}.pdf")
    fmt = document_format(target)
    folder = templates_folder(templates)
    convention = loaded.convention
    assert convention is not None
    data = make(convention, loaded.id, fmt, folder)
    write_bytes_atomic(target, data)
    typer.echo(f"wrote {target}", err=True)


@app.command(rich_help_panel="Documents", epilog=(
    "Examples:\n\n"
    "  pncaf certificate conventions/77-valbrune.yaml                # PDF, dated E\n\n"
    "  pncaf certificate conventions/77-valbrune.yaml -o hall.html\n\n"
    "  pncaf certificate conventions/77-valbrune.yaml --date 2026-03-14 -o cert.pdf\n\n"
    "The format follows the extension of -o: .pdf, .html or .md. Refused (and nothing "
    "written) for a draft, a withdrawn label or an ended convention."
))
@user_errors
def certificate(
    file: ConventionArg,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write "
                                                "(.pdf, .html, .md). Default: "
                                                "<id>-certificat.pdf")] = None,
    on: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD",
                                           help="Date printed on the certificate. Default: "
                                                "the effective date.", show_default=False)
                  ] = None,
    templates: TemplatesOpt = None,
) -> None:
    """The label certificate (annex 1) to display in the partner's hall."""
    from pncaf.outputs.documents import certificate as make_certificate

    day = parse_as_of(on) if on else None
    write_document(file, output, "certificat", templates,
                   lambda convention, id, fmt, folder: make_certificate(
                       convention, id, fmt, day, date.today(), folder))


@app.command(rich_help_panel="Documents", epilog=(
    "Examples:\n\n"
    "  pncaf sheet conventions/77-valbrune.yaml -o fiche-niveau2.pdf\n\n"
    "  pncaf sheet conventions/77-valbrune.yaml -o fiche.md"
))
@user_errors
def sheet(
    file: ConventionArg,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write "
                                                "(.pdf, .html, .md). Default: "
                                                "<id>-fiche-niveau2.pdf")] = None,
    templates: TemplatesOpt = None,
) -> None:
    """The level-2 contact sheet (annex 3), prefilled with the partner and the Caf."""
    from pncaf.outputs.documents import contact_sheet

    write_document(file, output, "fiche-niveau2", templates, contact_sheet)


@app.command(rich_help_panel="Documents", epilog=(
    "Examples:\n\n"
    "  pncaf reminders -o relances/                 # next 90 days and overdue items\n\n"
    "  pncaf reminders conventions/77-valbrune.yaml --days 30 -o relances/\n\n"
    "One .eml file per agenda item, addressed to the partner's email (else the Caf's "
    "level-2 address). Running it again rewrites the same files: no duplicates."
))
@user_errors
def reminders(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the .eml files "
                                         "(created if needed).", show_default=False)],
    paths: PathsArg = None,
    days: Annotated[int, typer.Option("--days", "-d", min=0, max=3660,
                                      help="How many days ahead to look.")] = 90,
    as_of: AsOfOpt = None,
    templates: TemplatesOpt = None,
) -> None:
    """One French e-mail (.eml) per agenda item: reports, notice, committee, visit…"""
    from pncaf.dates.agenda import agenda as agenda_of
    from pncaf.files.atomic import write_bytes_atomic
    from pncaf.outputs.documents import reminder

    day = parse_as_of(as_of)
    folder = templates_folder(templates)
    valid, skipped = load_conventions(paths)
    written = 0
    for loaded in valid:
        assert loaded.convention is not None
        for item in agenda_of(loaded.convention, loaded.id, loaded.file, day, days):
            message = reminder(item, loaded.convention, day, folder)
            write_bytes_atomic(output / message.filename, message.data)
            written += 1
    typer.echo(f"wrote {counted(written, 'message')} to {output}/", err=True)
    raise typer.Exit(1 if skipped else 0)


@app.command(rich_help_panel="Edit", epilog=(
    "Examples:\n\n"
    "  pncaf record conventions/77-valbrune.yaml report --date 2027-01-08 --period 2026-S2 "
    "--indicator accueils=270\n\n"
    "  pncaf record conventions/77-valbrune.yaml visit --date 2027-02-02 --outcome compliant\n\n"
    "  pncaf record conventions/77-valbrune.yaml training --date 2026-12-10 "
    "--attendee 'Karim Benali' --kind webinar\n\n"
    "  pncaf record conventions/93-x.yaml notice --date 2027-02-01 --by partner --sent "
    "2027-01-28 --dry-run\n\n"
    "The event is inserted in date order; nothing else in the file changes (comments, "
    "order, quotes). The file is checked before it is written; on any problem it is left "
    "as it was and the exit status is 1."
))
@user_errors
def record(
    file: ConventionArg,
    event: Annotated[EventKind, typer.Argument(help="report, committee, visit, training, "
                                               "notice, label_withdrawn or closure.",
                                               show_default=False)],
    on: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD",
                                    help="The day it happened or was received.",
                                    show_default=False)],
    period: Annotated[str | None, typer.Option(help="report: YYYY-S1 or YYYY-S2.")] = None,
    by: Annotated[Party | None, typer.Option(help="notice: who gives notice.")] = None,
    sent: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD",
                                             help="notice: the day it was sent.")] = None,
    outcome: Annotated[VisitOutcome | None, typer.Option(help="visit: the result.")] = None,
    attendee: Annotated[list[str] | None, typer.Option(help="training: a person who "
                                                       "attended (repeat for several).")
                        ] = None,
    kind: Annotated[TrainingKind | None, typer.Option(help="training: webinar or onsite.")
                    ] = None,
    reason: Annotated[str | None, typer.Option(help="label_withdrawn, closure: why.")] = None,
    until: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD",
                                              help="closure: last day closed.")] = None,
    note: Annotated[str | None, typer.Option(help="committee, visit: a short note.")] = None,
    indicator: Annotated[list[str] | None, typer.Option(metavar="NAME=COUNT",
                                                        help="report: one indicator "
                                                        "(repeat for several).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the change as a diff; "
                                          "write nothing.")] = False,
) -> None:
    """Add one event to a convention's history, changing nothing else in the file."""
    from pncaf.editing.record import EditError
    from pncaf.editing.record import record as record_event
    from pncaf.files.atomic import write_text_atomic
    from pncaf.files.loader import Loaded as LoadedFile
    from pncaf.files.loader import decode

    if not file.is_file():
        raise UsageError(f"{file}: no such file")
    values: dict[str, object] = {"date": parse_date_option("--date", on),
                                 "event": event}
    optional: dict[str, object | None] = {
        "period": period, "by": by,
        "sent": parse_date_option("--sent", sent) if sent else None,
        "outcome": outcome, "attendees": attendee or None, "kind": kind, "reason": reason,
        "until": parse_date_option("--until", until) if until else None, "note": note,
        "indicators": parse_indicators(indicator) if indicator else None,
    }
    values.update({k: v for k, v in optional.items() if v is not None})
    raw = file.read_bytes()
    holder = LoadedFile(file=str(file), id=file.stem)
    text = decode(raw, holder)
    if text is None:
        raise UserError(holder.diagnostics[0].message)
    try:
        edit = record_event(text, values, str(file))
    except EditError as exc:
        raise UserError(f"nothing recorded: {exc}") from None
    if dry_run:
        sys.stdout.write(edit.diff(str(file)))
        return
    write_text_atomic(file, edit.after)
    typer.echo(f"recorded {event} of {on} in {file}", err=True)


def parse_date_option(option: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date: write it YYYY-MM-DD") from None


def parse_indicators(values: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for value in values:
        name, sep, count = value.partition("=")
        if not sep or not name.strip() or not count.strip().isdigit():
            raise UsageError(f"--indicator {value!r}: write NAME=COUNT, e.g. accueils=412")
        out[name.strip()] = int(count)
    return out


def _text_option(help: str) -> Any:
    return typer.Option(help=help, show_default=False)


@app.command(rich_help_panel="Edit", epilog=(
    "Examples:\n\n"
    "  pncaf new conventions/77-nouvelle.yaml            # on a terminal: asks each value\n\n"
    "  pncaf new conventions/77-x.yaml --from conventions/77-valbrune.yaml \\\n"
    "      --partner-name 'Mairie de X' --siren 217709997 --partner-street '1 place' \\\n"
    "      --partner-postcode 77999 --partner-city X --partner-representative 'A. B' \\\n"
    "      --partner-title Maire --site-street '2 rue' --hours monday=09:00-12:00,14:00-17:00 "
    "\\\n      --hours tuesday=09:00-12:00,14:00-17:00\n\n"
    "--from copies the Caf's details from an existing convention. Without a terminal, "
    "every required value must be given as an option. Never overwrites a file."
))
@user_errors
def new(
    file: Annotated[Path, typer.Argument(help="The file to create.", show_default=False)],
    source: Annotated[Path | None, typer.Option("--from", help="Copy the Caf's details "
                                                "from this convention.")] = None,
    id: Annotated[str | None, _text_option("Convention id (default: the file name).")] = None,
    caf_name: Annotated[str | None, _text_option("Caf: full name.")] = None,
    caf_street: Annotated[str | None, _text_option("Caf: street.")] = None,
    caf_postcode: Annotated[str | None, _text_option("Caf: postcode.")] = None,
    caf_city: Annotated[str | None, _text_option("Caf: city.")] = None,
    caf_signing_city: Annotated[str | None, _text_option("Where the Caf signs (default: "
                                                         "its city).")] = None,
    caf_representative: Annotated[str | None, _text_option("Caf: signatory's name.")] = None,
    caf_title: Annotated[str | None, _text_option("Caf: signatory's title.")] = None,
    level2_contact: Annotated[str | None, _text_option("Caf: level-2 e-mail.")] = None,
    partner_name: Annotated[str | None, _text_option("Partner: name.")] = None,
    siren: Annotated[str | None, _text_option("Partner: SIREN.")] = None,
    partner_street: Annotated[str | None, _text_option("Partner: street.")] = None,
    partner_postcode: Annotated[str | None, _text_option("Partner: postcode.")] = None,
    partner_city: Annotated[str | None, _text_option("Partner: city.")] = None,
    partner_representative: Annotated[str | None, _text_option("Partner: representative's "
                                                               "name.")] = None,
    partner_title: Annotated[str | None, _text_option("Partner: representative's title.")
                             ] = None,
    partner_email: Annotated[str | None, _text_option("Partner: e-mail for reminders.")
                             ] = None,
    site_name: Annotated[str | None, _text_option("Site: name (default: the partner's).")
                         ] = None,
    site_street: Annotated[str | None, _text_option("Site: street (default: the "
                                                    "partner's).")] = None,
    site_postcode: Annotated[str | None, _text_option("Site: postcode.")] = None,
    site_city: Annotated[str | None, _text_option("Site: city.")] = None,
    hours: Annotated[list[str] | None, typer.Option(metavar="DAY=RANGES", help="Opening of "
                                                    "one day, e.g. monday=08:30-12:00,"
                                                    "14:00-17:30 (repeat per day).")] = None,
    computers: Annotated[int, typer.Option(min=0, help="Computers for the public.")] = 1,
    printers: Annotated[int, typer.Option(min=0, help="Printers for the public.")] = 1,
    scanners: Annotated[int, typer.Option(min=0, help="Scanners for the public.")] = 1,
    signed_caf: Annotated[str | None, _text_option("Caf's signature date, if signed.")
                          ] = None,
    signed_partner: Annotated[str | None, _text_option("Partner's signature date, if "
                                                       "signed.")] = None,
) -> None:
    """Create a new convention file that passes `pncaf check`."""
    from pncaf.editing.creation import QUESTIONS, Answers, caf_answers_from, convention_text
    from pncaf.files.atomic import create_text_atomic

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
    from pncaf.files.loader import Loaded as LoadedFile
    from pncaf.files.loader import load_text

    loaded = load_text(text, LoadedFile(file=str(file), id=file.stem))
    errors = [d for d in loaded.diagnostics + run_rules(loaded, date.today()) if d.is_error]
    if errors:
        details = "; ".join(f"line {d.line}: {d.message}" for d in errors[:3])
        raise UserError(f"nothing written, the convention would not pass `pncaf check`: "
                        f"{details}")


ExportFormat = Literal["mediation-num", "json"]


@app.command(rich_help_panel="Ecosystem", epilog=(
    "Examples:\n\n"
    "  pncaf export --format mediation-num -o 2026-11-27_caf77_lieux-de-mediation-numerique"
    "_77.csv\n\n"
    "  pncaf export conventions/ --format json\n\n"
    "One row per site whose label is in force on --as-of (drafts, ended conventions and "
    "withdrawn labels are left out), in the national « lieux de médiation numérique » "
    "schema v1.0.1."
))
@user_errors
def export(
    paths: PathsArg = None,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="mediation-num "
                                                 "(CSV) or json.")
                      ] = "mediation-num",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file "
                                                "instead of the terminal.")] = None,
    as_of: AsOfOpt = None,
) -> None:
    """Open-data export of the labelled sites (national médiation numérique schema)."""
    from pncaf.outputs import opendata

    day = parse_as_of(as_of)
    valid, skipped = load_conventions(paths)
    table = opendata.rows(((c.id, c.convention) for c in valid if c.convention), day)
    if format == "json":
        data = _json_text(opendata.to_json(table)).encode()
    else:
        data = opendata.to_csv(table).encode("utf-8")
    _emit(data, output)
    typer.echo(f"{counted(len(table), 'site')} exported from "
               f"{counted(len(valid), 'convention')} (only labels in force are exported)",
               err=True)
    raise typer.Exit(1 if skipped else 0)


@app.command(rich_help_panel="Documents", epilog=(
    "Examples:\n\n"
    "  pncaf report -o rapport/            # then open rapport/index.html\n\n"
    "  pncaf report conventions/ -o /tmp/copil --as-of 2027-01-15\n\n"
    "A static site that works offline and prints: an overview of every convention, a page "
    "per convention (opening hours, timeline, checks, certificate) and the network's "
    "figures semester by semester."
))
@user_errors
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the site "
                                         "(created if needed).", show_default=False)],
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    templates: TemplatesOpt = None,
) -> None:
    """A static HTML dashboard of the network for the steering committee."""
    from pncaf.files.loader import load_file
    from pncaf.outputs.dashboard import build_site

    day = parse_as_of(as_of)
    folder = templates_folder(templates)
    loaded = [load_file(path) for path in resolve_paths(paths)]
    build_site(loaded, day, output, folder)
    typer.echo(f"wrote the report of {counted(len(loaded), 'convention')}: open "
               f"{output / 'index.html'}", err=True)


@app.command(rich_help_panel="Ecosystem", epilog=(
    "Examples:\n\n"
    "  pncaf schema > pncaf.schema.json\n\n"
    "  pncaf schema -o .vscode/pncaf.schema.json\n\n"
    "Then put `# yaml-language-server: $schema=../pncaf.schema.json` at the top of a "
    "convention for completion and checks while you type."
))
@user_errors
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file "
                                                "instead of the terminal.")] = None,
) -> None:
    """Print the JSON Schema of the convention format, for editors."""
    from pncaf.format.editor_schema import schema_text

    _emit(schema_text().encode(), output)


def main() -> None:
    """Console-script entry point. Commands handle user errors themselves; this catches
    what is left (a bug) so that the user still sees one line, not a traceback."""
    try:
        app()
    except SystemExit:
        raise
    except Exception as exc:
        typer.echo(internal_error(exc), err=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
