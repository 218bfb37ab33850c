"""The FastAPI application: /graphql (GraphiQL in development), /health, pages.

The lifespan owns the shared resources: it starts (or attaches to) the embedded
engine when no NEO4J_URI is set, applies the schema, loads the demo data into
an empty database so a newcomer sees something at once, and opens the async
gateway every request uses.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import orjson
from fastapi import FastAPI, HTTPException, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import Response
from strawberry.fastapi import GraphQLRouter

from .api.context import Context
from .api.errors import code_of
from .api.schema import build_schema
from .errors import EngineUnavailable, RefgraphError
from .ops.auth import identify, token_from_headers
from .ops.limits import BodySizeLimit, ProvenKeys, RateLimit
from .ops.logs import keep_personal_data_out_of_the_logs
from .settings import Settings
from .store.engines import EmbeddedEngine, engine_for
from .store.graph import AsyncGraph, Graph
from .web.render import Timer
from .web.routes import mount as mount_pages

log = logging.getLogger("refgraph")


class JSON(Response):
    """JSON rendered by orjson (fast, and strict about what it serialises)."""

    media_type = "application/json"

    def render(self, content: object) -> bytes:
        return orjson.dumps(content)


def _prepare(settings: Settings, load_demo_when_empty: bool) -> EmbeddedEngine | None:
    """Blocking start-up work, run off the event loop."""
    engine = None
    if settings.embedded:
        engine = engine_for(settings)
        engine.start()
        log.warning("Development engine: embedded %s in %s (not for production data)",
                    engine.title, settings.data_dir)
    graph = Graph(settings, engine)
    try:
        graph.apply_schema()
        if settings.open_access:
            log.warning("OPEN ACCESS: requests without an API key get full access (development on the "
                        "embedded engine). Set REFGRAPH_AUTH=keys to require keys.")
        elif settings.production and not any(k["revoked_on"] is None for k in graph.read("queries/api_keys")):
            raise RefgraphError("Production mode needs at least one active API key, and there is none",
                                "Create one with `refgraph keys create --name ... --role admin`, then start again")
        if load_demo_when_empty and graph.read("queries/jurisdiction_count")[0]["count"] == 0:
            from loaders.samples.demo import load_demo

            log.info("empty database: loading the US jurisdictions and the demo roster")
            load_demo(graph, progress=False)
    finally:
        graph.driver.close()
    return engine


PING_TIMEOUT = 2.5  # seconds; /health waits as long


async def watch_engine(graph: AsyncGraph, engine: EmbeddedEngine | None, every: float = 0.5) -> None:
    """Ping the engine every `every` seconds. One that does not answer within PING_TIMEOUT is
    stalled (frozen, or gone): requests waiting on it end at once with ENGINE_UNAVAILABLE, and
    new ones fail fast until it answers again. An embedded engine that died is restarted on
    the same ports, so the driver reconnects and requests succeed again without a restart."""
    while True:
        await asyncio.sleep(every)
        if engine is not None and not engine.alive():
            graph.mark_stalled(True)
            log.error("the embedded engine stopped unexpectedly; restarting it (log: %s)", engine.log_path)
            try:
                await asyncio.to_thread(engine.restart)
                log.warning("the embedded engine is back")
            except EngineUnavailable as exc:
                log.error("restarting the embedded engine failed: %s", exc.message)
                await asyncio.sleep(5)
                continue
        try:
            await asyncio.wait_for(graph.ping(), timeout=PING_TIMEOUT)
        except (TimeoutError, EngineUnavailable):
            graph.mark_stalled(True)
        else:
            graph.mark_stalled(False)


class OrjsonGraphQLRouter(GraphQLRouter[Context, None]):
    """Answers encoded by orjson (a route answer is a few hundred fields)."""

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)


def create_app(settings: Settings | None = None, *, load_demo_when_empty: bool = True,
               supervise_engine: bool = True) -> FastAPI:
    settings = settings or Settings.from_env()
    keep_personal_data_out_of_the_logs()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = await asyncio.to_thread(_prepare, settings, load_demo_when_empty)
        graph = AsyncGraph(settings, engine)
        app.state.graph = graph
        app.state.writer = Graph(settings, engine)  # stewards' mutations go through the roster loaders
        app.state.engine = engine
        # What start-up made lives as long as the process: keep it out of the collector's full
        # passes, which would otherwise scan it all (~50 ms pauses at the p99 of routing).
        gc.collect()
        gc.freeze()
        watchdog = None
        if supervise_engine:
            # Also when attached to another process's engine: if that process stops (and its
            # engine with it), this one starts the engine again on the same ports and carries on.
            watchdog = asyncio.create_task(watch_engine(graph, engine))
        try:
            yield
        finally:
            if watchdog is not None:
                watchdog.cancel()
            await graph.close()
            await asyncio.to_thread(app.state.writer.driver.close)
            if engine is not None and engine.owned:
                await asyncio.to_thread(engine.stop)

    app = FastAPI(title="Refgraph", lifespan=lifespan, default_response_class=JSON,
                  docs_url=None, redoc_url=None)
    app.state.settings = settings

    async def context(request: Request) -> Context:
        graph: AsyncGraph = request.app.state.graph
        # An API key in the headers only: a browser's sign-in cookie would let another site's
        # form post GraphQL as the signed-in user.
        principal = await identify(graph, token_from_headers(request.headers), settings.open_access,
                                   request.app.state.proven_keys.add)
        if principal is None:
            raise HTTPException(401, "The API key is not valid: unknown, revoked or mistyped. "
                                     "Send it as 'Authorization: Bearer rg_...'; an admin can issue one "
                                     "with `refgraph keys create`")
        return Context(graph, settings, request.app.state.writer, principal)

    router: GraphQLRouter[Context, None] = OrjsonGraphQLRouter(
        build_schema(production=settings.production), context_getter=context,
        graphql_ide=None if settings.production else "graphiql",
        allow_queries_via_get=False,
    )
    app.include_router(router, prefix="/graphql")
    mount_pages(app)
    # Outermost first: refuse oversized bodies and over-eager clients before any work.
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=[o.strip() for o in settings.cors_origins.split(",")],
                           allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"])
    app.state.proven_keys = ProvenKeys()
    app.add_middleware(RateLimit, rate=settings.rate_per_second, burst=settings.rate_burst,
                       proven=app.state.proven_keys)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)

    @app.exception_handler(EngineUnavailable)
    async def engine_unavailable(request: Request, exc: EngineUnavailable) -> Response:
        """The engine failing outside a resolver (checking a key, a page): 503 in the shape the
        caller reads, never a bare 500. Resolvers' errors are GraphQL errors (service.api.errors)."""
        headers = {"Retry-After": "5"}
        if request.url.path.startswith("/graphql"):
            return JSON({"errors": [{"message": exc.message, "extensions": {"code": code_of(exc)}}]},
                        status_code=503, headers=headers)
        page = Timer(request).page("unavailable.html", status_code=503, title="The service cannot answer right now",
                                   problem=exc.problem, hint=exc.hint)
        page.headers.update(headers)
        return page

    @app.get("/health")
    async def health(request: Request) -> JSON:
        graph: AsyncGraph = request.app.state.graph
        engine: EmbeddedEngine | None = request.app.state.engine
        engine_kind = f"embedded {engine.kind}" if engine is not None else "neo4j"
        if graph.stalled:  # the engine watch's verdict, refreshed every half second
            return JSON({"status": "unavailable", "engine": engine_kind}, status_code=503)
        try:
            await asyncio.wait_for(graph.ping(), timeout=PING_TIMEOUT)
        except (TimeoutError, EngineUnavailable):
            return JSON({"status": "unavailable", "engine": engine_kind}, status_code=503)
        return JSON({"status": "ok", "engine": engine_kind})

    return app
