"""Terminal tables for `dates` and `agenda` (rich). Layout only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from pncaf.dates.agenda import AgendaItem
from pncaf.dates.summary import DatesRow
from pncaf.french import KIND_FR, STATUS_FR, medium_date
from pncaf.printable import shown

STATUS_STYLE = {"draft": "dim", "upcoming": "cyan", "active": "green",
                "terminating": "yellow", "ended": "red"}


def _console(out: IO[str]):  # type: ignore[no-untyped-def]
    from rich.console import Console

    isatty = getattr(out, "isatty", None)
    width = None if isatty and isatty() else 160   # pipes and files: no 80-column squeeze
    return Console(file=out, highlight=False, soft_wrap=False, width=width)


def _cell(value: object) -> str:
    """A value from a file, as rich prints it: no control characters, no markup."""
    from rich.markup import escape

    return escape(shown(value))


def print_dates(rows: Sequence[DatesRow], out: IO[str]) -> None:
    from rich.table import Table

    table = Table(title=None, show_lines=False)
    table.add_column("Convention", no_wrap=True)
    table.add_column("Partenaire")
    for header in ("Statut", "Effet", "Période en cours", "Préavis reçu au plus tard le",
                   "Dernier jour"):
        table.add_column(header)
    for row in rows:
        period = (f"n° {row.period.number} : {medium_date(row.period.start)} → "
                  f"{medium_date(row.period.end)}" if row.period else "—")
        table.add_row(
            _cell(row.id), _cell(row.partner),
            f"[{STATUS_STYLE[row.status.value]}]{STATUS_FR[row.status.value]}[/]",
            medium_date(row.effective) if row.effective else "non signée",
            period,
            medium_date(row.notice_deadline) if row.notice_deadline else "—",
            medium_date(row.ends_on) if row.ends_on else "—",
        )
    _console(out).print(table)


def print_agenda(items: Sequence[AgendaItem], out: IO[str], days: int) -> None:
    from rich.table import Table

    console = _console(out)
    if not items:
        console.print(f"Rien à faire dans les {days} prochains jours, et rien en retard.")
        return
    table = Table()
    table.add_column("Date", no_wrap=True)
    table.add_column("Quoi", no_wrap=True)
    table.add_column("Convention", no_wrap=True)
    table.add_column("Détail")
    for item in items:
        when = medium_date(item.date)
        if item.overdue:
            when = f"[bold red]{when} (en retard)[/]"
        table.add_row(when, KIND_FR[item.kind], _cell(item.convention), _cell(item.title))
    console.print(table)
    late = sum(1 for i in items if i.overdue)
    console.print(f"{len(items)} échéance{'s' if len(items) > 1 else ''}, dont {late} en retard.")
