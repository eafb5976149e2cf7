"""The JSON Schema of the convention format, generated from the models (for editors)."""

from __future__ import annotations

import json
from typing import Any


def convention_schema() -> dict[str, Any]:
    from pncaf.models import Convention

    schema = Convention.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def schema_text() -> str:
    return json.dumps(convention_schema(), ensure_ascii=False, indent=2) + "\n"
