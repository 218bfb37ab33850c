"""The GraphQL schema: query and mutation types merged from one module per concept."""

from __future__ import annotations

import strawberry
from graphql import ASTValidationRule, GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as alias_limit
from strawberry.extensions.query_depth_limiter import create_validator as depth_limit
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from service.api.audit import AuditQueries
from service.api.candidates import CandidateQueries
from service.api.capabilities import CapabilityQueries
from service.api.contacts import ContactQueries
from service.api.cost import CostBudget
from service.api.errors import PeopleFacingErrors, log_graphql_errors
from service.api.execution import PlainObjects
from service.api.jurisdictions import JurisdictionQueries
from service.api.mutations import Mutation
from service.api.organizations import OrganizationQueries
from service.api.protocol import ProtocolQueries
from service.api.routing import RoutingQueries
from service.api.summary import SummaryQueries
from service.api.taskforces import TaskForceQueries

QUERY_TYPES: tuple[type, ...] = (RoutingQueries, SummaryQueries, JurisdictionQueries, OrganizationQueries, ContactQueries,
                                 TaskForceQueries, CapabilityQueries, AuditQueries, ProtocolQueries,
                                 CandidateQueries)

Query = merge_types("Query", QUERY_TYPES)


# Limits on what one request may ask for: deep nesting, many aliases and huge
# documents are refused before any resolver runs.
MAX_DEPTH = 12
MAX_ALIASES = 20
MAX_TOKENS = 4000
# The limit rules are made once (QueryDepthLimiter and MaxAliasesLimiter make new rule classes
# per request, which defeats the validation cache: its key holds the rules).
LIMIT_RULES: list[type[ASTValidationRule]] = [depth_limit(MAX_DEPTH, None, None), alias_limit(MAX_ALIASES)]


class RefgraphSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        log_graphql_errors(errors)  # never the document's text: it holds the caller's literals


def build_schema(production: bool = False) -> strawberry.Schema:
    """The schema; in production, introspection is off as well."""
    extensions: list = [
        PeopleFacingErrors,
        lambda: AddValidationRules(LIMIT_RULES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        # Clients send the same few documents over and over: parse and validate each once
        # (the limits above are checked when a document is first seen; cached per schema).
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        CostBudget,  # what the fields ask of the engine, refused over the budget (service.store.cost)
    ]
    if production:
        extensions.append(DisableIntrospection)
    # In production a typo gets no "Did you mean ...?": with introspection off, suggestions
    # would still map the schema field by field.
    return RefgraphSchema(query=Query, mutation=Mutation, extensions=extensions,
                          config=StrawberryConfig(disable_field_suggestions=production),
                          execution_context_class=PlainObjects)


schema = build_schema()
