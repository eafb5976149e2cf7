"""Conventions as other Cafs word them: each phrasing is read right, or left null with an
`import-missing` warning naming what was not understood and its line — never a wrong value.

Each case replaces one part of a plain convention (tests/import_skeleton.py) by a wording
in the style of one Caf, on one line or over several, and says exactly what import must
find: the values, and every warning (key, line in the part, words of the hint). A warning
that is not expected fails the case too, so nothing is said missing that was read.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from import_skeleton import Case, convention
from phrasings_nord import NORD_CASES
from pncaf.importing.found import plain
from pncaf.importing.reading import Reading, read


def rng(*ranges: str) -> list[str]:
    return list(ranges)


AM, PM = "09:00-12:00", "14:00-17:00"
SARAN_SITE = {"name": "Médiathèque Anatole France",
              "address": {"street": "12 rue de la Gare", "postcode": "45770", "city": "Saran"}}


def art7(*hours_lines: str) -> list[str]:
    return ["Article 7. Les lieux d'accueil", "Le point numérique est situé :",
            "Médiathèque Anatole France", "12 rue de la Gare, 45770 Saran", *hours_lines]


def site(hours: dict[str, list[str]] | None, monthly: list[dict[str, Any]] | None = None,
         **other: Any) -> list[dict[str, Any]]:
    return [{**SARAN_SITE, "hours": hours, "monthly": monthly, **other}]


CASES = [
    # — the parties —
    Case("gironde: both parties in one sentence each, « dont le siège est situé », « sise »",
         "parties", [
             "Entre",
             "La Caisse d'allocations familiales de la Gironde, dont le siège est situé "
             "rue du Docteur Gabriel Péry, 33078 Bordeaux Cedex, représentée par son "
             "directeur, Monsieur Jean MARTIN, ci-après dénommée la Caf,",
             "et",
             "La Commune de Libourne, SIREN 213302433, sise 42 place Abel Surchamp, 33500 "
             "Libourne, représentée par son Maire, Monsieur Philippe BUISSON, ci-après "
             "dénommée le Partenaire,"],
         {"caf.name": "Caisse d'allocations familiales de la Gironde",
          "caf.address": {"street": "rue du Docteur Gabriel Péry", "postcode": "33078",
                          "city": "Bordeaux Cedex"},
          "caf.representative": {"name": "Jean Martin", "title": "Directeur"},
          "partner.name": "Commune de Libourne", "partner.siren": "213302433",
          "partner.address": {"street": "42 place Abel Surchamp", "postcode": "33500",
                              "city": "Libourne"},
          "partner.representative": {"name": "Philippe Buisson", "title": "Maire"}}),
    Case("gironde: « SIREN 263300683, sis … » for an association", "parties", [
        "Entre la Caisse d'allocations familiales de la Gironde, dont le siège est situé "
        "rue du Docteur Gabriel Péry, 33078 Bordeaux Cedex, d'une part,",
        "et l'association Rénovation, SIREN 263300683, sis 5 place Pey-Berland, 33000 "
        "Bordeaux, représentée par sa Présidente, Madame Anne PETIT, d'autre part,"],
        {"caf.name": "Caisse d'allocations familiales de la Gironde",
         "partner.name": "association Rénovation", "partner.siren": "263300683",
         "partner.address": {"street": "5 place Pey-Berland", "postcode": "33000",
                             "city": "Bordeaux"},
         "partner.representative": {"name": "Anne Petit", "title": "Présidente"}},
        [("caf.representative", 1, "represents the Caf")]),
    Case("seine-et-marne: the model, one fact a line, « Représentée par sa Directrice, "
         "Madame … »", "parties", [
             "La présente convention est conclue entre :",
             "La Caisse d'Allocations familiales de Seine et Marne",
             "Adresse TSA 34004 77027 MELUN Cedex",
             "Représentée par sa Directrice, Madame Gaëlle CHOQUER-MARCHAND",
             "ci-après dénommée la Caf",
             "et",
             "La Mairie de Villeparisis",
             "Adresse : 32 rue de Ruzé 77270 Villeparisis",
             "Représentée par son Maire Monsieur Frédéric BOUCHE",
             "N° SIREN : 217 705 144"],
         {"caf.name": "Caisse d'allocations familiales de Seine-et-Marne",
          "caf.address": {"street": "TSA 34004", "postcode": "77027", "city": "Melun Cedex"},
          "caf.representative": {"name": "Gaëlle Choquer-Marchand", "title": "Directrice"},
          "partner.name": "Mairie de Villeparisis", "partner.siren": "217705144",
          "partner.representative": {"name": "Frédéric Bouche", "title": "Maire"}}),
    Case("nord: « Entre les soussignés », the address straight after the name", "parties", [
        "Entre les soussignés :",
        "La Caisse d'Allocations Familiales du Nord, 82 rue Brûle Maison, 59000 Lille, "
        "représentée par Monsieur Marc DUPONT, Directeur,",
        "Et :",
        "La Ville de Roubaix, SIRET 215905126 00017, 17 Grand'Place, 59100 Roubaix, "
        "représentée par Monsieur Guillaume DELBAR, en sa qualité de Maire,"],
        {"caf.name": "Caisse d'allocations familiales du Nord",
         "caf.representative": {"name": "Marc Dupont", "title": "Directeur"},
         "partner.name": "Ville de Roubaix", "partner.siren": "215905126",
         "partner.representative": {"name": "Guillaume Delbar", "title": "Maire"},
         "caf.address": {"street": "82 rue Brûle Maison", "postcode": "59000",
                         "city": "Lille"},
         "partner.address": {"street": "17 Grand'Place", "postcode": "59100",
                             "city": "Roubaix"}}),
    Case("rhône: « ayant son siège », SIREN with spaces, « représenté(e) par »", "parties", [
        "ENTRE",
        "La Caisse d'allocations familiales du Rhône, ayant son siège 67 boulevard "
        "Vivier-Merle, 69003 Lyon, représentée par son Directeur général, Monsieur Luc "
        "GIRARD,",
        "ET",
        "Le Centre social Les Buers, association loi 1901,",
        "SIREN : 775 671 878",
        "Siège social : 17 rue Pierre Baratin, 69100 Villeurbanne",
        "représenté(e) par son Président, Monsieur Karim SAÏDI"],
        {"caf.name": "Caisse d'allocations familiales du Rhône",
         "caf.address": {"street": "67 boulevard Vivier-Merle", "postcode": "69003",
                         "city": "Lyon"},
         "caf.representative": {"name": "Luc Girard", "title": "Directeur général"},
         "partner.name": "Centre social Les Buers",
         "partner.siren": "775671878",
         "partner.address": {"street": "17 rue Pierre Baratin", "postcode": "69100",
                             "city": "Villeurbanne"},
         "partner.representative": {"name": "Karim Saïdi", "title": "Président"}}),
    Case("a SIREN with a wrong check digit is a warning, never a value", "parties", [
        "Entre", "La Caisse d'allocations familiales du Loiret",
        "Adresse : 2 place Saint-Charles, 45000 Orléans",
        "Représentée par son Directeur, Monsieur Paul LEROY", "et", "La Commune de Saran",
        "SIREN 213100547", "Adresse : 1 place de la Liberté, 45770 Saran",
        "Représentée par son Maire, Madame Claire DUBOIS"],
        {"partner.siren": None, "partner.name": "Commune de Saran"},
        [("partner.siren", 7, "check digit")]),
    Case("a representative without a name is a warning", "parties", [
        "Entre", "La Caisse d'allocations familiales du Loiret",
        "Adresse : 2 place Saint-Charles, 45000 Orléans",
        "Représentée par son Directeur", "et", "La Commune de Saran",
        "SIREN : 214503021", "Adresse : 1 place de la Liberté, 45770 Saran",
        "Représentée par Mme Claire DUBOIS, Maire"],
        {"caf.representative": None,
         "partner.representative": {"name": "Claire Dubois", "title": "Maire"}},
        [("caf.representative", 4, "names no one")]),
    # — the sites and their hours —
    Case("gironde: a site on one line", "art7", [
        "Article 7. Le lieu d'accueil",
        "Le point numérique est installé à l'Espace France Services, 12 rue Thiers, 33500 "
        "Libourne.",
        "Il est ouvert au public le mardi et le jeudi de 9h à 12h30."],
        {"sites": [{"name": "Espace France Services",
                    "address": {"street": "12 rue Thiers", "postcode": "33500",
                                "city": "Libourne"},
                    "hours": {"tuesday": ["09:00-12:30"], "thursday": ["09:00-12:30"]},
                    "monthly": None}]}),
    Case("gironde: « le premier samedi de chaque mois » is monthly, never weekly", "art7",
         art7("Il est ouvert le lundi et le jeudi de 9h à 12h et de 14h à 17h.",
              "Il est en outre ouvert le premier samedi de chaque mois de 9h à 12h."),
         {"sites": site({"monday": [AM, PM], "thursday": [AM, PM]},
                        [{"nth": 1, "weekday": "saturday", "hours": [AM]}])}),
    Case("« le 2e mardi du mois » in the same sentence as the weekly hours", "art7",
         art7("Ouverture le mercredi de 14h à 17h et le 2e mardi du mois de 9h à 12h."),
         {"sites": site({"wednesday": [PM]},
                        [{"nth": 2, "weekday": "tuesday", "hours": [AM]}])}),
    Case("« le dernier vendredi du mois »", "art7",
         art7("Le lundi de 9h à 12h ; le dernier vendredi du mois de 14h à 17h."),
         {"sites": site({"monday": [AM]},
                        [{"nth": -1, "weekday": "friday", "hours": [PM]}])}),
    Case("« le premier et le troisième samedi du mois » are two monthly openings", "art7",
         art7("Le mardi de 9h à 12h.",
              "Le premier et le troisième samedi du mois de 9h à 12h."),
         {"sites": site({"tuesday": [AM]},
                        [{"nth": 1, "weekday": "saturday", "hours": [AM]},
                         {"nth": 3, "weekday": "saturday", "hours": [AM]}])}),
    Case("a monthly note cut at the end of its line is a warning", "art7",
         art7("Le mardi de 9h à 12h.",
              "Le dernier samedi du mois de 9h à 12h (sur rendez-vous,", "le matin)."),
         {"sites": site({"tuesday": [AM]}, [{"nth": -1, "weekday": "saturday",
                                              "hours": [AM]}])},
         [("sites[0].monthly", 6, "does not close")]),
    Case("« 12 heures 30 » in the Art. 4 minimum", "art4", [
        "Article 4. Les engagements du Partenaire",
        "Ouvrir au moins 4 demi-journées et 12 heures 30 par semaine."],
        {"engagements": {"min_half_days": 4, "min_weekly_hours": 12.5,
                         "first_training_months": 3}}),
    Case("« sauf le mercredi » takes the day out", "art7",
         art7("Du lundi au vendredi de 9h à 12h sauf le mercredi."),
         {"sites": site({d: [AM] for d in ("monday", "tuesday", "thursday", "friday")})}),
    Case("« sauf pendant les vacances scolaires »: the hours, and a warning for the rest",
         "art7", art7("Le lundi et le jeudi de 14h à 17h, sauf pendant les vacances "
                      "scolaires."),
         {"sites": site({"monday": [PM], "thursday": [PM]})},
         [("sites[0].hours", 5, "vacances scolaires")]),
    Case("« pendant les vacances scolaires » hours are not imported", "art7",
         art7("Le mardi de 9h à 12h.",
              "Pendant les vacances scolaires, le mercredi de 9h à 12h."),
         {"sites": site({"tuesday": [AM]})},
         [("sites[0].hours", 6, "part of the year")]),
    Case("« un samedi sur deux » recurs neither weekly nor monthly", "art7",
         art7("Le lundi de 9h à 12h.", "Un samedi sur deux de 9h à 12h."),
         {"sites": site({"monday": [AM]})},
         [("sites[0].hours", 6, "neither every week")]),
    Case("« hors juillet et août » is an exception said, not imported", "art7",
         art7("Le samedi de 9h à 12h (hors juillet et août)."),
         {"sites": site({"saturday": [AM]})},
         [("sites[0].hours", 5, "exception")]),
    Case("haute-garonne: hours as a table, one day a line", "art7",
         art7("Lundi : 9h00 - 12h00 / 14h00 - 17h00", "Mercredi : 9h00 - 12h00",
              "Vendredi : 14h00 - 17h00"),
         {"sites": site({"monday": [AM, PM], "wednesday": [AM], "friday": [PM]})}),
    Case("« de 8 h 30 à midi » and plural days", "art7",
         art7("Les lundis, mercredis et vendredis de 8 h 30 à midi."),
         {"sites": site({d: ["08:30-12:00"] for d in ("monday", "wednesday", "friday")})}),
    Case("hours written in words are a warning, not a guess", "art7",
         art7("Le lundi de 9h à 12h.", "Le mardi, ouvert de neuf heures à onze heures."),
         {"sites": site({"monday": [AM]})},
         [("sites[0].hours", 6, "names a day but no hours")]),
    Case("« en semaine de 14h à 17h » names no day: a warning, not a guess", "art7",
         art7("Le lundi de 9h à 12h.", "Ouvert en semaine de 14h à 17h."),
         {"sites": site({"monday": [AM]})},
         [("sites[0].hours", 6, "without naming the days")]),
    Case("« le mardi matin » without times is a warning", "art7",
         art7("Le lundi de 9h à 12h.", "Le mardi matin."),
         {"sites": site({"monday": [AM]})},
         [("sites[0].hours", 6, "no hours given")]),
    Case("bouches-du-rhône: two sites, each in a sentence", "art7", [
        "Article 7. Lieux d'accueil",
        "Le premier site est situé à la Maison des services, 3 rue Colbert, 13001 Marseille, "
        "ouvert le lundi de 9h à 12h.",
        "Le second site est situé au Centre social Bellevue, 8 avenue Roger Salengro, 13003 "
        "Marseille, ouvert le jeudi de 14h à 17h."],
        {"sites": [{"name": "Maison des services",
                    "address": {"street": "3 rue Colbert", "postcode": "13001",
                                "city": "Marseille"},
                    "hours": {"monday": [AM]}, "monthly": None},
                   {"name": "Centre social Bellevue",
                    "address": {"street": "8 avenue Roger Salengro", "postcode": "13003",
                                "city": "Marseille"},
                    "hours": {"thursday": [PM]}, "monthly": None}],
         "sites[0].equipment": {"computers": 2, "printers": 0, "scanners": 0},
         "sites[1].equipment": {"computers": 3, "printers": 1, "scanners": 0}},
        other={"art8": ["Article 8. Le matériel", "Maison des services : 2 ordinateurs ; "
                        "Centre social Bellevue : 3 postes informatiques et 1 imprimante."]}),
    Case("with two sites, equipment that names no site is a warning for each", "art7", [
        "Article 7. Lieux d'accueil",
        "Le premier site est situé à la Maison des services, 3 rue Colbert, 13001 Marseille, "
        "ouvert le lundi de 9h à 12h.",
        "Le second site est situé au Centre social Bellevue, 8 avenue Roger Salengro, 13003 "
        "Marseille, ouvert le jeudi de 14h à 17h."],
        {"sites[0].equipment": None, "sites[1].equipment": None},
        [("sites[0].equipment", None, "names no site"),
         ("sites[1].equipment", None, "names no site")]),
    # — the signatures —
    Case("« Fait à Bordeaux, le 12 mars 2026 » is both parties' date", "signatures", [
        "Fait à Bordeaux, le 12 mars 2026", "Pour la Caf", "Pour le Partenaire"],
        {"caf.city": "Bordeaux", "signed": {"caf": date(2026, 3, 12),
                                            "partner": date(2026, 3, 12)}}),
    Case("« (signé le 3 mars 2026) » in each party's block", "signatures", [
        "Fait à Bordeaux, le ………………", "Pour la Caf, le Directeur (signé le 3 mars 2026)",
        "Pour le Partenaire, le Maire (signé le 10 mars 2026)"],
        {"caf.city": "Bordeaux", "signed": {"caf": date(2026, 3, 3),
                                            "partner": date(2026, 3, 10)}}),
    Case("nord: a date under each party's block", "signatures", [
        "Fait à Lille, en deux exemplaires originaux.", "Pour la Caf du Nord,",
        "Le Directeur,", "Le 2 février 2026", "Pour la Commune de Saran,", "Le Maire,",
        "Le 9 février 2026"],
        {"caf.city": "Lille", "signed": {"caf": date(2026, 2, 2),
                                         "partner": date(2026, 2, 9)}}),
    Case("gironde: both blocks in one table row, the partner's « (signé le …) »",
         "signatures", [
             "Fait à Bordeaux, le 12 mars 2026, en deux exemplaires originaux.",
             "Pour la Caf de la Gironde, Le Directeur, Jean-Pierre LAFFARGUE – Pour le CCAS "
             "de Libourne, La Vice-présidente, Sylvie NADAUD (signé le 3 mars 2026)"],
         {"caf.city": "Bordeaux", "signed": {"caf": date(2026, 3, 12),
                                             "partner": date(2026, 3, 3)}}),
    Case("« Pour le Directeur, par délégation » stays in the Caf's block", "signatures", [
        "Fait à Lille, en deux exemplaires.", "Pour la Caf du Nord,",
        "Pour le Directeur et par délégation, (signé le 2 février 2026)",
        "Pour le Maire de Roubaix (signé le 9 février 2026)"],
        {"signed": {"caf": date(2026, 2, 2), "partner": date(2026, 2, 9)}}),
    Case("« le 1er avril 2026 »", "signatures", ["Fait à Orléans, le 1er avril 2026"],
         {"signed": {"caf": date(2026, 4, 1), "partner": date(2026, 4, 1)}}),
    Case("a date that does not exist is a warning, never a value", "signatures", [
        "Fait à Lyon, le 31/02/2026", "Pour la Caf", "Pour le Partenaire"],
        {"caf.city": "Lyon", "signed": None}, [("signed", 1, "could not be read")]),
    Case("not signed yet: no date, no warning", "signatures", [
        "Fait à Orléans, le ……………………, en deux exemplaires."],
        {"caf.city": "Orléans", "signed": None}),
    Case("only the Caf's date: the partner's is a warning", "signatures", [
        "Fait à Orléans", "Pour la Caf (signé le 3 mars 2026)", "Pour le Partenaire"],
        {"signed": {"caf": date(2026, 3, 3), "partner": None}},
        [("signed.partner", 2, "partner's signature")]),
    # — the préfecture's acknowledgement, anywhere —
    Case("the acknowledgement in its own block, in the middle of the preamble", "preamble", [
        "Préambule", "Accusé de réception en préfecture", "045-214503021-20260315-2026_12-DE",
        "Date de télétransmission : 15/03/2026", "Date de réception préfecture : 16/03/2026",
        "Il est convenu ce qui suit :"],
        {"prefecture.id": "045-214503021-20260315-2026_12-DE",
         "prefecture.transmitted": date(2026, 3, 15),
         "prefecture.received": date(2026, 3, 16)}),
    Case("the acknowledgement in one sentence, in an article", "art10", [
        "Article 10. Soutien",
        "Délibération 045-214503021-20260315-DEL2026_12-DE télétransmise le 15/03/2026, "
        "reçue le 17 mars 2026."],
        {"prefecture.id": "045-214503021-20260315-DEL2026_12-DE",
         "prefecture.transmitted": date(2026, 3, 15),
         "prefecture.received": date(2026, 3, 17)}),
    Case("an acknowledgement without its date of transmission", "art9", [
        "Article 9. Le suivi", "Accusé de réception : 045-214503021-20260315-2026_12-DE"],
        {"prefecture.id": "045-214503021-20260315-2026_12-DE",
         "prefecture.transmitted": None},
        [("prefecture.transmitted", 2, "transmission")]),
    Case("an id a scan misread (« 2023 041 » for « 2023_041 ») is a warning", "preamble", [
        "Préambule", "Accusé de réception en préfecture : 045-214503021-20260315-2026 12-DE",
        "Date de télétransmission : 15/03/2026"],
        {"prefecture.id": None, "prefecture.transmitted": None},
        [("prefecture.id", 2, "not an ACTES id")]),
    Case("an id a scan garbled past recognition, its stamp's label kept, is a warning",
         "preamble", ["Préambule", "Accusé de réception en préfecture : O45-2I45O3O21-"
                      "2O26O3I5-2026 12-DE", "Date de télétransmission : 15/03/2026"],
         {"prefecture.id": None},
         [("prefecture.id", 2, "its ACTES id could not be read")]),
    Case("an id whose SIREN is misread is a warning", "preamble", [
        "Préambule", "045-214503022-20260315-2026_12-DE", "Date de télétransmission : "
        "15/03/2026"],
        {"prefecture.id": None}, [("prefecture.id", 2, "not an ACTES id")]),
    Case("a misread range leaves its day out, with a warning", "art7",
         art7("Le lundi de 9h à 12h ; le mercredi de 9h à 1l 2h et de 13h30 à 17h."),
         {"sites": site({"monday": [AM]})},
         [("sites[0].hours", 5, "ends before it starts (wednesday)")]),
    # — the engagements and the term —
    Case("« au moins 5 demi-journées … 15h30 par semaine »", "art4", [
        "Article 4. Les engagements du Partenaire",
        "Ouvrir le point au moins 5 demi-journées pour 15h30 par semaine."],
        {"engagements": {"min_half_days": 5, "min_weekly_hours": 15.5,
                         "first_training_months": 3}}),
    Case("no minimum in Art. 4 is a warning", "art4", [
        "Article 4. Les engagements du Partenaire", "Ouvrir le point au public."],
        {"engagements": None}, [("engagements", 1, "Art. 4 minimum")]),
    Case("« trois ans, sans tacite reconduction », « six mois avant »", "art11", [
        "Article 11. Durée", "La convention est conclue pour une durée de trois ans, sans "
        "tacite reconduction.", "Elle peut être dénoncée six mois avant son terme."],
        {"term": {"years": 3, "tacit_renewal": False, "notice_months": 6}}),
    Case("« entre en vigueur à compter du 1er avril 2026 »", "art11", [
        "Article 11. Durée", "La convention entre en vigueur à compter du 1er avril 2026.",
        "Elle est conclue pour une durée d'un an, renouvelable par tacite reconduction. "
        "Chacune des parties peut la dénoncer au plus tard 3 mois avant l'échéance."],
        {"effective": date(2026, 4, 1)}),
    Case("a date of effect that cannot be read is a warning", "art11", [
        "Article 11. Durée", "La convention prend effet le 31/04/2026.",
        "Elle est conclue pour une durée d'un an, renouvelable par tacite reconduction. "
        "Chacune des parties peut la dénoncer au plus tard 3 mois avant l'échéance."],
        {"effective": None}, [("effective", 2, "could not be read")]),
    Case("a term without its notice: the rest is read, the notice is a warning", "art11", [
        "Article 11. Durée", "Elle est conclue pour une durée d'un an, renouvelable par "
        "tacite reconduction."],
        {"term": {"years": 1, "tacit_renewal": True, "notice_months": None}},
        [("term.notice_months", 1, "notice")]),
    Case("the level-2 address outside Art. 3", "art9", [
        "Article 9. Le suivi", "Toute situation de niveau 2 est adressée à "
        "partenaires.caf45@caf.cnafmail.fr."],
        {"caf.level2_contact": "partenaires.caf45@caf.cnafmail.fr"},
        other={"art3": ["Article 3. Les engagements de la Caf", "La première formation a "
                        "lieu dans les 3 mois qui suivent la prise d'effet."]}),
    Case("half-days without the weekly hours: a warning for the hours", "art4", [
        "Article 4. Les engagements du Partenaire",
        "Ouvrir le point au moins 4 demi-journées par semaine."],
        {"engagements": {"min_half_days": 4, "min_weekly_hours": None,
                         "first_training_months": 3}},
        [("engagements.min_weekly_hours", 2, "weekly hours")]),
    *NORD_CASES,
]


def value(reading: Reading, key: str) -> Any:
    if key == "sites":
        return [{k: (None if site[k] is None else plain(site[k].value))  # type: ignore[union-attr]
                 for k in ("name", "address", "hours", "monthly")} for site in reading.sites]
    if key.startswith("sites["):
        index, _, name = key[6:].partition("].")
        found = reading.sites[int(index)][name]
        return None if found is None else plain(found.value)
    found = reading.values.get(key)
    return None if found is None else plain(found.value)


def test_there_are_at_least_thirty_phrasings() -> None:
    assert len(CASES) >= 30
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_phrasing_is_read_right_or_null_with_a_warning(case: Case) -> None:
    lines, starts = convention(**{**case.other, case.part: case.lines})
    reading = read(lines)
    got = {key: value(reading, key) for key in case.expect}
    assert got == case.expect
    start = starts[case.part]
    said = [(m.key, m.line, m.hint) for m in reading.missing]
    for key, offset, words in case.missing:
        where = None if offset is None else start + offset - 1
        assert any(k == key and (where is None or line == where) and words in hint
                   for k, line, hint in said), (key, where, words, said)
    assert {k for k, _, _ in said} == {key for key, _, _ in case.missing}, said
