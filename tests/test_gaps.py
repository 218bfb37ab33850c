"""Gap analysis and single points of failure on a real engine."""

from __future__ import annotations

from datetime import date

import pytest

from service.domain.gaps import gaps_plan, months_before, single_points_plan
from service.domain.models import CYPHER_MATCH, Situation
from service.domain.vocabulary import Service
from service.errors import InvalidInput
from service.store.graph import Graph
from service.store.statements import all_statements
from tests.builders import Roster, build

SHELTER = Service.SHELTER_TRANSITIONAL


def gap_ids(graph: Graph, **kwargs) -> list[str]:
    kwargs.setdefault("situation", Situation())
    return [p.id for p in graph.run(gaps_plan(SHELTER, **kwargs)).places]


def test_coverage_is_pushed_down_to_every_descendant(graph: Graph) -> None:
    r = Roster()
    org = r.org("house")
    r.capability("alpha-minors", org, SHELTER, "us-ts-alpha-county", age="MINOR")
    r.capability("b1-adults", org, SHELTER, "us-ts-b1", age="ADULT")
    build(graph, r)
    minors = graph.run(gaps_plan(SHELTER, Situation(age="MINOR"), kind="city"))
    assert [p.id for p in minors.places] == ["us-ts-b1", "us-ts-b2"]  # Betatown, Lancaster
    assert (minors.total_gaps, minors.considered, minors.population_affected) == (2, 4, 3000)
    assert gap_ids(graph, situation=Situation(age="MINOR"), kind="county") == ["us-ts-beta-county"]
    # unknown age: the county itself needs coverage; Betatown's capability does not reach up
    assert gap_ids(graph, kind="county") == ["us-ts-beta-county"]
    assert gap_ids(graph, situation=Situation(age="ADULT"), kind="county") == ["us-ts-alpha-county", "us-ts-beta-county"]


def test_scope_sort_and_pages(graph: Graph) -> None:
    build(graph, Roster())
    assert gap_ids(graph, kind="city", within="us-ts-beta-county") == ["us-ts-b1", "us-ts-b2"]
    by_name = gap_ids(graph, kind="city")
    assert by_name == ["us-ts-a2", "us-ts-a1", "us-ts-b1", "us-ts-b2"]  # Alpha Springs, Alphaville, Betatown, Lancaster
    assert gap_ids(graph, kind="city", sort="population") == ["us-ts-b1", "us-ts-b2", "us-ts-a1", "us-ts-a2"]
    assert gap_ids(graph, kind="city", within="us-ts-east") == ["us-ts-a2", "us-ts-a1"]
    first = graph.run(gaps_plan(SHELTER, Situation(), kind="city", first=3))
    assert len(first.places) == 3 and first.next_cursor is not None and first.total_gaps == 4
    rest = graph.run(gaps_plan(SHELTER, Situation(), kind="city", first=3, after=first.next_cursor))
    assert [p.id for p in rest.places] == ["us-ts-b2"] and rest.next_cursor is None
    assert gap_ids(graph, kind="city", offset=1, limit=2) == ["us-ts-a1", "us-ts-b1"]


def test_stale_coverage_counts_as_missing(graph: Graph) -> None:
    r = Roster()
    org = r.org("house")
    r.capability("old", org, SHELTER, "us-ts-alpha-county", verified_on="2023-01-15")
    r.capability("fresh", org, SHELTER, "us-ts-beta-county", verified_on="2025-05-01")
    build(graph, r)
    today = date(2025, 6, 1)
    assert gap_ids(graph, kind="county", stale_months=12, today=today) == ["us-ts-alpha-county"]
    assert gap_ids(graph, kind="county", stale_months=36, today=today) == []


def test_page_size_beyond_500_names_the_argument() -> None:
    with pytest.raises(InvalidInput) as caught:
        gaps_plan(SHELTER, Situation(), kind="county", first=501)
    assert caught.value.argument == "first" and "500" in caught.value.message
    with pytest.raises(InvalidInput, match="limit is 1000"):
        gaps_plan(SHELTER, Situation(), kind="county", limit=1000)
    with pytest.raises(InvalidInput, match="kind is 'town'"):
        gaps_plan(SHELTER, Situation(), kind="town")


def test_months_before_clamps_to_the_end_of_month() -> None:
    assert months_before(date(2025, 3, 31), 1) == date(2025, 2, 28)
    assert months_before(date(2025, 1, 15), 13) == date(2023, 12, 15)


def test_single_points_of_failure_are_cells_with_exactly_one_organization(graph: Graph) -> None:
    r = Roster()
    one, two = r.org("one"), r.org("two")
    r.capability("one-all", one, SHELTER, "us-ts")
    r.capability("one-again", one, SHELTER, "us-ts-beta-county", age="MINOR")
    r.capability("two-minors", two, SHELTER, "us-ts-b2", age="MINOR")
    build(graph, r)
    points = graph.run(single_points_plan("us-ts-b2")).points
    # two-minors (age unknown in every other column) is a second organization everywhere but ADULT
    assert [p.value for p in points] == ["ADULT"]
    assert all(p.organization.id == "one" and p.place.id == "us-ts-b2" for p in points)
    county = graph.run(single_points_plan("us-ts", kind="county", services=[SHELTER])).points
    assert {p.place.id for p in county} == {"us-ts-alpha-county", "us-ts-beta-county"}
    assert len(county) == 24


def test_every_statement_filtering_by_situation_uses_the_one_predicate() -> None:
    users = {name: text for name, text in all_statements() if "IN c.age" in text}
    assert {"queries/gaps", "queries/single_points_of_failure"} <= set(users)
    for name, text in users.items():
        assert CYPHER_MATCH in text, f"{name} must contain service.domain.models.CYPHER_MATCH verbatim"


def test_the_coverage_map_counts_each_organization_once_and_up_to_two(graph: Graph) -> None:
    """queries/coverage_map (the gap finder's map): an organization reaching a county through
    two ancestors counts once; counts stop at 2, all the map's colours tell apart."""
    r = Roster()
    twice, stale, third = r.org("twice"), r.org("stale"), r.org("third")
    shelter = Service.SHELTER_EMERGENCY
    r.capability("twice-county", twice, shelter, "us-ts-alpha-county", verified_on="2026-11-01")
    r.capability("twice-state", twice, shelter, "us-ts", verified_on="2026-10-01")
    r.capability("stale-state", stale, shelter, "us-ts", verified_on="2020-01-01")
    build(graph, r)

    def covered(within: str | None = "us-ts") -> dict[str, list[int]]:
        row = graph.read("queries/coverage_map", service=shelter.value, situation=Situation().as_params(),
                         kind="county", level=2, within=within, fresh_since="2026-01-01")[0]
        return {fips: [orgs, fresh] for fips, orgs, fresh in row["covered"]}

    assert covered() == {"99001": [2, 1], "99003": [2, 1]}  # "twice" once, "stale" not fresh
    r2 = Roster(organizations=r.organizations)
    r2.capability("third-region", third, shelter, "us-ts-east", verified_on="2026-11-01")
    r2.load(graph)
    assert covered() == {"99001": [2, 2], "99003": [2, 1]}  # three organizations reach Alpha: 2
    assert covered(None) == covered()  # the country holds nothing else
