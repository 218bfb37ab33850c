"""protocolSheet: a place's protocol in the hotline matrix document's layout (service.domain.protocol)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from service.api.context import Context
from service.api.permissions import needs
from service.api.routing import Emergency, Referral, RoutedPlace, _place, _referral, to_emergency
from service.api.vocabulary import Service
from service.domain import protocol as p
from service.ops.auth import Role


@strawberry.type(description="One cell of the protocol sheet: whom to call for a service and one column value.")
class ProtocolCell:
    service: Service
    dimension: str
    value: str
    gap: bool = strawberry.field(description="Nobody on file covers the cell: still to be designed.")
    total: int = strawberry.field(description="Capabilities covering the cell in all (the sheet names the first three).")
    referrals: list[Referral] = strawberry.field(description="The first three, ranked as routing ranks them: names, phones, hours.")


@strawberry.type(description="A place's protocol sheet: the 8 x 12 cells with named contacts, the emergency instructions and the follow-up, when it was verified and what is still a gap.")
class ProtocolSheet:
    place: RoutedPlace
    cells: list[ProtocolCell] = strawberry.field(description="Service order (matrix rows), then the 12 columns.")
    emergency: Emergency = strawberry.field(description="For someone in immediate danger: 911, law enforcement, federal after-hours contacts, the written follow-up.")
    oldest_verified_on: str | None = strawberry.field(description="The oldest verification among the place's coverage.")
    newest_verified_on: str | None = strawberry.field(description="The newest verification among the place's coverage.")
    gap_count: int = strawberry.field(description="How many of the 96 cells are gaps.")


def to_sheet(sheet: p.ProtocolSheet) -> ProtocolSheet:
    return ProtocolSheet(
        place=_place(sheet.place),
        cells=[ProtocolCell(service=Service(c.service.value), dimension=c.dimension, value=c.value, gap=c.gap,
                            total=c.total, referrals=[_referral(i, r) for i, r in enumerate(c.referrals, 1)])
               for c in sheet.cells],
        emergency=to_emergency(sheet.emergency), oldest_verified_on=sheet.oldest_verified_on,
        newest_verified_on=sheet.newest_verified_on, gap_count=len(sheet.gaps),
    )


@strawberry.type
class ProtocolQueries:
    @strawberry.field(description="A place's protocol sheet in the matrix document's layout, to hand to local partners.", extensions=needs(Role.ANALYST))
    async def protocol_sheet(
        self, info: Info[Context, None],
        place: Annotated[str, strawberry.argument(description="Jurisdiction id, FIPS, postal code, or a name.")],
    ) -> ProtocolSheet:
        from service.domain.places import resolve_plan

        graph = info.context.graph
        found = await graph.run(resolve_plan(place))
        return to_sheet(await graph.run(p.protocol_plan(found.id)))
