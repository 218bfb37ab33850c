"""gapCandidates: whom to recruit for a gap cell (service.domain.candidates)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from service.api.context import Context
from service.api.permissions import needs
from service.api.routing import OrganizationBrief, _org
from service.api.situation import SituationInput
from service.api.vocabulary import Service
from service.domain import candidates as cand
from service.domain.places import resolve_plan
from service.ops.auth import Role


@strawberry.type(description="An organization that could be recruited for a gap, and why.")
class GapCandidate:
    organization: OrganizationBrief
    phone: str | None = strawberry.field(description="The organization's main number.")
    area: str = strawberry.field(description="Where it works: the place, or the nearest area around it that holds its coverage.")
    hops: int = strawberry.field(description="How far up from the place that area is (0 = the place itself, or inside it).")
    covers_place: bool = strawberry.field(description="One of its services already covers the place.")
    offers: list[Service] = strawberry.field(description="The services it offers already, anywhere.")
    reasons: list[str] = strawberry.field(description="Why it fits: its type for the service and the situation, what it offers already.")


@strawberry.type(description="Candidates for one cell: organizations in or near the place whose type or experience fits, nearest first.")
class GapCandidates:
    place_id: str
    place_name: str
    service: Service
    gap: bool = strawberry.field(description="Routing returns nobody for this cell now (candidates are listed either way).")
    candidates: list[GapCandidate]


def to_candidates(found: cand.GapCandidates) -> GapCandidates:
    return GapCandidates(
        place_id=found.place_id, place_name=found.place_name, service=Service(found.service.value), gap=found.gap,
        candidates=[GapCandidate(organization=_org(c.organization), phone=c.phone, area=c.area, hops=c.hops,
                                 covers_place=c.covers_place, offers=[Service(s) for s in c.offers],
                                 reasons=list(c.reasons)) for c in found.candidates])


@strawberry.type
class CandidateQueries:
    @strawberry.field(description="Whom to recruit for a gap: organizations in or near the place whose type or experience fits the service and situation (DV, sexual assault and youth shelters for a minors' shelter gap, immigrant-rights groups for immigration services...), nearest first, with what they offer already.", extensions=needs(Role.ANALYST))
    async def gap_candidates(
        self, info: Info[Context, None],
        place: Annotated[str, strawberry.argument(description="Jurisdiction id, FIPS, postal code, or a name.")],
        service: Annotated[Service, strawberry.argument(description="The service of the gap.")],
        situation: Annotated[SituationInput | None, strawberry.argument(description="The cell's situation (e.g. age MINOR).")] = None,
        first: Annotated[int, strawberry.argument(description=f"Candidates listed: 1 to {cand.MAX_CANDIDATES} (default 10).")] = 10,
    ) -> GapCandidates:
        s = (situation or SituationInput()).to_situation()
        graph = info.context.graph
        found = await graph.run(resolve_plan(place))
        return to_candidates(await graph.run(cand.candidates_plan(found.id, service.value, s, first)))
