"""Render documents from Jinja templates, safely.

- Sandboxed environment: a user's template (and a shipped one it includes or extends)
  cannot reach Python internals, files outside the template folders (a link leading
  outside is refused), or run code. Without a user folder, only pncaf's own templates run,
  unsandboxed (the checks cost 40 % of a dashboard page).
- Bounded cost: `range` counts at most `MAX_RANGE` items, a rendering takes at most
  `MAX_STEPS` loop turns and calls and `MAX_SECONDS`, and writes at most `MAX_OUTPUT`
  characters (a certificate is a few kilobytes): a template cannot hang a scheduled run
  or fill the disk.
- Whatever goes wrong in a template (`{{ 1/0 }}`, a template that extends itself…) is one
  `TemplateProblem` naming the template and its line.
- StrictUndefined: a missing value is an error naming the template, the line and the
  variable, never a silent blank on a document someone signs.
- HTML templates (`*.html.j2`) are autoescaped; data is only ever data (a partner named
  `{{ 7*7 }}` prints as such: values are never parsed as template code).
- Lookup order: the user's folder (`--templates DIR`, default `./templates` when it exists),
  then the templates shipped in the package. Shipped templates are also reachable as
  `pncaf/<name>`, so a user template can `{% extends "pncaf/certificate.html.j2" %}`.
"""

from __future__ import annotations

import contextvars
import functools
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pncaf.errors import UsageError, UserError
from pncaf.files.yaml_text import flow
from pncaf.format.hours import format_duration
from pncaf.french import de, long_date, short_date
from pncaf.outputs.template_filters import comment_text as comment_text
from pncaf.outputs.template_filters import counted as counted
from pncaf.outputs.template_filters import format_ranges as format_ranges
from pncaf.outputs.template_filters import monthly_line as monthly_line
from pncaf.outputs.template_filters import quoted_list as quoted_list
from pncaf.outputs.template_filters import signatory as signatory
from pncaf.outputs.template_filters import week_lines as week_lines
from pncaf.outputs.template_filters import with_article as with_article
from pncaf.outputs.template_lookups import Lookups, ShippedEnvironment
from pncaf.outputs.template_markdown import markdown_safe
from pncaf.outputs.template_markdown import markdown_text as markdown_text

DEFAULT_USER_FOLDER = Path("templates")

#: Most items a template's `range` may count.
MAX_RANGE = 10_000
#: Most loop turns, calls and operations one rendering may take, and its time in seconds.
MAX_STEPS = 2_000_000
MAX_SECONDS = 20.0
#: Most characters one rendering may produce (and one string a template may build).
MAX_OUTPUT = 5_000_000


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


@dataclass(frozen=True)
class Templates:
    """The templates of a run that renders thousands of times (`pncaf reminders -o`): the
    user's folder found once, not asked of the disk at each rendering (where `./templates`
    is, and what it resolves to, two system calls or more each time)."""

    folder: Path | None
    environment: jinja2.Environment
    #: pncaf's own templates, each asked of Jinja once: they cannot change while it runs
    #: (a user's folder is asked each time, so that a template edited since is seen)
    _loaded: dict[str, jinja2.Template] = field(default_factory=dict, compare=False,
                                                repr=False)

    @classmethod
    def of(cls, templates: Path | None) -> Templates:
        folder = user_folder(templates)
        return cls(folder, _environment(folder.resolve() if folder is not None else None))

    def template(self, name: str) -> jinja2.Template:
        if self.environment.auto_reload:
            return self.environment.get_template(name)
        loaded = self._loaded.get(name)
        if loaded is None:
            loaded = self._loaded[name] = self.environment.get_template(name)
        return loaded


