"""The app the benchmark serves: service.app.create_app, unchanged.

Only while `route` is not yet part of the registered schema (the lead is adding
service.api.routing.RoutingQueries) does this add it, the same way schema.py merges
query types; once it is registered this is exactly service.app.create_app.
"""

from __future__ import annotations

from fastapi import FastAPI


def create_app() -> FastAPI:
    import service.app as app_module
    from service.api import schema as api_schema

    if "route(" not in api_schema.schema.as_str():
        import strawberry
        from strawberry.tools import merge_types

        from service.api.errors import PeopleFacingErrors
        from service.api.routing import RoutingQueries

        query = merge_types("Query", (*api_schema.QUERY_TYPES, RoutingQueries))
        app_module.schema = strawberry.Schema(query=query, mutation=api_schema.Mutation,
                                              extensions=[PeopleFacingErrors])
    return app_module.create_app()


def create_app_with_proposals() -> FastAPI:
    """The same app with the two changes this benchmark proposes for files it does not own,
    applied at run time so their effect is measured in the same run (`--proposals`):

    1. service/graph.py: rows as `dict(record)` instead of `record.data()`. Every statement
       returns maps, lists and scalars, which the driver already hands over as plain Python
       values; `.data()` walks each value again looking for nodes (36 ms for one national
       route's ~600 coverings here).
    2. place resolution: a place given as a jurisdiction id is looked up by the `id` index
       (queries/jurisdiction_by_id, ~1 ms) instead of queries/find_places, whose
       `toLower(name) CONTAINS` clause scans every jurisdiction (~75 ms at national scale);
       names still go through find_places.
    """
    import neo4j

    import service.api.routing as api_routing
    from service import graph as graph_module
    from service.coverage import place_from
    from service.errors import NotFound
    from service.places import resolve_plan
    from service.statements import statement

    async def read(self, name: str, /, **params):  # type: ignore[no-untyped-def]
        query = statement(name)

        @neo4j.unit_of_work(timeout=self.settings.query_timeout)
        async def work(tx):  # type: ignore[no-untyped-def]
            result = await tx.run(query, params)
            return [dict(r) async for r in result]

        async def call():  # type: ignore[no-untyped-def]
            async with self._session() as session:
                return await session.execute_read(work)

        return await self._guard(call)

    graph_module.AsyncGraph.read = read  # type: ignore[method-assign]

    def resolve(text: str):  # type: ignore[no-untyped-def]
        typed = text.strip()
        if not typed.startswith("us") or " " in typed or "," in typed:
            return resolve_plan(text)

        def finish(rows):  # type: ignore[no-untyped-def]
            if not rows:
                raise NotFound(f"No place with id {typed!r}", "Search by name instead")
            return place_from(rows[0]["jurisdiction"])

        return graph_module.Plan("queries/jurisdiction_by_id", {"id": typed}, finish)

    api_routing.resolve_plan = resolve  # type: ignore[attr-defined]
    return create_app()
