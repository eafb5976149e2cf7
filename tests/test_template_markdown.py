"""Markdown escaping of printed values (`outputs.template_markdown`): pncaf's own templates
decide it when compiled, by their name, a team's templates as they render; both print the
same."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from pncaf.outputs.templating import _environment, render, shipped_folder

SHIPPED = sorted(p.name for p in shipped_folder().glob("*.j2"))
VALUES = {"partner": {"name": "Espace *Numérique* <b>_1_</b>"}}


def _is_markdown(name: str) -> bool:
    return name.endswith(".md.j2")


@pytest.mark.parametrize("name", SHIPPED)
def test_no_shipped_template_extends_one_of_the_other_kind(name: str) -> None:
    """A parent template's code runs under its child's name: the compiled-in choice holds
    only while a Markdown template extends Markdown ones and a text one text ones."""
    env = _environment(None)
    source = env.loader.get_source(env, name)[0]     # type: ignore[union-attr]
    for node in env.parse(source).find_all(jinja2.nodes.Extends):
        assert isinstance(node.template, jinja2.nodes.Const), name
        parent = str(node.template.value).removeprefix("pncaf/")
        assert _is_markdown(parent) == _is_markdown(name), (name, parent)


def test_shipped_and_team_templates_escape_alike(tmp_path: Path) -> None:
    """The same templates in the shipped environment (the escaping compiled in or left
    out) and in a team's folder (the escaping decided as they render) print the same:
    values escaped in a `.md.j2`, as typed in any other, also when one includes the
    other."""
    text = "{{ partner.name }} {% include 'x.md.j2' %}"
    markdown = "[{{ partner.name }}]"
    (tmp_path / "t.txt.j2").write_text(text)
    (tmp_path / "x.md.j2").write_text(markdown)
    team = render("t.txt.j2", VALUES, tmp_path)
    assert team == ("Espace *Numérique* <b>_1_</b> "
                    "[Espace \\*Numérique\\* &lt;b>\\_1\\_&lt;/b>]")
    env = _environment(None).overlay(loader=jinja2.FileSystemLoader(str(tmp_path)))
    assert "".join(env.get_template("t.txt.j2").generate(VALUES)) == team
