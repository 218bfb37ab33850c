"""matrixSummary: the national matrix in one answer (counts only, so public)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from service.api.context import Context
from service.api.vocabulary import Service, services_argument
from service.domain.matrix_summary import matrix_summary_plan


@strawberry.type(description="One matrix cell across the country: in how many places it is a gap or hangs on one organization.")
class SummaryCell:
    service: Service
    dimension: str
    value: str
    gap_places: int = strawberry.field(description="Places of the kind where nobody covers this cell.")
    single_point_places: int = strawberry.field(description="Places where exactly one organization covers it.")


@strawberry.type(description="The 8 x 12 matrix of every place of a kind, summed over the country.")
class MatrixSummary:
    kind: str
    places: int = strawberry.field(description="Places of the kind considered.")
    places_with_a_gap: int = strawberry.field(description="Places with at least one gap cell.")
    gap_cells: int = strawberry.field(description="Gap cells over all places.")
    single_point_cells: int = strawberry.field(description="Single-organization cells over all places.")
    cells: list[SummaryCell]


@strawberry.type
class SummaryQueries:
    @strawberry.field(description="The matrix of every county (or city, region, state) summed nationally: where cells are gaps or single points of failure, in one round trip.")
    async def matrix_summary(
        self, info: Info[Context, None],
        kind: Annotated[str, strawberry.argument(description="county, city, region or state.")] = "county",
        services: Annotated[list[Service] | None, strawberry.argument(description="Rows to include (default all eight).")] = None,
    ) -> MatrixSummary:
        wanted = services_argument(services)
        summary = await info.context.graph.run(matrix_summary_plan(kind, wanted))
        return MatrixSummary(
            kind=summary.kind, places=len(summary.places),
            places_with_a_gap=sum(1 for p in summary.places if p.gaps),
            gap_cells=summary.gap_count, single_point_cells=summary.single_point_count,
            cells=[SummaryCell(service=Service(c.service.value), dimension=c.dimension, value=c.value,
                               gap_places=c.gap_places, single_point_places=c.single_point_places)
                   for c in summary.cells])
