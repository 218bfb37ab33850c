"""Routing on a real engine: order, explanations, retirement, hours, emergencies."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from service.domain.models import Situation
from service.domain.routing import CALL_911, route_plan
from service.domain.vocabulary import Service
from service.errors import NotFound
from service.store.graph import Graph, Row
from tests.builders import FIXTURE_CYPHER, Roster, build, small_state

NY = ZoneInfo("America/New_York")
SHELTER = Service.SHELTER_EMERGENCY


def ids(route, service=SHELTER) -> list[str]:
    return [r.capability_id for r in route.for_service(service).referrals]


def test_nearest_coverage_ranks_first_then_priority_then_recent_verification(graph: Graph) -> None:
    r = Roster()
    org = r.org("helpers")
    r.capability("state-wide", org, SHELTER, "us-ts", priority=1)
    r.capability("county-old", org, SHELTER, "us-ts-beta-county", verified_on="2023-01-01")
    r.capability("county-new", org, SHELTER, "us-ts-beta-county", verified_on="2025-01-01")
    r.capability("county-first", org, SHELTER, "us-ts-beta-county", priority=5)
    r.capability("city", org, SHELTER, "us-ts-b2", priority=500)
    r.capability("elsewhere", org, SHELTER, "us-ts-alpha-county")
    build(graph, r)
    route = graph.run(route_plan("us-ts-b2", Situation()))
    assert ids(route) == ["city", "county-first", "county-new", "county-old", "state-wide"]
    state = route.for_service(SHELTER).referrals[-1]
    assert (state.coverage.jurisdiction_id, state.coverage.kind, state.coverage.hops) == ("us-ts", "state", 2)
    assert route.for_service(Service.LEGAL_SERVICES).gap


def test_referral_explains_matched_conditions_and_what_to_confirm(graph: Graph) -> None:
    r = Roster()
    org = r.org("youth-house", "RUNAWAY_HOMELESS_YOUTH")
    desk = r.contact("youth-desk", org, phone="555-0111", after_hours_phone="555-0999")
    r.capability("youth-shelter", org, SHELTER, "us-ts-alpha-county", age="MINOR", gender="FEMALE",
                 contact=desk, notes="girls 12-17")
    build(graph, r)
    route = graph.run(route_plan("us-ts-a1", Situation(age="MINOR", hours="AFTER_HOURS")))
    (ref,) = route.for_service(SHELTER).referrals
    assert ref.matched == (("hours", "AFTER_HOURS"), ("age", "MINOR"))
    assert ref.confirm == ("gender",)
    assert ref.contact is not None and ref.contact.id == "youth-desk"
    assert ref.phone == "555-0999"
    assert ref.organization.type == "RUNAWAY_HOMELESS_YOUTH" and ref.notes == "girls 12-17"
    assert (ref.coverage.jurisdiction_id, ref.coverage.hops) == ("us-ts-alpha-county", 1)
    assert graph.run(route_plan("us-ts-a1", Situation(age="ADULT"))).for_service(SHELTER).gap
    business = graph.run(route_plan("us-ts-a1", Situation(hours="BUSINESS_HOURS")))
    assert business.for_service(SHELTER).referrals[0].phone == "555-0111"


def test_retired_capabilities_and_organizations_never_route_and_retired_contacts_give_the_org_phone(graph: Graph) -> None:
    r = Roster()
    live = r.org("live", phone="555-0200")
    gone = r.org("gone", retired_on="2024-06-01")
    old = r.contact("old-desk", live, retired_on="2024-01-01")
    r.capability("live-cap", live, SHELTER, "us-ts", contact=old)
    r.capability("retired-cap", live, SHELTER, "us-ts", retired_on="2024-01-01")
    r.capability("gone-cap", gone, SHELTER, "us-ts")
    build(graph, r)
    route = graph.run(route_plan("us-ts-a1", Situation()))
    (ref,) = route.for_service(SHELTER).referrals
    assert ref.capability_id == "live-cap" and ref.contact is None and ref.phone == "555-0200"


def test_a_moment_decides_hours_per_organization_in_the_place_time_zone(graph: Graph) -> None:
    r = Roster()
    office = r.org("office")  # default Mon-Fri 09:00-17:00
    always = r.org("always-open", hours="24/7")
    night = r.org("night-line")
    r.capability("office-days", office, SHELTER, "us-ts", hours="BUSINESS_HOURS")
    r.capability("always-days", always, SHELTER, "us-ts", hours="BUSINESS_HOURS")
    r.capability("night-only", night, SHELTER, "us-ts", hours="AFTER_HOURS")
    build(graph, r)
    saturday_night = datetime(2025, 3, 8, 23, 0, tzinfo=NY)
    route = graph.run(route_plan("us-ts-b2", Situation(), at=saturday_night))
    assert route.hours == "AFTER_HOURS"
    assert sorted(ids(route)) == ["always-days", "night-only"]
    tuesday_noon_utc = datetime(2025, 3, 11, 16, 0, tzinfo=ZoneInfo("UTC"))  # 12:00 in New York
    route = graph.run(route_plan("us-ts-b2", Situation(), at=tuesday_noon_utc))
    assert route.hours == "BUSINESS_HOURS"
    assert sorted(ids(route)) == ["always-days", "office-days"]


def office_and_night_line() -> Roster:
    r = Roster()
    r.capability("office-days", r.org("office"), SHELTER, "us-ts", hours="BUSINESS_HOURS")  # Mon-Fri 09-17
    r.capability("night-only", r.org("night-line"), SHELTER, "us-ts", hours="AFTER_HOURS")  # when it is closed
    return r


def test_a_moment_is_judged_in_the_places_own_zone_in_one_round_trip(graph: Graph, monkeypatch) -> None:
    """The statement finds the moment's minute of the week in the place's zone itself (here the
    state's: Pacific), whatever zones were routed in before: one read per route."""
    places, links = small_state()
    pacific = [dict(p, timezone="America/Los_Angeles") if p["id"] == "us-ts" else p for p in places]
    build(graph, office_and_night_line(), (pacific, links))
    statements: list[str] = []
    read = graph.read

    def recording(name: str, **params: Any) -> list[Row]:
        statements.append(name)
        return read(name, **params)

    monkeypatch.setattr(graph, "read", recording)
    tuesday = datetime(2025, 3, 11, 8, 30, tzinfo=ZoneInfo("America/Los_Angeles"))  # 11:30 in New York
    route = graph.run(route_plan("us-ts-b2", Situation(), at=tuesday))
    assert (route.place.timezone, route.hours, ids(route)) == ("America/Los_Angeles", "AFTER_HOURS", ["night-only"])
    assert statements == ["queries/route_referrals"]
    in_new_york = tuesday.astimezone(ZoneInfo("America/New_York"))  # the same moment, written elsewhere
    assert ids(graph.run(route_plan("us-ts-b2", Situation(), at=in_new_york))) == ["night-only"]
    opened = graph.run(route_plan("us-ts-b2", Situation(), at=tuesday.replace(hour=10)))
    assert (opened.hours, ids(opened)) == ("BUSINESS_HOURS", ["office-days"])
    assert len(statements) == 3


def test_organizations_stored_before_open_minutes_get_them_with_the_schema(graph: Graph) -> None:
    build(graph, office_and_night_line())
    text = (FIXTURE_CYPHER / "forget_open_minutes.cypher").read_text(encoding="utf-8")
    with graph.driver.session(database=graph.address.database) as session:
        assert session.run(text).single(strict=True)["organizations"] == 2
    graph.apply_schema()
    night = datetime(2025, 3, 11, 22, 0, tzinfo=NY)
    assert ids(graph.run(route_plan("us-ts-b2", Situation(), at=night))) == ["night-only"]
    assert ids(graph.run(route_plan("us-ts-b2", Situation(), at=night.replace(hour=12)))) == ["office-days"]


def test_urgent_immediate_danger_adds_911_nearest_police_federal_contacts_and_follow_up(graph: Graph) -> None:
    r = Roster()
    sheriff = r.org("beta-sheriff", "SHERIFF", hours="24/7")
    r.capability("sheriff-any", sheriff, Service.VICTIM_EXTRACTION, "us-ts-beta-county")
    police = r.org("day-police", "POLICE")
    r.capability("police-days", police, Service.VICTIM_EXTRACTION, "us-ts-b2", hours="BUSINESS_HOURS")
    fbi = r.org("fbi-field", "FBI")
    r.contact("fbi-duty", fbi, after_hours_phone="555-0911")
    r.contact("fbi-day", fbi)
    r.capability("fbi-cap", fbi, Service.VICTIM_EXTRACTION, "us")
    hotline = r.org("tip-line", "HOTLINE", phone="555-0300")
    r.capability("tips", hotline, Service.TIP_REPORTING, "us-ts")
    build(graph, r)
    situation = Situation(urgency="URGENT", hours="AFTER_HOURS", age="MINOR", immediate_danger=True)
    route = graph.run(route_plan("us-ts-b2", situation, services=[SHELTER]))
    block = route.emergency
    assert block is not None and block.instruction == CALL_911
    assert [r.organization.id for r in block.law_enforcement] == ["beta-sheriff"]
    assert [(o.id, c.id) for o, c in block.federal_contacts] == [("fbi-field", "fbi-duty")]
    assert [t.organization.id for t in block.tip_reporting] == ["tip-line"]
    assert "Tip Line (555-0300)" in block.follow_up
    assert len(route.mandatory_report) == 2
    assert [s.service for s in route.services] == [SHELTER]
    calm = graph.run(route_plan("us-ts-b2", Situation(urgency="URGENT"), services=[SHELTER]))
    assert calm.emergency is None and calm.mandatory_report == ()


def test_unknown_place_id_is_not_found(graph: Graph) -> None:
    build(graph, Roster())
    with pytest.raises(NotFound, match="us-ts-nowhere"):
        graph.run(route_plan("us-ts-nowhere", Situation()))
