"""`pncaf.toml`: found like ruff's settings, every key checked with its position."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pncaf.settings import DEFAULT_INDICATORS, find_settings, load_settings

FULL = textwrap.dedent('''\
    [officer]
    name = "Nadia Roussel"
    email = "partenariats@caf77.example"
    phone = "01 23 45 67 89"

    [mail]
    from = "Caf de Seine-et-Marne — Partenariats <partenariats@caf77.example>"

    [smtp]
    host = "smtp.caf77.example"
    port = 587
    security = "starttls"
    user = "partenariats"

    [indicators]
    accueils = "Personnes accueillies"
    demarches = "Démarches en ligne accompagnées"
    ''')


def write(folder: Path, text: str) -> Path:
    path = folder / "pncaf.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[tuple[int | None, int | None, str]]:
    _, found = load_settings(write(tmp_path, text))
    return [(d.line, d.column, d.message) for d in found]


def test_the_spec_example_reads_back(tmp_path: Path) -> None:
    settings, found = load_settings(write(tmp_path, FULL))
    assert found == []
    assert settings.officer is not None and settings.officer.name == "Nadia Roussel"
    assert settings.officer.phone == "01 23 45 67 89"
    assert settings.sender and settings.sender.endswith("<partenariats@caf77.example>")
    assert settings.smtp is not None
    assert (settings.smtp.host, settings.smtp.port, settings.smtp.security,
            settings.smtp.user) == ("smtp.caf77.example", 587, "starttls", "partenariats")
    assert dict(settings.indicators) == {"accueils": "Personnes accueillies",
                                         "demarches": "Démarches en ligne accompagnées"}


def test_found_in_a_parent_folder_and_defaults_without_one(tmp_path: Path) -> None:
    inner = tmp_path / "conventions" / "77"
    inner.mkdir(parents=True)
    assert find_settings(inner) is None or find_settings(inner) != tmp_path / "pncaf.toml"
    write(tmp_path, FULL)
    assert find_settings(inner) == tmp_path / "pncaf.toml"
    settings, found = load_settings(start=tmp_path / "conventions")
    assert found == [] and settings.officer is not None


def test_no_file_means_the_default_indicators(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              ) -> None:
    monkeypatch.chdir(tmp_path)
    settings, found = load_settings(start=Path("/"))
    assert found == [] and settings.path is None and settings.smtp is None
    assert dict(settings.indicators) == DEFAULT_INDICATORS


@pytest.mark.parametrize(("text", "line", "column", "says"), [
    ("[officer]\nname = \"A\"\nemail = \"a@b.fr\"\nmail = \"x\"\n", 4, 1, "unknown key `mail`"),
    ("[mailer]\nfrom = \"x <a@b.fr>\"\n", 1, 1, "unknown setting `mailer`"),
    ("[smtp]\nhost = \"h\"\n  port = \"587\"\n", 3, 3, "a whole number such as 587"),
    ("[smtp]\nhost = \"h\"\nsecurity = \"tls\"\n", 3, 1, "\"starttls\" (port 587)"),
    ("[officer]\nname = \"A\"\nemail = \"pas une adresse\"\n", 3, 1, "not an e-mail address"),
    ("[officer]\nname = \"A\"\n", 1, 1, "needs `email = \"…\"`"),
    ("[mail]\nfrom = \"Caf sans adresse\"\n", 2, 1, "needs an address"),
    ("[indicators]\n\"démarches\" = \"Démarches\"\n", 2, 1, "lower-case letters"),
    ("[officer]\nname = Nadia\n", 2, 8, "double quotes"),
    ("[smtp]\nhost = \"h\"\npassword = \"hunter22\"\n", 3, 1, "PNCAF_SMTP_PASSWORD"),
])
def test_problems_are_positioned_and_say_how_to_fix(tmp_path: Path, text: str, line: int,
                                                     column: int, says: str) -> None:
    found = problems(tmp_path, text)
    assert any((ln, col) == (line, column) and says in message
               for ln, col, message in found), found


def test_password_is_read_from_the_environment_only(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    settings, _ = load_settings(write(tmp_path, FULL))
    assert settings.smtp is not None
    monkeypatch.delenv("PNCAF_SMTP_PASSWORD", raising=False)
    assert settings.smtp.password is None
    monkeypatch.setenv("PNCAF_SMTP_PASSWORD", "s3cret-from-env")
    assert settings.smtp.password == "s3cret-from-env"
    assert "s3cret-from-env" not in repr(settings)


@pytest.mark.parametrize("value", ["Nadia Roussel\\r\\nBcc: espion@x.fr", "Nadia\\tRoussel",
                                   "Nadia \\u202eRoussel", "Nadia\\u0085Roussel"])
def test_a_control_character_in_a_setting_is_refused_at_its_line(tmp_path: Path,
                                                                 value: str) -> None:
    text = f'[officer]\nname = "{value}"\nemail = "a@b.fr"\n'
    found = problems(tmp_path, text)
    assert [(line, column) for line, column, _ in found] == [(2, 1)]
    assert "control character" in found[0][2]


def test_a_control_character_in_an_indicator_label_is_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, '[indicators]\nateliers = "Ateliers\\nBcc: x"\n')
    assert [(line, "control character" in m) for line, _, m in found] == [(2, True)]
