"""`prefecture-id`: the préfecture's ACTES id is well formed and agrees with the file.

The id (`077-217705144-20240110-24_001-DE`) carries the département, the partner's SIREN
and the date of the decision: a mistyped one is found by comparing them with the partner's
SIREN and postcode and with the dates of transmission and receipt.

Fails:
    prefecture: {id: 077-217700000-20240110-22_07169-DE, transmitted: 2024-01-10}

Passes:
    prefecture: {id: 077-217705144-20240110-24_001-DE, transmitted: 2024-01-12}
"""

from __future__ import annotations

from collections.abc import Iterator

from pncaf.checks.rules.base import Finding, Found, Rule, RuleContext
from pncaf.format.identifiers import department_of_postcode, parse_actes_id
from pncaf.french import long_date
from pncaf.problems import Severity


def check(ctx: RuleContext) -> Iterator[Finding]:
    conv = ctx.convention
    pref = conv.prefecture
    if pref is None:
        return
    at_id = ctx.at_value("prefecture", "id")
    actes, problem = parse_actes_id(pref.id)
    if actes is None:
        yield Found(at_id, f"{problem}; copy it from the acknowledgement",
                    fr=lambda: "identifiant ACTES mal formé : recopiez-le depuis l'accusé de "
                               "réception de la préfecture")
        return
    if actes.siren != conv.partner.siren:
        yield Found(at_id, (
            f"the ACTES id carries SIREN {actes.siren}, but the partner's is "
            f"{conv.partner.siren}: one of the two is mistyped"),
            fr=lambda: (f"l'identifiant ACTES porte le SIREN {actes.siren}, celui du "
                        f"partenaire est {conv.partner.siren} : l'un des deux est mal saisi"))
    postcode = conv.partner.address.postcode
    if not postcode.startswith("20") and actes.department != department_of_postcode(postcode):
        yield Found(at_id, (
            f"the ACTES id starts with département {actes.department}, but the partner's "
            f"postcode {postcode} is in {department_of_postcode(postcode)}"),
            fr=lambda: (f"l'identifiant ACTES commence par le département {actes.department}, "
                        f"mais le code postal du partenaire ({postcode}) est dans le "
                        f"{department_of_postcode(postcode)}"))
    if actes.decided > pref.transmitted:
        yield Found(at_id, (
            f"the ACTES id is dated {actes.decided.isoformat()}, after its transmission on "
            f"{pref.transmitted.isoformat()}: check both dates"),
            fr=lambda: (f"l'identifiant ACTES est daté du {long_date(actes.decided)}, après sa "
                        f"transmission le {long_date(pref.transmitted)} : vérifiez les deux "
                        "dates"))
    if pref.received is not None and pref.received < pref.transmitted:
        received = pref.received
        yield Found(ctx.at_value("prefecture", "received"), (
            f"received on {received.isoformat()}, before it was transmitted on "
            f"{pref.transmitted.isoformat()}: check both dates"),
            fr=lambda: (f"reçu le {long_date(received)}, avant sa transmission le "
                        f"{long_date(pref.transmitted)} : vérifiez les deux dates"))


RULE = Rule("prefecture-id", Severity.WARNING, check, True, None,
            "malformed ACTES id, or one inconsistent with the partner's SIREN or "
            "the transmission date", "accusé de réception préfecture", __doc__ or "")