class InsideFolderLoader(jinja2.FileSystemLoader):
    """A folder's templates, and only them: a template whose real path (links followed) is
    outside the folder is refused, so that a cloned repository's `templates/leak.j2 ->
    ~/secret.txt` cannot put the secret in a document."""

    def get_source(self, environment: jinja2.Environment, template: str,
                   ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(root).resolve()) for root in self.searchpath):
            raise SecurityError(f"template {template} is a link to a file outside the "
                                f"template folder {self.searchpath[0]}: refused")
        return source, filename, uptodate


class _Budget:
    """What one rendering may still spend."""

    __slots__ = ("deadline", "steps")

    def __init__(self) -> None:
        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def spend(self, steps: int = 1) -> None:
        self.steps += steps
        if self.steps > MAX_STEPS or (self.steps % 1000 == 0
                                      and time.monotonic() > self.deadline):
            raise SecurityError(f"too much work for a template (more than {MAX_STEPS:,} "
                                f"steps or {MAX_SECONDS:g} s): simplify its loops")


_budget: contextvars.ContextVar[_Budget] = contextvars.ContextVar("template_budget")


def _spend(steps: int = 1) -> None:
    budget = _budget.get(None)
    if budget is not None:
        budget.spend(steps)


class BoundedRange:
    """`range` for templates: at most `MAX_RANGE` items, each turn counted."""

    def __init__(self, *args: int) -> None:
        self.items = range(*args)
        if len(self.items) > MAX_RANGE:
            raise SecurityError(f"range of {len(self.items):,} items refused: a template "
                                f"counts at most {MAX_RANGE:,}")

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[int]:
        for item in self.items:
            _spend()
            yield item

    def __getitem__(self, index: int) -> int:
        return self.items[index]


class BoundedSandbox(Lookups, ImmutableSandboxedEnvironment):
    """The sandbox, with every call and arithmetic operation counted, and no operation
    allowed to build a value larger than a document (`'x' * 10**10`, `9**9**9`)."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any,
                   right: Any) -> Any:
        _spend()
        size = _result_size(operator, left, right)
        if size > MAX_OUTPUT:
            raise SecurityError(f"a value too large for a document ({operator} would give "
                                f"about {size:,} characters or digits)")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any,
             **kwargs: Any) -> Any:
        _spend()
        return super().call(__context, __obj, *args, **kwargs)


def _result_size(operator: str, left: Any, right: Any) -> int:
    def sized(value: Any) -> bool:
        return isinstance(value, (str, list, tuple))

    if operator == "*":
        if sized(left) and isinstance(right, int):
            return len(left) * right
        if sized(right) and isinstance(left, int):
            return len(right) * left
    if operator == "+" and sized(left) and sized(right):
        return len(left) + len(right)
    if (operator == "**" and isinstance(left, int) and isinstance(right, int)
            and abs(left) > 1 and right > 0):
        return int(right * max(abs(left).bit_length(), 1) * 0.302) + 1   # decimal digits
    return 0


@functools.lru_cache(maxsize=8)
def _environment(folder: Path | None) -> jinja2.Environment:
    """One environment per template folder, so that each template is compiled once per run
    (not once per reminder or report page); Jinja still notices a template of the user's
    folder edited since."""
    shipped = InsideFolderLoader(str(shipped_folder()))
    loaders: list[jinja2.BaseLoader] = []
    if folder is not None:
        loaders.append(InsideFolderLoader(str(folder)))
    loaders += [shipped, jinja2.PrefixLoader({"pncaf": shipped})]
    # Without a user folder every template is pncaf's own: the sandbox's checks of each
    # attribute and call (40 % of a dashboard page) guard against nothing there. Data is
    # data either way, and the output stays bounded (`_bounded_output`).
    kind = BoundedSandbox if folder is not None else ShippedEnvironment
    env = kind(
        loader=jinja2.ChoiceLoader(loaders),
        # pncaf's own templates do not change while it runs: no file to ask again at each
        # of a network's tens of thousands of renders; a user's folder is still watched
        auto_reload=folder is not None,
        undefined=jinja2.StrictUndefined,
        autoescape=lambda name: bool(name and name.endswith((".html.j2", ".html"))),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=markdown_safe,
    )
    env.globals["range"] = BoundedRange
    env.filters.update(long_date=long_date, short_date=short_date, hours=format_ranges,
                       with_article=with_article, yaml=flow, duration=format_duration,
                       comment=comment_text, de=de, signatory=signatory,
                       quoted_list=quoted_list, counted=counted)
    return env


def render(name: str, context: Mapping[str, Any],
           templates: Path | Templates | None = None) -> str:
    """Render template `name`; any template error becomes a `TemplateProblem`.
    `templates`: the user's folder (`user_folder`), or the `Templates` found once."""
    return _render(name, context, templates, [])


