"""The audit trail in GraphQL: `changes(entity, kind, since)`, for analysts."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from service.api.context import Context
from service.api.pagination import Connection, connection, window
from service.api.permissions import needs
from service.errors import InvalidInput
from service.ops.auth import Role


@strawberry.type(description="One write: an import or a steward's change, with who, when, what and why.")
class Change:
    id: str
    at: str = strawberry.field(description="When it was committed (UTC, ISO 8601).")
    actor: str = strawberry.field(description="Who: the API key's name, or cli:<user> for imports from the command line.")
    action: str = strawberry.field(description="import, upsert, retire, verify or coverage.")
    kind: str = strawberry.field(description="Roster kind: organizations, contacts, capabilities, taskforces, regions.")
    entity: str | None = strawberry.field(description="Id of the record a steward changed (none for imports).")
    source: str | None = strawberry.field(description="File name for imports.")
    checksum: str | None = strawberry.field(description="SHA-256 of the imported file or row.")
    rows: int
    created: int
    updated: int
    unchanged: int
    reason: str | None = strawberry.field(description="Why, as the writer said.")
    before: str | None = strawberry.field(description="The record before (roster cells as JSON), for a steward's change.")
    after: str | None = strawberry.field(description="The record after (roster cells as JSON), for a steward's change.")


CONFIDENTIAL = "(confidential)"


def without_confidential_addresses(before: str | None, after: str | None) -> tuple[str | None, str | None]:
    """The record's cells before and after, with the address withheld wherever either side
    marks it confidential (the same rule as `Organization.address`, for the audit trail)."""
    sides = [json.loads(s) if s else None for s in (before, after)]
    secret = any(str((s or {}).get("address_confidential", "")).lower() in ("true", "1", "yes") for s in sides)
    if not secret:
        return before, after
    out = []
    for side in sides:
        if side is not None and side.get("address"):
            side = {**side, "address": CONFIDENTIAL}
        out.append(None if side is None else json.dumps(side, sort_keys=True))
    return out[0], out[1]


def to_change(row: dict[str, Any], confidential: bool = False) -> Change:
    """One audit entry; `confidential` says the reader may see confidential addresses."""
    names = Change.__annotations__
    cells: dict[str, Any] = {k: row.get(k) for k in names if k not in ("rows", "created", "updated", "unchanged")}
    if not confidential:
        cells["before"], cells["after"] = without_confidential_addresses(cells["before"], cells["after"])
    return Change(**cells,
                  rows=row.get("rows") or 0, created=row.get("created") or 0,
                  updated=row.get("updated") or 0, unchanged=row.get("unchanged") or 0)


def _since(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f'`since` is "{value}", not a date or date-time',
                           "Use YYYY-MM-DD or an ISO date-time such as 2026-11-01T00:00:00+00:00",
                           argument="since") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


@strawberry.type
class AuditQueries:
    @strawberry.field(description="The audit trail, newest first: every import and steward's change, with who, when, what and why.",
                      extensions=needs(Role.ANALYST))
    async def changes(
        self, info: Info[Context, None],
        entity: Annotated[str | None, strawberry.argument(description="Only changes to the record with this id.")] = None,
        kind: Annotated[str | None, strawberry.argument(description="Only this roster kind, e.g. capabilities.")] = None,
        since: Annotated[str | None, strawberry.argument(description="Only changes at or after this date or date-time.")] = None,
        first: Annotated[int | None, strawberry.argument(description="Page size, 1 to 500 (default 50).")] = None,
        after: Annotated[str | None, strawberry.argument(description="endCursor of the previous page.")] = None,
    ) -> Connection[Change]:
        win = window(first, after)
        rows = await info.context.graph.read("queries/changes", entity=entity, kind=kind, since=_since(since),
                                             skip=win.skip, limit=win.limit)
        total, page = rows[0]["total"], rows[0]["page"]
        confidential = info.context.principal.can(Role.STEWARD)
        return connection(win, total, page, lambda row: to_change(row, confidential))
