"""`equipment` (Art. 4, 8): the sites together offer the public a computer and a scanner.

Art. 8 lists the point's equipment as a whole: one scanner in one of three sites is
enough; a site without any equipment is not a finding by itself.

Fails:
    sites:
      - name: Point d'accueil
        address: {street: 2 rue du Point, postcode: "77270", city: Villeparisis}
        hours:
          monday: ["09:00-12:00", "14:00-17:00"]
          tuesday: ["09:00-12:00", "14:00-17:00"]
        equipment: {computers: 1, printers: 1, scanners: 0}

Passes:
    sites:
      - name: Point d'accueil
        address: {street: 2 rue du Point, postcode: "77270", city: Villeparisis}
        hours:
          monday: ["09:00-12:00", "14:00-17:00"]
          tuesday: ["09:00-12:00", "14:00-17:00"]
        equipment: {computers: 1, printers: 1, scanners: 1}
"""

from __future__ import annotations

from collections.abc import Iterator

from pncaf.checks.rules.base import Finding, Found, Rule, RuleContext
from pncaf.problems import Severity


def check(ctx: RuleContext) -> Iterator[Finding]:
    sites = ctx.convention.sites
    listed = [(i, site.equipment) for i, site in enumerate(sites) if site.equipment]
    if not listed:
        yield Found(ctx.at("sites"), (
            "no site lists its equipment for the public: add `equipment: {computers: 1, "
            "printers: 1, scanners: 1}` with the real counts to the site that has it (Art. 8)"),
            fr=lambda: "aucun site n'indique son équipement : ajoutez `equipment: {computers: 1, "
               "printers: 1, scanners: 1}` au site qui l'accueille, avec les vrais nombres "
               "(art. 8)")
        return
    missing = [(en, fr) for en, fr, count in (
        ("computer", "ordinateur", sum(e.computers for _, e in listed)),
        ("scanner", "scanner", sum(e.scanners for _, e in listed))) if count < 1]
    if missing:
        where = "the site" if len(sites) == 1 else "the sites together"
        where_fr = "le site" if len(sites) == 1 else "les sites réunis"
        yield Found(ctx.at("sites", listed[0][0], "equipment"), (
            f"{where} offer no {' and no '.join(en for en, _ in missing)} to the public: users "
            "must be able to go online and send their documents (Art. 4, 8); add one to a "
            "site's `equipment`").replace("the site offer ", "the site offers "),
            fr=lambda: (f"{where_fr} n'offre{'nt' if len(sites) > 1 else ''} au public aucun "
                f"{' ni aucun '.join(fr for _, fr in missing)} : les usagers doivent pouvoir "
                "se connecter et transmettre leurs documents (art. 4 et 8)"))


RULE = Rule("equipment", Severity.WARNING, check, True, "Art. 4, 8",
            "the sites together offer no computer, or no scanner, to the public",
            "équipement", __doc__ or "")
