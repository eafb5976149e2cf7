"""The convention itself, for signature: Markdown, HTML, PDF and Word.

One text, `convention.md.j2`, written in pncaf's words on the model's structure: the HTML
(and the PDF, through WeasyPrint as for the certificate) is that text turned into HTML by
markdown-it; the data is Markdown-escaped once, as the template prints it
(`templating.markdown_text`), so that `<b>` or `&` in a street print as typed. The Word
file is rendered by docxtpl from a Word template with Jinja tags (`convention.docx`: the
user's templates folder first, else the one shipped, made from the same text by
scripts/make_convention_docx.py), in the same sandbox as every other template.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from pncaf.format.models import Convention, Site
from pncaf.outputs.hours_fr import count_phrase, listing, monthly_phrase, week_phrase, years_phrase
from pncaf.outputs.templating import (
    TemplateProblem,
    environment,
    render,
    shipped_folder,
    user_folder,
    with_article,
)

FORMATS = {".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md"}
WORD_TEMPLATE = "convention.docx"
SIGNATURE = "Signature et cachet :"     # the line under each signatory: room to sign follows


def output_format(path: Path) -> str:
    """.docx, .pdf, .html or .md, by the output's extension."""
    from pncaf.outputs.documents import output_format as chosen_by_extension

    return chosen_by_extension(path, FORMATS)


# --- the values the templates receive ---------------------------------------------------------

# The nouns a partner's name starts with that are feminine; any other (Centre, CCAS,
# Espace, Syndicat…) is taken as masculine, as the model convention's « le Partenaire ».
_FEMININE_NOUNS = frozenset({
    "mairie", "commune", "ville", "association", "communauté", "maison", "médiathèque",
    "bibliothèque", "fédération", "agence", "métropole", "mission", "régie", "structure",
    "union", "société", "caisse", "fondation", "mutuelle", "préfecture", "sous-préfecture",
    "direction", "école", "université", "collectivité", "résidence", "permanence", "antenne",
    "cité", "ligue", "coopérative", "entreprise", "organisation", "plateforme", "scop", "sarl",
    "sas", "mjc", "maison-france-services"})


def feminine_name(name: str) -> bool:
    """« Mairie de Valbrune » → True, « Centre social La Passerelle » → False: whether the
    words that follow a partner's name agree in the feminine (« représentée »)."""
    words = re.sub(r"^(la|le|les|l['’])\s*", "", name.strip(), flags=re.IGNORECASE).split()
    return bool(words) and words[0].lower().strip(",.") in _FEMININE_NOUNS


def possessive(title: str) -> str:
    """« Directrice » → « sa Directrice », « Maire » → « son Maire », « Adjointe » → « son
    Adjointe » (French uses « son » before a vowel)."""
    with_it = with_article(title)
    article, _, rest = with_it.partition(" ")
    if with_it.startswith(("L’", "L'")):
        return f"son {with_it[2:]}"
    return f"{'sa' if article == 'La' else 'son'} {rest}"


def equipment_text(site: Site) -> str:
    if site.equipment is None:
        return ""
    e = site.equipment
    return listing([count_phrase(e.computers, "ordinateur"),
                    count_phrase(e.printers, "imprimante", feminine=True),
                    count_phrase(e.scanners, "scanner")])


def site_values(site: Site) -> dict[str, Any]:
    return {
        "name": site.name,
        "address": asdict(site.address),
        "hours_text": week_phrase(site.hours.as_dict()),
        "monthly": [monthly_phrase(m.nth, m.weekday, list(m.hours), m.note)
                    for m in site.monthly],
        "manager": asdict(site.manager) if site.manager else None,
        "equipment": asdict(site.equipment) if site.equipment else None,
        "equipment_text": equipment_text(site),
    }


def _hours_text(hours: float) -> str:
    """12 → « 12 heures », 12.5 → « 12 heures 30 »."""
    minutes = round(hours * 60)
    whole, rest = divmod(minutes, 60)
    return f"{whole} heure{'s' if whole > 1 else ''}" + (f" {rest:02d}" if rest else "")


