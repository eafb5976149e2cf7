"""`/`: the network, the most urgent first (the dashboard's priorities), filtered and
sorted through GET parameters, so that a link keeps the view and no script is needed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from flask import request

from pncaf.web.views.common import overview, page

if TYPE_CHECKING:
    from flask import Flask

    from pncaf.actions.overview import ConventionRow

SORTS = {
    "urgence": ("l'urgence", None),
    "partenaire": ("le partenaire", lambda r: r.partner.casefold()),
    "statut": ("le statut", lambda r: r.status or ""),
    "date": ("la prochaine date", lambda r: r.next_date or date.max),
    "erreurs": ("le nombre d'erreurs", lambda r: (-r.errors, -r.warnings)),
}


def register(app: Flask) -> None:
    app.add_url_rule("/", "network", network)


def network() -> str:
    network = overview()
    query = request.args.get("q", "").strip()[:100]
    status = request.args.get("statut", "")
    sort = request.args.get("tri", "urgence")
    sort = sort if sort in SORTS else "urgence"
    rows = filtered(network.rows, query, status)
    key = SORTS[sort][1]
    if key is not None:
        rows = sorted(rows, key=key)
    if request.args.get("ordre") == "desc":
        rows.reverse()
    return page("network.html", title="Le réseau", overview=network, rows=rows,
                query=query, status=status, sort=sort, sorts=SORTS,
                order=request.args.get("ordre", "asc"),
                errors=sum(r.errors for r in network.rows),
                warnings=sum(r.warnings for r in network.rows))


#: The apostrophes a name may be written with, each read as the keyboard's « ' ».
APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc\u00b4`", "'"))


def folded(text: str) -> str:
    """`text` without accents nor case (« Haÿ » → « hay »), as an officer types a search;
    a typographic apostrophe reads as the keyboard's (« l’Écho » found by « l'echo »)."""
    from unicodedata import category, normalize

    plain = text.translate(APOSTROPHES)
    return "".join(c for c in normalize("NFKD", plain) if category(c) != "Mn").casefold()


def filtered(rows: list[ConventionRow], query: str, status: str) -> list[ConventionRow]:
    """The rows whose partner, id, file or SIREN holds `query` (accents and case aside;
    spaces aside for a SIREN typed « 217 709 997 ») and whose status is `status`
    (« erreurs » keeps the files with errors)."""
    needle = folded(query)
    digits = needle.replace(" ", "")
    kept = [r for r in rows if not needle or needle in folded(r.partner)
            or needle in folded(r.id) or needle in folded(r.file)
            or (digits.isdigit() and digits in r.siren)]
    if status == "erreurs":
        return [r for r in kept if r.errors]
    if status == "retard":
        return [r for r in kept if r.overdue]
    return [r for r in kept if not status or r.status == status]
