"""The Caf du Nord's wordings for the table of phrasings (tests/test_import_phrasings.py):
parties with their legal form (« , association loi 1901, ») and « dont le siège est au »,
the site in Art. 1 and its hours in Art. 4, each article's heading and text in one
paragraph or on lines of their own — and the safeguards that keep them from reading a
wrong value (the Caf's own hours, hours that could be any of several sites')."""

from __future__ import annotations

from import_skeleton import Case

AM, PM = "09:00-12:00", "14:00-17:00"
NORD_CAF = {"street": "82 rue Brûle-Maison", "postcode": "59000", "city": "Lille"}
NORD_PARTNER = {"partner.name": "Centre socioculturel « L’Escale » & Cie",
                "partner.siren": "784671695",
                "partner.address": {"street": "14 rue d’Arras", "postcode": "59800",
                                    "city": "Lille"},
                "partner.representative": {"name": "Aïcha Benmoussa", "title": "Présidente"}}
NORD_ART1 = ("Article 1 – Objet : la Caf labellise le lieu d'accueil « Espace numérique "
             "L’Escale », 14 rue d’Arras, 59800 Lille.")
NORD_ART4 = ("Article 4 – Le lieu est ouvert au public le lundi de 9h00 à 12h00 et de 14h00 "
             "à 17h00, le mercredi de 9h00 à 12h00, le vendredi de 14h00 à 18h00.")
NORD_SITE_NO_HOURS = [{"name": "Espace numérique L’Escale", "address": {
    "street": "14 rue d’Arras", "postcode": "59800", "city": "Lille"},
    "hours": None, "monthly": None}]
NORD_SITE = [{**NORD_SITE_NO_HOURS[0], "hours": {
    "monday": [AM, PM], "wednesday": [AM], "friday": ["14:00-18:00"]}}]
NO_SITE = ["Article 7 – Le partenaire tient un registre des personnes accueillies."]