def document_values(convention: Convention, convention_id: str,
                    indicators: Sequence[str], on: date | None = None) -> dict[str, Any]:
    """Plain values only (templates never see model objects); the list is in
    docs/documents.md for those who tag their own Word model."""
    signed = [d for d in (convention.signed.caf, convention.signed.partner) if d is not None]
    term = convention.term
    years = years_phrase(term.years)
    prefecture = asdict(convention.prefecture) if convention.prefecture else None
    return {
        "id": convention_id,
        "caf": asdict(convention.caf),
        "partner": asdict(convention.partner),
        "caf_by": possessive(convention.caf.representative.title),
        "partner_by": possessive(convention.partner.representative.title),
        "partner_e": "e" if feminine_name(convention.partner.name) else "",
        "sites": [site_values(site) for site in convention.sites],
        "engagements": {**asdict(convention.engagements), "min_weekly_hours_text":
                        _hours_text(convention.engagements.min_weekly_hours)},
        "term": {**asdict(term), "years_text": years,
                 "duration_text": f"d'{years}" if years[0] in "aeiou" else f"de {years}"},
        "effective": convention.effective,
        "signature_date": on or (max(signed) if len(signed) == 2 else None),
        "prefecture": prefecture,
        "indicators": list(indicators),
    }


# --- rendering ----------------------------------------------------------------------------------

def convention_document(convention: Convention, convention_id: str, fmt: str,
                        indicators: Sequence[str], on: date | None = None,
                        templates: Path | None = None) -> bytes:
    values = document_values(convention, convention_id, indicators, on)
    if fmt == "docx":
        return word(values, templates)
    text = render("convention.md.j2", values, templates)
    if fmt == "md":
        return text.encode("utf-8")
    body = markdown_html(text).replace(f"<p>{SIGNATURE}</p>", f'<p class="sign">{SIGNATURE}</p>')
    from pncaf.outputs.documents import html_to_pdf, tie_quotes

    html = tie_quotes(render("convention.html.j2", {**values, "body": body}, templates))
    if fmt == "html":
        return html.encode("utf-8")
    return html_to_pdf(html)


def markdown_html(text: str) -> str:
    """CommonMark to HTML; raw HTML in the text (hence in the data) is escaped, not kept."""
    from markdown_it import MarkdownIt

    return str(MarkdownIt("commonmark", {"html": False}).render(text))


def word_template(templates: Path | None) -> Path:
    """The user's `convention.docx` when there is one, else the shipped one."""
    folder = user_folder(templates)
    if folder is not None and (folder / WORD_TEMPLATE).is_file():
        return folder / WORD_TEMPLATE
    return shipped_folder() / WORD_TEMPLATE


def word(values: Mapping[str, Any], templates: Path | None = None) -> bytes:
    """The Word file, rendered by docxtpl with pncaf's sandboxed Jinja environment (XML
    escaping on, so that data stays data)."""
    import zipfile

    import jinja2
    from docxtpl import DocxTemplate

    source = word_template(templates)
    env = environment(templates).overlay(autoescape=True)
    from pncaf.files.office import OfficeFileRefused, checked

    try:
        document = DocxTemplate(io.BytesIO(checked(source, str(source), "docx")))
        document.render(dict(values), env)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"{source}: Jinja syntax error in the Word template: "
                              f"{exc.message} (a tag split by Word's formatting? retype it "
                              "in one go)") from None
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(f"{source}: {exc.message} (a value the Word template uses is "
                              "missing: see the list of values in docs/documents.md)") from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateProblem(f"{source}: refused by the template sandbox: {exc}") from None
    except jinja2.TemplateError as exc:
        raise TemplateProblem(f"{source}: {exc}") from None
    except OfficeFileRefused as refused:
        raise TemplateProblem(str(refused)) from None
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateProblem(f"{source}: not a Word (.docx) template that can be read "
                              f"({exc})") from None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
