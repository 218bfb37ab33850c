"""Whom do I call: /route, a form for a place and a situation, answered with the ranked
referrals per service (service.domain.routing.route_plan), the emergency block and the follow-up.

The place may be typed as an id, a FIPS code or a name ("Lancaster, PA"); a name
matching several places lists them as links that repeat the rest of the form.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..domain.models import Place, Route, Situation, parse_services
from ..domain.places import resolve_plan
from ..domain.routing import route_plan, routing_moment
from ..domain.vocabulary import DIMENSION_BY_NAME, Service
from ..errors import Ambiguous, EngineUnavailable, NotFound, RefgraphError
from ..ops.auth import Role
from ..store.graph import AsyncGraph, Plan
from .access import principal, refused
from .forms import situation_values
from .render import Timer

router = APIRouter()
ANY_TIME = "ANY"
HOURS_CHOICES = (("", "Now"), ("BUSINESS_HOURS", "Business hours"), ("AFTER_HOURS", "After hours"),
                 (ANY_TIME, "Any time (hours unknown)"))


def form_values(request: Request) -> dict[str, Any]:
    params = request.query_params
    return {
        "place": (params.get("place") or "").strip(),
        "danger": params.get("danger") in ("on", "1", "true"),
        "services": [s for s in params.getlist("service") if s],
        **{k: (params.get(k) or "").strip().upper() for k in DIMENSION_BY_NAME},
    }


def form_params(values: dict[str, Any]) -> dict[str, Any]:
    """The form as a query-string dict (place last, so candidate links can replace it)."""
    out: dict[str, Any] = {k: values[k] for k in DIMENSION_BY_NAME if values[k]}
    if values["danger"]:
        out["danger"] = "on"
    if values["services"]:
        out["service"] = values["services"]
    return out


def local_time(route: Route) -> str | None:
    if route.at is None or not route.place.timezone:
        return None
    try:
        return route.at.astimezone(ZoneInfo(route.place.timezone)).strftime("%a %d %b %Y, %H:%M %Z")
    except (KeyError, ValueError):
        return None


REFERRALS_SHOWN = 10  # per service: the nearest, best ranked; the page says how many more match

async def resolve(graph: AsyncGraph, text: str) -> Place | list[dict[str, Any]]:
    """The place typed, or the candidates when it names several. Runs the domain's resolve
    plan step by step (exact keys through the indexes, then the name search), keeping the
    rows of the last step: they also name the candidates."""
    plan: Plan[Place] = resolve_plan(text)
    while True:
        rows = await graph.read(plan.statement, **plan.params)
        try:
            result = plan.finish(rows)
        except Ambiguous as exc:
            by_id = {r["place"]["id"]: r["place"] for r in rows}
            return [by_id.get(i, {"id": i, "name": i}) for i in exc.candidates]
        if not isinstance(result, Plan):
            return result
        plan = result


@router.get("/route", include_in_schema=False)
async def route_page(request: Request) -> Response:
    who = await principal(request)
    timer = Timer(request, who)
    if who is None or not who.can(Role.ANALYST):
        return refused(timer, who, Role.ANALYST, "Whom to call")
    values = form_values(request)
    context: dict[str, Any] = {"values": values, "hours_choices": HOURS_CHOICES, "title": "Whom to call"}
    if not values["place"]:
        return timer.page("route.html", **context)
    graph = request.app.state.graph
    try:
        any_time = values["hours"] == ANY_TIME
        situation = Situation(**situation_values(request.query_params, skip=("hours",) if any_time else ()),
                              immediate_danger=values["danger"])
        services = parse_services(values["services"])
        place = await resolve(graph, values["place"])
        if isinstance(place, list):
            return timer.page("route.html", **context, ambiguous=place, form_params=form_params(values))
        at = routing_moment(None, situation, any_time)
        route = await graph.run(route_plan(place.id, situation, services, at=at, first=REFERRALS_SHOWN))
    except NotFound as exc:
        return timer.page("route.html", **context, error=exc.message, status_code=404)
    except EngineUnavailable:
        raise  # the service's 503 page (service.app)
    except RefgraphError as exc:
        return timer.page("route.html", **context, error=exc.message, status_code=400)
    context["title"] = f"Whom to call in {route.place.name}"
    return timer.page("route.html", **context, route=route, local_time=local_time(route),
                      all_services=len(services) == len(Service))
