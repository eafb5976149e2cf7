"""Which semester's annex 2 form an officer most likely wants: the oldest report still
owed (over, in force on some of its days, and not recorded), else the semester running
now when the convention is in force in it, else the last semester it was in force (a
correction). Never a semester with no day in force: its form would be refused."""

from __future__ import annotations

from datetime import date

from pncaf.dates.duties import Semester, days_in_force, reports
from pncaf.dates.term import Term
from pncaf.format.models import Convention


def form_semester(convention: Convention, today: date) -> str | None:
    """`YYYY-Sn` of the form to offer first, or None for a convention not in force yet
    (a draft: no form is owed)."""
    term = Term.of(convention)
    owed = reports(convention, term, today)
    missing = [s for s in owed if s.received is None and s.last_day < today]
    if missing:
        return missing[0].semester.label
    running = Semester.containing(today)
    if days_in_force(running, term) is not None:
        return running.label
    return owed[-1].semester.label if owed else None
