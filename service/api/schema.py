"""The GraphQL schema: query and mutation types merged from one module per concept."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from service.api.capabilities import CapabilityQueries
from service.api.contacts import ContactQueries
from service.api.errors import PeopleFacingErrors
from service.api.jurisdictions import JurisdictionQueries
from service.api.mutations import Mutation
from service.api.organizations import OrganizationQueries
from service.api.routing import RoutingQueries
from service.api.taskforces import TaskForceQueries

QUERY_TYPES: tuple[type, ...] = (RoutingQueries, JurisdictionQueries, OrganizationQueries, ContactQueries,
                                 TaskForceQueries, CapabilityQueries)

Query = merge_types("Query", QUERY_TYPES)


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(query=Query, mutation=Mutation, extensions=[PeopleFacingErrors])


schema = build_schema()
