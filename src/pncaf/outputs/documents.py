"""The documents pncaf produces: the label certificate (annex 1) and the level-2 contact sheet
(annex 3); reminder e-mails are in `outputs/reminders.py`. Builds the data each template
receives, and turns HTML into PDF. No terminal code here."""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from pncaf import errors
from pncaf.dates.term import Status, Term
from pncaf.format.models import Convention, LabelWithdrawnEvent, Site
from pncaf.outputs.templating import monthly_line, render, week_lines

FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md"}


class Refused(errors.Refused):
    """The certificate cannot be issued for this convention (the message says why).
    A user error: the command line reports it as one line and exits 1."""

    @property
    def reason(self) -> str:
        return str(self.args[0])

    def __str__(self) -> str:
        return f"no certificate written: {self.reason}"


def output_format(path: Path, formats: dict[str, str] = FORMATS) -> str:
    """The format a document is written in, chosen by the output's extension."""
    fmt = formats.get(path.suffix.lower())
    if fmt is None:
        shown = [s for s in formats if s != ".htm"]
        raise ValueError(f"{path}: the output's extension chooses the format: "
                         f"{', '.join(shown[:-1])} or {shown[-1]}")
    return fmt


# --- data for templates ---------------------------------------------------------------------

_IMMUTABLE = (str, int, float, bool, date, type(None))


def plain(value: Any) -> Any:
    """`dataclasses.asdict` of a model's value (dicts, lists and tuples copied, a dataclass
    as the dict of its fields), without asking `copy.deepcopy` to copy each text, number
    and date, which it returns as they are: four fifths of asdict's time, and a dashboard
    page asks for ten (`tests/test_page_rows.py` holds the two to the same result)."""
    if isinstance(value, _IMMUTABLE):
        return value
    kind: type = type(value)
    names = _field_names(kind)
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if type(value) in (list, tuple):
        return type(value)(plain(item) for item in value)
    if type(value) is dict:
        return {plain(key): plain(item) for key, item in value.items()}
    return copy.deepcopy(value)


@lru_cache(maxsize=256)
def _field_names(kind: type) -> tuple[str, ...] | None:
    """The names of the fields of a dataclass, in order (None for any other type): asked
    of `dataclasses` once per class, not for each value (a third of `plain`'s time)."""
    return tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None


def site_context(site: Site) -> dict[str, Any]:
    return {
        "name": site.name,
        "address": plain(site.address),
        "week": week_lines(site.hours.as_dict()),
        "monthly": [monthly_line(m.nth, m.weekday, list(m.hours), m.note) for m in site.monthly],
        "manager": plain(site.manager) if site.manager else None,
        "equipment": plain(site.equipment) if site.equipment else None,
    }


def convention_context(convention: Convention, convention_id: str,
                       sites: Sequence[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Plain values only: templates never see model objects. `sites`: each site's
    `site_context` when the caller has made them already (the dashboard's page shows them
    too)."""
    return {
        "id": convention_id,
        "caf": plain(convention.caf),
        "partner": plain(convention.partner),
        "sites": list(sites) if sites is not None else [site_context(site)
                                                         for site in convention.sites],
        "effective": convention.effective_date,
    }


# --- certificate (annex 1) -------------------------------------------------------------------

def certificate_refusal(convention: Convention, on: date, today: date) -> str | None:
    """Why no certificate can be issued, or None. The label starts with the convention
    (Art. 11) and ends with it or with its withdrawal (Art. 6): a certificate is issued only
    while the label is in force on `today`, and never dated after it. The dashboard
    (`pncaf report`) and `pncaf certificate` both ask this one question."""
    term = Term.at(convention, today)
    if term.effective is None:
        return ("the convention is a draft (not signed yet): a certificate can be issued once "
                "both signature dates are filled in")
    withdrawn = [e for e in convention.history if isinstance(e, LabelWithdrawnEvent)]
    if withdrawn:
        return (f"the label was withdrawn on {withdrawn[0].date.isoformat()} "
                f"({withdrawn[0].reason}): no certificate can be issued")
    if term.status(today) is Status.ENDED:
        return (f"the convention ended on {term.ends_on.isoformat() if term.ends_on else '?'}: "
                "no certificate can be issued")
    if not term.label_in_force(today):
        return (f"the convention takes effect on {term.effective.isoformat()}, after today "
                f"({today.isoformat()}): a certificate can be issued from that day")
    if on > today:
        return (f"--date {on.isoformat()} is after today ({today.isoformat()}): a certificate "
                "is dated on or before the day it is issued")
    if on < term.effective:
        return (f"--date {on.isoformat()} is before the label starts "
                f"({term.effective.isoformat()}, when the convention takes effect)")
    if term.ends_on is not None and on > term.ends_on:
        return f"--date {on.isoformat()} is after the convention ends ({term.ends_on.isoformat()})"
    return None


def certificate(convention: Convention, convention_id: str, fmt: str, on: date | None,
                today: date, templates: Path | None = None,
                sites: Sequence[dict[str, Any]] | None = None) -> bytes:
    """The certificate as PDF, HTML or Markdown bytes; raises Refused when not allowed.
    `sites`: as `convention_context` takes them."""
    effective = convention.effective_date
    day = on or effective or today
    reason = certificate_refusal(convention, day, today)
    if reason:
        raise Refused(reason)
    context = {**convention_context(convention, convention_id, sites), "date": day}
    return _document("certificate", fmt, context, templates)


# --- level-2 contact sheet (annex 3) --------------------------------------------------------

def contact_sheet(convention: Convention, convention_id: str, fmt: str,
                  templates: Path | None = None) -> bytes:
    return _document("sheet", fmt, convention_context(convention, convention_id), templates)


def _document(name: str, fmt: str, context: dict[str, Any], templates: Path | None) -> bytes:
    if fmt == "md":
        return render(f"{name}.md.j2", context, templates).encode("utf-8")
    html = tie_quotes(render(f"{name}.html.j2", context, templates))
    if fmt == "html":
        return html.encode("utf-8")
    return html_to_pdf(html)


_OPENING = re.compile(r"«[^\S\u00a0]+")
#: Every character `str.isspace` (and the regular expressions' `\s`) takes for a space, but
#: the no-break space.
SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
          "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def tie_quotes(html: str) -> str:
    """« Point numérique Caf »: the quotation marks held to their words by no-break spaces,
    as French typography wants, so that no printed line ends on « or starts with ». The
    spaces before a » are found from each », not by a pattern tried at every space of
    the page (such a pattern took a quarter of a certificate's time)."""
    parts = _OPENING.sub("«\u00a0", html).split("»")
    for index in range(len(parts) - 1):
        kept = parts[index].rstrip(SPACES)
        if len(kept) != len(parts[index]):
            parts[index] = kept + "\u00a0"
    return "»".join(parts)


def html_to_pdf(html: str) -> bytes:
    """A4 PDF with the fonts embedded; no network (WeasyPrint only reads local files)."""
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return bytes(HTML(string=html, url_fetcher=_no_network()).write_pdf())


def _no_network() -> Any:
    """A WeasyPrint URL fetcher (an object since WeasyPrint 70) that fetches nothing: a URL
    in a template, `http:` or `file:`, is left out of the PDF instead of being read."""
    from weasyprint.urls import URLFetcher

    class NoNetwork(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"pncaf documents never fetch anything ({url})")

    return NoNetwork(fail_on_errors=False)


# --- file names -----------------------------------------------------------------------------

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(text: str) -> str:
    """A file-name part built from data: no separators, no dots at the start."""
    return _SAFE.sub("-", text).strip(".-")[:80] or "x"
