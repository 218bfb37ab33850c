"""The routing workload: random places (counties and cities, a few states) and situations.

Seeded, so the service, the bare driver and the peer get the very same requests.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from service.domain.models import Situation
from service.domain.routing import route_plan
from service.domain.vocabulary import DIMENSIONS
from service.store.graph import Plan
from service.store.statements import dated, statement

EASTERN = timezone(timedelta(hours=-5))
FIRST = 10  # referrals per service, the API's default


@dataclass(frozen=True)
class Request:
    place: str
    situation: Situation
    at: datetime | None
    first: int = FIRST
    # queries/route_referrals' parameters as the service sends them (what the floor and the peer run)
    referral_params: dict[str, Any] = field(default_factory=dict, compare=False)

    def variables(self) -> dict[str, Any]:
        s: dict[str, str | bool] = {d: v for d, v in self.situation.known().items()}
        if self.situation.immediate_danger:
            s["immediateDanger"] = True
        out: dict[str, Any] = {"place": self.place, "situation": s, "first": self.first}
        if self.at is not None:
            out["at"] = self.at.isoformat()
        return out

    def plan(self) -> Plan[Any]:
        """What the service runs for this request (queries/route_referrals)."""
        return route_plan(self.place, self.situation, at=self.at, first=self.first)


def with_referral_params(graph: Any, request: Request) -> Request:
    """The request with the parameters the service sends for it (checked by running them once:
    an unknown place or zone fails here, not in the middle of a measurement)."""
    plan = request.plan()
    plan.finish(graph.read(plan.statement, **plan.params))
    return Request(request.place, request.situation, request.at, request.first,
                   dated(statement(plan.statement), plan.params))  # with $today, as the gateway sends it


def places(graph: Any) -> list[str]:
    ids: list[str] = []
    for kind in ("county", "city", "state"):
        ids += [r["id"] for r in graph.read("queries/jurisdiction_ids_by_kind", kind=kind)]
    return ids


def requests(graph: Any, n: int, seed: int = 11, first: int = FIRST) -> list[Request]:
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
        out.append(with_referral_params(graph, Request(place, Situation(**known, immediate_danger=danger), at, first)))
    return out


ROUTE_QUERY = """
query Route($place: String!, $situation: SituationInput, $at: DateTime, $first: Int! = 10) {
  route(place: $place, situation: $situation, at: $at, first: $first) {
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
