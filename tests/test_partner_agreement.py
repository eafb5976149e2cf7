"""« La Mairie de …, représentée par son Maire, ci-après dénommée « le Partenaire » »: the
convention for signature agrees with the partner's name, as the model convention does."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from helpers import CONVENTIONS
from pncaf.cli.app import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_user_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(("name", "represented", "named"), [
    ("77-valbrune", "Représentée par son Maire, Hélène Martin-Roux,",
     "ci-après dénommée « le Partenaire »."),
    ("93-cles-du-numerique", "Représentée par ", "ci-après dénommée « le Partenaire »."),
    ("45-la-passerelle", "Représenté par son Directeur, Jean Dupré,",
     "ci-après dénommé « le Partenaire »."),
])
@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_the_parties_agree_with_the_partners_name(tmp_path: Path, name: str, represented: str,
                                                  named: str, suffix: str) -> None:
    out = tmp_path / f"convention{suffix}"
    result = runner.invoke(app, ["convention", str(CONVENTIONS / f"{name}.yaml"), "-o",
                                 str(out)])
    assert result.exit_code == 0, result.output
    if suffix == ".md":
        lines = out.read_text(encoding="utf-8").splitlines()
    else:
        lines = [p.text for p in Document(str(out)).paragraphs]
    assert any(line.startswith(represented) for line in lines), lines[:30]
    assert named in lines


def test_the_markdown_certificate_names_the_partner_with_an_article(tmp_path: Path) -> None:
    out = tmp_path / "certificat.md"
    result = runner.invoke(app, ["certificate", str(CONVENTIONS / "77-valbrune.yaml"),
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(out.read_text(encoding="utf-8").split())
    # not « a attribué le label … à Mairie de Valbrune-sur-Loing », as annex 1 words it
    assert ("a attribué le label « Point numérique Caf » au partenaire suivant : "
            "**Mairie de Valbrune-sur-Loing**.") in text
