"""The team's settings: `pncaf.toml` (workflow spec §1).

One optional file, found as ruff finds its own: `--config FILE`, else `pncaf.toml` in the
current folder or the nearest parent that has one. It names the officer who signs and
receives reminders, the sender, the SMTP server and the list of annex 2 indicators. A key
pncaf does not know is an error with its line and column (a typo must not silently send
mail from the wrong address); no password goes in the file: the SMTP password comes only
from the environment variable `PNCAF_SMTP_PASSWORD`, and the file is scanned like a
convention for personal data and credentials.

`load_settings` returns the settings with the problems found (beancount's way: the caller
decides what to do with them); `Settings()` is what applies when there is no file.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from pncaf.format.email_address import is_email
from pncaf.problems import Diagnostic, Severity

FILE_NAME = "pncaf.toml"
PASSWORD_VARIABLE = "PNCAF_SMTP_PASSWORD"
Security = Literal["starttls", "ssl", "none"]
DEFAULT_PORTS: dict[str, int] = {"starttls": 587, "ssl": 465, "none": 25}

#: Annex 2's indicators when `[indicators]` is absent. The model convention announces the
#: annex without printing its table, so this list is ours: what a Point numérique Caf
#: counts in practice. A Caf replaces it with its own `[indicators]` table.
DEFAULT_INDICATORS: dict[str, str] = {
    "accueils": "Personnes accueillies",
    "demarches": "Démarches en ligne accompagnées",
    "caf_fr": "Accompagnements sur caf.fr et l'appli Caf - Mon Compte",
    "rendez_vous": "Rendez-vous pris avec la Caf",
    "niveau2": "Situations transmises au contact partenaire de la Caf (niveau 2)",
    "autres_partenaires": "Démarches auprès d'autres services publics",
}

_INDICATOR_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class Officer:
    """The Caf's partnership officer: signs the reminders, receives the Caf's own ones."""

    name: str
    email: str
    phone: str | None = None


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    security: Security = "starttls"
    user: str | None = None

    @property
    def password(self) -> str | None:
        """Read when sending, never stored with the settings (so never printed with them)."""
        return os.environ.get(PASSWORD_VARIABLE) or None


@dataclass(frozen=True)
class Settings:
    path: Path | None = None                  # the file they came from, if any
    officer: Officer | None = None
    sender: str | None = None                 # `[mail] from`: "Name <address>"
    smtp: Smtp | None = None
    indicators: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_INDICATORS))


# --- finding the file -------------------------------------------------------------------------

def find_settings(start: Path | None = None) -> Path | None:
    """`pncaf.toml` in `start` (default: the current folder) or its nearest parent."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / FILE_NAME
        if path.is_file():
            return path
    return None


def load_settings(explicit: Path | None = None, start: Path | None = None,
                  ) -> tuple[Settings, list[Diagnostic]]:
    """The settings in force and the problems of their file (errors mean: do not use them).

    `explicit` is `--config FILE` (it must exist); otherwise the file is searched from
    `start`. No file at all is not a problem: the defaults apply."""
    path = explicit if explicit is not None else find_settings(start)
    if path is None:
        return Settings(), []
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        return Settings(path=path), [_problem(name, None, f"cannot read the settings file: "
                                                         f"{exc.strerror or exc}")]
    except UnicodeDecodeError:
        return Settings(path=path), [_problem(name, (1, 1), "the settings file is not UTF-8: "
                                                           "save it as UTF-8 in your editor")]
    return parse_settings(text, path)


def parse_settings(text: str, path: Path) -> tuple[Settings, list[Diagnostic]]:
    name = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Settings(path=path), [_problem(name, _toml_error_position(exc),
                                              f"not valid TOML: {_toml_error_text(exc)}")]
    reader = _Reader(name, _KeyPositions(text))
    settings = reader.settings(data, path)
    reader.problems.extend(_secrets(text, name))
    return settings, reader.problems


# --- reading the tables -------------------------------------------------------------------

_TABLES = {
    "officer": ("name", "email", "phone"),
    "mail": ("from",),
    "smtp": ("host", "port", "security", "user"),
    "indicators": None,            # any key: an indicator
}


