"""The GraphQL schema: query and mutation types merged from one module per concept."""

from __future__ import annotations

import strawberry
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.tools import merge_types

from service.api.audit import AuditQueries
from service.api.capabilities import CapabilityQueries
from service.api.contacts import ContactQueries
from service.api.errors import PeopleFacingErrors
from service.api.jurisdictions import JurisdictionQueries
from service.api.mutations import Mutation
from service.api.organizations import OrganizationQueries
from service.api.routing import RoutingQueries
from service.api.summary import SummaryQueries
from service.api.taskforces import TaskForceQueries

QUERY_TYPES: tuple[type, ...] = (RoutingQueries, SummaryQueries, JurisdictionQueries, OrganizationQueries, ContactQueries,
                                 TaskForceQueries, CapabilityQueries, AuditQueries)

Query = merge_types("Query", QUERY_TYPES)


# Limits on what one request may ask for: deep nesting, many aliases and huge
# documents are refused before any resolver runs.
MAX_DEPTH = 12
MAX_ALIASES = 20
MAX_TOKENS = 4000


def build_schema(production: bool = False) -> strawberry.Schema:
    """The schema; in production, introspection is off as well."""
    extensions: list = [
        PeopleFacingErrors,
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
    ]
    if production:
        extensions.append(DisableIntrospection)
    return strawberry.Schema(query=Query, mutation=Mutation, extensions=extensions)


schema = build_schema()