#: A rendering's globals and the values put under them, kept for the next of `render_each`.
Made = tuple[MutableMapping[str, Any], dict[str, Any]]


def render_each(names: Sequence[str], context: Mapping[str, Any],
                templates: Path | Templates | None = None) -> list[str]:
    """`render` of each of `names` with the same `context` (a reminder's subject, then its
    body), which is put under the templates' globals once for all (`_new_context`). Each
    rendering has its own budget; the first error stops."""
    made: list[Made] = []
    return [_render(name, context, templates, made) for name in names]


def _render(name: str, context: Mapping[str, Any], templates: Path | Templates | None,
            made: list[Made]) -> str:
    token = _budget.set(_Budget())
    try:
        template = (templates.template(name) if isinstance(templates, Templates)
                    else environment(templates).get_template(name))
        return _bounded_output(template, context, made)
    except (TemplateProblem, UsageError):  # a --templates folder that does not exist
        raise
    except RecursionError:
        raise TemplateProblem(f"{name}: the template extends or includes itself (an endless "
                              "loop); to build on the shipped template, write "
                              f'{{% extends "pncaf/{name}" %}}') from None
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
    except Exception as exc:  # the template's own mistake: `{{ 1/0 }}`, `{{ "a" + 1 }}`…
        raise TemplateProblem(f"{_template_position(exc, name)}: {type(exc).__name__}: "
                              f"{exc}") from None
    finally:
        _budget.reset(token)


def _bounded_output(template: jinja2.Template, context: Mapping[str, Any],
                    made: list[Made]) -> str:
    """The template's text, stopped as soon as it grows too large. Its parts are taken from
    the template's own render function, which `Template.generate` wraps in one more
    generator and two copies of the context: a sixth of a reminder's rendering."""
    parts: list[str] = []
    size = 0
    try:
        for part in template.root_render_func(_new_context(template, context, made)):
            size += len(part)
            if size > MAX_OUTPUT:
                break
            parts.append(part)
    except Exception:
        template.environment.handle_exception()     # raised again, at the template's line
    if size > MAX_OUTPUT:
        raise SecurityError(f"the document would be too large (more than {MAX_OUTPUT:,} "
                            "characters, a hundred times a long page): the template "
                            "writes more than any document holds (a text repeated, or "
                            "a loop over more items than its context gives)")
    return "".join(parts)


def _new_context(template: jinja2.Template, context: Mapping[str, Any],
                 made: list[Made]) -> jinja2.runtime.Context:
    """What `template.new_context(dict(context))` makes: the template's globals (one dict
    in pncaf's environments, `Lookups`) under the context's values, which that call went
    through twice (4 µs twice a reminder); the values are put under the globals once for
    the templates of `render_each` (`made`: the globals and that mapping, which Jinja only
    reads) when their globals are the same."""
    scope = template.globals
    if made and made[0][0] == scope:
        scope, parent = made[0]
    else:
        parent = {**scope, **context}
        made[:] = [(scope, parent)]
    return template.environment.context_class(
        template.environment, parent, template.name, template.blocks, globals=scope)


def _where(templates: Path | Templates | None) -> str:
    if isinstance(templates, Templates):
        folder = templates.folder
    else:
        folder = (user_folder(templates) if templates is None or templates.is_dir()
                  else None)
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
