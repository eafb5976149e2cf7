"""Names, addresses and Caf names as convention files write them.

Signed conventions shout surnames (« Frédéric BOUCHE »), capitalise street types
(« 18 Avenue des Chênes ») and drop the hyphens of departments (« Seine et Marne »);
convention files write « Frédéric Bouche », « 18 avenue des Chênes », « Seine-et-Marne ».
"""

from __future__ import annotations

import re

CIVILITY = re.compile(r"^(?:madame|monsieur|mme|mlle|mademoiselle|m\.|mr\.?|me|docteur|dr)\s+",
                      re.IGNORECASE)
_CAPS_WORD = re.compile(r"\b[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]*[A-ZÀ-ÖØ-Þ]\b")
_STREET_TYPE = re.compile(
    r"^(\d+\s*(?:bis|ter)?,?\s+)(Rue|Avenue|Boulevard|Place|Allée|Chemin|Impasse|Route|Quai|"
    r"Square|Cours|Passage|Promenade|Sentier|Voie|Rond-point|Esplanade|Parvis|Mail|Cité)\b")
# Departments whose names take hyphens (« Seine-et-Marne »), as the Caf names use them.
DEPARTMENTS = (
    "Alpes-de-Haute-Provence", "Hautes-Alpes", "Alpes-Maritimes", "Bouches-du-Rhône",
    "Côte-d'Or", "Côtes-d'Armor", "Eure-et-Loir", "Haute-Garonne", "Ille-et-Vilaine",
    "Indre-et-Loire", "Loir-et-Cher", "Haute-Loire", "Loire-Atlantique", "Lot-et-Garonne",
    "Maine-et-Loire", "Haute-Marne", "Meurthe-et-Moselle", "Pas-de-Calais", "Puy-de-Dôme",
    "Pyrénées-Atlantiques", "Hautes-Pyrénées", "Pyrénées-Orientales", "Bas-Rhin", "Haut-Rhin",
    "Haute-Saône", "Saône-et-Loire", "Haute-Savoie", "Seine-Maritime", "Seine-et-Marne",
    "Deux-Sèvres", "Tarn-et-Garonne", "Haute-Vienne", "Hauts-de-Seine", "Seine-Saint-Denis",
    "Val-de-Marne", "Val-d'Oise", "Corse-du-Sud", "Haute-Corse", "Haute-Vienne",
)
_DEPARTMENT_WORDS = {
    re.compile(r"\b" + r"[\s-]+".join(re.escape(w) for w in re.split(r"-", name)) + r"\b",
               re.IGNORECASE): name
    for name in DEPARTMENTS
}
# Words after which a partner's name starts with its own article: « La Mairie de X » is
# « Mairie de X », but « La Passerelle » keeps its article.
BODY_NOUNS = ("mairie", "commune", "ville", "communauté", "caisse", "maison", "association",
              "fédération", "médiathèque", "bibliothèque", "agence", "régie", "préfecture",
              "métropole", "mission", "direction", "union", "structure", "cité", "centre",
              "espace", "société", "collectivité")


def capitalised(word: str) -> str:
    """BOUCHE → Bouche, CHOQUER-MARCHAND → Choquer-Marchand, D'ARC → d'Arc."""
    parts = re.split(r"([-'’])", word)
    return "".join(p if p in "-'’" else p[:1].upper() + p[1:].lower() for p in parts)


def untangle_caps(text: str, min_letters: int) -> str:
    """Words written in capitals with at least `min_letters` letters, capitalised
    (shorter ones are acronyms: CCAS, MJC)."""
    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        letters = sum(c.isalpha() for c in word)
        return capitalised(word) if letters >= min_letters else word
    return " ".join(_CAPS_WORD.sub(fix, text).split())


_SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "sur", "sous",
                "au", "aux", "à"}


def from_capitals(text: str) -> str:
    """A name written all in capitals, as a name: « MAIRIE DE VILLEPARISIS » → « Mairie de
    Villeparisis », « VAL-D'OISE » → « Val-d'Oise ». Other names are kept as written."""
    letters = [c for c in text if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return text
    words = re.split(r"([\s'’-]+)", text.lower())
    out = []
    for i, word in enumerate(words):
        small = word in _SMALL_WORDS and i > 0
        out.append(word if small or not word[:1].isalpha() else word[:1].upper() + word[1:])
    return "".join(out)


def person_name(text: str) -> str:
    """« Madame Gaëlle CHOQUER-MARCHAND » → « Gaëlle Choquer-Marchand »."""
    return untangle_caps(CIVILITY.sub("", text.strip()).strip(" ,."), 2)


def city(text: str) -> str:
    return untangle_caps(text.strip(" ,."), 2).replace("CEDEX", "Cedex")


def street(text: str) -> str:
    """« 18 Avenue des Chênes » → « 18 avenue des Chênes »."""
    text = " ".join(text.strip(" ,–-").split())
    return _STREET_TYPE.sub(lambda m: m.group(1) + m.group(2).lower(), text)


def site_name(text: str) -> str:
    return untangle_caps(from_capitals(text.strip(" :")), 5)


def partner_name(text: str) -> str:
    return without_article(from_capitals(" ".join(text.strip(" ,").split())))


def without_article(name: str) -> str:
    """« La Mairie de Villeparisis » → « Mairie de Villeparisis »; « La Passerelle » stays."""
    match = re.match(r"^(?:la|le|l'|l’|les)\s*(\S+)", name, re.IGNORECASE)
    if match and match.group(1).lower() in BODY_NOUNS:
        return name[match.start(1):]
    return name


def caf_name(text: str) -> str:
    """« La Caisse d'Allocations familiales de Seine et Marne » → « Caisse d'allocations
    familiales de Seine-et-Marne »."""
    name = without_article(from_capitals(" ".join(text.strip(" ,").split())))
    name = re.sub(r"^caisse d['’]allocations familiales", "Caisse d'allocations familiales",
                  name, flags=re.IGNORECASE)
    for pattern, department in _DEPARTMENT_WORDS.items():
        name = pattern.sub(department, name)
    return name


def title(text: str) -> str:
    """« directrice » → « Directrice »."""
    text = " ".join(text.strip(" ,.").split())
    return text[:1].upper() + text[1:]
