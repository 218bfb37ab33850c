"""The HSDS 3.0 tabular format as the specification defines it: its tables, their files and
fields, which fields a row must have and what each field holds.

Read from the specification's own compiled schema (`hsds-3.0/tabular.json`, Open Referral,
CC BY-SA 4.0), so field names are never retyped here: the importer checks a datapackage's
headers and cells against it, and the exporter writes its columns and validates its rows
against it (`validate_rows`).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).with_name("hsds-3.0")
SCHEMA = FOLDER / "tabular.json"  # the tables, as the tabular format has them
BASE_URI = "https://schema.openreferral.org/hsds/3.0/"  # where its $refs (attribute.json, ...) resolve: FOLDER/schema
VERSION = "3.0"
# the tables a row of each of these points at, by field
LINKS: dict[str, str] = {
    "organization_id": "organization", "service_id": "service", "location_id": "location",
    "contact_id": "contact", "phone_id": "phone", "service_at_location_id": "service_at_location",
    "program_id": "program", "taxonomy_term_id": "taxonomy_term", "taxonomy_id": "taxonomy",
    "parent_organization_id": "organization",
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # string, number, array, object (the last two are nested in JSON, not CSV columns)
    format: str | None
    enum: tuple[str, ...] | None
    required: bool


@dataclass(frozen=True)
class Table:
    name: str  # organization, service, ...
    path: str  # organizations.csv, services.csv, ...
    fields: dict[str, Field]
    order: int

    @property
    def columns(self) -> tuple[str, ...]:
        """The CSV columns: every field that is not a nested list or object."""
        return tuple(n for n, f in self.fields.items() if f.type not in ("array", "object"))


@functools.cache
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return data


@functools.cache
def tables() -> dict[str, Table]:
    """Every table of the tabular format, by name, in the specification's order."""
    out = {}
    for name, entry in schema()["properties"].items():
        item = entry["items"]
        required = set(item.get("required", []))
        fields = {
            n: Field(n, str(p.get("type") or "object"), p.get("format"), tuple(p["enum"]) if "enum" in p else None,
                     n in required)
            for n, p in item["properties"].items()
        }
        out[name] = Table(name, item["path"], fields, int(item.get("datapackage_metadata", {}).get("order", 99)))
    return dict(sorted(out.items(), key=lambda kv: kv[1].order))


def table_by_path() -> dict[str, Table]:
    return {t.path: t for t in tables().values()}


def typed_row(table: Table, cells: dict[str, str]) -> dict[str, Any]:
    """A CSV row as the JSON object the schema describes: empty cells left out, numbers as numbers
    (a cell that is not a number is kept as text, so validation names it)."""
    row: dict[str, Any] = {}
    for name, value in cells.items():
        if value == "" or name not in table.fields:
            continue
        if table.fields[name].type == "number":
            try:
                number = float(value)
                row[name] = int(number) if number.is_integer() else number
            except ValueError:
                row[name] = value
        else:
            row[name] = value
    return row


@functools.cache
def _validator(table: str) -> Any:
    """The table's row schema, its $refs resolved from the specification's own files; formats
    (uuid, email, uri, date-time) checked as JSON Schema 2020-12 defines them."""
    import jsonschema_rs

    registry = jsonschema_rs.Registry([(BASE_URI + p.name, json.loads(p.read_text(encoding="utf-8")))
                                       for p in sorted((FOLDER / "schema").glob("*.json"))])
    item = {**schema()["properties"][table]["items"], "$id": f"{BASE_URI}tabular_{table}.json"}
    return jsonschema_rs.Draft202012Validator(item, validate_formats=True, registry=registry)


FORMAT_WORDS = {"uuid": "a UUID (HSDS 3.0 ids are UUIDs)", "email": "an email address like name@example.org",
                "uri": "a web address (with its scheme, e.g. https://)", "date": "a date written YYYY-MM-DD",
                "date-time": "a date and time like 2024-05-16T09:58:19Z"}


def row_problems(table: Table, cells: dict[str, str]) -> list[tuple[str, str, str]]:
    """What the schema says is wrong with one CSV row, written for the person fixing it:
    (message, field, value) for each problem."""
    out = []
    for error in _validator(table.name).iter_errors(typed_row(table, cells)):
        kind = type(error.kind).__name__
        name = str(error.instance_path[0]) if error.instance_path else ""
        value = cells.get(name, "")
        if kind == "Required":
            name = str(getattr(error.kind, "property", "") or error.message.split('"')[1])
            out.append((f"is empty; HSDS 3.0 requires every {table.name} row to have {name}", name, ""))
        elif kind == "Type":
            out.append(("is not a number", name, value))
        elif kind == "Format":
            fmt = str(getattr(error.kind, "format", ""))
            out.append((f"is not {FORMAT_WORDS.get(fmt, 'a valid ' + fmt)}", name, value))
        elif kind == "Enum":
            options = table.fields[name].enum or ()
            out.append((f"is not one of {', '.join(options)}", name, value))
        else:
            out.append((error.message, name, value))
    return out


def validate_rows(table: str, rows: list[dict[str, Any]]) -> list[str]:
    """What the HSDS 3.0 schema says is wrong with these rows (typed_row objects): one message
    per problem, naming the row (its position, from 1) and the field; empty when they conform."""
    validator = _validator(table)
    problems = []
    for at, row in enumerate(rows, start=1):
        for error in validator.iter_errors(row):
            where = "/".join(str(p) for p in error.instance_path) or "(row)"
            problems.append(f"{tables()[table].path} row {at}: {where}: {error.message}")
    return problems


__all__ = ["LINKS", "VERSION", "Field", "Table", "row_problems", "table_by_path", "tables", "typed_row",
           "validate_rows"]
