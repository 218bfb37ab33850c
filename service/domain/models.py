"""Typed answers (frozen dataclasses) and the situation they answer for.

`Situation.accepts` is THE matching predicate on the Python side: routing and
the matrix both call it. Its Cypher twin is `CYPHER_MATCH` (below), pasted
verbatim into every statement that filters capabilities by situation; a test
checks each such file contains it exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum
from itertools import product
from typing import Any

from ..errors import InvalidInput
from .vocabulary import DIMENSION_BY_NAME, DIMENSIONS, Notify, Service

DIMENSION_NAMES: tuple[str, ...] = tuple(d.name for d in DIMENSIONS)

# The Cypher matching predicate: `c` a Capability, `s` a map of the six
# dimensions (null = unknown). Every file using it must contain it verbatim.
CYPHER_MATCH = " AND ".join(f"(s.{d} IS NULL OR s.{d} IN c.{d})" for d in DIMENSION_NAMES)


@dataclass(frozen=True)
class Situation:
    """The six dimensions (None = unknown) and whether the person is in immediate danger
    (which makes the urgency URGENT)."""

    urgency: str | None = None
    hours: str | None = None
    nationality: str | None = None
    age: str | None = None
    gender: str | None = None
    trafficking: str | None = None
    immediate_danger: bool = False

    def __post_init__(self) -> None:
        for name in DIMENSION_NAMES:
            value = getattr(self, name)
            allowed = DIMENSION_BY_NAME[name].values
            if value is not None and value not in allowed:
                raise InvalidInput(f"{name} is {value!r}",
                                   f"Use {allowed[0]} or {allowed[1]}, or leave it unknown",
                                   argument=name)
        if self.immediate_danger:  # immediate danger is urgent, whatever else is known
            if self.urgency == "NON_URGENT":
                raise InvalidInput("The person is in immediate danger, but urgency is NON_URGENT",
                                   "Immediate danger is urgent: leave urgency unknown or make it URGENT",
                                   argument="urgency")
            object.__setattr__(self, "urgency", "URGENT")

    def known(self) -> dict[str, str]:
        return {d: v for d in DIMENSION_NAMES if (v := getattr(self, d)) is not None}

    def as_params(self) -> dict[str, str | None]:
        """The `s` map of CYPHER_MATCH."""
        return {d: getattr(self, d) for d in DIMENSION_NAMES}

    def with_hours(self, hours: str | None) -> Situation:
        return replace(self, hours=hours)

    def accepts(self, capability: Mapping[str, Any]) -> bool:
        """THE predicate: every known value is in the capability's accepted list."""
        return all(v in (capability.get(d) or ()) for d, v in self.known().items())

    def matched(self, capability: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
        return tuple((d, v) for d, v in self.known().items() if v in (capability.get(d) or ()))

    def to_confirm(self, capability: Mapping[str, Any]) -> tuple[str, ...]:
        """Unknown dimensions where the capability does not take both values."""
        return tuple(
            d for d in DIMENSION_NAMES
            if getattr(self, d) is None
            and not set(DIMENSION_BY_NAME[d].values) <= set(capability.get(d) or ())
        )

    @property
    def profile(self) -> str:
        return ", ".join(f"{d}={v}" for d, v in self.known().items()) or "all unknown"


def situation_of(values: Mapping[str, str | None], immediate_danger: bool = False) -> Situation:
    """A situation from {dimension: value}; refuses names that are not dimensions."""
    unknown = set(values) - set(DIMENSION_NAMES)
    if unknown:
        raise InvalidInput(f"{', '.join(sorted(unknown))} is not a situation dimension",
                           "Use " + ", ".join(DIMENSION_NAMES), argument=min(unknown))
    get = values.get
    return Situation(urgency=get("urgency"), hours=get("hours"), nationality=get("nationality"),
                     age=get("age"), gender=get("gender"), trafficking=get("trafficking"),
                     immediate_danger=immediate_danger)


def column_situation(dimension: str, value: str) -> Situation:
    """The situation of one matrix cell: one dimension fixed, the others unknown."""
    return situation_of({dimension: value})


def all_profiles() -> list[Situation]:
    """The 64 full situation profiles (every dimension fixed), in COLUMNS order."""
    return [situation_of(dict(zip(DIMENSION_NAMES, values)))
            for values in product(*(d.values for d in DIMENSIONS))]


def parse_service(value: Service | str, written: str | None = None) -> Service:
    """One service by its name; a name that is none is refused, quoted as it was `written`."""
    try:
        return Service(value)
    except ValueError:
        raise InvalidInput(f"service {(value if written is None else written)!r} is not a service",
                           "Use one of " + ", ".join(s.value for s in Service),
                           argument="service") from None


def parse_services(names: Sequence[str] | None) -> tuple[Service, ...]:
    if not names:
        return tuple(Service)
    return tuple(dict.fromkeys(parse_service(name.upper(), written=name) for name in names))


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    kind: str
    state: str | None = None
    population: int | None = None
    timezone: str | None = None

    @property
    def label(self) -> str:
        """How messages name the place: its name and id."""
        return f"{self.name} ({self.id})"


@dataclass(frozen=True)
class OrganizationRef:
    id: str
    name: str
    type: str | None
    sector: str | None


@dataclass(frozen=True)
class ContactRef:
    id: str
    name: str
    role: str | None = None
    unit: str | None = None
    phone: str | None = None
    after_hours_phone: str | None = None
    email: str | None = None
    trained_on: str | None = None  # when the contact's human trafficking training was last confirmed


@dataclass(frozen=True)
class Coverage:
    """The COVERS edge that matched: at which jurisdiction, how far up from the place."""

    jurisdiction_id: str
    jurisdiction_name: str
    kind: str
    level: int
    hops: int


class PhoneLine(str, Enum):
    """Which number a referral's phone is."""

    CONTACT = "CONTACT"  # the named contact's phone
    CONTACT_AFTER_HOURS = "CONTACT_AFTER_HOURS"  # the contact's after-hours line: after hours by the place's clock
    ORGANIZATION = "ORGANIZATION"  # the organization's main number (no contact, or none of the contact's)


@dataclass(frozen=True)
class Referral:
    service: Service
    capability_id: str
    organization: OrganizationRef
    contact: ContactRef | None
    phone: str | None  # the number to dial now
    coverage: Coverage
    matched: tuple[tuple[str, str], ...]
    confirm: tuple[str, ...]
    # the hours value the referral was judged at: the caller's, or the organization's own at the
    # moment (BUSINESS_HOURS = open then, as a 24/7 organization always is); not the clock
    hours: str | None
    priority: int
    verified_on: str | None
    notes: str | None = None
    phone_line: PhoneLine | None = None
    notify: Notify = Notify.FIRST  # ALL_MEMBERS: report to every organization of `notify_members` too
    notify_members: tuple[OrganizationRef, ...] = ()
    office_hours: str | None = None  # the organization's hours as the roster writes them (None: Mon-Fri 09:00-17:00)
    trained_on: str | None = None  # the contact's training, or (no contact) the organization's: None = not known

    @property
    def notify_text(self) -> str:
        """Empty for a referral called in rank order; for a notify list, whom else to tell."""
        if self.notify != Notify.ALL_MEMBERS:
            return ""
        return "all members" + (": " + "; ".join(o.name for o in self.notify_members) if self.notify_members else "")


@dataclass(frozen=True)
class ServiceRoute:
    service: Service
    referrals: tuple[Referral, ...]  # best first; the first ones when the route was capped
    total: int  # how many referrals match in all

    @property
    def gap(self) -> bool:
        return self.total == 0


@dataclass(frozen=True)
class Emergency:
    instruction: str
    law_enforcement: tuple[Referral, ...]
    federal_contacts: tuple[tuple[OrganizationRef, ContactRef], ...]
    follow_up: str
    tip_reporting: tuple[Referral, ...]


@dataclass(frozen=True)
class Route:
    place: Place
    situation: Situation
    at: datetime | None
    hours: str | None  # the hours value of the moment at the place (default hours), or as given
    services: tuple[ServiceRoute, ...]
    emergency: Emergency | None = None
    mandatory_report: tuple[str, ...] = ()

    def for_service(self, service: Service | str) -> ServiceRoute:
        return next(s for s in self.services if s.service == Service(service))


@dataclass(frozen=True)
class MatrixCell:
    service: Service
    dimension: str
    value: str
    organizations: int
    contacts: int
    oldest_verified_on: str | None
    notify_all: int = 0  # of the organizations, how many report to every member of their task force
    trained: int = 0  # of the organizations, how many answer with a trained contact (or are trained)

    @property
    def gap(self) -> bool:
        return self.organizations == 0

    @property
    def single_point_of_failure(self) -> bool:
        return self.organizations == 1


@dataclass(frozen=True)
class ProfileCoverage:
    service: Service
    profiles: int
    uncovered: tuple[Situation, ...]


@dataclass(frozen=True)
class Matrix:
    place: Place
    cells: tuple[MatrixCell, ...]
    profiles: tuple[ProfileCoverage, ...]

    def cell(self, service: Service | str, value: str) -> MatrixCell:
        return next(c for c in self.cells if c.service == Service(service) and c.value == value)


@dataclass(frozen=True)
class GapReport:
    service: Service
    situation: Situation
    kind: str
    within: str | None
    stale_months: int | None
    places: tuple[Place, ...]
    total_gaps: int
    considered: int
    population_affected: int
    offset: int
    limit: int
    next_cursor: str | None = None


@dataclass(frozen=True)
class SinglePoint:
    place: Place
    service: Service
    dimension: str
    value: str
    organization: OrganizationRef


@dataclass(frozen=True)
class SinglePoints:
    within: str
    kind: str | None
    points: tuple[SinglePoint, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ComingGap:
    """A place covered today that will have nobody from `ends` on: the day the last of
    `capabilities` (or its organization) is scheduled to retire."""

    place: Place
    ends: str
    capabilities: tuple[str, ...]


@dataclass(frozen=True)
class ComingGaps:
    service: Service
    situation: Situation
    kind: str
    within: str | None
    until: str
    places: tuple[ComingGap, ...]  # soonest first, at most the limit
    total: int
