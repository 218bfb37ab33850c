"""What covers one place, typed: the rows of `queries/place_coverage` (the matrix, which
filters with `Situation.accepts` cell by cell) and of `queries/route_referrals` (routing,
filtered and ranked by the engine with the twin predicate and the same `rank_key`).

"Covers" is the same in both statements: COVERS the place or an ancestor, nearest first,
live capabilities of live organizations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from ..errors import NotFound
from ..store.graph import Plan, Row
from .models import ContactRef, Coverage, OrganizationRef, Place
from .vocabulary import KIND_LEVEL, Notify, Service

T = TypeVar("T")


@dataclass(frozen=True)
class Covering:
    """One live capability covering the place, at its nearest covering jurisdiction."""

    capability: dict[str, Any]  # id, service, the six dimension lists, priority, verified_on, notes
    organization: OrganizationRef
    organization_phone: str | None
    organization_hours: str | None
    contact: ContactRef | None
    coverage: Coverage
    federal: tuple[ContactRef, ...]
    members: tuple[OrganizationRef, ...] = ()  # the notify list of an ALL_MEMBERS capability
    organization_trained_on: str | None = None

    @property
    def trained_on(self) -> str | None:
        """When whoever answers was trained on human trafficking: the contact, else (no live
        contact) the organization; None when not known to be trained."""
        return self.contact.trained_on if self.contact is not None else self.organization_trained_on

    @property
    def notifies_all(self) -> bool:
        return self.capability.get("notify") == Notify.ALL_MEMBERS.value

    @property
    def service(self) -> str:
        return str(self.capability["service"])

    @property
    def id(self) -> str:
        return str(self.capability["id"])

    @property
    def priority(self) -> int:
        value = self.capability.get("priority")
        return 100 if value is None else int(value)

    @property
    def verified_on(self) -> str | None:
        return self.capability.get("verified_on")


@dataclass(frozen=True)
class PlaceCoverage:
    place: Place
    coverings: tuple[Covering, ...]


def rank_key(c: Covering) -> tuple[int, int, int, int, int, str]:
    """Nearest jurisdiction (level, then hops), trained before untrained, priority, most recently
    verified, id (queries/route_referrals orders by the same key)."""
    return (c.coverage.level, c.coverage.hops, 0 if c.trained_on else 1, c.priority, _recent_first(c.verified_on), c.id)


def _recent_first(day: str | None) -> int:
    try:
        return -date.fromisoformat(day).toordinal() if day else 0
    except ValueError:
        return 0


def ranked(coverings: Iterable[Covering]) -> list[Covering]:
    return sorted(coverings, key=rank_key)


def _contact(row: dict[str, Any] | None) -> ContactRef | None:
    if not row or row.get("id") is None:
        return None
    return ContactRef(id=row["id"], name=row.get("name") or row["id"], role=row.get("role"),
                      unit=row.get("unit"), phone=row.get("phone"),
                      after_hours_phone=row.get("after_hours_phone"), email=row.get("email"),
                      trained_on=row.get("trained_on"))


def covering_from(row: Row) -> Covering:
    """A capability row as the coverage statements return it (capability, organization,
    contact, via, federal)."""
    org, via = row["organization"], row["via"]
    level = via.get("level")
    if level is None:
        level = KIND_LEVEL.get(via.get("kind") or "", 9)
    return Covering(
        capability=dict(row["capability"]),
        organization=organization_from(org),
        organization_phone=org.get("phone"),
        organization_hours=org.get("hours"),
        organization_trained_on=org.get("trained_on"),
        contact=_contact(row.get("contact")),
        coverage=Coverage(via["id"], via.get("name") or via["id"], via.get("kind") or "", int(level), int(via["hops"])),
        federal=tuple(c for c in (_contact(f) for f in row.get("federal") or ()) if c is not None),
        members=tuple(sorted({m["id"]: organization_from(m) for m in row.get("members") or ()}.values(),
                             key=lambda m: (m.name, m.id))),
    )


def organization_from(row: dict[str, Any]) -> OrganizationRef:
    """An organization as a statement projects it ({.id, .name, .type, .sector, ...})."""
    return OrganizationRef(row["id"], row.get("name") or row["id"], row.get("type"), row.get("sector"))


def place_from(row: dict[str, Any], timezone: str | None = None) -> Place:
    return Place(id=row["id"], name=row.get("name") or row["id"], kind=row.get("kind") or "",
                 state=row.get("state"), population=row.get("population"), timezone=timezone)


def found_place(rows: list[Row], place_id: str) -> tuple[Place, Row]:
    """The place (with its time zone) of a statement that starts from one place id, and its row."""
    if not rows:
        raise NotFound(f"No place with id {place_id!r}",
                       "Search by name or FIPS with `refgraph route NAME`, or check the id")
    row = rows[0]
    return place_from(row["place"], row.get("timezone")), row


def coverage_plan(place_id: str, services: Sequence[Service],
                  then: Callable[[PlaceCoverage], T]) -> Plan[T]:
    """One round trip: the place, its time zone and every live capability covering it."""

    def finish(rows: list[Row]) -> T:
        place, row = found_place(rows, place_id)
        return then(PlaceCoverage(place, tuple(covering_from(c) for c in row["capabilities"] or ())))

    return Plan("queries/place_coverage", {"place": place_id, "services": [Service(s).value for s in services]},
                finish)