class _Reader:
    """Turns the parsed TOML into `Settings`, noting every problem with its position."""

    def __init__(self, file: str, where: _KeyPositions) -> None:
        self.file = file
        self.where = where
        self.problems: list[Diagnostic] = []

    def error(self, path: tuple[str, ...], message: str) -> None:
        self.problems.append(_problem(self.file, self.where.of(path), message))

    def settings(self, data: dict[str, Any], path: Path) -> Settings:
        for key, value in data.items():
            if key not in _TABLES:
                self.error((key,), f"unknown setting `{key}`: the tables are "
                           f"{', '.join(f'[{t}]' for t in _TABLES)}")
            elif not isinstance(value, dict):
                self.error((key,), f"`{key}` must be a table: write it `[{key}]` on a line "
                           "of its own, then its keys below")
        tables = {k: v for k, v in data.items() if k in _TABLES and isinstance(v, dict)}
        for table, value in tables.items():
            allowed = _TABLES[table]
            if allowed is None:
                continue
            for key in value:
                if key not in allowed:
                    self.error((table, key), f"unknown key `{key}` in [{table}]: expected "
                               f"{', '.join(f'`{a}`' for a in allowed)}")
        return Settings(
            path=path,
            officer=self.officer(tables["officer"]) if "officer" in tables else None,
            sender=self.sender(tables["mail"]) if "mail" in tables else None,
            smtp=self.smtp(tables["smtp"]) if "smtp" in tables else None,
            indicators=(self.indicators(tables["indicators"]) if "indicators" in tables
                        else dict(DEFAULT_INDICATORS)),
        )

    def text(self, table: str, values: dict[str, Any], key: str, required: bool,
             ) -> str | None:
        value = values.get(key)
        if value is None:
            if required:
                self.error((table,), f"[{table}] needs `{key} = \"…\"`")
            return None
        if not isinstance(value, str) or not value.strip():
            self.error((table, key), f"`{key}` in [{table}] must be text in double quotes, "
                       f"e.g. {key} = \"…\"")
            return None
        if _CONTROL.search(value):
            self.error((table, key), _control_message(f"`{key}` in [{table}]"))
            return None
        return value.strip()

    def email(self, table: str, key: str, value: str | None) -> str | None:
        if value is not None and not is_email(value):
            self.error((table, key), f"`{key}` in [{table}] is not an e-mail address: write "
                       "it like partenariats@caf77.fr")
            return None
        return value

    def officer(self, values: dict[str, Any]) -> Officer | None:
        name = self.text("officer", values, "name", True)
        email = self.email("officer", "email", self.text("officer", values, "email", True))
        phone = self.text("officer", values, "phone", False)
        return Officer(name, email, phone) if name and email else None

    def sender(self, values: dict[str, Any]) -> str | None:
        from email.utils import parseaddr  # here: `check` reads this module on every commit

        sender = self.text("mail", values, "from", True)
        if sender is None:
            return None
        _, address = parseaddr(sender)
        if not is_email(address):
            self.error(("mail", "from"), "`from` in [mail] needs an address: write it like "
                       "from = \"Caf de Seine-et-Marne — Partenariats <partenariats@caf77.fr>\"")
            return None
        return sender

    def smtp(self, values: dict[str, Any]) -> Smtp | None:
        host = self.text("smtp", values, "host", True)
        security = values.get("security", "starttls")
        if security not in get_args(Security):
            self.error(("smtp", "security"), f"security = {security!r} in [smtp]: use "
                       "\"starttls\" (port 587), \"ssl\" (port 465) or \"none\" (a relay on "
                       "the same machine, in clear)")
            security = "starttls"
        port = values.get("port", DEFAULT_PORTS[security])
        if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
            self.error(("smtp", "port"), f"port = {port!r} in [smtp]: a whole number such "
                       "as 587, without quotes")
            port = DEFAULT_PORTS[security]
        user = self.text("smtp", values, "user", False)
        return Smtp(host, port, security, user) if host else None

    def indicators(self, values: dict[str, Any]) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, label in values.items():
            if not _INDICATOR_KEY.match(key):
                self.error(("indicators", key), f"indicator `{key}`: a key is lower-case "
                           "letters, digits and _ (no accents, no spaces), e.g. "
                           "demarches_en_ligne = \"Démarches en ligne\"")
            elif not isinstance(label, str) or not label.strip():
                self.error(("indicators", key), f"indicator `{key}` needs its label in "
                           f"double quotes: {key} = \"…\"")
            elif _CONTROL.search(label):
                self.error(("indicators", key), _control_message(f"indicator `{key}`"))
            else:
                out[key] = label.strip()
        if not values:
            self.error(("indicators",), "[indicators] is empty: list the indicators of "
                       "annex 2, or remove the table to use pncaf's default list")
        return out or dict(DEFAULT_INDICATORS)


#: Line breaks, controls and direction overrides: in a name they would add a mail header
#: (`\r\nBcc: …` in every signature), split a CSV row or act on a terminal.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e"
                      "\u2066-\u2069]")


def _control_message(what: str) -> str:
    return (f"{what} holds a line break or a control character (\\n, \\r, \\t…): a "
            "setting is one line of plain text; retype it without it")


# --- positions ------------------------------------------------------------------------------

class _KeyPositions:
    """Where `[table]` headers and `key =` lines stand (tomllib keeps no positions)."""

    _HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+)\s*\]")
    _KEY = re.compile(r"^(\s*)(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+)\s*=")

    def __init__(self, text: str) -> None:
        self.found: dict[tuple[str, ...], tuple[int, int]] = {}
        table: tuple[str, ...] = ()
        for number, line in enumerate(text.splitlines(), start=1):
            header = self._HEADER.match(line)
            if header:
                table = (header.group(1),)
                self.found.setdefault(table, (number, line.index("[") + 1))
                continue
            key = self._KEY.match(line)
            if key:
                name = key.group(2).strip("\"'")
                self.found.setdefault((*table, name), (number, len(key.group(1)) + 1))

    def of(self, path: tuple[str, ...]) -> tuple[int, int]:
        while path:
            if path in self.found:
                return self.found[path]
            path = path[:-1]
        return (1, 1)


def _toml_error_position(exc: tomllib.TOMLDecodeError) -> tuple[int, int]:
    match = re.search(r"at line (\d+), column (\d+)", str(exc))
    return (int(match.group(1)), int(match.group(2))) if match else (1, 1)


def _toml_error_text(exc: tomllib.TOMLDecodeError) -> str:
    text = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
    hint = ""
    if "Invalid value" in text or "Expected" in text:
        hint = " (text values go in double quotes: name = \"Nadia Roussel\")"
    return text + hint


def _secrets(text: str, file: str) -> Iterator[Diagnostic]:
    """The file is shared like the conventions: no credential, no social-security number."""
    from pncaf.format.personal_data import credential_findings

    for position, message in credential_findings(text):
        yield Diagnostic(file, position[0], position[1], Severity.ERROR, "personal-data",
                         message + f"; the SMTP password goes in the environment variable "
                         f"{PASSWORD_VARIABLE}, never in {FILE_NAME}")


def _problem(file: str, position: tuple[int, int] | None, message: str) -> Diagnostic:
    line, column = position if position else (None, None)
    return Diagnostic(file, line, column, Severity.ERROR, "settings", message)
