"""A GraphQL answer object as the JSON GraphQL gives for it with every field selected: the
schema's field names (camelCase), enums by name, moments in ISO 8601. The CLI's `--format
json` prints this, so a script reads the same shape from `refgraph route` as from `route`."""

from __future__ import annotations

import json
from datetime import datetime
from enum import Enum
from typing import Any

from strawberry.schema.config import StrawberryConfig
from strawberry.types.base import get_object_definition

_NAMES = StrawberryConfig().name_converter


def plain(value: Any) -> Any:
    """`value` (a strawberry object, a list of them, a scalar) as JSON-ready data."""
    definition = get_object_definition(value) if not isinstance(value, type) else None
    if definition is not None:
        return {_NAMES.get_graphql_name(f): plain(getattr(value, f.python_name))
                for f in definition.fields if f.base_resolver is None}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def answer_json(value: Any) -> str:
    return json.dumps(plain(value), indent=2, ensure_ascii=False)
