"""The gap finder: /gaps (form, map, table, totals), /gaps.csv and /gaps.svg.

The table and the CSV are the `gaps` domain answer (service.domain.gaps.gaps_plan),
row for row. The map colours every county of the area from queries/coverage_map,
which pushes coverage down exactly as queries/gaps does: a county is a gap on
the map exactly when it is in the gaps answer (tests/test_pages.py checks it).
"""

from __future__ import annotations

import asyncio
import csv
import io
from dataclasses import dataclass
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..domain.csv_safety import safe_row
from ..domain.gaps import gaps_plan, months_before
from ..domain.models import GapReport, Place
from ..domain.vocabulary import KIND_LEVEL
from ..errors import EngineUnavailable, RefgraphError
from ..store.graph import AsyncGraph, Row
from .access import principal
from .forms import PAGE_SIZE, GapForm
from .map import COVERED, GAP, SINGLE, STALE, CountyMark, Status, render_map, shapes
from .render import Timer, people, query, value_label

router = APIRouter()
CSV_COLUMNS = ("id", "name", "kind", "state", "population")


@dataclass(frozen=True)
class GapView:
    form: GapForm
    report: GapReport
    marks: dict[str, CountyMark]
    state_fips: str | None
    area_name: str
    states: list[Row]

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for mark in self.marks.values():
            out[mark.status] = out.get(mark.status, 0) + 1
        return out


def describe(form: GapForm) -> str:
    from .render import service_label

    who = ", ".join(value_label(v) for v in form.situation.known().values())
    return service_label(form.service) + (f" for {who}" if who else "")


def coverage_status(orgs: int, fresh: int) -> tuple[Status, str]:
    """A county's colour and tooltip from its counts (each up to 2, as queries/coverage_map gives them)."""
    if orgs == 0:
        return GAP, "nobody"
    if fresh == 0:
        return STALE, f"only stale records ({'1 organization' if orgs == 1 else '2 or more organizations'})"
    if fresh == 1:
        return SINGLE, "1 organization with a fresh record"
    return COVERED, "2 or more organizations with a fresh record"


def county_marks(row: Row) -> dict[str, CountyMark]:
    """Every county of the scope, by FIPS: gap unless coverage reached it."""
    covered = {fips: (int(orgs), int(fresh)) for fips, orgs, fresh in row["covered"] or ()}
    names = shapes()["counties"]
    marks = {}
    for fips in row["scope"] or ():
        if not fips:
            continue
        status, detail = coverage_status(*covered.get(fips, (0, 0)))
        name = names[fips]["name"] if fips in names else fips
        marks[fips] = CountyMark(fips, status.key, name, f"/place/{fips}", detail)
    return marks


async def coverage_row(graph: AsyncGraph, form: GapForm, today: date | None = None) -> Row:
    fresh_since = months_before(today or date.today(), form.stale_months).isoformat()
    rows = await graph.read("queries/coverage_map", service=form.service.value,
                            situation=form.situation.as_params(), kind="county", level=KIND_LEVEL["county"],
                            within=form.within, fresh_since=fresh_since)
    return rows[0] if rows else {"scope": [], "covered": []}


def gap_plan(form: GapForm, offset: int, limit: int = PAGE_SIZE, every: bool = False):  # type: ignore[no-untyped-def]
    return gaps_plan(form.service, form.situation, kind=form.level, within=form.within,
                     stale_months=form.gap_stale_months, sort=form.sort, offset=offset, limit=limit, every=every)


async def all_gaps(graph: AsyncGraph, form: GapForm) -> list[Place]:
    """Every row of the gaps answer (what the CSV holds): the gaps plan itself, its
    statement and finish unchanged, asked for all rows at once instead of page by page."""
    report = await graph.run(gap_plan(form, 0, every=True))
    return list(report.places)


async def states(graph: AsyncGraph) -> list[Row]:
    return await graph.read("queries/state_names")


async def gap_view(graph: AsyncGraph, form: GapForm) -> GapView:
    report, row, all_states = await asyncio.gather(
        graph.run(gap_plan(form, form.offset)), coverage_row(graph, form), states(graph))
    marks = county_marks(row)
    area = next((s for s in all_states if s["id"] == form.area), None)
    state_fips = area.get("fips") if area else None
    name = area["name"] if area else "the United States"
    return GapView(form, report, marks, state_fips, name, all_states)


def map_svg(view: GapView) -> str:
    title = f"{describe(view.form)}: coverage by county in {view.area_name}"
    return render_map(view.marks, state=view.state_fips, title=title, counts=view.counts)


@router.get("/gaps", include_in_schema=False)
async def gaps_page(request: Request) -> Response:
    timer = Timer(request, await principal(request))
    try:
        form = GapForm.read(request.query_params)
    except EngineUnavailable:
        raise  # the service's 503 page (service.app)
    except RefgraphError as exc:
        return timer.page("gaps.html", status_code=400, error=exc.message, form=GapForm(), view=None,
                          states=await states(request.app.state.graph))
    try:
        view = await gap_view(request.app.state.graph, form)
    except EngineUnavailable:
        raise  # the service's 503 page (service.app)
    except RefgraphError as exc:
        return timer.page("gaps.html", status_code=400, error=exc.message, form=form, view=None,
                          states=await states(request.app.state.graph))
    params = form.params()
    return timer.page("gaps.html", form=form, view=view, svg=map_svg(view), params=params,
                      title=describe(form), states=view.states,
                      csv_href="/gaps.csv?" + query(params), svg_href="/gaps.svg?" + query(params))


def bad_download(exc: RefgraphError) -> Response:
    """A download asked with a bad parameter: 400 with the problem in words (never a 500)."""
    return Response(exc.message + "\n", status_code=400, media_type="text/plain; charset=utf-8",
                    headers={"X-Content-Type-Options": "nosniff"})  # the echoed input is never run as HTML


@router.get("/gaps.csv", include_in_schema=False)
async def gaps_csv(request: Request) -> Response:
    timer = Timer(request)
    try:
        form = GapForm.read(request.query_params)
        places = await all_gaps(request.app.state.graph, form)
    except EngineUnavailable:
        raise  # the service's 503 page (service.app)
    except RefgraphError as exc:
        return timer.finish(bad_download(exc))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in places:
        writer.writerow(safe_row([p.id, p.name, p.kind, p.state, p.population]))  # no formulas
    name = f"gaps-{form.service.value.lower()}-{form.area}-{form.level}.csv"
    return timer.finish(Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": f'attachment; filename="{name}"'}))


@router.get("/gaps.svg", include_in_schema=False)
async def gaps_svg(request: Request) -> Response:
    timer = Timer(request)
    try:
        form = GapForm.read(request.query_params)
        view = await gap_view(request.app.state.graph, form)
    except EngineUnavailable:
        raise  # the service's 503 page (service.app)
    except RefgraphError as exc:
        return timer.finish(bad_download(exc))
    name = f"gaps-{form.service.value.lower()}-{form.area}.svg"
    return timer.finish(Response(map_svg(view), media_type="image/svg+xml",
                                 headers={"Content-Disposition": f'attachment; filename="{name}"'}))


__all__ = ["all_gaps", "county_marks", "gap_view", "people", "router"]
