"""Placeholder, replaced below."""
from __future__ import annotations

from typing import TYPE_CHECKING

from pncaf.web.views.common import page

if TYPE_CHECKING:
    from flask import Flask


def register(app: Flask) -> None:
    app.add_url_rule("/importer", "import_form",
                     lambda: page("error.html", title="À venir", text=""))
