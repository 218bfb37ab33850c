"""Routing: for each service, whom to call for a situation at a place, in order, and why.

    graph.run(route_plan("us-pa-lancaster", Situation(age="MINOR"), at=moment))

One Cypher round trip (queries/place_coverage); the matching predicate is
`Situation.accepts`, the same one the matrix uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .coverage import Covering, PlaceCoverage, coverage_plan, rank_key, ranked
from .graph import Plan
from .hours import AFTER_HOURS, decide_hours
from .models import (
    ContactRef,
    Emergency,
    OrganizationRef,
    Referral,
    Route,
    ServiceRoute,
    Situation,
)
from .vocabulary import OrgType, Service

LOCAL_LAW_ENFORCEMENT = frozenset({OrgType.POLICE.value, OrgType.SHERIFF.value, OrgType.TASK_FORCE.value})
CALL_911 = "Call 911 / local police now"
MINOR_REPORT = ("The person is a minor: report to law enforcement and child protective "
                "services as the state's mandatory-reporting law requires")
DANGER_REPORT = "Immediate danger: call 911 / local police before any other referral"


def emergency_applies(situation: Situation) -> bool:
    return situation.urgency == "URGENT" and situation.immediate_danger


def route_plan(place_id: str, situation: Situation, services: Sequence[Service] | None = None,
               at: datetime | None = None) -> Plan[Route]:
    """Referrals per requested service (default all eight), nearest first, each explained."""
    wanted = tuple(Service(s) for s in services) if services else tuple(Service)
    emergency = emergency_applies(situation)
    return coverage_plan(place_id, wanted, emergency,
                         lambda cov: build_route(cov, situation, wanted, at, emergency))


def effective_situation(c: Covering, situation: Situation, at: datetime | None,
                        timezone: str | None, place: str) -> Situation:
    """The situation as this capability sees it: with a moment and no explicit hours,
    the hours are the organization's own (open or not at that moment, in the place's zone)."""
    if at is None or situation.hours is not None:
        return situation
    return situation.with_hours(decide_hours(at, timezone, c.organization_hours,
                                             organization=c.organization.id, place=place))


def phone_for(c: Covering, hours: str | None) -> str | None:
    contact = c.contact
    if contact is not None:
        if hours == AFTER_HOURS and contact.after_hours_phone:
            return contact.after_hours_phone
        if contact.phone:
            return contact.phone
    return c.organization_phone


def referral(c: Covering, situation: Situation, clock: str | None = None,
             asked: Situation | None = None) -> Referral:
    """`situation` is as this organization sees it (its own hours at the moment); `asked` is
    what the caller said, whose values are the ones reported as matched (an hours value
    derived from the moment is not something the caller said); `clock` is business or after
    hours at the place by the clock: at night the after-hours line is the one to dial, even
    for an organization open 24/7."""
    return Referral(
        service=Service(c.service), capability_id=c.id, organization=c.organization,
        contact=c.contact, phone=phone_for(c, clock or situation.hours), coverage=c.coverage,
        matched=(asked or situation).matched(c.capability), confirm=situation.to_confirm(c.capability),
        hours=situation.hours, priority=c.priority, verified_on=c.verified_on,
        notes=c.capability.get("notes"),
    )


def build_route(cov: PlaceCoverage, situation: Situation, services: Sequence[Service],
                at: datetime | None, emergency: bool) -> Route:
    place = cov.place
    label = f"{place.name} ({place.id})"
    place_hours = situation.hours
    if at is not None and place_hours is None:
        place_hours = decide_hours(at, place.timezone, None, place=label)

    seen: list[tuple[Covering, Situation]] = [
        (c, effective_situation(c, situation, at, place.timezone, label)) for c in cov.coverings
    ]
    routes = []
    for service in services:
        matches = [(c, s) for c, s in seen if c.service == service.value and s.accepts(c.capability)]
        matches.sort(key=lambda pair: rank_key(pair[0]))
        routes.append(ServiceRoute(service, tuple(referral(c, s, place_hours, situation) for c, s in matches)))

    reasons = []
    if situation.age == "MINOR":
        reasons.append(MINOR_REPORT)
    if situation.immediate_danger:
        reasons.append(DANGER_REPORT)
    block = emergency_block(seen, place_hours, label) if emergency else None
    return Route(place=place, situation=situation, at=at, hours=place_hours,
                 services=tuple(routes), emergency=block, mandatory_report=tuple(reasons))


def emergency_block(seen: list[tuple[Covering, Situation]], place_hours: str | None,
                    label: str) -> Emergency:
    """911 always; then the nearest local law enforcement available now (after hours when
    it is after hours), FBI/HSI after-hours contacts, and the written follow-up."""
    law: list[tuple[tuple[int, int, int, int, int, str], Referral]] = []
    for c, s in seen:
        if c.organization.type not in LOCAL_LAW_ENFORCEMENT:
            continue
        now = s.hours if s.hours is not None else place_hours
        if now is not None and now not in (c.capability.get("hours") or ()):
            continue
        level, hops, priority, recent, ident = rank_key(c)
        key = (level, hops, 0 if c.service == Service.VICTIM_EXTRACTION.value else 1, priority, recent, ident)
        law.append((key, referral(c, Situation(hours=now), place_hours)))
    law.sort(key=lambda pair: pair[0])
    nearest: dict[str, Referral] = {}
    for _, r in law:
        nearest.setdefault(r.organization.id, r)

    federal: dict[str, tuple[OrganizationRef, ContactRef]] = {}
    for c, _ in sorted(seen, key=lambda pair: rank_key(pair[0])):
        for contact in c.federal:
            federal.setdefault(contact.id, (c.organization, contact))

    tips = [referral(c, Situation(hours=place_hours)) for c in ranked(c for c, _ in seen)
            if c.service == Service.TIP_REPORTING.value]
    if tips:
        names = "; ".join(f"{r.organization.name}" + (f" ({r.phone})" if r.phone else "") for r in tips)
        follow_up = f"After any report to police or 911, send a written report to {names}"
    else:
        follow_up = (f"After any report to police or 911, send a written report to the tip-reporting "
                     f"contact; none is on file for {label}: add one (capabilities roster, TIP_REPORTING)")
    return Emergency(CALL_911, tuple(nearest.values()), tuple(federal.values()), follow_up, tuple(tips))
