"""The coverage digests a roster write keeps exact: each write transaction ends by rebuilding
the digests (`writes/refresh_coverage_digests`) of the jurisdictions it touched, so routing
(`queries/route_referrals`) never reads one that disagrees with the graph.

- capabilities: the jurisdictions its new and changed rows cover (the ones a changed row
  stopped covering were marked stale by `writes/unlink_capabilities`);
- organizations: every jurisdiction their capabilities cover (retiring an organization, or
  changing its hours, changes those digests);
- jurisdictions and regions: every digest (a new PART_OF link can make a capability cover a
  place and its ancestor, which the digest marks); such imports are rare.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from service.graph import Step

STATEMENT = "writes/refresh_coverage_digests"
EVERYTHING = frozenset({"jurisdictions", "regions"})
Batch = tuple[list[dict[str, Any]], list[dict[str, Any]]]


class Touched:
    """What one write touched, noted as its batches go by (before they are sent and emptied)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.places: set[str] = set()
        self.organizations: set[str] = set()
        self.written = False

    def noting(self, batches: Iterable[Batch]) -> Iterator[Batch]:
        for new, changed in batches:
            for row in (*new, *changed):
                if self.kind == "capabilities":
                    self.places.update(row["covers"])
                elif self.kind == "organizations":
                    self.organizations.add(row["id"])
            self.written = self.written or bool(new or changed)
            yield new, changed

    def step(self) -> Step | None:
        """The refresh that ends the write, or None when it wrote nothing digests depend on."""
        everything = self.kind in EVERYTHING and self.written
        if not (self.places or self.organizations or everything):
            return None
        return Step(STATEMENT, {"ids": sorted(self.places), "organizations": sorted(self.organizations),
                                "everything": everything})
