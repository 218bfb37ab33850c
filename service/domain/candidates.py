"""Candidates for a gap (issue 16, item 11): for a cell where routing returns nobody, the
organizations in or near the place whose type or experience fits the service and the situation,
nearest first, with what they already offer: the people to recruit.

Two round trips: the route for the cell (is it a gap?) and queries/gap_candidates (live
organizations of a fitting type, or already offering the service to other people, found through
the place's nearest ancestor below the country that holds their coverage). Within the same
distance, an organization whose type fits the situation (a youth shelter for minors, an
immigrant-rights group for a foreign national) and one already offering the service rank first.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..errors import InvalidInput
from ..store.graph import Plan, Row, and_then
from .coverage import organization_from
from .csv_safety import safe_row
from .models import OrganizationRef, Route, Situation, parse_service
from .routing import route_plan
from .vocabulary import CANDIDATE_TYPES, DIMENSION_BY_NAME, SITUATION_TYPES, Service

MAX_CANDIDATES = 50
READ_AHEAD = 5  # rows read per candidate kept: the ranking within a distance is done here


@dataclass(frozen=True)
class Candidate:
    organization: OrganizationRef
    phone: str | None
    area: str  # the nearest of the place's ancestors (or the place) that holds its coverage
    hops: int  # how far up from the place that is (0 = the place itself, or inside it)
    covers_place: bool  # one of its services already covers the place
    offers: tuple[str, ...]  # services it offers already, anywhere
    reasons: tuple[str, ...]  # why it fits, in words


@dataclass(frozen=True)
class GapCandidates:
    place_id: str
    place_name: str
    service: Service
    situation: Situation
    gap: bool  # routing returns nobody for the cell (candidates are listed either way)
    candidates: tuple[Candidate, ...]


def _accepts_text(accepted: dict[str, list[str] | None]) -> str:
    """The values a capability narrows to, in the dimensions' order (ADULT FEMALE), or anyone."""
    narrowed = [values[0] for d in DIMENSION_BY_NAME if (values := accepted.get(d)) and len(values) == 1]
    return " ".join(narrowed) or "anyone"


def _candidate(row: Row, service: Service, situation: Situation) -> tuple[tuple[int, int, int, int, str], Candidate]:
    org = row["organization"]
    kind = org.get("type") or ""
    reasons: list[str] = []
    fits_situation = [f"{kind} fits {value}" for (dimension, value), types in SITUATION_TYPES.items()
                      if situation.known().get(dimension) == value and kind in types]
    if kind in CANDIDATE_TYPES[service]:
        reasons.append(f"{kind} fits {service.value}")
    reasons += fits_situation
    same = row.get("same") or []
    if same:
        reasons.append(f"already offers {service.value} to " + "; ".join(sorted({_accepts_text(s) for s in same})))
    candidate = Candidate(
        organization_from(org),
        org.get("phone"), row.get("area") or "", int(row["near"]), bool(row.get("covers_place")),
        tuple(sorted(row.get("offers") or ())), tuple(reasons))
    rank = (int(row["level"]), candidate.hops, 0 if fits_situation else 1, 0 if same else 1, candidate.organization.name)
    return rank, candidate


def candidates_plan(place_id: str, service: Service | str, situation: Situation,
                    first: int = 10) -> Plan[GapCandidates]:
    """The first `first` candidates for the cell (service, situation) at the place."""
    if not 1 <= first <= MAX_CANDIDATES:
        raise InvalidInput(f"first is {first}", f"Ask for 1 to {MAX_CANDIDATES} candidates", argument="first")
    wanted = parse_service(service)
    types = [t.value for t in CANDIDATE_TYPES[wanted]]

    def with_route(route: Route) -> Plan[GapCandidates]:
        gap = route.for_service(wanted).gap

        def finish(rows: list[Row]) -> GapCandidates:
            ranked = sorted((_candidate(r, wanted, situation) for r in rows), key=lambda pair: pair[0])
            return GapCandidates(route.place.id, route.place.name, wanted, situation, gap,
                                 tuple(c for _, c in ranked[:first]))

        return Plan("queries/gap_candidates", {"place": route.place.id, "service": wanted.value, "types": types,
                                               "limit": first * READ_AHEAD}, finish)

    return and_then(route_plan(place_id, situation, [wanted], first=1), with_route)


CSV_HEADERS = ("rank", "organization_id", "organization", "type", "phone", "area", "hops", "covers_place",
               "offers", "why")


def candidates_csv(found: GapCandidates) -> str:
    """The candidates as a spreadsheet for outreach staff; no cell runs as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADERS)
    for i, c in enumerate(found.candidates, 1):
        writer.writerow(safe_row([i, c.organization.id, c.organization.name, c.organization.type, c.phone, c.area,
                                  c.hops, "yes" if c.covers_place else "no", " ".join(c.offers), "; ".join(c.reasons)]))
    return out.getvalue()
