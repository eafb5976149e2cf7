"""A convention cut into parts, each replaceable by another Caf's wording, for the table
tests of phrasings (tests/test_import_phrasings.py) and the officer's trial."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PARTS: dict[str, list[str]] = {
    "title": ["Convention de partenariat Point numérique Caf"],
    "parties": [
        "Entre",
        "La Caisse d'allocations familiales du Loiret",
        "Adresse : 2 place Saint-Charles, 45000 Orléans",
        "Représentée par son Directeur, Monsieur Paul LEROY",
        "ci-après dénommée la Caf,",
        "et",
        "La Commune de Saran",
        "SIREN : 214503021",
        "Adresse : 1 place de la Liberté, 45770 Saran",
        "Représentée par son Maire, Madame Claire DUBOIS",
        "ci-après dénommée le Partenaire,",
    ],
    "preamble": ["Préambule", "Il est convenu ce qui suit :"],
    "art1": ["Article 1. Objet", "La présente convention définit le partenariat."],
    "art2": ["Article 2. Le service rendu", "Le partenaire accompagne les usagers."],
    "art3": ["Article 3. Les engagements de la Caf",
             "La Caf forme les agents ; la première formation a lieu dans les 3 mois qui "
             "suivent la prise d'effet.",
             "Contact de niveau 2 : niveau2.caf45@caf.cnafmail.fr"],
    "art4": ["Article 4. Les engagements du Partenaire",
             "Garantir une amplitude d'ouverture d'au minimum 4 demi-journées par semaine "
             "et 12 heures."],
    "art5": ["Article 5. Confidentialité", "Le partenaire est tenu au secret professionnel."],
    "art6": ["Article 6. Le label", "La Caf peut retirer le label."],
    "art7": ["Article 7. Les lieux d'accueil",
             "Le point numérique est situé :",
             "Médiathèque Anatole France",
             "12 rue de la Gare, 45770 Saran",
             "Il est ouvert le lundi, le mardi et le jeudi de 9h à 12h et de 14h à 17h."],
    "art8": ["Article 8. Le matériel", "2 ordinateurs, 1 imprimante et 1 scanner"],
    "art9": ["Article 9. Le suivi", "Un comité de pilotage se réunit chaque année."],
    "art10": ["Article 10. Soutien", "Aucune compensation financière."],
    "art11": ["Article 11. Durée de la convention",
              "Elle est conclue pour une durée d'un an, renouvelable par tacite reconduction. "
              "Chacune des parties peut la dénoncer au plus tard 3 mois avant l'échéance."],
    "signatures": ["Fait à Orléans, le 12 mars 2026, en deux exemplaires.",
                   "Pour la Caf, le Directeur", "Pour le Partenaire, le Maire"],
    "annexes": ["Annexe 1. Certificat", "Fait à Orléans, le JJ/MM/AAAA"],
}


def convention(**replaced: list[str]) -> tuple[list[str], dict[str, int]]:
    """The lines of the convention with some parts replaced, and the line (1-based) where
    each part starts."""
    lines: list[str] = []
    starts: dict[str, int] = {}
    for name, default in PARTS.items():
        starts[name] = len(lines) + 1
        lines += replaced.get(name, default)
    return lines, starts


@dataclass
class Case:
    """One part of the convention (`part`, a key of PARTS) in another Caf's wording, and
    what import must find in it: the values, and every warning."""

    id: str
    part: str
    lines: list[str]
    expect: dict[str, Any]
    # (key, line within the part, 1-based, or None when in another part; words of the hint)
    missing: list[tuple[str, int | None, str]] = field(default_factory=list)
    other: dict[str, list[str]] = field(default_factory=dict)   # other parts replaced
