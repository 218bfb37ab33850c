"""Routing: for each service, whom to call for a situation at a place, in order, and why.

    graph.run(route_plan("us-pa-lancaster", Situation(age="MINOR"), at=moment, first=10))

One traversal answers it (queries/route_referrals): the capabilities covering the place's
ancestors that match the situation (`Situation.accepts`, whose Cypher twin is
`models.CYPHER_MATCH`), ranked by `coverage.rank_key` and cut to `first` per service in the
engine, with how many match in all. When a moment decides the hours, the statement takes it
as epoch milliseconds and compares its minute of the week in the place's zone with each
organization's stored hours (service.domain.hours). This module builds the typed answer: each
referral explained, and the emergency block picked from the statement's candidates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from ..errors import InvalidInput
from ..store.graph import Plan, Row, and_then
from .coverage import Covering, covering_from, found_place, rank_key, ranked
from .hours import AFTER_HOURS, decide_hours, moment_millis, zone
from .models import (
    ContactRef,
    Emergency,
    OrganizationRef,
    PhoneLine,
    Place,
    Referral,
    Route,
    ServiceRoute,
    Situation,
)
from .places import resolve_plan
from .vocabulary import EMERGENCY_LOCAL_TYPES, FEDERAL_AFTER_HOURS_TYPES, Notify, Service

# The organization types the statement weighs for the emergency block (sorted: stable parameters).
LOCAL_TYPES = tuple(sorted(t.value for t in EMERGENCY_LOCAL_TYPES))
FEDERAL_TYPES = tuple(sorted(t.value for t in FEDERAL_AFTER_HOURS_TYPES))

CALL_911 = "Call 911 / local police now"
MINOR_REPORT = ("The person is a minor: report to law enforcement and child protective "
                "services as the state's mandatory-reporting law requires")
DANGER_REPORT = "Immediate danger: call 911 / local police before any other referral"


def now() -> datetime:
    """The current moment (a function of its own, so that tests can set the clock)."""
    return datetime.now(UTC)


def routing_moment(at: datetime | None, situation: Situation, any_time: bool = False) -> datetime | None:
    """The moment a caller's route is judged at, as the pages, the API and the CLI agree: `at`
    when given, else now; none (hours unknown, office-hours providers to confirm) when the
    situation gives the hours or the caller asks regardless of the time (`any_time`)."""
    if any_time and at is not None:
        raise InvalidInput("Both a moment and any time were asked for",
                           "Give the moment (`at`) or ask regardless of the time (`anyTime`), not both",
                           argument="at")
    if any_time or (at is None and situation.hours is not None):
        return None
    return at if at is not None else now()


def emergency_applies(situation: Situation) -> bool:
    return situation.immediate_danger  # which makes the situation urgent (Situation)


def route_plan(place_id: str, situation: Situation, services: Sequence[Service] | None = None,
               at: datetime | None = None, first: int | None = None) -> Plan[Route]:
    """Referrals per requested service (default all eight), nearest first, each explained:
    the first `first` of each service (None: all), with how many match in all."""
    wanted = tuple(Service(s) for s in services) if services else tuple(Service)
    emergency = emergency_applies(situation)
    # the emergency block's written follow-up goes to the tip lines tip routing returns
    asked = (*wanted, Service.TIP_REPORTING) if emergency and Service.TIP_REPORTING not in wanted else wanted
    moment = at if situation.hours is None else None  # else the caller's hours decide
    params = {
        "place": place_id,
        "services": [s.value for s in asked],
        "situation": situation.with_hours(None).as_params(),
        "hours": situation.hours,
        "at": None if moment is None else moment_millis(moment),
        "limit": first,
        "emergency": emergency,
        "local_types": list(LOCAL_TYPES),
        "federal_types": list(FEDERAL_TYPES),
    }

    def finish(rows: list[Row]) -> Route:
        place, row = found_place(rows, place_id)
        if moment is not None:
            zone(place.timezone, place.label)  # no zone: say so
        totals = {t["service"]: int(t["total"]) for t in row["totals"] or ()}
        return build_route(place, [covering_from(c) for c in row["capabilities"] or ()],
                           totals, [covering_from(c) for c in row["emergency"] or ()],
                           situation, wanted, at, emergency, first)

    return Plan("queries/route_referrals", params, finish)


def route_for(place: str, situation: Situation, services: Sequence[Service] | None = None,
              at: datetime | None = None, first: int | None = None) -> Plan[Route]:
    """`route_plan` for a place as a person typed it: taken as an id first (one round trip
    when it is one), else resolved by FIPS, postal code or name (places.resolve_plan)."""
    direct = route_plan(place, situation, services, at, first)

    def finish(rows: list[Row]) -> Route | Plan[Route]:
        if rows:
            return direct.finish(rows)
        return and_then(resolve_plan(place), lambda found: route_plan(found.id, situation, services, at, first))

    return replace(direct, finish=finish)


def effective_situation(c: Covering, situation: Situation, at: datetime | None,
                        timezone: str | None, place: str) -> Situation:
    """The situation as this capability sees it: with a moment and no explicit hours,
    the hours are the organization's own (open or not at that moment, in the place's zone)."""
    if at is None or situation.hours is not None:
        return situation
    return situation.with_hours(decide_hours(at, timezone, c.organization_hours,
                                             organization=c.organization.id, place=place))


def phone_for(c: Covering, clock: str | None) -> tuple[str | None, PhoneLine | None]:
    """The number to dial and which line it is: after hours by the place's clock (`clock`), the
    contact's after-hours line when it has one, else the contact's phone, else the organization's."""
    contact = c.contact
    if contact is not None:
        if clock == AFTER_HOURS and contact.after_hours_phone:
            return contact.after_hours_phone, PhoneLine.CONTACT_AFTER_HOURS
        if contact.phone:
            return contact.phone, PhoneLine.CONTACT
    return c.organization_phone, PhoneLine.ORGANIZATION if c.organization_phone else None