NORD_CASES = [
    # — the Caf du Nord: headings and text in one paragraph, the site in Art. 1 —
    Case("nord: « , association loi 1901, SIRET …, dont le siège est au … » on one line",
         "parties", [
             "Entre",
             "La Caisse d'Allocations Familiales du Nord, sise 82 rue Brûle-Maison, 59000 "
             "Lille, représentée par M. Jérôme Delattre, Directeur général, ci-après "
             "dénommée « la Caf »,",
             "Et",
             "Le Centre socioculturel « L’Escale » & Cie, association loi 1901, SIRET 784 671 "
             "695 00012, dont le siège est au 14 rue d’Arras, 59800 Lille, représenté par Mme "
             "Aïcha Benmoussa, Présidente, ci-après dénommé « le partenaire »."],
         {"caf.name": "Caisse d'allocations familiales du Nord",
          "caf.address": NORD_CAF, "caf.representative": {"name": "Jérôme Delattre",
                                                          "title": "Directeur général"},
          **NORD_PARTNER}),
    Case("nord: « , association déclarée » then « sise au … » over several lines", "parties", [
        "Entre", "La Caisse d'allocations familiales du Nord", "Sise au 82 rue Brûle-Maison, "
        "59000 Lille", "représentée par M. Jérôme Delattre, Directeur général", "Et",
        "Le Centre socioculturel « L’Escale » & Cie, association déclarée,",
        "situé au 14 rue d’Arras, 59800 Lille", "SIRET : 784 671 695 00012",
        "représenté par Mme Aïcha Benmoussa, Présidente"],
        {"caf.address": NORD_CAF, **NORD_PARTNER}),
    Case("« (association régie par la loi de 1901) », « à l'adresse … »", "parties", [
        "Entre la Caisse d'allocations familiales du Nord, d'une part,",
        "et l'association Les Amis du Web (association régie par la loi du 1er juillet 1901), "
        "SIREN 784671695, à l'adresse 14 rue d’Arras, 59800 Lille, représentée par sa "
        "Présidente, Madame Aïcha BENMOUSSA, d'autre part."],
        {"partner.name": "association Les Amis du Web", "partner.siren": "784671695",
         "partner.address": NORD_PARTNER["partner.address"]},
        [("caf.address", 1, "Caf's address"), ("caf.representative", 1, "represents")]),
    Case("« organisme de droit privé » and « association loi 1901 » with no comma", "parties", [
        "Entre la Caisse d'allocations familiales du Nord, organisme de droit privé chargé "
        "d'une mission de service public, sise 82 rue Brûle-Maison, 59000 Lille, d'une part,",
        "et L’Escale association loi 1901, SIREN 784671695, d'autre part."],
        {"caf.name": "Caisse d'allocations familiales du Nord", "caf.address": NORD_CAF,
         "partner.name": "L’Escale", "partner.siren": "784671695"},
        [("caf.representative", 1, "represents"), ("partner.address", 2, "partner's address"),
         ("partner.representative", 2, "represents")]),
    Case("« , établissement public administratif, sis au … »", "parties", [
        "Entre", "La Caisse d'allocations familiales du Nord", "et",
        "Le Centre communal d'action sociale de Roubaix, établissement public administratif, "
        "sis au 3 place du Marché, 59100 Roubaix, SIREN 784671695, représenté par sa "
        "Vice-présidente, Madame Sylvie NADAUD"],
        {"partner.name": "Centre communal d'action sociale de Roubaix",
         "partner.address": {"street": "3 place du Marché", "postcode": "59100",
                             "city": "Roubaix"},
         "partner.representative": {"name": "Sylvie Nadaud", "title": "Vice-présidente"}},
        [("caf.address", 2, "Caf's address"), ("caf.representative", 2, "represents")]),
    Case("nord: the site in Art. 1 and its hours in Art. 4, heading and text on one line",
         "art1", [NORD_ART1],
         {"sites": NORD_SITE, "sites[0].equipment": {"computers": 2, "printers": 1,
                                                      "scanners": 1},
          "engagements": None},
         [("engagements", None, "Art. 4 minimum")],
         other={"art4": [NORD_ART4], "art7": NO_SITE}),
    Case("nord: the same with headings on their own lines", "art1",
         ["Article 1", NORD_ART1.split(" – ", 1)[1]],
         {"sites": NORD_SITE, "engagements": None}, [("engagements", None, "Art. 4 minimum")],
         other={"art4": ["Article 4", NORD_ART4.split(" – ", 1)[1]], "art7": NO_SITE}),
    Case("nord: equipment and term with heading and text on one line", "art8", [
        "Article 8 – Le partenaire met à disposition 3 postes informatiques, 1 imprimante et "
        "1 scanner."],
        {"sites[0].equipment": {"computers": 3, "printers": 1, "scanners": 1},
         "term": {"years": 2, "tacit_renewal": True, "notice_months": 3}},
        other={"art11": [
            "Article 11 – La présente convention est conclue pour une durée de deux ans à "
            "compter de sa signature. Elle est renouvelable par tacite reconduction, sauf "
            "dénonciation par l'une des parties trois mois avant son échéance."]}),
    Case("a count a scan garbled (« l ordinateur ») is null with a warning, never 0",
         "art8", ["Article 8 – Le partenaire met à disposition l ordinateur, 1 imprimante et "
                  "1 scanner."],
         {"sites[0].equipment": None},
         [("sites[0].equipment", 1, "could not be read")]),
    Case("« aucune imprimante » is read as none", "art8", [
        "Article 8 – Le partenaire met à disposition 2 ordinateurs, aucune imprimante et "
        "1 scanner."],
        {"sites[0].equipment": {"computers": 2, "printers": 0, "scanners": 1}}),
    Case("the minimum written in another article than Art. 4", "art2", [
        "Article 2 – Le partenaire s'engage à ouvrir au moins 4 demi-journées par semaine, "
        "soit 12 heures."],
        {"sites": NORD_SITE, "engagements": {"min_half_days": 4, "min_weekly_hours": 12,
                                             "first_training_months": 3}},
        other={"art1": [NORD_ART1], "art4": [NORD_ART4], "art7": NO_SITE}),
    Case("a long sentence citing « Article 4 de la loi » is no heading", "art2", [
        "Article 2. Le service rendu", "Article 4 de la loi n° 2000-321 du 12 avril 2000 "
        "relative aux droits des citoyens dans leurs relations avec les administrations : le "
        "partenaire en informe les usagers."],
        {"engagements": {"min_half_days": 4, "min_weekly_hours": 12,
                         "first_training_months": 3}}),
    Case("the Caf's own hours in another article are not the site's", "art3", [
        "Article 3 – L'accueil de la Caf est ouvert du lundi au vendredi de 8h30 à 16h30."],
        {"sites": NORD_SITE_NO_HOURS},
        [("sites[0].hours", None, "weekly opening hours"),
         ("caf.level2_contact", None, "level-2")],
        other={"art1": [NORD_ART1], "art7": NO_SITE}),
    Case("the minimum and the hours both in Art. 4: each read, no warning", "art4", [
        "Article 4 – Le partenaire s'engage à ouvrir au moins 4 demi-journées et 12 heures "
        "par semaine.", "Le lieu est ouvert le lundi de 9h à 12h, le mardi de 9h à 12h, le "
        "jeudi de 14h à 17h, le vendredi de 9h à 12h."],
        {"sites": [{**NORD_SITE[0], "hours": {"monday": [AM], "tuesday": [AM],
                                              "thursday": [PM], "friday": [AM]}}],
         "engagements": {"min_half_days": 4, "min_weekly_hours": 12,
                         "first_training_months": 3}},
        other={"art1": [NORD_ART1], "art7": NO_SITE}),
    Case("open on days without times: a warning naming that line", "art4", [
        "Article 4 – Le lieu est ouvert au public du lundi au vendredi, selon un planning "
        "affiché."],
        {"sites": NORD_SITE_NO_HOURS, "engagements": None},
        [("sites[0].hours", 1, "no hours could be read"),
         ("sites[0].hours", None, "weekly opening hours"), ("engagements", 1, "Art. 4 minimum")],
        other={"art1": [NORD_ART1], "art7": NO_SITE}),
    Case("an opening without times in Art. 2 does not hide the hours of Art. 4", "art2", [
        "Article 2 – Le point est ouvert à tous les publics, du lundi au samedi."],
        {"sites": NORD_SITE}, [("engagements", None, "Art. 4 minimum")],
        other={"art1": [NORD_ART1], "art4": [NORD_ART4], "art7": NO_SITE}),
    Case("hours in another article when there are two sites: a warning", "art1", [
        NORD_ART1, "La Caf labellise aussi le lieu d'accueil « Médiathèque du Centre », "
        "2 place de la Gare, 59800 Lille."],
        {"sites[0].hours": None, "sites[1].hours": None},
        [("sites[0].hours", None, "there are several"), ("sites[1].hours", None, "several"),
         ("sites[0].equipment", None, "several"), ("sites[1].equipment", None, "several"),
         ("engagements", None, "Art. 4 minimum")],
        other={"art4": [NORD_ART4], "art7": NO_SITE}),
]
