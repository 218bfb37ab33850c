"""route, matrix, gaps and singlePointsOfFailure: thin resolvers over the domain plans."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from service.api.context import Context
from service.api.permissions import needs
from service.api.situation import Condition, Profile, SituationInput
from service.api.vocabulary import Notify, Service, services_argument
from service.domain import models as m
from service.domain.gaps import (
    MAX_COMING_DAYS,
    MAX_PAGE,
    coming_gaps_plan,
    gaps_plan,
    single_points_plan,
)
from service.domain.matrix import matrix_plan
from service.domain.places import resolve_plan
from service.domain.routing import route_for, routing_moment
from service.errors import InvalidInput
from service.ops.auth import Role


@strawberry.type(description="A place as routing saw it.")
class RoutedPlace:
    id: str
    name: str
    kind: str
    state: str | None
    population: int | None
    timezone: str | None = strawberry.field(description="Time zone used to decide business hours.")


@strawberry.type(description="An organization in an answer.")
class OrganizationBrief:
    id: str
    name: str
    type: str | None
    sector: str | None


@strawberry.type(description="A trained contact to ask for.")
class ContactBrief:
    # Only reachable through fields that need an analyst key (route, singlePointsOfFailure):
    # tests/test_access.py walks the schema to keep it so. No per-field checks: a route
    # lists up to 800 contact fields, and each check costs as much as the field.
    id: str
    name: str
    role: str | None
    unit: str | None
    phone: str | None
    after_hours_phone: str | None
    email: str | None


@strawberry.type(description="The coverage edge that matched: at which jurisdiction, how far up from the place.")
class CoverageEdge:
    jurisdiction_id: str
    jurisdiction_name: str
    kind: str
    hops: int = strawberry.field(description="PART_OF steps from the place up to this jurisdiction (0 = the place itself).")


strawberry.enum(m.PhoneLine, description=(
    "Which number a referral's `phone` is: CONTACT (the named contact's phone), CONTACT_AFTER_HOURS "
    "(the contact's after-hours line, dialled after hours by the place's clock, also for an "
    "organization open 24/7) or ORGANIZATION (its main number)."))


@strawberry.type(description="One ranked referral with its explanation.")
class Referral:
    rank: int = strawberry.field(description="1 = call first.")
    capability_id: str
    organization: OrganizationBrief
    contact: ContactBrief | None = strawberry.field(description="Whom to ask for, when the roster names one.")
    phone: str | None = strawberry.field(description="The number to dial at this moment: after hours by the place's clock (`RouteAnswer.hours`), the contact's after-hours line; `phoneLine` says which.")
    phone_line: m.PhoneLine | None = strawberry.field(description="Which number `phone` is.")
    coverage: CoverageEdge
    matched: list[Condition] = strawberry.field(description="Known situation values this referral accepts.")
    confirm: list[str] = strawberry.field(description="Unknown dimensions whose eligibility must be confirmed on the call.")
    hours: str | None = strawberry.field(description="The hours this referral was matched at, by the organization's own hours at the moment: BUSINESS_HOURS = open then (a 24/7 organization always is), AFTER_HOURS = closed, reachable for after-hours work only; the caller's value when the situation gives the hours. The place's clock is `RouteAnswer.hours`.")
    priority: int
    verified_on: str | None = strawberry.field(description="When the record was last verified.")
    notes: str | None
    trained_on: str | None = strawberry.field(description="When whoever answers was trained on human trafficking: the contact, else (no contact) the organization; null: not known to be trained. Trained referrals rank first among equally near ones.")
    office_hours: str | None = strawberry.field(description="The organization's business hours as its roster row writes them, e.g. 24/7 or Mon-Fri 09:00-17:00 (null: Mon-Fri 09:00-17:00).")
    notify: Notify = strawberry.field(description="FIRST: call this referral in rank order. ALL_MEMBERS: a notify list: report to this organization and to every one of `notifyMembers`.")
    notify_members: list[OrganizationBrief] = strawberry.field(description="With ALL_MEMBERS: the other live members of its task forces serving the place, all to be told.")
    why: str = strawberry.field(description="The explanation in one sentence.")


@strawberry.type(description="The referrals for one service; gap when nobody matches.")
class ServiceRoute:
    service: Service
    gap: bool
    total: int = strawberry.field(description="How many referrals match in all (the list holds the first ones).")
    referrals: list[Referral]


@strawberry.type(description="What to do first when someone is in immediate danger.")
class Emergency:
    instruction: str = strawberry.field(description="Always: call 911 / local police.")
    law_enforcement: list[Referral] = strawberry.field(description="The nearest local law-enforcement organizations (police, sheriff, task force) that take the situation now, matched like every referral (at most `first`).")
    federal_contacts: list[ContactBrief] = strawberry.field(description="After-hours contacts of the nearest FBI / HSI / ICE offices covering the place that take the situation (at most `first` offices).")
    follow_up: str = strawberry.field(description="The written report owed after any call to police or 911, to the tip lines of `tipReporting`.")
    tip_reporting: list[Referral] = strawberry.field(description="The tip lines the written follow-up goes to: tip routing's referrals for this situation (at most `first`).")


@strawberry.type(description="Whom to call, per service, for a situation at a place.")
class RouteAnswer:
    place: RoutedPlace
    at: datetime | None
    hours: str | None = strawberry.field(description="The place's clock at `at`: BUSINESS_HOURS or AFTER_HOURS by default business hours (Mon-Fri 09:00-17:00 local), or the situation's hours; it picks each referral's phone line.")
    services: list[ServiceRoute]
    emergency: Emergency | None = strawberry.field(description="Present when the person is in immediate danger (which makes the situation urgent).")
    mandatory_report: list[str] = strawberry.field(description="Why a report is mandatory (minor, immediate danger).")
    gaps: list[Service] = strawberry.field(description="Services for which nobody matches.")


@strawberry.type(description="One matrix cell: a service for one column value, other dimensions unknown.")
class MatrixCell:
    service: Service
    dimension: str
    value: str
    organizations: int = strawberry.field(description="Distinct organizations covering the cell (own and inherited coverage).")
    contacts: int = strawberry.field(description="Distinct named contacts covering the cell.")
    gap: bool = strawberry.field(description="Nobody covers the cell.")
    single_point_of_failure: bool = strawberry.field(description="Exactly one organization covers the cell.")
    oldest_verified_on: str | None = strawberry.field(description="Oldest verification date among the cell's coverage.")
    notify_all: int = strawberry.field(description="Of `organizations`, how many report to every member of their task force (ALL_MEMBERS capabilities).")
    trained: int = strawberry.field(description="Of `organizations`, how many answer with a trained contact (or, without one, are trained): organizations above 0 and trained 0 is a cell covered only by untrained contacts.")


@strawberry.type(description="Full-profile coverage of one service: which of the 64 profiles have nobody.")
class ProfileCoverage:
    service: Service
    profiles: int
    uncovered: list[Profile]


@strawberry.type(description="The 8 x 12 reporting and referral matrix of a place.")
class MatrixAnswer:
    place: RoutedPlace
    cells: list[MatrixCell]
    profiles: list[ProfileCoverage]
    gap_count: int = strawberry.field(description="How many of the cells are gaps.")


@strawberry.type(description="A place where nobody answers.")
class GapPlace:
    id: str
    name: str
    kind: str
    state: str | None
    population: int | None


@strawberry.type(description="Places of a kind where routing returns nobody, with totals.")
class GapReport:
    service: Service
    kind: str
    within: str | None
    places: list[GapPlace]
    total_gaps: int = strawberry.field(description="Places with nobody (all pages).")
    considered: int = strawberry.field(description="Places of this kind in scope.")
    population_affected: int = strawberry.field(description="People living in the places with nobody, where known.")
    next_cursor: str | None = strawberry.field(description="Pass as `after` for the next page; null on the last.")


@strawberry.type(description="A place covered today that will have nobody once scheduled retirements take effect.")
class ComingGapPlace:
    place: GapPlace
    ends: str = strawberry.field(description="The day it becomes a gap: when the last capability covering it (or its organization) retires.")
    capabilities: list[str] = strawberry.field(description="Ids of the capabilities covering it today, all scheduled to retire by then.")


@strawberry.type(description="Coming gaps: places covered today and uncovered within the days asked, soonest first.")
class ComingGaps:
    service: Service
    kind: str
    within: str | None
    until: str = strawberry.field(description="The last day looked at (today + days).")
    total: int = strawberry.field(description="How many places become gaps by then (the list holds the first ones).")
    places: list[ComingGapPlace]


def to_coming_gaps(report: m.ComingGaps) -> ComingGaps:
    return ComingGaps(service=Service(report.service.value), kind=report.kind, within=report.within,
                      until=report.until, total=report.total,
                      places=[ComingGapPlace(place=_gap_place(g.place), ends=g.ends, capabilities=list(g.capabilities))
                              for g in report.places])


@strawberry.type(description="A cell that hangs on exactly one organization.")
class SinglePoint:
    place: GapPlace
    service: Service
    dimension: str
    value: str
    organization: OrganizationBrief


def _place(p: m.Place) -> RoutedPlace:
    return RoutedPlace(id=p.id, name=p.name, kind=p.kind, state=p.state, population=p.population,
                       timezone=p.timezone)


def _org(o: m.OrganizationRef) -> OrganizationBrief:
    return OrganizationBrief(id=o.id, name=o.name, type=o.type, sector=o.sector)


def _contact(c: m.ContactRef | None) -> ContactBrief | None:
    if c is None:
        return None
    return ContactBrief(id=c.id, name=c.name, role=c.role, unit=c.unit, phone=c.phone,
                        after_hours_phone=c.after_hours_phone, email=c.email)


def explain(r: m.Referral) -> str:
    where = "the place itself" if r.coverage.hops == 0 else f"{r.coverage.jurisdiction_name} ({r.coverage.kind})"
    text = f"{r.organization.name} covers {where}"
    if r.matched:
        text += "; accepts " + ", ".join(v for _, v in r.matched)
    if r.confirm:
        text += "; confirm " + ", ".join(r.confirm)
    if r.notify == Notify.ALL_MEMBERS:
        text += "; report to every member of its task force" + (
            ": " + ", ".join(o.name for o in r.notify_members) if r.notify_members else "")
    return text


def _referral(rank: int, r: m.Referral) -> Referral:
    return Referral(
        rank=rank, capability_id=r.capability_id, organization=_org(r.organization),
        contact=_contact(r.contact), phone=r.phone, phone_line=r.phone_line,
        coverage=CoverageEdge(jurisdiction_id=r.coverage.jurisdiction_id,
                              jurisdiction_name=r.coverage.jurisdiction_name,
                              kind=r.coverage.kind, hops=r.coverage.hops),
        matched=[Condition(dimension=d, value=v) for d, v in r.matched], confirm=list(r.confirm),
        hours=r.hours, priority=r.priority, verified_on=r.verified_on, notes=r.notes,
        office_hours=r.office_hours, trained_on=r.trained_on, notify=r.notify, notify_members=[_org(o) for o in r.notify_members],
        why=explain(r),
    )


MAX_REFERRALS = 100


def to_emergency(e: m.Emergency) -> Emergency:
    return Emergency(
        instruction=e.instruction,
        law_enforcement=[_referral(i, r) for i, r in enumerate(e.law_enforcement, 1)],
        federal_contacts=[c for _, contact in e.federal_contacts if (c := _contact(contact))],
        follow_up=e.follow_up,
        tip_reporting=[_referral(i, r) for i, r in enumerate(e.tip_reporting, 1)],
    )


def to_route(route: m.Route) -> RouteAnswer:
    emergency = None if route.emergency is None else to_emergency(route.emergency)
    return RouteAnswer(
        place=_place(route.place), at=route.at, hours=route.hours,
        services=[ServiceRoute(service=Service(s.service.value), gap=s.gap, total=s.total,
                               referrals=[_referral(i, r) for i, r in enumerate(s.referrals, 1)])
                  for s in route.services],
        emergency=emergency, mandatory_report=list(route.mandatory_report),
        gaps=[Service(s.service.value) for s in route.services if s.gap],
    )


def to_matrix(matrix: m.Matrix) -> MatrixAnswer:
    return MatrixAnswer(
        place=_place(matrix.place),
        cells=[MatrixCell(service=Service(c.service.value), dimension=c.dimension, value=c.value,
                          organizations=c.organizations, contacts=c.contacts, gap=c.gap,
                          single_point_of_failure=c.single_point_of_failure,
                          oldest_verified_on=c.oldest_verified_on, notify_all=c.notify_all, trained=c.trained)
                    for c in matrix.cells],
        profiles=[ProfileCoverage(service=Service(p.service.value), profiles=p.profiles,
                                  uncovered=[Profile.of(s) for s in p.uncovered]) for p in matrix.profiles],
        gap_count=sum(1 for c in matrix.cells if c.gap),
    )


def _gap_place(p: m.Place) -> GapPlace:
    return GapPlace(id=p.id, name=p.name, kind=p.kind, state=p.state, population=p.population)


def to_gap_report(report: m.GapReport) -> GapReport:
    return GapReport(service=Service(report.service.value), kind=report.kind, within=report.within,
                     places=[_gap_place(p) for p in report.places], total_gaps=report.total_gaps,
                     considered=report.considered, population_affected=report.population_affected,
                     next_cursor=report.next_cursor)


def _aware(at: datetime | None) -> datetime | None:
    if at is not None and at.tzinfo is None:
        raise InvalidInput(f"`at` is {at.isoformat()}, without a time-zone offset",
                           "Give the moment with its offset, e.g. 2026-11-28T23:00:00-05:00", argument="at")
    return at


@strawberry.type
class RoutingQueries:
    @strawberry.field(description="Whom to call for a situation at a place: ranked, explained referrals per service.", extensions=needs(Role.ANALYST))
    async def route(
        self, info: Info[Context, None],
        place: Annotated[str, strawberry.argument(description="Jurisdiction id, FIPS, postal code, or a name such as 'Lancaster, PA'.")],
        situation: Annotated[SituationInput | None, strawberry.argument(description="What is known; unknown dimensions match anyone.")] = None,
        services: Annotated[list[Service] | None, strawberry.argument(description="Services needed (default all eight).")] = None,
        at: Annotated[datetime | None, strawberry.argument(description="The moment (with offset) deciding business vs after hours; default now, as on the pages.")] = None,
        any_time: Annotated[bool, strawberry.argument(description="Route regardless of the time: hours unknown, so office-hours providers come back with `confirm: [hours]` (not with `at`).")] = False,
        first: Annotated[int, strawberry.argument(description=f"Referrals per service, best first, and emergency contacts of each kind: 1 to {MAX_REFERRALS} (default 10); `total` says how many referrals match.")] = 10,
    ) -> RouteAnswer:
        if not 1 <= first <= MAX_REFERRALS:
            raise InvalidInput(f"`first` is {first}; a service lists 1 to {MAX_REFERRALS} referrals",
                               "Ask for fewer; `total` tells how many match", argument="first")
        s = (situation or SituationInput()).to_situation()
        moment = routing_moment(_aware(at), s, any_time)
        return to_route(await info.context.graph.run(route_for(place, s, services_argument(services), moment, first)))

    @strawberry.field(description="The 8 x 12 matrix of a place, with gaps and single points of failure.")
    async def matrix(
        self, info: Info[Context, None],
        place: Annotated[str, strawberry.argument(description="Jurisdiction id, FIPS, postal code, or a name.")],
        services: Annotated[list[Service] | None, strawberry.argument(description="Rows to include (default all eight).")] = None,
    ) -> MatrixAnswer:
        graph = info.context.graph
        found = await graph.run(resolve_plan(place))
        return to_matrix(await graph.run(matrix_plan(found.id, services_argument(services))))

    @strawberry.field(description="Places of a kind where nobody answers for a service and situation (paginated, with totals).")
    async def gaps(
        self, info: Info[Context, None],
        service: Annotated[Service, strawberry.argument(description="The service that must be covered.")],
        kind: Annotated[str, strawberry.argument(description="county, city, region or state.")] = "county",
        situation: Annotated[SituationInput | None, strawberry.argument(description="Fixed dimension values (e.g. age MINOR).")] = None,
        within: Annotated[str | None, strawberry.argument(description="Only places inside this jurisdiction id (e.g. us-nc).")] = None,
        stale_months: Annotated[int | None, strawberry.argument(description="Coverage not verified within this many months counts as missing.")] = None,
        sort: Annotated[str, strawberry.argument(description="name, population (largest first) or id.")] = "name",
        first: Annotated[int | None, strawberry.argument(description="Page size, 1 to 500 (default 100).")] = None,
        after: Annotated[str | None, strawberry.argument(description="nextCursor of the previous page.")] = None,
        trained_only: Annotated[bool, strawberry.argument(description="Count coverage only by trained contacts (the contact, else the organization, has a trainedOn): places covered only by untrained ones become gaps.")] = False,
    ) -> GapReport:
        s = (situation or SituationInput()).to_situation()
        return to_gap_report(await info.context.graph.run(gaps_plan(
            service.value, s, kind, within=within, stale_months=stale_months, sort=sort,
            first=first, after=after, trained_only=trained_only)))

    @strawberry.field(description="Places covered today that become gaps within `days`: every capability covering them is scheduled to retire (retiredOn ahead). Whom to recruit before the gap opens.")
    async def coming_gaps(
        self, info: Info[Context, None],
        service: Annotated[Service, strawberry.argument(description="The service that must be covered.")],
        kind: Annotated[str, strawberry.argument(description="county, city, region or state.")] = "county",
        situation: Annotated[SituationInput | None, strawberry.argument(description="Fixed dimension values (e.g. age MINOR).")] = None,
        within: Annotated[str | None, strawberry.argument(description="Only places inside this jurisdiction (id, FIPS, postal code or name).")] = None,
        days: Annotated[int, strawberry.argument(description=f"How far ahead to look: 1 to {MAX_COMING_DAYS} days (default 30).")] = 30,
        first: Annotated[int, strawberry.argument(description=f"Places listed, soonest first: 1 to {MAX_PAGE} (default 100); `total` counts all.")] = 100,
    ) -> ComingGaps:
        s = (situation or SituationInput()).to_situation()
        return to_coming_gaps(await info.context.graph.run(
            coming_gaps_plan(service.value, s, kind, within, days=days, limit=first)))

    @strawberry.field(description="Matrix cells covered by exactly one organization: of a place, or of every place of a kind inside it.", extensions=needs(Role.ANALYST))
    async def single_points_of_failure(
        self, info: Info[Context, None],
        within: Annotated[str, strawberry.argument(description="Jurisdiction id: the place itself, or the area searched.")],
        kind: Annotated[str | None, strawberry.argument(description="county, city, region or state; leave out for the place itself.")] = None,
        services: Annotated[list[Service] | None, strawberry.argument(description="Services to check (default all eight).")] = None,
    ) -> list[SinglePoint]:
        points = await info.context.graph.run(single_points_plan(within, kind, services_argument(services)))
        return [SinglePoint(place=_gap_place(p.place), service=Service(p.service.value), dimension=p.dimension,
                            value=p.value, organization=_org(p.organization)) for p in points.points]
