"""The pages, one module each; `register` adds their routes to the application."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def register(app: Flask) -> None:
    from pncaf.web.views import (
        convention,
        create,
        documents,
        history,
        importing,
        network,
        record,
        reminders,
        report,
    )

    for module in (network, convention, record, documents, create, importing, reminders,
                   history, report):
        module.register(app)
