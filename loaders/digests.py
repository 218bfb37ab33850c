"""The coverage digests a roster write keeps exact: each write transaction ends by rebuilding
the digests (`writes/refresh_coverage_digests`) of the jurisdictions it touched, so routing
(`queries/route_referrals`) never reads one that disagrees with the graph.

- capabilities: the jurisdictions its new and changed rows cover, and those the changed rows
  covered before (read from the graph as each batch goes by, before it is written);
- organizations: every jurisdiction their capabilities cover (retiring an organization, or
  changing its hours or training, changes those digests);
- contacts: every jurisdiction the capabilities asked for at them cover (retiring a contact or
  changing its training changes the order: trained first);
- jurisdictions and regions: every digest (a new PART_OF link can make a capability reach a
  place through two ancestors, which the digest marks); such imports are rare.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from service.digest import REFRESH, jurisdiction_ids, refresh_batches
from service.store.graph import Graph, Step

EVERYTHING = frozenset({"jurisdictions", "regions"})
Batch = tuple[list[dict[str, Any]], list[dict[str, Any]]]


class Touched:
    """What one write touched, noted as its batches go by (before they are sent and emptied)."""

    def __init__(self, graph: Graph, kind: str) -> None:
        self.graph = graph
        self.kind = kind
        self.places: set[str] = set()
        self.written = False

    def noting(self, batches: Iterable[Batch]) -> Iterator[Batch]:
        for new, changed in batches:
            if self.kind == "capabilities":
                for row in (*new, *changed):
                    self.places.update(row["covers"])
                self._read("queries/capability_covers", [row["id"] for row in changed])
            elif self.kind == "organizations":
                self._read("queries/organization_covers", [row["id"] for row in changed])
            elif self.kind == "contacts":  # a new contact is asked for nowhere yet
                self._read("queries/contact_covers", [row["id"] for row in changed])
            self.written = self.written or bool(new or changed)
            yield new, changed

    def _read(self, query: str, ids: list[str]) -> None:
        if ids:
            self.places.update(r["id"] for r in self.graph.read(query, ids=ids))

    @staticmethod
    def union(graph: Graph, touched: list[Touched]) -> Iterator[Step]:
        """The refreshes ending a write of several rosters: each place's digest rebuilt once."""
        places: set[str] = set()
        for t in touched:
            if t.kind in EVERYTHING and t.written:
                places.update(jurisdiction_ids(graph))
            places.update(t.places)
        for params in refresh_batches(sorted(places)):
            yield Step(REFRESH, params)

    def steps(self) -> Iterator[Step]:
        """The refreshes that end the write (none when it wrote nothing digests depend on)."""
        if self.kind in EVERYTHING and self.written:
            self.places.update(jurisdiction_ids(self.graph))
        for params in refresh_batches(sorted(self.places)):
            yield Step(REFRESH, params)
