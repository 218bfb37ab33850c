"""Task forces: member organizations (one may lead) and the places they serve."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from service.api.browsing import After, First, require_known
from service.api.context import Context
from service.api.jurisdictions import PlaceRef, to_place
from service.api.organizations import Organization, to_organization
from service.api.pagination import Connection, connection, window
from service.api.permissions import needs
from service.ops.auth import Role


@strawberry.type(description="An organization's seat on a task force.")
class TaskForceMember:
    lead: bool = strawberry.field(description="True for the lead organization.")
    organization_id: strawberry.Private[str]

    @strawberry.field(description="The member organization.")
    async def organization(self, info: Info[Context, None]) -> Organization | None:
        row = await info.context.organizations.load(self.organization_id)
        return None if row is None else to_organization(row)


@strawberry.type(description="A human trafficking task force or coalition.")
class TaskForce:
    id: str = strawberry.field(description="Stable id from the roster.")
    name: str = strawberry.field(description="Display name.")
    notes: str | None = strawberry.field(description="Free text from the roster.")
    verified_on: str | None = strawberry.field(description="When a steward last confirmed the record (YYYY-MM-DD).")
    members: list[TaskForceMember] = strawberry.field(description="Member organizations, the lead first.")
    areas: list[PlaceRef] = strawberry.field(description="Places it serves, nearest level first.")


@strawberry.type(description="A task force an organization belongs to.")
class TaskForceMembership:
    lead: bool = strawberry.field(description="True when the organization leads the task force.")
    task_force: TaskForce = strawberry.field(description="The task force.")


def to_task_force(row: dict[str, Any]) -> TaskForce:
    members = sorted(row.get("members") or [], key=lambda m: (not m["lead"], m["id"]))
    areas = sorted(row.get("areas") or [], key=lambda p: (p.get("level") or 9, p["name"]))
    return TaskForce(id=row["id"], name=row["name"], notes=row.get("notes"), verified_on=row.get("verified_on"),
                     members=[TaskForceMember(lead=bool(m["lead"]), organization_id=m["id"]) for m in members],
                     areas=[to_place(p) for p in areas])


def to_membership(row: dict[str, Any]) -> TaskForceMembership:
    return TaskForceMembership(lead=bool(row["lead"]), task_force=to_task_force(row["task_force"]))


@strawberry.type
class TaskForceQueries:
    @strawberry.field(description="Browse task forces by name and place served (cursor-paginated, by name).", extensions=needs(Role.ANALYST))
    async def task_forces(
        self, info: Info[Context, None],
        search: Annotated[str | None, strawberry.argument(description="Case-insensitive part of the name or id.")] = None,
        jurisdiction: Annotated[str | None, strawberry.argument(description="Only task forces serving this place (jurisdiction id), a place containing it, or a place inside it.")] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[TaskForce]:
        win = window(first, after)
        rows = await info.context.graph.read("queries/task_forces", search=search or None,
                                             jurisdiction=jurisdiction, skip=win.skip, limit=win.limit)
        require_known(rows[0], jurisdiction=jurisdiction)
        total, page = rows[0]["total"], rows[0]["page"]
        return connection(win, total, page, to_task_force)
