"""Places and references: the jurisdictions, organizations and contacts a roster names.

A row names jurisdictions by id, FIPS or state postal code, and organizations and contacts by
id. `reference_tokens` collects every such token of a chunk of rows, `References.prefetch`
resolves them against the graph in a few queries per chunk and remembers the answers (a
`Place` for a jurisdiction, known or not for an id), so checking a row never queries the
graph itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .common import LIST_SEP, Cells


@dataclass
class Place:
    id: str
    kind: str
    state: str | None


def jurisdiction_keys(token: str) -> dict[str, str]:
    """The id / FIPS / postal forms a jurisdiction reference may take."""
    raw = token.strip()
    fips = raw
    if raw.isdigit():
        fips = raw.zfill(2) if len(raw) <= 2 else raw.zfill(5) if len(raw) <= 5 else raw
    return {"ref": raw, "id": raw.lower(), "fips": fips, "postal": raw.upper()}


class References:
    """Looks references up in the graph, a chunk at a time, and remembers the answers."""

    def __init__(self, graph: Any) -> None:
        self.graph = graph
        self.places: dict[str, Place | None] = {}
        self.organizations: dict[str, bool] = {}
        self.contacts: dict[str, bool] = {}

    def prefetch(self, places: set[str], organizations: set[str], contacts: set[str]) -> None:
        todo = [p for p in places if p not in self.places]
        for start in range(0, len(todo), 5_000):
            part = todo[start:start + 5_000]
            found = {r["ref"]: Place(r["id"], r["kind"], r["state"]) for r in self.graph.read(
                "queries/jurisdictions_by_reference", refs=[jurisdiction_keys(t) for t in part]) if r["id"]}
            for token in part:
                self.places[token] = found.get(token.strip())
        for wanted, cache, query in ((organizations, self.organizations, "queries/organizations_by_id"),
                                     (contacts, self.contacts, "queries/contacts_by_id")):
            todo = [i for i in wanted if i not in cache]
            for start in range(0, len(todo), 5_000):
                part = todo[start:start + 5_000]
                found_ids = {r["id"] for r in self.graph.read(query, ids=part)}
                for i in part:
                    cache[i] = i in found_ids


def reference_tokens(rows: list[tuple[int, Cells]], place_cols: tuple[str, ...], org_cols: tuple[str, ...],
                     contact_cols: tuple[str, ...]) -> tuple[set[str], set[str], set[str]]:
    places: set[str] = set()
    orgs: set[str] = set()
    contacts: set[str] = set()
    for _, cells in rows:
        for cols, bucket in ((place_cols, places), (org_cols, orgs), (contact_cols, contacts)):
            for col in cols:
                for v in cells.get(col, "").split(LIST_SEP):
                    if v.strip():
                        bucket.add(v.strip())
    return places, orgs, contacts


__all__ = ["Place", "References", "jurisdiction_keys", "reference_tokens"]
