"""`personal-data` (Art. 5): no social-security number and no credential anywhere in the
file, comments included.

The partner must not keep users' personal data, and a convention file is shared, copied
and kept in git: a NIR (with a valid key) or a `mot de passe: …` written in it is an error
even when the rest of the file is broken. The message masks the number and says where the
older copies are that must be purged too.

Fails:
    # usager : 1 84 12 76 451 089 46

The values YAML reads are searched too, for a number that only they show: written with
escapes (`"\\x31 84…"`) or folded over two lines.

Passes:
    # usager reçu le 12 mars, dossier transmis à la Caf
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from pncaf.checks.rules.base import Finding, Found, Rule, RuleContext
from pncaf.format.personal_data import credential_findings, hidden_nirs
from pncaf.problems import Severity


def _fr(what: str) -> str:
    return (f"{what} est écrit ici : l'article 5 interdit de conserver les données "
            "personnelles des usagers ; supprimez-le, ainsi que ses copies antérieures")


def check(ctx: RuleContext) -> Iterator[Finding]:
    text = ctx.loaded.text or ""
    for position, message in credential_findings(text):
        what = ("un numéro de sécurité sociale" if message.startswith("a social-security")
                else "un identifiant de connexion")
        yield Found(position, message, fr=partial(_fr, what))
    # what only the values read out of the text show (escapes, a number folded over lines)
    for path, message in hidden_nirs(text, ctx.loaded.data):
        yield Found(ctx.at_value(*path), message, fr=partial(_fr, "un numéro de sécurité "
                                                                "sociale"))


RULE = Rule("personal-data", Severity.ERROR, check, False, "Art. 5",
            "a social-security number or a credential in the file, comments included",
            "données personnelles", __doc__ or "")
