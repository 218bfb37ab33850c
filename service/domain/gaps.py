"""Gap analysis: which places of a kind have nobody for a service and situation.

    graph.run(gaps_plan(Service.SHELTER_TRANSITIONAL, Situation(age="MINOR"),
                        kind="county", within="us-nc"))

Coverage is pushed down once in Cypher (queries/gaps), with the matching
predicate `CYPHER_MATCH`, the Cypher twin of `Situation.accepts`; the
agreement test proves both sides say the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from ..errors import InvalidInput
from ..store.cost import gaps_cost, single_points_cost
from ..store.graph import Plan, Row, and_then
from . import dates
from .coverage import place_from
from .cursors import decode_cursor, encode_cursor
from .models import (
    ComingGap,
    ComingGaps,
    GapReport,
    OrganizationRef,
    SinglePoint,
    SinglePoints,
    Situation,
    column_situation,
    parse_service,
)
from .places import resolve_plan
from .vocabulary import COLUMNS, KIND_LEVEL, Service

GAP_KINDS = ("county", "city", "region", "state")
SORTS = ("name", "population", "id")
MAX_PAGE = 500
DEFAULT_PAGE = 100


def months_before(today: date, months: int) -> date:
    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for day in (today.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


EVERY = 1_000_000  # rows of an `every` answer: more than there are places


def page_window(first: int | None, after: str | None, offset: int | None,
                limit: int | None) -> tuple[int, int]:
    if first is not None and limit is not None:
        raise InvalidInput("first and limit were both given", "Use first/after or offset/limit, not both",
                           argument="first")
    size, name = (first, "first") if first is not None else (limit, "limit")
    size = DEFAULT_PAGE if size is None else size
    if not 1 <= size <= MAX_PAGE:
        raise InvalidInput(f"{name} is {size}", f"Ask for 1 to {MAX_PAGE} places per page", argument=name)
    if after is not None and offset is not None:
        raise InvalidInput("after and offset were both given", "Use first/after or offset/limit, not both",
                           argument="after")
    start = decode_cursor(after) if after is not None else (offset or 0)
    if start < 0:
        raise InvalidInput(f"offset is {start}", "Use 0 or more", argument="offset")
    return start, size


def gaps_plan(service: Service | str, situation: Situation, kind: str, within: str | None = None,
              stale_months: int | None = None, sort: str = "name", first: int | None = None,
              after: str | None = None, offset: int | None = None, limit: int | None = None,
              today: date | None = None, every: bool = False, trained_only: bool = False) -> Plan[GapReport]:
    """Places of `kind` (within `within`) that routing would answer with nobody: a page, or
    `every` one at once (the CSV download). With `trained_only`, coverage by untrained contacts
    (the contact, else the organization, has no trained_on) counts as missing."""
    service = parse_service(service)
    if kind not in GAP_KINDS:
        raise InvalidInput(f"kind is {kind!r}", f"Use one of: {', '.join(GAP_KINDS)}", argument="kind")
    if sort not in SORTS:
        raise InvalidInput(f"sort is {sort!r}", f"Use one of: {', '.join(SORTS)}", argument="sort")
    if stale_months is not None and stale_months < 0:
        raise InvalidInput(f"stale_months is {stale_months}", "Use 0 or more months", argument="stale_months")
    start, size = (0, EVERY) if every else page_window(first, after, offset, limit)
    fresh_since = None
    if stale_months is not None:
        fresh_since = months_before(today or date.today(), stale_months).isoformat()

    def finish(rows: list[Row]) -> GapReport:
        row: Row = rows[0] if rows else {"considered": 0, "total": 0, "population": 0, "places": []}
        total = int(row["total"] or 0)
        return GapReport(
            service=service, situation=situation, kind=kind, within=within, stale_months=stale_months,
            places=tuple(place_from(p) for p in row["places"] or ()), total_gaps=total,
            considered=int(row["considered"] or 0), population_affected=int(row["population"] or 0),
            offset=start, limit=size,
            next_cursor=encode_cursor(start + size) if start + size < total else None,
        )

    params = {"service": service.value, "situation": situation.as_params(), "kind": kind,
              "level": KIND_LEVEL[kind],
              "within": within, "fresh_since": fresh_since, "sort": sort, "offset": start, "limit": size,
              "trained_only": trained_only}
    cost = gaps_cost(kind, within)
    if within is None:
        return Plan("queries/gaps", params, finish, cost)
    # An area that does not exist is NOT_FOUND, never "0 of 0 places have a gap".
    return and_then(resolve_plan(within),
                    lambda area: Plan("queries/gaps", {**params, "within": area.id}, finish, cost))


MAX_COMING_DAYS = 366  # scheduled retirements are looked ahead at most a year


def coming_gaps_plan(service: Service | str, situation: Situation, kind: str, within: str | None = None,
                     days: int = 30, today: date | None = None, limit: int = MAX_PAGE) -> Plan[ComingGaps]:
    """Places of `kind` (within `within`) that are covered today and will be gaps within `days`,
    because every capability covering them is scheduled to retire by then: whom to recruit
    before the gap opens."""
    if not 1 <= days <= MAX_COMING_DAYS:
        raise InvalidInput(f"days is {days}", f"Look 1 to {MAX_COMING_DAYS} days ahead", argument="days")
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput(f"limit is {limit}", f"Ask for 1 to {MAX_PAGE} places", argument="limit")
    base = gaps_plan(service, situation, kind, first=limit, today=today)  # refuses the rest alike
    day = today or date.fromisoformat(dates.today())  # the statements' clock
    until = (day + timedelta(days=days)).isoformat()

    def finish(rows: list[Row]) -> ComingGaps:
        row: Row = rows[0] if rows else {"total": 0, "places": []}
        return ComingGaps(Service(service), situation, kind, within, until,
                          tuple(ComingGap(place_from(p["place"]), p["ends"], tuple(sorted(p["capabilities"])))
                                for p in row["places"] or ()), int(row["total"] or 0))

    def coming(params: dict[str, Any]) -> Plan[ComingGaps]:
        keep = ("service", "situation", "kind", "level", "within")
        return Plan("queries/coming_gaps", {**{k: params[k] for k in keep}, "until": until, "limit": limit,
                                            "today": day.isoformat()}, finish, gaps_cost(kind, within))

    if within is None:
        return coming(base.params)
    return and_then(resolve_plan(within), lambda area: coming({**base.params, "within": area.id}))


def column_cells() -> list[dict[str, str | None]]:
    """The 12 columns as CYPHER_MATCH situation maps, each naming its column."""
    return [{**column_situation(d, v).as_params(), "dimension": d, "value": v} for d, v in COLUMNS]


def single_points_plan(within: str, kind: str | None = None,
                       services: Sequence[Service | str] | None = None) -> Plan[SinglePoints]:
    """Cells hanging on exactly one organization: of the place `within` itself (kind None),
    or of every place of `kind` inside it."""
    if kind is not None and kind not in GAP_KINDS:
        raise InvalidInput(f"kind is {kind!r}", f"Use one of: {', '.join(GAP_KINDS)}", argument="kind")
    try:
        wanted = [Service(s).value for s in services] if services else [s.value for s in Service]
    except ValueError:
        raise InvalidInput(f"service is not one of {', '.join(s.value for s in Service)}",
                           "Give a service from the list, or none for all", argument="service") from None

    def finish(rows: list[Row]) -> SinglePoints:
        order = {f"{d}={v}": i for i, (d, v) in enumerate(COLUMNS)}
        points = [
            SinglePoint(place=place_from(r["place"]), service=Service(r["service"]),
                        dimension=r["dimension"], value=r["value"],
                        organization=OrganizationRef(r["organization"]["id"], r["organization"].get("name") or "",
                                                     r["organization"].get("type"), r["organization"].get("sector")))
            for r in rows
        ]
        services_order = list(Service)
        points.sort(key=lambda p: (p.place.id, services_order.index(p.service), order[f"{p.dimension}={p.value}"]))
        return SinglePoints(within=within, kind=kind, points=tuple(points))

    params = {"within": within, "kind": kind, "services": wanted, "cells": column_cells()}
    return Plan("queries/single_points_of_failure", params, finish, single_points_cost(kind, within))
