"""Organizations: who they are, what they offer, where they cover."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from service.api.context import Context
from service.errors import NotFound


@strawberry.type(description="Counts of what the graph holds, by kind of node.")
class GraphCounts:
    jurisdictions: int
    organizations: int
    contacts: int
    task_forces: int
    capabilities: int


@strawberry.type(description="A partner organization: law enforcement or service provider.")
class Organization:
    id: str = strawberry.field(description="Stable id from the roster.")
    name: str = strawberry.field(description="Display name.")
    sector: str = strawberry.field(description="LAW_ENFORCEMENT or SERVICE_PROVIDER.")
    type: str = strawberry.field(description="Kind of organization, e.g. TASK_FORCE, FBI, SHELTER_WOMEN.")
    hours: str | None = strawberry.field(description="Stated business hours; none means Mon-Fri 09:00-17:00.")
    verified_on: str | None = strawberry.field(description="When a steward last confirmed the record (YYYY-MM-DD).")
    retired_on: str | None = strawberry.field(description="Set when the organization no longer takes referrals.")


def to_organization(row: dict[str, Any]) -> Organization:
    return Organization(id=row["id"], name=row["name"], sector=row.get("sector") or "",
                        type=row.get("type") or "", hours=row.get("hours"),
                        verified_on=row.get("verified_on"), retired_on=row.get("retired_on"))


@strawberry.type
class OrganizationQueries:
    @strawberry.field(description="One organization by id.")
    async def organization(self, info: Info[Context, None], id: str) -> Organization:
        rows = await info.context.graph.read("queries/organization_by_id", id=id)
        if not rows:
            raise NotFound(f"No organization has the id {id!r}", "Check the id in the organizations roster")
        return to_organization(rows[0]["organization"])

    @strawberry.field(description="How many places, organizations, contacts, task forces and capabilities the graph holds.")
    async def counts(self, info: Info[Context, None]) -> GraphCounts:
        rows = await info.context.graph.read("queries/node_counts")
        by = {r["label"]: r["count"] for r in rows}
        return GraphCounts(jurisdictions=by.get("Jurisdiction", 0), organizations=by.get("Organization", 0),
                           contacts=by.get("Contact", 0), task_forces=by.get("TaskForce", 0),
                           capabilities=by.get("Capability", 0))
