"""Per-convention date summaries: what `pncaf dates` shows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pncaf.dates.term import Period, Status, Term
from pncaf.format.loader import Loaded
from pncaf.format.models import Convention
from pncaf.format.stream import Skipped, each_convention, valid_values


@dataclass(frozen=True)
class DatesRow:
    id: str
    file: str
    partner: str
    status: Status
    effective: date | None
    period: Period | None
    notice_deadline: date | None
    ends_on: date | None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "file": self.file,
            "status": self.status.value,
            "effective": self.effective.isoformat() if self.effective else None,
            "period": self.period.to_json() if self.period else None,
            "notice_deadline": self.notice_deadline.isoformat() if self.notice_deadline
            else None,
            "ends_on": self.ends_on.isoformat() if self.ends_on else None,
        }


def dates_row(convention: Convention, id: str, file: str, day: date) -> DatesRow:
    term = Term.at(convention, day)
    return DatesRow(
        id=id, file=file, partner=convention.partner.name, status=term.status(day),
        effective=term.effective, period=term.current_period(day),
        notice_deadline=term.next_notice_deadline(day), ends_on=term.ends_on,
    )


def network_dates(files: Sequence[Path], day: date, on_skipped: Callable[[Skipped], None],
                  ) -> list[DatesRow]:
    """The row of every valid convention among `files`, in file order, reading them one
    at a time (`pncaf dates`)."""
    def row(loaded: Loaded) -> DatesRow:
        assert loaded.convention is not None
        return dates_row(loaded.convention, loaded.id, loaded.file, day)

    return valid_values(each_convention(files, row), on_skipped)
