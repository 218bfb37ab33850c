"""`refgraph export --format hsds DIR`: Refgraph's graph as a tabular HSDS 3.0 datapackage.

Every table of the specification is written (a header only when Refgraph has nothing for it),
with exactly its columns, plus `datapackage.json` (a Frictionless tabular data package naming each
file, its fields and links). What goes where is Refgraph's HSDS profile (loaders.hsds.taxonomy,
docs/hsds.md): organizations (every one, retired too) and task forces to organizations.csv,
contacts to contacts.csv, capabilities to services.csv with their service areas, hours to a
location's schedules, and what HSDS has no column for (the matrix cells a service accepts, types,
priorities, verification dates, Refgraph ids) to attributes of the "Refgraph matrix" taxonomy.
`loaders.hsds.importer` reads exactly this back.

Place facts are not exported: HSDS has nothing for what a place has (its task forces, hotlines,
laws). Nor are places themselves, regions aside (a service area names its place by URN, a region
lists its counties), the audit trail, API keys or sessions.

Confidential addresses are left out (their `address_confidential` attribute still says so)
unless `confidential_addresses`. The package still holds every contact's phone, so, like a backup,
its folder is 0700 and its files 0600. HSDS is for programs: cells are written exactly as they are,
with no apostrophe before what a spreadsheet would take for a formula. Every row is checked
against the HSDS 3.0 schema before any file is written; two exports of the same graph write
byte-identical CSV files (rows by id, ids derived from Refgraph ids).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from loaders.records import region_rows, roster_rows
from service.errors import InvalidInput, RefgraphError
from service.ops.backup_files import owner_only_folder, write_csv, write_text
from service.store.graph import Graph

from . import spec
from .export_rows import Place, Row, items, package_rows

DESCRIPTOR = "datapackage.json"
BATCH = 2000
ROSTERS = ("organizations", "contacts", "taskforces", "capabilities")  # place facts: nothing in HSDS
SOURCE = "https://github.com/refgraph/refgraph"
SPECIFICATION = "https://docs.openreferral.org/en/v3.0/"
TIME_FORMAT = "%H:%M"  # opens_at and closes_at are written HH:MM (a Frictionless time pattern)


class PackageInvalid(RefgraphError):
    """The rows of an export do not conform to HSDS 3.0 (a bug: nothing was written)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"The HSDS export does not conform to HSDS 3.0 ({len(problems):,} problem"
                         f"{'s' if len(problems) != 1 else ''}, first: {problems[0]}); nothing was written",
                         "Report it with the lines below: Refgraph's export should always conform")

    def report(self) -> str:
        return "\n".join([f"Error: {self.message}", *(f"  {p}" for p in self.problems[:20])])


def export_hsds(graph: Graph, out_dir: Path, *, confidential_addresses: bool = False) -> dict[str, int]:
    """Write the graph to `out_dir` (new or empty; made 0700, its files 0600) as an HSDS 3.0
    datapackage; returns the rows of each file, in the specification's table order."""
    _refuse_used(out_dir)
    rosters = {name: list(rows) for name, rows in roster_rows(graph).items() if name in ROSTERS}
    tables = package_rows(rosters, _places(graph, rosters["capabilities"]), regions=region_rows(graph),
                          confidential_addresses=confidential_addresses)
    problems = check(tables)
    if problems:
        raise PackageInvalid(problems)
    owner_only_folder(out_dir)
    counts = {}
    for table in spec.tables().values():
        counts[table.path] = write_csv(out_dir / table.path, table.columns, tables.get(table.name, []),
                                       formula_safe=False)
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    write_text(out_dir / DESCRIPTOR, json.dumps(descriptor(created), indent=2) + "\n")
    return counts


def _refuse_used(out_dir: Path) -> None:
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise InvalidInput(f"{out_dir} {'is a file' if not out_dir.is_dir() else 'is not empty'}",
                           "Export the HSDS package into a new or empty folder", argument="DIR")


def _places(graph: Graph, capabilities: Iterable[Mapping[str, str]]) -> dict[str, Place]:
    """The places the capabilities cover, by id: display name ("Wake County, North Carolina") and kind."""
    ids = sorted({p for c in capabilities for p in items(c["jurisdictions"])})
    out = {}
    for start in range(0, len(ids), BATCH):
        for r in graph.read("queries/places_for_hsds", ids=ids[start:start + BATCH]):
            name = f"{r['name']}, {r['state_name']}" if r["state_name"] and r["state_name"] != r["name"] else r["name"]
            out[r["id"]] = Place(r["id"], name or r["id"], r["kind"] or "")
    return out


def check(tables: Mapping[str, list[Row]]) -> list[str]:
    """What is wrong with these rows as HSDS 3.0 (the schema, and ids unique in each table); empty when nothing."""
    problems = []
    for table in spec.tables().values():
        rows = tables.get(table.name, [])
        problems += spec.validate_rows(table.name, [spec.typed_row(table, row) for row in rows])
        seen: set[str] = set()
        for at, row in enumerate(rows, start=1):
            if row.get("id") in seen:
                problems.append(f"{table.path} row {at}: id: {row['id']} is the id of an earlier row")
            seen.add(row.get("id", ""))
    return problems


def _field(table: str, name: str, field: spec.Field) -> dict[str, Any]:
    declared = spec.schema()["properties"][table]["items"]["properties"][name].get("datapackage_type")
    out: dict[str, Any] = {"name": name, "type": declared or field.type}
    if declared == "time":
        out["format"] = TIME_FORMAT
    elif field.format in ("uuid", "email", "uri"):
        out["format"] = field.format
    constraints: dict[str, Any] = {"required": True} if field.required else {}
    if field.enum:
        constraints["enum"] = list(field.enum)
    if constraints:
        out["constraints"] = constraints
    return out


def _resource(table: spec.Table) -> dict[str, Any]:
    fields = [_field(table.name, n, table.fields[n]) for n in table.columns]
    links = [{"fields": n, "reference": {"resource": spec.LINKS[n], "fields": "id"}}
             for n in table.columns if n in spec.LINKS and spec.LINKS[n] in spec.tables()]
    schema: dict[str, Any] = {"fields": fields, "primaryKey": "id"}
    if links:
        schema["foreignKeys"] = links
    return {"name": table.name, "path": table.path, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}


def descriptor(created: str) -> dict[str, Any]:
    """The package's datapackage.json: a Frictionless tabular data package of every HSDS 3.0 table."""
    return {
        "profile": "tabular-data-package",
        "name": "refgraph-hsds",
        "title": "Refgraph anti-trafficking referral coverage (HSDS 3.0)",
        "description": ("Organizations, contacts, task forces and the services they offer, with whom each service "
                        "accepts and where, exported from Refgraph in the tabular format of the Human Services Data "
                        "Specification 3.0 (Open Referral). The matrix facets and Refgraph's own fields are "
                        "attributes in the \"Refgraph matrix\" taxonomy (taxonomies.csv, taxonomy_terms.csv)."),
        "created": created,
        "keywords": ["HSDS", "Open Referral", "human trafficking", "referral"],
        "sources": [{"title": "Refgraph", "path": SOURCE},
                    {"title": "Human Services Data Specification 3.0 (Open Referral, CC BY-SA 4.0): its tables and fields",
                     "path": SPECIFICATION}],
        "licenses": [{"name": "other-closed", "title": "Not open data: shared under the data-sharing agreement of the "
                      "organization that exported it. It holds contact phone numbers; keep it like the roster."}],
        "resources": [_resource(table) for table in spec.tables().values()],
    }
