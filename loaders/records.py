"""Roster rows rebuilt from the graph: the row that would write a record as it stands.

Stewards' mutations change one cell of such a row and save it through the
loader; the backup export writes them out as roster files the loader reads, and the
HSDS export (loaders.hsds.export) reads the same rows (`roster_rows`, `region_rows`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .rosters import capabilities, contacts, organizations, placefacts, taskforces

if TYPE_CHECKING:
    from service.store.graph import Graph

BATCH = 2000  # ids per read of records


@dataclass(frozen=True)
class Kind:
    """A record kind stewards edit: its roster, the statement that reads it back, its label."""

    roster: str
    records: str
    key: str
    label: str
    columns: tuple[str, ...]


ORGANIZATION = Kind("organizations", "queries/organization_records", "organization", "organization",
                    tuple(c.name for c in organizations.COLUMNS))
CONTACT = Kind("contacts", "queries/contact_records", "contact", "contact",
               tuple(c.name for c in contacts.COLUMNS))
CAPABILITY = Kind("capabilities", "queries/capability_records", "capability", "capability",
                  tuple(c.name for c in capabilities.COLUMNS))
TASK_FORCE = Kind("taskforces", "queries/task_force_records", "task_force", "task force",
                  tuple(c.name for c in taskforces.COLUMNS))
PLACE_FACT = Kind("placefacts", "queries/place_fact_records", "place_fact", "place fact",
                  tuple(c.name for c in placefacts.COLUMNS))
RECORD_KINDS: tuple[Kind, ...] = (ORGANIZATION, CONTACT, TASK_FORCE, CAPABILITY, PLACE_FACT)  # in load order
NODE_LABELS: dict[str, str] = {"organizations": "Organization", "contacts": "Contact", "taskforces": "TaskForce",
                               "capabilities": "Capability", "placefacts": "PlaceFact"}  # by roster


def cell(value: Any) -> str:
    """One Python value as the text a roster cell would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return str(value)


def cells_of(kind: Kind, record: dict[str, Any]) -> dict[str, str]:
    """Rebuild the roster row that would write this record as it stands in the graph."""
    values = dict(record)
    if kind is CAPABILITY:
        values["jurisdictions"] = [p["id"] for p in record.get("covers") or []]
    if kind is TASK_FORCE:
        members = record.get("members") or []
        values["lead"] = next((m["id"] for m in members if m["lead"]), None)
        values["members"] = sorted(m["id"] for m in members if not m["lead"])
        values["jurisdictions"] = [p["id"] for p in record.get("areas") or []]
    return {name: cell(values.get(name)) for name in kind.columns}


def roster_rows(graph: Graph) -> dict[str, Iterator[dict[str, str]]]:
    """Every record of each kind as its roster row (cells_of), by roster, in id order. The ids are
    read once, now; each kind's records are read, a batch at a time, as its rows are taken."""
    ids: dict[str, list[str]] = {}
    for r in graph.read("queries/record_ids"):
        ids.setdefault(r["label"], []).append(r["id"])
    return {kind.roster: _rows(graph, kind, ids.get(NODE_LABELS[kind.roster], [])) for kind in RECORD_KINDS}


def _rows(graph: Graph, kind: Kind, ids: list[str]) -> Iterator[dict[str, str]]:
    for start in range(0, len(ids), BATCH):
        for row in graph.read(kind.records, ids=ids[start:start + BATCH]):
            yield cells_of(kind, row[kind.key])


def region_rows(graph: Graph) -> Iterator[dict[str, Any]]:
    """Every region as the regions roster has it: its properties, its state and its counties (sorted)."""
    for r in graph.read("queries/regions_for_export"):
        yield {**r["region"], "state": r["state"], "counties": sorted(r["counties"])}
