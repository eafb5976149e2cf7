"""The JSON Schema of the convention format, generated from the models (for editors)."""

from __future__ import annotations

import json
from typing import Any


def convention_schema() -> dict[str, Any]:
    from pydantic import TypeAdapter
    from pydantic.json_schema import GenerateJsonSchema, NoDefault

    from pncaf.format.models import Convention

    class WithFactoryDefaults(GenerateJsonSchema):
        """Show the defaults that the models build with a factory (`[]`, `term: {years: 1…}`)
        too, so that editors display them like any other default."""

        def get_default_value(self, schema: Any) -> Any:
            factory = schema.get("default_factory")
            if factory is not None and not schema.get("default_factory_takes_data"):
                return factory()
            return schema.get("default", NoDefault)

    schema = TypeAdapter(Convention).json_schema(schema_generator=WithFactoryDefaults)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://pncaf.invalid/schema/pncaf-1.json",
            **schema,
            "title": "Convention « Point numérique Caf » (pncaf/1)"}


def schema_text() -> str:
    return json.dumps(convention_schema(), ensure_ascii=False, indent=2) + "\n"
