"""GraphQL enums for the matrix vocabulary (one definition, shared by every API module).

Built from `service.vocabulary`, so the words are the same in CSV columns,
Cypher properties, GraphQL and the CLI. Import these rather than declaring a
second enum of the same name: GraphQL type names must be unique.
"""

from __future__ import annotations

from enum import Enum

import strawberry

from service import vocabulary as v

Service = strawberry.enum(
    Enum("Service", {s.name: s.value for s in v.Service}),  # type: ignore[misc]
    description="One of the 8 services (matrix rows), e.g. SHELTER_EMERGENCY.",
)

Sector = strawberry.enum(
    Enum("Sector", {s.name: s.value for s in v.Sector}),  # type: ignore[misc]
    description="LAW_ENFORCEMENT or SERVICE_PROVIDER.",
)

OrganizationType = strawberry.enum(
    Enum("OrganizationType", {t.name: t.value for t in v.OrgType}),  # type: ignore[misc]
    description="Kind of organization, e.g. SHERIFF, FBI, SHELTER_WOMEN, LEGAL_SERVICES.",
)


def value_of(member: Enum | None) -> str | None:
    """The stored string of an enum argument, or None when it was left out."""
    return None if member is None else str(member.value)
