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
