"""Render documents from Jinja templates, safely.

- Sandboxed environment: a template (shipped or the user's) cannot reach Python internals,
  files outside the template folders, or run code.
- StrictUndefined: a missing value is an error naming the template, the line and the
  variable, never a silent blank on a document someone signs.
- HTML templates (`*.html.j2`) are autoescaped; data is only ever data (a partner named
  `{{ 7*7 }}` prints as such: values are never parsed as template code).
- Lookup order: the user's folder (`--templates DIR`, default `./templates` when it exists),
  then the templates shipped in the package. Shipped templates are also reachable as
  `pncaf/<name>`, so a user template can `{% extends "pncaf/certificate.html.j2" %}`.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pncaf.editing.yaml_text import flow
from pncaf.errors import UsageError, UserError
from pncaf.format.hours import DAY_NAMES_FR, WEEKDAYS, TimeRange, format_clock, format_duration
from pncaf.french import long_date, short_date

DEFAULT_USER_FOLDER = Path("templates")


class TemplateProblem(UserError):
    """A template that cannot be rendered: the message names template, line and cause.
    A user error: the command line reports it as one line and exits 1."""

    def __str__(self) -> str:
        return f"template problem: {self.args[0]}"


def shipped_folder() -> Path:
    return Path(str(resources.files("pncaf") / "templates"))


def user_folder(explicit: Path | None) -> Path | None:
    """The user's template folder: `--templates DIR` (which must exist: a usage error,
    exit 2, like any path that does not), else `./templates` when there is one."""
    if explicit is not None:
        if not explicit.is_dir():
            raise UsageError(f"--templates {explicit}: no such folder")
        return explicit
    return DEFAULT_USER_FOLDER if DEFAULT_USER_FOLDER.is_dir() else None


def environment(templates: Path | None = None) -> jinja2.Environment:
    folder = user_folder(templates)
    return _environment(folder.resolve() if folder is not None else None)


@functools.lru_cache(maxsize=8)
def _environment(folder: Path | None) -> jinja2.Environment:
    """One environment per template folder, so that each template is compiled once per run
    (not once per reminder or report page); Jinja still notices a template edited since."""
    shipped = jinja2.FileSystemLoader(str(shipped_folder()))
    loaders: list[jinja2.BaseLoader] = []
    if folder is not None:
        loaders.append(jinja2.FileSystemLoader(str(folder)))
    loaders += [shipped, jinja2.PrefixLoader({"pncaf": shipped})]
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=lambda name: bool(name and name.endswith((".html.j2", ".html"))),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(long_date=long_date, short_date=short_date, hours=format_ranges,
                       with_article=with_article, yaml=flow, duration=format_duration)
    return env


def render(name: str, context: Mapping[str, Any], templates: Path | None = None) -> str:
    """Render template `name`; any template error becomes a `TemplateProblem`."""
    try:
        return environment(templates).get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateProblem(f"template {exc.name} not found (looked in "
                              f"{_where(templates)})") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"{exc.filename or exc.name}:{exc.lineno}: template syntax "
                              f"error: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(f"{_template_position(exc, name)}: {_undefined(exc)}") from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateProblem(f"{_template_position(exc, name)}: refused by the template "
                              f"sandbox: {exc}") from None
    except jinja2.TemplateError as exc:
        raise TemplateProblem(f"{_template_position(exc, name)}: {exc}") from None


def _where(templates: Path | None) -> str:
    folder = user_folder(templates) if templates is None or templates.is_dir() else None
    return f"{folder}/ and the shipped templates" if folder else "the shipped templates"


def _template_position(exc: BaseException, name: str) -> str:
    """`template.html.j2:12`, from the frame Jinja maps back to the template source."""
    for frame, line in reversed(list(traceback.walk_tb(exc.__traceback__))):
        filename = frame.f_code.co_filename
        if filename.endswith(".j2"):
            return f"{filename}:{line}"
    return name


def _undefined(exc: jinja2.UndefinedError) -> str:
    message = str(exc.message or exc)
    return (f"{message} (a value the template uses is missing: check the variable's name, "
            "or add the value to the convention)")


# --- filters -------------------------------------------------------------------------------

_FEMININE_ENDINGS = ("rice", "ière", "esse", "euse", "ente", "ante", "oise", "ine", "elle",
                     "ale", "onne", "ve", "eure")


def with_article(title: str) -> str:
    """« Directrice » → « La Directrice », « Maire » → « Le Maire », « Adjointe » →
    « L'Adjointe ». A title already written with its article is kept as it is, which is how
    to choose « La Maire »."""
    lowered = title.lower()
    if lowered.startswith(("le ", "la ", "l'", "l’", "les ")):
        return title
    if lowered[:1] in "aeiouyéèêâîôh":
        return f"L’{title}"
    feminine = lowered.split()[0].endswith(_FEMININE_ENDINGS)
    return f"{'La' if feminine else 'Le'} {title}"


def format_ranges(ranges: list[TimeRange]) -> str:
    """[08:30-12:00, 14:00-17:30] → `8 h 30 – 12 h, 14 h – 17 h 30`."""
    return ", ".join(f"{format_clock(r.start)} – {format_clock(r.end)}" for r in ranges)


def week_lines(hours: Mapping[str, list[TimeRange]]) -> list[tuple[str, str]]:
    """(« lundi », « 8 h 30 – 12 h, 14 h – 17 h 30 ») for each open day, Monday first."""
    return [(DAY_NAMES_FR[day], format_ranges(hours[day])) for day in WEEKDAYS if hours.get(day)]


_NTH_FR = {1: "premier", 2: "deuxième", 3: "troisième", 4: "quatrième", 5: "cinquième",
           -1: "dernier"}


def monthly_line(nth: int, weekday: str, hours: list[TimeRange], note: str | None) -> str:
    """« le quatrième samedi du mois, 9 h – 12 h » (or the note when hours are unknown)."""
    text = f"le {_NTH_FR[nth]} {DAY_NAMES_FR[weekday]} du mois"
    if hours:
        text += f", {format_ranges(hours)}"
    if note:
        text += f" ({note})"
    return text
