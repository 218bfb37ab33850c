"""A place's page: /place/{id} (the 8 x 12 matrix, chain, task forces, single points of
failure; printable) and /place/{id}/cell (who stands behind one cell).

The matrix is service.domain.matrix.matrix_plan, the single points of failure
service.domain.gaps.single_points_plan; a cell's organizations are the place's coverage
filtered with the very predicate the matrix counts with (Situation.accepts).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from ..domain.candidates import GapCandidates, candidates_csv, candidates_plan
from ..domain.coverage import Covering, PlaceCoverage, coverage_plan
from ..domain.gaps import single_points_plan
from ..domain.matrix import cell_coverings, matrix_plan
from ..domain.models import Matrix, SinglePoint, situation_of
from ..domain.protocol import protocol_csv, protocol_plan
from ..domain.vocabulary import COLUMNS, DIMENSIONS, Service
from ..errors import EngineUnavailable, InvalidInput, NotFound, RefgraphError
from ..ops.auth import Role
from ..store.graph import AsyncGraph, Row
from .access import principal, refused
from .forms import service_value, situation_values
from .gaps_page import bad_download
from .render import Timer

router = APIRouter()
T = TypeVar("T")


def grid(matrix: Matrix) -> list[tuple[Service, list]]:  # type: ignore[type-arg]
    """Rows in Service order, cells in COLUMNS order (the hotline template's grid)."""
    by_key = {(c.service, c.dimension, c.value): c for c in matrix.cells}
    return [(s, [by_key[(s, d, v)] for d, v in COLUMNS]) for s in Service]


def grouped_points(points: Sequence[SinglePoint]) -> list[tuple[Service, list[SinglePoint]]]:
    out: dict[Service, list[SinglePoint]] = {}
    for p in points:
        out.setdefault(p.service, []).append(p)
    return [(s, out[s]) for s in Service if s in out]


async def none() -> None:
    return None


async def chain(graph: AsyncGraph, place_id: str) -> list[Row]:
    rows = await graph.read("queries/jurisdiction_chains", ids=[place_id])
    return rows[0]["chain"] if rows else []


async def place_info(graph: AsyncGraph, place_id: str) -> Row | None:
    rows = await graph.read("queries/jurisdiction_by_id", id=place_id)
    return rows[0]["jurisdiction"] if rows else None


def not_found(timer: Timer, place_id: str) -> Response:
    return timer.page("not_found.html", status_code=404, title="No such place",
                      problem=f"No place has the id {place_id!r}",
                      hint="Search for it by name; ids look like us-nc-wake-county", q=place_id)


@router.get("/place/{place_id}", include_in_schema=False)
async def place_page(request: Request, place_id: str) -> Response:
    who = await principal(request)
    timer = Timer(request, who)
    analyst = who is not None and who.can(Role.ANALYST)
    graph: AsyncGraph = request.app.state.graph
    if place_id.isdigit():  # a FIPS code (the map links counties by FIPS)
        rows = await graph.read("queries/jurisdiction_id_by_fips", fips=place_id)
        if not rows:
            return not_found(timer, place_id)
        return timer.finish(RedirectResponse(f"/place/{rows[0]['id']}", status_code=303))
    try:
        matrix, info, up, facts, points, taskforces = await asyncio.gather(
            graph.run(matrix_plan(place_id)), place_info(graph, place_id), chain(graph, place_id),
            graph.read("queries/place_facts", ids=[place_id]),
            graph.run(single_points_plan(place_id)) if analyst else none(),
            graph.read("queries/place_taskforces", id=place_id) if analyst else none())
    except NotFound:
        return not_found(timer, place_id)
    gaps = sum(1 for c in matrix.cells if c.gap)
    singles = sum(1 for c in matrix.cells if c.single_point_of_failure)
    return timer.page("place.html", title=matrix.place.name, matrix=matrix, info=info or {},
                      rows=grid(matrix), chain=up, analyst=analyst, facts=facts,
                      points=grouped_points(points.points) if points else [],
                      taskforces=taskforces or [], gap_count=gaps, single_count=singles,
                      dimensions=DIMENSIONS, body_class="place-page")


def cell_plan(place_id: str, service: Service, dimension: str, value: str):  # type: ignore[no-untyped-def]
    def then(cov: PlaceCoverage) -> tuple[PlaceCoverage, list[Covering]]:
        return cov, cell_coverings(service, dimension, value, cov.coverings)

    return coverage_plan(place_id, (service,), then)


@router.get("/place/{place_id}/cell", include_in_schema=False)
async def cell_page(request: Request, place_id: str) -> Response:
    who = await principal(request)
    timer = Timer(request, who)
    if who is None or not who.can(Role.ANALYST):
        return refused(timer, who, Role.ANALYST, "The organizations and contacts of a cell")
    params = request.query_params
    try:
        service = service_value(params, Service.TIP_REPORTING)
        dimension, value = params.get("dimension", ""), (params.get("value") or "").upper()
        if (dimension, value) not in COLUMNS:
            raise InvalidInput(f"the column {dimension}={value} is not in the matrix",
                               "Pick a cell from the place's matrix", argument="dimension")
        cov, hits = await request.app.state.graph.run(cell_plan(place_id, service, dimension, value))
    except NotFound:
        return not_found(timer, place_id)
    except EngineUnavailable:
        raise  # the service's 503 page (service.app)
    except RefgraphError as exc:
        return timer.page("not_found.html", status_code=400, title="Not a matrix cell",
                          problem=exc.problem, hint=exc.hint, q="")
    organizations = len({c.organization.id for c in hits})
    return timer.page("cell.html", title=f"{cov.place.name}: cell", place=cov.place, service=service,
                      dimension=dimension, value=value, hits=hits, organizations=organizations)


async def for_analysts(request: Request, place_id: str, what: str, work: Callable[[], Awaitable[T]],
                       answer: Callable[[Timer, T], Response],
                       bad: Callable[[Timer, RefgraphError], Response] | None = None) -> Response:
    """A page or download of one place for analysts: others are refused (saying `what` needs a
    key), an unknown place is the not-found page, a bad argument `bad` (else the error page)."""
    who = await principal(request)
    timer = Timer(request, who)
    if who is None or not who.can(Role.ANALYST):
        return refused(timer, who, Role.ANALYST, what)
    try:
        result = await work()
    except NotFound:
        return not_found(timer, place_id)
    except EngineUnavailable:
        raise  # the service's 503 page (service.app)
    except RefgraphError as exc:
        if bad is None:
            raise
        return bad(timer, exc)
    return answer(timer, result)


def csv_download(timer: Timer, text: str, filename: str) -> Response:
    return timer.finish(Response(text, media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": f'attachment; filename="{filename}"'}))


@router.get("/place/{place_id}/protocol", include_in_schema=False)
async def protocol_page(request: Request, place_id: str) -> Response:
    """The place's protocol sheet (service.domain.protocol), printable on one landscape page."""
    return await for_analysts(
        request, place_id, "The protocol sheet", lambda: request.app.state.graph.run(protocol_plan(place_id)),
        lambda timer, sheet: timer.page("protocol.html", title=f"Protocol: {sheet.place.name}", sheet=sheet,
                                        body_class="place-page"))


@router.get("/place/{place_id}/protocol.csv", include_in_schema=False)
async def protocol_download(request: Request, place_id: str) -> Response:
    """The protocol sheet as a spreadsheet: a row per named contact of each cell, one per gap."""
    return await for_analysts(
        request, place_id, "The protocol sheet", lambda: request.app.state.graph.run(protocol_plan(place_id)),
        lambda timer, sheet: csv_download(timer, protocol_csv(sheet), f"protocol-{sheet.place.id}.csv"))


def _candidates(request: Request, place_id: str) -> Callable[[], Awaitable[GapCandidates]]:
    params = request.query_params

    async def work() -> GapCandidates:
        situation = situation_of(situation_values(params))
        return await request.app.state.graph.run(
            candidates_plan(place_id, service_value(params, Service.SHELTER_TRANSITIONAL), situation))

    return work


def _not_a_cell(timer: Timer, exc: RefgraphError) -> Response:
    return timer.page("not_found.html", status_code=400, title="Not a gap cell", problem=exc.problem, hint=exc.hint, q="")


@router.get("/place/{place_id}/candidates", include_in_schema=False)
async def candidates_page(request: Request, place_id: str) -> Response:
    """Whom to recruit for a gap cell at the place (service.domain.candidates), with its CSV."""
    csv_href = f"/place/{place_id}/candidates.csv?" + str(request.query_params)
    return await for_analysts(
        request, place_id, "Candidates for a gap", _candidates(request, place_id),
        lambda timer, found: timer.page("candidates.html", title=f"Who could fill it: {found.place_name}",
                                        found=found, csv_href=csv_href), _not_a_cell)


@router.get("/place/{place_id}/candidates.csv", include_in_schema=False)
async def candidates_download(request: Request, place_id: str) -> Response:
    return await for_analysts(
        request, place_id, "Candidates for a gap", _candidates(request, place_id),
        lambda timer, found: csv_download(timer, candidates_csv(found),
                                          f"candidates-{found.service.value.lower()}-{found.place_id}.csv"),
        lambda timer, exc: timer.finish(bad_download(exc)))
