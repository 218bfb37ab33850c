"""GraphQL enums for the matrix vocabulary (one definition, shared by every API module).

The domain enums of `service.domain.vocabulary`, registered as GraphQL enums, so the
words are the same in CSV columns, Cypher properties, GraphQL and the CLI. Import these rather than declaring a
second enum of the same name: GraphQL type names must be unique.
"""

from __future__ import annotations

from enum import Enum

import strawberry

from service.domain import vocabulary as v
from service.errors import InvalidInput

strawberry.enum(v.Service, description="One of the 8 services (matrix rows), e.g. SHELTER_EMERGENCY.")
strawberry.enum(v.Sector, description="LAW_ENFORCEMENT or SERVICE_PROVIDER.")
strawberry.enum(v.OrgType, name="OrganizationType",
                description="Kind of organization, e.g. SHERIFF, FBI, SHELTER_WOMEN, LEGAL_SERVICES.")

strawberry.enum(v.Notify, description=(
    "Whom a report reaches: FIRST (the first who answers, in rank order) or ALL_MEMBERS (every member "
    "of the organization's task forces serving the place is told as well: a notify list)."))

strawberry.enum(v.FactKind, description=(
    "What a place fact says: TASK_FORCE_OR_COALITION, TRAFFICKING_UNIT, TRAINED_LAW_ENFORCEMENT, TRAINED_PROVIDERS, "
    "LOCAL_HOTLINE, LOCAL_PROTOCOL, LAW_HOTLINE_POSTING (mandatory posting of a hotline), LAW_VICTIM_FUNDING, "
    "LAW_ENFORCEMENT_TRAINING (mandatory training), OTHER."))

Service = v.Service
Notify = v.Notify
Sector = v.Sector
OrganizationType = v.OrgType


def value_of(member: Enum | None) -> str | None:
    """The stored string of an enum argument, or None when it was left out."""
    return None if member is None else str(member.value)


def services_argument(services: list[v.Service] | None, argument: str = "services") -> list[v.Service] | None:
    """A list-of-services argument: each service once, in the order given (None: all of them).
    More entries than there are services can only be a mistake, or an attempt to multiply the
    work (15,000 copies grew one process to 23 GB), so it is refused before any work is done."""
    if not services:
        return None
    if len(services) > len(v.Service):
        raise InvalidInput(
            f"`{argument}` lists {len(services)} entries, and there are {len(v.Service)} services",
            f"Name each service once, or leave `{argument}` out for all {len(v.Service)}", argument=argument)
    return list(dict.fromkeys(services))
