"""User templates (issue 12, point 8 and the internal errors): only files inside the
template folder are served, a template's cost is bounded, and whatever goes wrong in a
template is one clean error naming the template and its line."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from typer.testing import CliRunner

from helpers import CONVENTIONS
from pncaf.cli.app import app
from pncaf.outputs.templating import TemplateProblem, render

runner = CliRunner()
ACTIVE = CONVENTIONS / "77-valbrune.yaml"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    made = tmp_path / "tpl"
    made.mkdir()
    return made


def test_an_included_link_to_a_file_outside_is_refused(folder: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    (folder / "leak.j2").symlink_to(secret)
    (folder / "certificate.md.j2").write_text('Certificat {% include "leak.j2" %}\n')
    out = tmp_path / "c.md"
    result = runner.invoke(app, ["certificate", str(ACTIVE), "-o", str(out),
                                 "--templates", str(folder)])
    assert result.exit_code == 1 and "TOP SECRET" not in result.output
    assert "leak.j2" in result.stderr and "outside" in result.stderr, result.stderr
    assert not out.exists()


def test_a_template_that_is_itself_a_link_outside_is_refused(folder: Path,
                                                             tmp_path: Path) -> None:
    (tmp_path / "elsewhere.j2").write_text("{{ partner.name }}")
    (folder / "certificate.md.j2").symlink_to(tmp_path / "elsewhere.j2")
    with pytest.raises(TemplateProblem, match="outside"):
        render("certificate.md.j2", {"partner": {"name": "X"}}, folder)


def test_a_link_inside_the_folder_is_served(folder: Path) -> None:
    (folder / "parts").mkdir()
    (folder / "parts" / "real.j2").write_text("ok")
    (folder / "alias.j2").symlink_to(folder / "parts" / "real.j2")
    (folder / "x.txt.j2").write_text('{% include "alias.j2" %}')
    assert render("x.txt.j2", {}, folder) == "ok"


@pytest.mark.parametrize("source,fragment", [
    ("{% for i in range(10**12) %}{% endfor %}", "range"),
    ("{% for i in range(9000) %}{% for j in range(9000) %}{% endfor %}{% endfor %}",
     "too much work"),
    ("{{ 'x' * 10**10 }}", "too large"),
    ("{% for i in range(9999) %}{{ 'x' * 9999 }}{% endfor %}", "too large"),
])
def test_a_template_cost_is_bounded(folder: Path, source: str, fragment: str) -> None:
    (folder / "big.txt.j2").write_text("line 1\n" + source)
    with pytest.raises(TemplateProblem, match=fragment) as info:
        render("big.txt.j2", {}, folder)
    assert "big.txt.j2" in str(info.value)


@pytest.mark.parametrize("source,fragment", [
    ("{{ 1/0 }}", "division by zero"),
    ('{{ "a" + 1 }}', "str"),
    ('{% extends "x.txt.j2" %}', "extends or includes itself"),
    ('{% include "x.txt.j2" %}', "extends or includes itself"),
])
def test_template_errors_are_clean_user_errors(folder: Path, tmp_path: Path, source: str,
                                               fragment: str) -> None:
    (folder / "x.txt.j2").write_text("line 1\n" + source + "\n")
    with pytest.raises(TemplateProblem, match=fragment) as info:
        render("x.txt.j2", {}, folder)
    assert "x.txt.j2" in str(info.value)


def test_a_broken_certificate_template_is_one_line_and_exit_1(folder: Path,
                                                              tmp_path: Path) -> None:
    (folder / "certificate.md.j2").write_text('{% extends "certificate.md.j2" %}')
    result = runner.invoke(app, ["certificate", str(ACTIVE), "-o", str(tmp_path / "c.md"),
                                 "--templates", str(folder)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.count("\n") == 1 and "certificate.md.j2" in result.stderr
    assert "pncaf/certificate.md.j2" in result.stderr        # how to extend the shipped one


def test_urls_in_an_html_template_are_never_fetched(folder: Path, tmp_path: Path) -> None:
    """An absolute URL (`http:`, `file:`) in a user's HTML template: the PDF is made, and
    nothing is read (the local file's text is not in it)."""
    from pypdf import PdfReader

    secret = tmp_path / "secret.html"
    secret.write_text("<p>TOP SECRET</p>")
    (folder / "certificate.html.j2").write_text(
        '<link rel="stylesheet" href="http://127.0.0.1:9/a.css">'
        f'<img src="file://{secret}"><iframe src="file://{secret}"></iframe>'
        "<p>Certificat {{ partner.name }}</p>")
    out = tmp_path / "c.pdf"
    result = runner.invoke(app, ["certificate", str(ACTIVE), "-o", str(out),
                                 "--templates", str(folder)])
    assert result.exit_code == 0, result.stderr
    text = " ".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "Certificat Mairie" in text and "SECRET" not in text


def test_a_template_sees_what_jinja_itself_gives_it(folder: Path) -> None:
    """`render` makes the template's context itself (its globals under the values, see
    `templating._new_context`): a user's template that uses the globals, sets names,
    includes and imports with or without the context renders as Jinja renders it."""
    from pncaf.outputs.templating import environment

    (folder / "macros.txt.j2").write_text(
        "{% macro hello(who) %}Bonjour {{ who }} ({{ partner.name }}){% endmacro %}")
    (folder / "part.txt.j2").write_text("[{{ partner.name }} / {{ shown }}]")
    (folder / "x.txt.j2").write_text(
        "{% import 'macros.txt.j2' as m with context %}{% from 'macros.txt.j2' import hello %}"
        "{% set shown = partner.name | upper %}{% set ns = namespace(n=0) %}"
        "{% for i in range(3) %}{% set ns.n = ns.n + i %}{{ loop.cycle('a', 'b') }}"
        "{% endfor %}{{ ns.n }} {{ m.hello('Léa') }} {% include 'part.txt.j2' %} "
        "{{ dict(a=1) }} {{ self }}")
    context = {"partner": {"name": "Mairie d'Été"}}
    expected = environment(folder).get_template("x.txt.j2").render(context)
    assert render("x.txt.j2", context, folder) == expected
    assert "ab" in expected and "Bonjour Léa (Mairie d'Été)" in expected
    assert "[Mairie d'Été / MAIRIE D'ÉTÉ]" in expected


@pytest.mark.parametrize("team", [False, True])
def test_a_dict_gives_its_keys_and_its_own_attributes_first(folder: Path, team: bool) -> None:
    """`d.name` reads the key at once (`template_lookups.Lookups`) as Jinja reads it: an
    attribute of the dict (`items`) still wins over a key of that name, an unsafe one is
    still refused by the sandbox, and a missing key still names itself."""
    from pncaf.outputs.templating import environment

    source = "{{ d.name }}|{{ d.items is callable }}|{{ d.get('name') }}"
    (folder / "k.txt.j2").write_text(source)
    values = {"d": {"name": "Mairie", "items": "not the method"}}
    where = folder if team else None
    expected = jinja2.Environment().from_string(source).render(values)
    if team:
        assert render("k.txt.j2", values, folder) == expected == "Mairie|True|Mairie"
        (folder / "u.txt.j2").write_text("{{ d.__class__.__mro__ }}")
        with pytest.raises(TemplateProblem, match="unsafe"):
            render("u.txt.j2", values, folder)
    assert environment(where).from_string(source).render(values) == expected
    (folder / "m.txt.j2").write_text("{{ d.town }}")
    with pytest.raises(TemplateProblem, match=r"m\.txt\.j2:1.*town"):
        render("m.txt.j2", values, folder)
