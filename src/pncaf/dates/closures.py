"""Exceptional closures (Art. 4): which sites are closed on a day, and until when.

A `closure` event runs from its `date` to its `until`, both included, and closes the site
it names, or every site when it names none.
"""

from __future__ import annotations

from datetime import date

from pncaf.format.models import ClosureEvent, Convention, Site


def closures(convention: Convention) -> list[ClosureEvent]:
    return [e for e in convention.history if isinstance(e, ClosureEvent)]


def closure_of(convention: Convention, site: Site, day: date) -> ClosureEvent | None:
    """The closure that keeps `site` closed on `day`, if any."""
    for event in closures(convention):
        if event.date <= day <= event.until and event.site in (None, site.name):
            return event
    return None


def open_sites(convention: Convention, day: date) -> list[Site]:
    """The sites not closed on `day`."""
    return [site for site in convention.sites if closure_of(convention, site, day) is None]
