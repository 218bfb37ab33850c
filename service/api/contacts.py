"""Contacts: the people and desks to call, each working for one organization."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from service.api.browsing import (
    After,
    First,
    IncludeRetired,
    VerifiedAfter,
    VerifiedBefore,
    require_known,
    verified_window,
)
from service.api.context import Context
from service.api.organizations import Organization, to_organization
from service.api.pagination import Connection, connection, window
from service.api.permissions import needs
from service.ops.auth import Role


@strawberry.type(description="A person or desk to call at a partner organization.")
class Contact:
    id: str = strawberry.field(description="Stable id from the roster.")
    name: str = strawberry.field(description="Person or desk name.", extensions=needs(Role.ANALYST))
    role: str | None = strawberry.field(description="Role or title.")
    unit: str | None = strawberry.field(description="Unit or team, e.g. Vice.")
    phone: str | None = strawberry.field(description="Direct phone.", extensions=needs(Role.ANALYST))
    after_hours_phone: str | None = strawberry.field(description="Phone that answers after hours.", extensions=needs(Role.ANALYST))
    email: str | None = strawberry.field(description="Email.", extensions=needs(Role.ANALYST))
    languages: list[str] = strawberry.field(description="Languages spoken.")
    verified_on: str | None = strawberry.field(description="When a steward last confirmed the record (YYYY-MM-DD).")
    retired_on: str | None = strawberry.field(description="When the contact leaves: from that day on never offered (a later day is a scheduled retirement).")
    trained_on: str | None = strawberry.field(default=None, description="When the contact's human trafficking training was last confirmed, YYYY-MM-DD; null: not known to be trained (routing prefers trained contacts).")
    source: str | None = strawberry.field(default=None, description="Where the record came from when another directory supplied it (hsds:PACKAGE#TABLE/ID, from refgraph load hsds); null for records stewards keep.")
    organization_id: strawberry.Private[str | None]

    @strawberry.field(description="The organization this contact works for.")
    async def organization(self, info: Info[Context, None]) -> Organization | None:
        if self.organization_id is None:
            return None
        row = await info.context.organizations.load(self.organization_id)
        return None if row is None else to_organization(row)


def to_contact(row: dict[str, Any]) -> Contact:
    return Contact(id=row["id"], name=row["name"], role=row.get("role"), unit=row.get("unit"),
                   phone=row.get("phone"), after_hours_phone=row.get("after_hours_phone"),
                   email=row.get("email"), languages=list(row.get("languages") or []),
                   verified_on=row.get("verified_on"), retired_on=row.get("retired_on"),
                   trained_on=row.get("trained_on"), source=row.get("source"),
                   organization_id=row.get("organization"))


@strawberry.type
class ContactQueries:
    @strawberry.field(description="Browse contacts by name, role or unit, organization and verification date (cursor-paginated, by name).", extensions=needs(Role.ANALYST))
    async def contacts(
        self, info: Info[Context, None],
        search: Annotated[str | None, strawberry.argument(description="Case-insensitive part of the name, role or unit.")] = None,
        organization: Annotated[str | None, strawberry.argument(description="Only contacts working for this organization id.")] = None,
        verified_before: VerifiedBefore = None,
        verified_after: VerifiedAfter = None,
        include_retired: IncludeRetired = False,
        first: First = None,
        after: After = None,
    ) -> Connection[Contact]:
        win = window(first, after)
        rows = await info.context.graph.read(
            "queries/contacts", search=search or None, organization=organization,
            include_retired=include_retired, skip=win.skip, limit=win.limit,
            **verified_window(verified_before, verified_after))
        require_known(rows[0], organization=organization)
        total, page = rows[0]["total"], rows[0]["page"]
        return connection(win, total, page, to_contact)