def referral(c: Covering, situation: Situation, clock: str | None = None,
             asked: Situation | None = None) -> Referral:
    """`situation` is as this organization sees it (its own hours at the moment); `asked` is
    what the caller said, whose values are the ones reported as matched (an hours value
    derived from the moment is not something the caller said); `clock` is business or after
    hours at the place by the clock: at night the after-hours line is the one to dial, even
    for an organization open 24/7 (whose `hours` is BUSINESS_HOURS: open at that moment)."""
    phone, line = phone_for(c, clock or situation.hours)
    return Referral(
        service=Service(c.service), capability_id=c.id, organization=c.organization,
        contact=c.contact, phone=phone, phone_line=line, coverage=c.coverage,
        matched=(asked or situation).matched(c.capability), confirm=situation.to_confirm(c.capability),
        hours=situation.hours, priority=c.priority, verified_on=c.verified_on,
        notes=c.capability.get("notes"),
        notify=Notify.ALL_MEMBERS if c.notifies_all else Notify.FIRST, notify_members=c.members,
        office_hours=c.organization_hours, trained_on=c.trained_on,
    )


def build_route(place: Place, coverings: Sequence[Covering], totals: dict[str, int],
                emergency_coverings: Sequence[Covering], situation: Situation,
                services: Sequence[Service], at: datetime | None, emergency: bool,
                first: int | None = None) -> Route:
    """`coverings` already match the situation (filtered by the engine, which keeps the first
    `first` per service, and a few more when two ancestors tie on level and distance)."""
    label = place.label
    place_hours = situation.hours
    if at is not None and place_hours is None:
        place_hours = decide_hours(at, place.timezone, None, place=label)

    def service_route(service: Service) -> ServiceRoute:
        matches = sorted((c for c in coverings if c.service == service.value), key=rank_key)[:first]
        chosen = tuple(referral(c, effective_situation(c, situation, at, place.timezone, label), place_hours, situation)
                       for c in matches)
        return ServiceRoute(service, chosen, totals.get(service.value, 0))

    routes = [service_route(service) for service in services]

    reasons = []
    if situation.age == "MINOR":
        reasons.append(MINOR_REPORT)
    if situation.immediate_danger:
        reasons.append(DANGER_REPORT)
    seen = [(c, effective_situation(c, situation, at, place.timezone, label)) for c in emergency_coverings]
    block = None
    if emergency:
        tips = service_route(Service.TIP_REPORTING).referrals
        block = emergency_block(seen, tips, situation, place_hours, label, first)
    return Route(place=place, situation=situation, at=at, hours=place_hours,
                 services=tuple(routes), emergency=block, mandatory_report=tuple(reasons))


def emergency_block(seen: list[tuple[Covering, Situation]], tips: Sequence[Referral], situation: Situation,
                    place_hours: str | None, label: str, first: int | None = None) -> Emergency:
    """911 always; then the nearest `first` local law-enforcement organizations that take the
    situation now (after hours when it is after hours), the after-hours contacts of the nearest
    `first` FBI/HSI/ICE offices that take it, and the written follow-up to `tips`, the tip lines tip
    routing returns for the situation (None: all of each). `seen` pairs each candidate with the
    situation as it sees it (its own hours at the moment)."""
    law: list[tuple[tuple[int, int, int, int, int, int, str], Referral]] = []
    for c, s in seen:
        if c.organization.type not in EMERGENCY_LOCAL_TYPES:
            continue
        judged = s if s.hours is not None else s.with_hours(place_hours)
        if not judged.accepts(c.capability):
            continue
        level, hops, untrained, priority, recent, ident = rank_key(c)
        key = (level, hops, 0 if c.service == Service.VICTIM_EXTRACTION.value else 1, untrained, priority, recent, ident)
        law.append((key, referral(c, judged, place_hours, situation)))
    law.sort(key=lambda pair: pair[0])
    nearest: dict[str, Referral] = {}
    for _, r in law:
        nearest.setdefault(r.organization.id, r)

    anytime = situation.with_hours(None)
    nearest_first = ranked(c for c, _ in seen)
    offices = [c for c in nearest_first
               if c.organization.type in FEDERAL_AFTER_HOURS_TYPES and anytime.accepts(c.capability)]
    nearest_offices = list(dict.fromkeys(c.organization.id for c in offices))[:first]
    federal: dict[str, tuple[OrganizationRef, ContactRef]] = {}
    for c in offices:
        if c.organization.id in nearest_offices:
            for contact in c.federal:
                federal.setdefault(contact.id, (c.organization, contact))

    if tips:
        names = "; ".join(f"{r.organization.name}" + (f" ({r.phone})" if r.phone else "") for r in tips)
        follow_up = f"After any report to police or 911, send a written report to {names}"
    else:
        follow_up = (f"After any report to police or 911, send a written report to the tip-reporting "
                     f"contact; none that takes this situation is on file for {label}: add one "
                     f"(capabilities roster, TIP_REPORTING)")
    return Emergency(CALL_911, tuple(nearest.values())[:first], tuple(federal.values()), follow_up, tuple(tips))
