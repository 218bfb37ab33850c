"""The pages for outreach staff, served by the same FastAPI app over the same gateway.

    from service.web.routes import mount
    mount(app)          # pages at /, /gaps, /place/{id}, /route, /search; CSS at /static

Server-rendered HTML (Jinja2) that works without JavaScript; every page reports its
server time in a Server-Timing header (see render.Timer).
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from ..ops.auth import Role
from . import access, gaps_page, place_page, route_page
from .access import principal
from .render import HERE, Timer

router = APIRouter()
router.include_router(gaps_page.router)
router.include_router(place_page.router)
router.include_router(route_page.router)
router.include_router(access.router)
SEARCH_LIMIT = 25
KIND_ORDER = ("place", "organization", "contact")


@router.get("/", include_in_schema=False)
async def home(request: Request) -> Response:
    return Timer(request, await principal(request)).page("home.html", title="Home")


@router.get("/search", include_in_schema=False)
async def search(request: Request, q: str = "") -> Response:
    who = await principal(request)
    timer = Timer(request, who)
    analyst = who is not None and who.can(Role.ANALYST)
    text = " ".join(q.split())
    groups: dict[str, dict] = {}  # type: ignore[type-arg]
    if len(text) >= 2:
        rows = await request.app.state.graph.read("queries/search_everything", text=text.lower(),
                                                  limit=SEARCH_LIMIT)
        groups = {r["kind"]: r for r in rows}
    # organizations and contacts are for analysts, as in the GraphQL schema
    kinds = KIND_ORDER if analyst else KIND_ORDER[:1]
    found = [(k, groups[k]) for k in kinds if k in groups]
    return timer.page("search.html", title=f"Search: {text}" if text else "Search", q=text,
                      found=found, too_short=0 < len(text) < 2, analyst=analyst)


def mount(app: FastAPI) -> None:
    """Add the pages and their stylesheet to the app (once: a second call does nothing)."""
    if any(getattr(route, "path", None) == "/gaps" for route in app.routes):
        return
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
