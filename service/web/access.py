"""Who is looking at a page, and what they may see: the roles of service.ops.auth.

Pages follow the GraphQL field permissions: gaps and matrix counts are public;
organizations, contacts, referrals and single points of failure need an analyst
key. A browser presents its key once on /signin and gets a session: a random token in
an HttpOnly, SameSite=Strict cookie, stored server-side only as its digest, tied to the
key, expiring after 12 hours and ended at once by /signout (the cookie never holds the
key). An `Authorization: Bearer` or `X-API-Key` header works too (e.g. set by a proxy). In open development mode (no keys) everyone is admin.
"""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from ..ops.auth import (
    Principal,
    Role,
    authenticate,
    close_session,
    identify,
    open_session,
    token_from_headers,
)
from ..ops.limits import COOKIE as SIGNIN_COOKIE
from .render import Timer

router = APIRouter()
COOKIE = SIGNIN_COOKIE  # one name: the rate limit reads it too
COOKIE_SECONDS = 12 * 3600


async def principal(request: Request) -> Principal | None:
    """The principal of the request; None when it presents a key or session that is not valid."""
    state = request.app.state
    return await identify(state.graph, token_from_headers(request.headers), state.settings.open_access,
                          state.proven_keys.add, session=request.cookies.get(COOKIE))


def safe_next(target: str | None) -> str:
    """Only a path on this site (never //host or a scheme) is followed after sign-in."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def refused(timer: Timer, who: Principal | None, needed: Role, what: str) -> Response:
    """The sign-in page in place of a page the visitor may not see."""
    request = timer.request
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if who is None:
        problem, status = "The API key this browser presented is not valid (unknown, revoked or mistyped)", 401
    elif who.role == Role.PUBLIC:
        problem, status = f"{what} needs an {needed.label} key", 401
    else:
        problem, status = f"{what} needs an {needed.label} key; yours is a {who.role.label} key", 403
    return timer.page("signin.html", status_code=status, title="Sign in", problem=problem,
                      next=target, who=who)


@router.get("/signin", include_in_schema=False)
async def signin_form(request: Request, next: str = "/") -> Response:
    timer = Timer(request)
    return timer.page("signin.html", title="Sign in", next=safe_next(next), who=await principal(request))


def cross_site(request: Request) -> bool:
    """A form posted from another site (a forged sign-in or sign-out): the browser says so in
    Sec-Fetch-Site, or its Origin is not this host."""
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return True
    origin = request.headers.get("origin")
    return origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}"


def refuse_cross_site(timer: Timer) -> Response:
    return timer.finish(Response("Refused: this form was sent from another site. Sign in on this site's own "
                                 "/signin page.\n", status_code=403, media_type="text/plain; charset=utf-8"))


@router.post("/signin", include_in_schema=False)
async def signin(request: Request, key: str = Form(""), next: str = Form("/")) -> Response:
    timer = Timer(request)
    if cross_site(request):
        return refuse_cross_site(timer)
    who = await authenticate(request.app.state.graph, key.strip() or None)
    if who is None or who.role == Role.PUBLIC:
        return timer.page("signin.html", status_code=401, title="Sign in", next=safe_next(next),
                          problem="That key is not valid: unknown, revoked or mistyped",
                          hint="Paste the whole key (rg_…); an admin can issue one with `refgraph keys create`")
    response = RedirectResponse(safe_next(next), status_code=303)
    session = await open_session(request.app.state.graph, who, COOKIE_SECONDS)
    response.set_cookie(COOKIE, session, max_age=COOKIE_SECONDS, httponly=True, samesite="strict",
                        secure=request.app.state.settings.production, path="/")
    return timer.finish(response)


@router.post("/signout", include_in_schema=False)
async def signout(request: Request) -> Response:
    if cross_site(request):
        return refuse_cross_site(Timer(request))
    session = request.cookies.get(COOKIE)
    if session:
        await close_session(request.app.state.graph, session)  # the cookie is worthless from now on
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return Timer(request).finish(response)
