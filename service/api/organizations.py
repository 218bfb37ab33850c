"""Organizations: who they are, what they offer, where they cover."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

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
from service.api.jurisdictions import PlaceRef, to_place
from service.api.pagination import Connection, connection, window
from service.api.permissions import ConfidentialAddress, hidden_unless, needs
from service.api.vocabulary import OrganizationType, Sector, Service, value_of
from service.domain.dates import is_retired
from service.errors import NotFound
from service.ops.auth import Role

if TYPE_CHECKING:
    from service.api.capabilities import Capability
    from service.api.contacts import Contact
    from service.api.taskforces import TaskForceMembership

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
    phone: str | None = strawberry.field(default=None, description="Main phone.", extensions=needs(Role.ANALYST))
    email: str | None = strawberry.field(default=None, description="Main email.", extensions=needs(Role.ANALYST))
    website: str | None = strawberry.field(default=None, description="Web address.")
    address: str | None = strawberry.field(default=None, description="Street address; null when it is confidential, except for stewards and admins.", extensions=hidden_unless(ConfidentialAddress()))
    address_confidential: bool = strawberry.field(default=False, description="True when the address is withheld (e.g. a shelter).")
    notes: str | None = strawberry.field(default=None, description="Free text from the roster.")
    verified_on: str | None = strawberry.field(description="When a steward last confirmed the record (YYYY-MM-DD).")
    retired_on: str | None = strawberry.field(description="When the organization stops taking referrals: from that day on (a later date is a scheduled retirement; it routes until then).")
    trained_on: str | None = strawberry.field(default=None, description="When its staff's human trafficking training was last confirmed, YYYY-MM-DD; null: not known to be trained (routing prefers trained contacts).")
    source: str | None = strawberry.field(default=None, description="Where the record came from when another directory supplied it (hsds:PACKAGE#TABLE/ID, from refgraph load hsds); null for records stewards keep.")

    @strawberry.field(description="The services it offers: to whom (accepted values), where, whom to ask for.")
    async def offers(self, info: Info[Context, None], include_retired: IncludeRetired = False) -> list[Annotated["Capability", strawberry.lazy("service.api.capabilities")]]:  # noqa: UP037
        from service.api.capabilities import to_capability

        rows = await info.context.offers.load(self.id)
        return [to_capability(r) for r in rows if include_retired or not is_retired(r.get("retired_on"))]

    @strawberry.field(description="Every place its active capabilities cover directly, nearest level first.")
    async def covers(self, info: Info[Context, None]) -> list[PlaceRef]:
        rows = await info.context.offers.load(self.id)
        places = {p["id"]: p for r in rows if not is_retired(r.get("retired_on")) for p in r.get("covers") or []}
        return [to_place(p) for p in sorted(places.values(), key=lambda p: (p.get("level") or 9, p["name"]))]

    @strawberry.field(description="People and desks working for it, by name.")
    async def contacts(self, info: Info[Context, None], include_retired: IncludeRetired = False) -> list[Annotated["Contact", strawberry.lazy("service.api.contacts")]]:  # noqa: UP037
        from service.api.contacts import to_contact

        rows = await info.context.staff.load(self.id)
        return [to_contact(r) for r in rows if include_retired or not is_retired(r.get("retired_on"))]

    @strawberry.field(description="Task forces it belongs to, and whether it leads them.")
    async def task_forces(self, info: Info[Context, None]) -> list[Annotated["TaskForceMembership", strawberry.lazy("service.api.taskforces")]]:  # noqa: UP037
        from service.api.taskforces import to_membership

        return [to_membership(r) for r in await info.context.memberships.load(self.id)]


def to_organization(row: dict[str, Any]) -> Organization:
    confidential = bool(row.get("address_confidential"))
    return Organization(id=row["id"], name=row["name"], sector=row.get("sector") or "",
                        type=row.get("type") or "", hours=row.get("hours"), phone=row.get("phone"),
                        email=row.get("email"), website=row.get("website"),
                        address=row.get("address"),  # the schema hides it unless the role may see it
                        address_confidential=confidential, notes=row.get("notes"),
                        verified_on=row.get("verified_on"), retired_on=row.get("retired_on"),
                        trained_on=row.get("trained_on"), source=row.get("source"))


@strawberry.type
class OrganizationQueries:
    @strawberry.field(description="One organization by id.", extensions=needs(Role.ANALYST))
    async def organization(self, info: Info[Context, None], id: str) -> Organization:
        row = await info.context.organizations.load(id)
        if row is None:
            raise NotFound(f"No organization has the id {id!r}", "Check the id in the organizations roster")
        return to_organization(row)

    @strawberry.field(description="Browse organizations by name, sector, type, service offered, place covered and verification date (cursor-paginated, by name).", extensions=needs(Role.ANALYST))
    async def organizations(
        self, info: Info[Context, None],
        search: Annotated[str | None, strawberry.argument(description="Case-insensitive part of the name or id.")] = None,
        sector: Annotated[Sector | None, strawberry.argument(description="Only this sector.")] = None,
        type: Annotated[OrganizationType | None, strawberry.argument(description="Only this kind of organization.")] = None,
        service: Annotated[Service | None, strawberry.argument(description="Only organizations offering this service.")] = None,
        jurisdiction: Annotated[str | None, strawberry.argument(description="Only organizations with a capability covering this place (jurisdiction id), directly or through a place containing it; with `service`, a capability of that service.")] = None,
        verified_before: VerifiedBefore = None,
        verified_after: VerifiedAfter = None,
        include_retired: IncludeRetired = False,
        first: First = None,
        after: After = None,
    ) -> Connection[Organization]:
        win = window(first, after)
        rows = await info.context.graph.read(
            "queries/organizations", search=search or None, sector=value_of(sector), type=value_of(type),
            service=value_of(service), jurisdiction=jurisdiction, include_retired=include_retired,
            skip=win.skip, limit=win.limit, **verified_window(verified_before, verified_after))
        require_known(rows[0], jurisdiction=jurisdiction)
        total, page = rows[0]["total"], rows[0]["page"]
        return connection(win, total, page, to_organization)

    @strawberry.field(description="How many places, organizations, contacts, task forces and capabilities the graph holds.")
    async def counts(self, info: Info[Context, None]) -> GraphCounts:
        rows = await info.context.graph.read("queries/node_counts")
        by = {r["label"]: r["count"] for r in rows}
        return GraphCounts(jurisdictions=by.get("Jurisdiction", 0), organizations=by.get("Organization", 0),
                           contacts=by.get("Contact", 0), task_forces=by.get("TaskForce", 0),
                           capabilities=by.get("Capability", 0))
