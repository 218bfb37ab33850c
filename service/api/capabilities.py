"""Capabilities: one service an organization offers, to whom and where; and what covers a place."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from service.api.browsing import (
    After,
    First,
    VerifiedAfter,
    VerifiedBefore,
    require_known,
    verified_window,
)
from service.api.contacts import Contact, to_contact
from service.api.context import Context
from service.api.jurisdictions import PlaceRef, to_place
from service.api.organizations import Organization, to_organization
from service.api.pagination import Connection, connection, window
from service.api.permissions import needs
from service.api.vocabulary import Service, value_of
from service.ops.auth import Role


@strawberry.type(description="One service an organization offers: to whom (accepted values of each situation dimension), where, and whom to ask for.")
class Capability:
    id: str = strawberry.field(description="Stable id from the roster.")
    service: Service = strawberry.field(description="The service offered.")
    urgency: list[str] = strawberry.field(description="Accepted urgency: URGENT and/or NON_URGENT.")
    hours: list[str] = strawberry.field(description="When it answers: BUSINESS_HOURS and/or AFTER_HOURS.")
    nationality: list[str] = strawberry.field(description="Accepted nationality: FOREIGN_NATIONAL and/or US_CITIZEN.")
    age: list[str] = strawberry.field(description="Accepted age: MINOR and/or ADULT.")
    gender: list[str] = strawberry.field(description="Accepted gender: MALE and/or FEMALE.")
    trafficking: list[str] = strawberry.field(description="Accepted trafficking type: LABOR and/or SEX.")
    priority: int = strawberry.field(description="Lower is called first among equally near capabilities (default 100).")
    notes: str | None = strawberry.field(description="Free text shown with the referral.")
    verified_on: str | None = strawberry.field(description="When a steward last confirmed it (YYYY-MM-DD).")
    retired_on: str | None = strawberry.field(description="When it stops: from that day on it never routes (a later day is a scheduled retirement; it routes until then).")
    source: str | None = strawberry.field(default=None, description="Where the record came from when another directory supplied it (hsds:PACKAGE#TABLE/ID, from refgraph load hsds); null for records stewards keep.")
    covers: list[PlaceRef] = strawberry.field(description="Places it COVERS directly (their contents are covered too), nearest level first.")
    organization_id: strawberry.Private[str | None]
    contact_id: strawberry.Private[str | None]

    @strawberry.field(description="The organization offering it.")
    async def organization(self, info: Info[Context, None]) -> Organization | None:
        if self.organization_id is None:
            return None
        row = await info.context.organizations.load(self.organization_id)
        return None if row is None else to_organization(row)

    @strawberry.field(description="Whom to ask for, when the roster names someone.")
    async def contact(self, info: Info[Context, None]) -> Contact | None:
        if self.contact_id is None:
            return None
        row = await info.context.contacts.load(self.contact_id)
        return None if row is None else to_contact(row)


def to_capability(row: dict[str, Any]) -> Capability:
    covers = sorted(row.get("covers") or [], key=lambda p: (p.get("level") or 9, p["name"]))
    return Capability(
        id=row["id"], service=Service(row["service"]),
        urgency=list(row.get("urgency") or []), hours=list(row.get("hours") or []),
        nationality=list(row.get("nationality") or []), age=list(row.get("age") or []),
        gender=list(row.get("gender") or []), trafficking=list(row.get("trafficking") or []),
        priority=int(row["priority"]) if row.get("priority") is not None else 100,
        notes=row.get("notes"), verified_on=row.get("verified_on"), retired_on=row.get("retired_on"),
        source=row.get("source"), covers=[to_place(p) for p in covers],
        organization_id=row.get("organization"), contact_id=row.get("contact"),
    )


@strawberry.type(description="A capability covering a place, and the coverage edge that makes it so.")
class Coverage:
    capability: Capability = strawberry.field(description="The covering capability.")
    at: PlaceRef = strawberry.field(description="Where the coverage edge lands: the place itself or the nearest place containing it that the capability COVERS.")
    hops: int = strawberry.field(description="PART_OF edges from the place up to `at` (0 when own).")
    inherited: bool = strawberry.field(description="True when the coverage comes from a place containing this one.")


def to_coverage(place_id: str, rows: list[dict[str, Any]]) -> list[Coverage]:
    """Capability rows, each with `at` (its nearest coverage edge), as coverage of the place:
    nearest coverage first (level, then hops), then priority, then most recently verified."""
    ordered = sorted(rows, key=lambda c: c["id"])
    ordered.sort(key=lambda c: c.get("verified_on") or "", reverse=True)
    ordered.sort(key=lambda c: (c["at"].get("level") or 9, c["at"]["hops"],
                                c.get("priority") if c.get("priority") is not None else 100))
    return [Coverage(capability=to_capability(c), at=to_place(c["at"]), hops=c["at"]["hops"],
                     inherited=c["at"]["id"] != place_id) for c in ordered]


@strawberry.type
class CapabilityQueries:
    @strawberry.field(description="Browse capabilities by service, organization, place covered and verification date (cursor-paginated, by service then priority).", extensions=needs(Role.ANALYST))
    async def capabilities(
        self, info: Info[Context, None],
        service: Annotated[Service | None, strawberry.argument(description="Only this service.")] = None,
        organization: Annotated[str | None, strawberry.argument(description="Only capabilities this organization id offers.")] = None,
        jurisdiction: Annotated[str | None, strawberry.argument(description="Only capabilities covering this place (jurisdiction id), directly or through a place containing it.")] = None,
        verified_before: VerifiedBefore = None,
        verified_after: VerifiedAfter = None,
        include_retired: Annotated[bool, strawberry.argument(description="Also list retired capabilities and those of retired organizations (default false).")] = False,
        first: First = None,
        after: After = None,
    ) -> Connection[Capability]:
        win = window(first, after)
        rows = await info.context.graph.read(
            "queries/capabilities", service=value_of(service), organization=organization,
            jurisdiction=jurisdiction, include_retired=include_retired, skip=win.skip, limit=win.limit,
            **verified_window(verified_before, verified_after))
        require_known(rows[0], jurisdiction=jurisdiction, organization=organization)
        total, page = rows[0]["total"], rows[0]["page"]
        return connection(win, total, page, to_capability)
