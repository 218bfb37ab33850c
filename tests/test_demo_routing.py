"""On the demo data, every documented pattern answers as designed (docs/demo.md).

Each scenario of `loaders.samples.demo.SCENARIOS` goes through the real routing engine;
the expected organizations must come back in the documented order, and a
documented gap must be a gap for the matrix / gap analysis as well.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from loaders.samples.demo import NC_MINOR_TRANSITIONAL_COVERED, SCENARIOS, Scenario
from service.domain.gaps import gaps_plan
from service.domain.matrix import matrix_plan
from service.domain.models import Situation
from service.domain.routing import route_plan
from service.domain.vocabulary import Service
from service.store.graph import Graph


def _route_ids(graph: Graph, place: str, service: str, situation: dict[str, str],
               at: datetime | None = None) -> list[str]:
    route = graph.run(route_plan(place, Situation(**situation, immediate_danger=False), [Service(service)], at=at))
    return [r.organization.id for r in route.for_service(service).referrals]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: f"{s.place}-{s.service}-{s.situation_text}")
def test_documented_scenario_routes_as_designed(demo_graph: Graph, scenario: Scenario) -> None:
    ids = _route_ids(demo_graph, scenario.place, scenario.service, scenario.situation)
    assert tuple(dict.fromkeys(ids)) == scenario.expected


def test_single_point_of_contact_district_sends_every_tip_to_the_task_force(demo_graph: Graph) -> None:
    district = ["lancaster", "york", "lebanon", "dauphin", "cumberland", "adams"]
    for county in district:
        for hours in ("BUSINESS_HOURS", "AFTER_HOURS"):
            for trafficking in ("LABOR", "SEX"):
                ids = _route_ids(demo_graph, f"us-pa-{county}-county", "TIP_REPORTING",
                                 {"hours": hours, "trafficking": trafficking})
                assert ids == ["demo-pa-keystone-tf"], (county, hours, trafficking)


def test_type_routing_state_sends_labor_and_sex_tips_to_different_contacts(demo_graph: Graph) -> None:
    route = lambda t: demo_graph.run(route_plan(
        "us-oh-franklin-county", Situation(age="ADULT", trafficking=t), [Service.TIP_REPORTING]))
    labor, sex = route("LABOR"), route("SEX")
    labor_contacts = {r.contact.id for r in labor.services[0].referrals if r.contact}
    sex_contacts = {r.contact.id for r in sex.services[0].referrals if r.contact}
    assert labor_contacts and sex_contacts and not labor_contacts & sex_contacts


def test_region_county_gets_regional_contact_and_outside_county_falls_back_to_state(demo_graph: Graph) -> None:
    inside = demo_graph.run(route_plan("us-nc-buncombe-county", Situation(), [Service.TIP_REPORTING]))
    outside = demo_graph.run(route_plan("us-nc-mecklenburg-county", Situation(), [Service.TIP_REPORTING]))
    first = inside.services[0].referrals[0]
    assert first.organization.id == "demo-nc-blue-ridge"
    assert first.coverage.jurisdiction_id == "us-nc-western-region" and first.coverage.kind == "region"
    fallback = outside.services[0].referrals[0]
    assert fallback.organization.id == "demo-nc-coalition" and fallback.coverage.kind == "state"


def test_after_hours_business_hours_only_contacts_drop_out(demo_graph: Graph) -> None:
    # Tuesday 2026-11-24 10:00 and 23:00 Eastern, decided from the moment, not a flag.
    day = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    night = datetime(2026, 11, 25, 4, 0, tzinfo=UTC)
    assert _route_ids(demo_graph, "us-nc-new-hanover-county", "TIP_REPORTING", {}, at=day) == [
        "demo-nc-cape-fear", "demo-nc-coalition"]
    assert _route_ids(demo_graph, "us-nc-new-hanover-county", "TIP_REPORTING", {}, at=night) == [
        "demo-nc-coalition"]
    assert _route_ids(demo_graph, "us-vt-chittenden-county", "TIP_REPORTING", {}, at=night) == []


def test_deliberate_minor_transitional_shelter_gaps_appear_in_gaps_and_matrix(demo_graph: Graph) -> None:
    report = demo_graph.run(gaps_plan(Service.SHELTER_TRANSITIONAL, Situation(age="MINOR"), "county",
                                      within="us-nc", first=500))
    gap_ids = {p.id for p in report.places}
    assert report.considered == 100
    assert report.total_gaps == 100 - len(NC_MINOR_TRANSITIONAL_COVERED) == len(gap_ids)
    assert not gap_ids & NC_MINOR_TRANSITIONAL_COVERED
    assert {"us-nc-buncombe-county", "us-nc-mecklenburg-county"} <= gap_ids
    assert report.population_affected > 0

    buncombe = demo_graph.run(matrix_plan("us-nc-buncombe-county"))
    assert buncombe.cell(Service.SHELTER_TRANSITIONAL, "MINOR").gap
    wake = demo_graph.run(matrix_plan("us-nc-wake-county"))
    assert not wake.cell(Service.SHELTER_TRANSITIONAL, "MINOR").gap


def test_no_shelter_for_adult_men_in_ohio_is_a_full_profile_gap(demo_graph: Graph) -> None:
    matrix = demo_graph.run(matrix_plan("us-oh-franklin-county", [Service.SHELTER_EMERGENCY]))
    uncovered = matrix.profiles[0].uncovered
    assert uncovered and all(p.age == "ADULT" and p.gender == "MALE" for p in uncovered)
    assert len(uncovered) == 16  # every profile of adult men (2^4 other combinations)


def test_at_night_the_after_hours_line_is_given_even_for_a_24_7_organization(demo_graph: Graph) -> None:
    night = datetime(2026, 11, 29, 4, 0, tzinfo=UTC)  # Saturday 23:00 in Lancaster
    day = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)  # Tuesday 10:00
    def tip(at: datetime):  # type: ignore[no-untyped-def]
        route = demo_graph.run(route_plan("us-pa-lancaster-county", Situation(), [Service.TIP_REPORTING], at=at))
        return route.services[0].referrals[0]
    at_night, by_day = tip(night), tip(day)
    assert at_night.contact is not None and at_night.contact.after_hours_phone
    assert at_night.phone == at_night.contact.after_hours_phone
    assert by_day.phone == by_day.contact.phone != at_night.phone


def test_at_night_every_line_given_is_the_after_hours_one_and_derived_hours_are_not_reported_as_asked(
        demo_graph: Graph) -> None:
    night = datetime(2026, 11, 29, 4, 0, tzinfo=UTC)  # Saturday 23:00 in Lancaster
    route = demo_graph.run(route_plan("us-pa-lancaster-county", Situation(urgency="URGENT", immediate_danger=True),
                                      [Service.TIP_REPORTING], at=night))
    task_force = route.services[0].referrals[0]
    assert ("hours", "BUSINESS_HOURS") not in task_force.matched and ("urgency", "URGENT") in task_force.matched
    assert route.emergency is not None
    in_block = next(r for r in route.emergency.law_enforcement if r.organization.id == task_force.organization.id)
    assert task_force.contact is not None
    assert in_block.phone == task_force.phone == task_force.contact.after_hours_phone
