"""The creation form of `pncaf serve` checks every field in one pass: all the problems are
shown at once, each beside its field; the hours are typed as the label shows them
(« lundi 8h30-12h »), and the refusal names the same format."""

from __future__ import annotations

from serving import Server

ANSWERS = {"id": "77-testville", "from": "77-valbrune",
           "partner_name": "Mairie de Testville", "siren": "217709997",
           "partner_street": "1 place", "partner_postcode": "77999",
           "partner_city": "Testville", "partner_representative": "A. B",
           "partner_title": "Maire", "computers": "2",
           "hours": "lundi 9h-12h, 14h-17h ; mardi 9h-12h, 14h-17h"}


def test_every_problem_of_the_form_is_shown_at_once(server: Server) -> None:
    client = server.client()
    client.login()
    client.get("/nouvelle")
    wrong = client.post("/nouvelle", client.form(**{
        **ANSWERS, "partner_name": "", "siren": "12", "partner_postcode": "7",
        "hours": "lundi de neuf heures à midi", "computers": "deux"}))
    assert wrong.status == 422
    for field in ("partner_name", "siren", "partner_postcode", "hours", "computers"):
        assert f'id="err-{field}"' in wrong.text, field
    page = wrong.plain
    field = page[page.index('<label for="f-hours"'):page.index('id="f-hours"')]
    label = field[field.index(">") + 1:field.index("</label>")]
    assert "lundi 8h30-12h" in label and "=" not in label
    error = field[field.index('id="err-hours"'):]
    assert "lundi 8h30-12h, 14h-17h30 ; jeudi 9h-12h" in error.split("<details")[0]
    assert not (server.folder / "77-testville.yaml").exists()


def test_hours_typed_as_the_label_shows_them_create_the_convention(server: Server) -> None:
    client = server.client()
    client.login()
    client.get("/nouvelle")
    made = client.post("/nouvelle", client.form(**ANSWERS))
    assert made.posted == 303, made.plain[-2000:]
    text = (server.folder / "77-testville.yaml").read_text(encoding="utf-8")
    assert "09:00-12:00" in text and "14:00-17:00" in text


def test_hours_below_the_minimum_of_article_4_are_refused_beside_the_hours(
        server: Server) -> None:
    client = server.client()
    client.login()
    client.get("/nouvelle")
    short = client.post("/nouvelle", client.form(**{**ANSWERS, "hours": "lundi 9h-10h"}))
    assert short.status == 422
    page = short.plain
    error = page[page.index('id="err-hours"'):page.index('id="f-hours"')].split("<details")[0]
    assert "minimum de l'article 4" in error and "--hours" not in error
    assert not (server.folder / "77-testville.yaml").exists()
