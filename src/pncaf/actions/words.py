"""The French words the faces show for the format's English values (statuses, agenda
items, events, severities), and French dates: one vocabulary for the dashboard, `diff` and
the web pages."""

from __future__ import annotations

from datetime import date

from pncaf.french import EVENT_FR, KIND_FR, STATUS_FR

__all__ = ["CHOICE_FR", "EVENT_FR", "KIND_FR", "SEVERITY_FR", "STATUS_FR", "french_date"]

SEVERITY_FR = {"error": "erreur", "warning": "avertissement", "info": "information"}
#: The values of an event's choices (`outcome`, `kind`, `by`) as the record form offers them.
CHOICE_FR = {"compliant": "conforme", "action_plan": "plan d'action",
             "non_compliant": "non conforme", "webinar": "webinaire", "onsite": "présentiel",
             "partner": "le partenaire", "caf": "la Caf"}


def french_date(day: date | None) -> str:
    """« 2 février 2027 », or « — » when there is none."""
    from pncaf.french import long_date

    return long_date(day) if day else "—"
