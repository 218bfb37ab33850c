"""The GraphQL schema: query and mutation types merged from one module per concept."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from service.api.errors import PeopleFacingErrors
from service.api.jurisdictions import JurisdictionQueries
from service.api.organizations import OrganizationQueries

QUERY_TYPES: tuple[type, ...] = (JurisdictionQueries, OrganizationQueries)

Query = merge_types("Query", QUERY_TYPES)


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(query=Query, extensions=[PeopleFacingErrors])


schema = build_schema()
