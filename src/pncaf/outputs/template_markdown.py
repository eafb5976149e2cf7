"""Markdown templates (`*.md.j2`) print every value escaped (`markdown_text`), through the
environment's `finalize` (`markdown_safe`); pncaf's own other templates are compiled
without that call (`ShippedCodeGenerator`)."""

from __future__ import annotations

import re
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|~&])")


def markdown_text(value: str) -> str:
    """A text as it must be written in Markdown to print as typed, escaped once and only
    here: Markdown's marks get a backslash (« Espace *Numérique* » keeps its stars, `&lt;`
    typed in a street stays `&lt;`), `<` is written `&lt;` so that no value ever becomes
    HTML (a partner named `<script>…` stays text), and a leading `>` is not a quotation."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", value).replace("<", "&lt;")
    return "\\" + escaped if escaped.startswith(">") else escaped


@jinja2.pass_context
def markdown_safe(context: jinja2.runtime.Context, value: Any) -> Any:
    """In a Markdown template, every value printed is Markdown-escaped (`markdown_text`):
    the template's own marks stay marks, the data stays text."""
    if isinstance(value, str) and (context.name or "").endswith(".md.j2"):
        return markdown_text(value)
    return value


class ShippedCodeGenerator(CodeGenerator):
    """Compiles pncaf's own templates: only a Markdown one (`*.md.j2`) passes what it prints
    through `finalize` (`markdown_safe`), which does nothing in any other: its call, for
    each value a reminder prints, was a fifteenth of the rendering. The shipped templates
    run only under their own name (none extends a template of the other kind), so the
    name a template is compiled under is the one `markdown_safe` would be asked about."""

    def _make_finalize(self) -> CodeGenerator._FinalizeInfo:
        if self._finalize is None and not (self.name or "").endswith(".md.j2"):
            self._finalize = self._FinalizeInfo(self._default_finalize, None)
        return super()._make_finalize()
