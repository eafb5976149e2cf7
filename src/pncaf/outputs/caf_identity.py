"""Which Caf a reminder speaks for: the convention's, and the one `[mail] from` names.

A team's pncaf.toml is one Caf's (« Caf de Seine-et-Marne — Partenariats <…> »); a
convention of another Caf in its folder (a file copied from a colleague, a shared drive
mixing two departments) would get a message From the one Caf and signed for the other
(the signature names the convention's Caf). `other_caf` tells when the sender's name names
a Caf other than the convention's: by its place (« de Seine-et-Marne », « du Loiret »), or
by its department number (« Caf 77 »). A sender that names no Caf cannot be compared, and
is taken as right.
"""

from __future__ import annotations

import re
import unicodedata
from email.utils import parseaddr
from functools import lru_cache

from pncaf.format.models import Convention

_CAF = re.compile(r"\b(?:caisse d'allocations familiales|caf)\b\s*(?P<place>.*)", re.I)
#: What ends the Caf's name in a sender's name: « Caf de X — Partenariats », « Caf de X, … »
_END = re.compile(r"\s+[—–-]\s+|[,(/|<]")
_ARTICLE = re.compile(r"^(?:de la |de l'|du |des |de |d')")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=256)             # asked of the same few names for every reminder of a run
def caf_place(name: str) -> str | None:
    """« Caisse d'allocations familiales de la Seine-Saint-Denis » → `seinesaintdenis`,
    « Caf 77 — Partenariats » → `77`; None when the name names no Caf."""
    found = _CAF.search(_plain(name))
    if found is None:
        return None
    place = _END.split(found.group("place"), maxsplit=1)[0].strip()
    place = _ARTICLE.sub("", place)
    place = re.sub(r"[^a-z0-9]", "", place)
    return place or None


def other_caf(sender: str | None, convention: Convention) -> str | None:
    """The Caf `sender` (`[mail] from`) names when it is not the convention's, else None."""
    if not sender:
        return None
    name = _sender_name(sender)
    said = caf_place(name)
    own = caf_place(convention.caf.name)
    if said is None or own is None:
        return None
    if said.isdigit():
        department = convention.caf.address.postcode[:len(said)]
        return None if said == department else name
    return None if said == own else name


@lru_cache(maxsize=64)
def _sender_name(sender: str) -> str:
    return parseaddr(sender)[0] or sender
