"""One e-mail address check (pncaf.format.email_address) for the convention's contacts,
the settings' officer and sender, and the addresses the import finds in a text: an address
one accepts, the others accept, and one refused is refused by all three."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import ROOT, VALID, load, replace
from pncaf.format.email_address import emails_in, is_email
from pncaf.importing.importer import import_file
from pncaf.settings import parse_settings

SEED = ROOT / "tests/corpus/import/convention-type-point-numerique-caf.md"

ACCEPTED = ["accueil@mairie.fr", "o'brien@caf77.example", "élodie.martin@mairie-villeparisis.fr",
            "contact+niveau2@caf.cnafmail.fr", "n_roussel@caf-77.fr"]
REFUSED = [
    "=HYPERLINK(x)@caf.fr",     # a spreadsheet formula (the export, the annex 2 form)
    "-a@caf.fr",                # a formula too
    "a\"b@caf.fr",              # a quote breaks the To: header
    "a,b@caf.fr",               # a second recipient smuggled into a header
    "jean dupont@caf.fr",       # a space
    "accueil@localhost",        # no dot in the domain: a typo in a convention
    "accueil@@caf.fr",
    "accueil.caf.fr",
]


def _in_convention(address: str) -> list[str]:
    """The problems of a convention whose level-2 contact is `address` (a JSON string is a
    YAML double-quoted one, escapes included)."""
    text = replace(VALID, "level2_contact: niveau2@caf.example",
                   f"level2_contact: {json.dumps(address)}")
    return [d.message for d in load(text).diagnostics]


def _in_settings(address: str) -> list[str]:
    """The problems of a pncaf.toml whose officer's address is `address` (a JSON string is
    a TOML basic one)."""
    text = f'[officer]\nname = "Nadia Roussel"\nemail = {json.dumps(address)}\n'
    _, problems = parse_settings(text, Path("pncaf.toml"))
    return [p.message for p in problems]


@pytest.mark.parametrize("address", ACCEPTED)
def test_an_address_accepted_by_one_is_accepted_by_all(address: str) -> None:
    assert is_email(address)
    assert _in_convention(address) == []
    assert _in_settings(address) == []
    assert emails_in(f"Contact niveau 2 : {address}.") == [address]


@pytest.mark.parametrize("address", REFUSED)
def test_an_address_refused_by_one_is_refused_by_all(address: str) -> None:
    assert not is_email(address)
    assert any("e-mail address" in m for m in _in_convention(address)), address
    assert _in_settings(address), address


def test_the_import_finds_no_part_of_an_address() -> None:
    """In a text, the same address: never the tail of something glued before it, never
    the sentence's full stop."""
    assert emails_in("écrire à accueil@mairie.fr. Merci") == ["accueil@mairie.fr"]
    assert emails_in("écrire à .accueil@mairie.fr") == []
    assert emails_in("(niveau2@caf.fr)") == ["niveau2@caf.fr"]


def test_the_address_the_import_writes_passes_the_format(tmp_path: Path) -> None:
    imported = import_file(SEED)
    line = next(line for line in imported.text.splitlines() if "level2_contact:" in line)
    address = line.split(":", 1)[1].split("#")[0].strip().strip('"')
    assert address == "contactpartenairesrelaislognes.cafmelun@caf.cnafmail.fr"
    assert is_email(address)


def test_white_space_around_an_address_is_trimmed_by_the_format_refused_by_the_settings(
) -> None:
    """The one difference, on purpose: the format trims every value (what it keeps has no
    line break, so no header can be split), while pncaf.toml refuses a line break or
    control character in any setting, since there a value is typed by hand on one line."""
    text = replace(VALID, "level2_contact: niveau2@caf.example",
                   'level2_contact: " accueil@caf.fr\\n"')
    loaded = load(text)
    assert loaded.convention is not None, loaded.diagnostics
    assert loaded.convention.caf.level2_contact == "accueil@caf.fr"
    assert any("line break" in m for m in _in_settings("accueil@caf.fr\n"))
