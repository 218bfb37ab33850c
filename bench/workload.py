"""The routing workload: random places (counties and cities, a few states) and situations.

Seeded, so the service, the bare driver and the peer get the very same requests.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from service.coverage import coverage_plan
from service.models import Situation
from service.routing import emergency_applies
from service.vocabulary import DIMENSIONS, Service

EASTERN = timezone(timedelta(hours=-5))


@dataclass(frozen=True)
class Request:
    place: str
    situation: Situation
    at: datetime | None

    def variables(self) -> dict[str, Any]:
        s = {d: v for d, v in self.situation.known().items()}
        if self.situation.immediate_danger:
            s["immediateDanger"] = True
        out: dict[str, Any] = {"place": self.place, "situation": s}
        if self.at is not None:
            out["at"] = self.at.isoformat()
        return out

    def cypher_params(self) -> dict[str, Any]:
        """What the service sends for queries/place_coverage (all eight services)."""
        plan = coverage_plan(self.place, tuple(Service), emergency_applies(self.situation), lambda c: c)
        return plan.params


def places(graph: Any) -> list[str]:
    ids: list[str] = []
    for kind in ("county", "city", "state"):
        ids += [r["id"] for r in graph.read("queries/jurisdiction_ids_by_kind", kind=kind)]
    return ids


def requests(graph: Any, n: int, seed: int = 11) -> list[Request]:
    rng = random.Random(seed)
    by_kind = {k: [r["id"] for r in graph.read("queries/jurisdiction_ids_by_kind", kind=k)]
               for k in ("county", "city", "state")}
    out = []
    for _ in range(n):
        kind = rng.choices(("county", "city", "state"), weights=(60, 35, 5))[0]
        place = rng.choice(by_kind[kind] or by_kind["county"] or by_kind["state"])
        known = {d.name: rng.choice(d.values) for d in DIMENSIONS if rng.random() < 0.5}
        at = None
        if "hours" not in known and rng.random() < 0.5:
            at = datetime(2026, 11, 23, 0, 0, tzinfo=EASTERN) + timedelta(minutes=rng.randrange(7 * 24 * 60))
        danger = known.get("urgency") == "URGENT" and rng.random() < 0.3
        out.append(Request(place, Situation(**known, immediate_danger=danger), at))
    return out


ROUTE_QUERY = """
query Route($place: String!, $situation: SituationInput, $at: DateTime) {
  route(place: $place, situation: $situation, at: $at) {
    place { id name kind timezone }
    hours
    services {
      service gap
      referrals {
        rank capabilityId phone priority verifiedOn confirm why hours
        organization { id name type }
        contact { id name phone afterHoursPhone }
        coverage { jurisdictionId kind hops }
        matched { dimension value }
      }
    }
    emergency { instruction followUp lawEnforcement { rank organization { id name } phone } federalContacts { id phone } }
    mandatoryReport
    gaps
  }
}
""".strip()
