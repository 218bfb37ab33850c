"""A retired_on ahead of today is a scheduled retirement (issue 16, item 4): the record routes,
counts in the matrix and is no gap until that day; from that day on it is retired everywhere,
digests included; and comingGaps shows, before the day, which places it leaves uncovered.
Through the read plans, GraphQL and the CLI. The clock is `service.domain.dates.today`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import service.domain.dates
from service.app import create_app
from service.cli import main
from service.domain.gaps import coming_gaps_plan, gaps_plan
from service.domain.models import Situation
from service.domain.routing import route_plan
from service.domain.vocabulary import Service
from service.settings import Settings
from service.store.engines import EmbeddedEngine
from service.store.graph import Graph
from tests.builders import Roster, build

SHELTER = Service.SHELTER_TRANSITIONAL
TODAY = dt.date.today()
IN_TEN_DAYS = (TODAY + dt.timedelta(days=10)).isoformat()


@pytest.fixture
def roster(graph: Graph) -> Graph:
    """Beta County's only transitional shelter closes in ten days; Alpha County's has a lease
    to 2099; a retired one stopped last year."""
    r = Roster()
    closing = r.org("closing-house", name="Closing House")
    r.capability("closing-beds", closing, SHELTER, "us-ts-beta-county", retired_on=IN_TEN_DAYS)
    lasting = r.org("lasting-house", name="Lasting House", retired_on="2099-12-31")
    r.capability("lasting-beds", lasting, SHELTER, "us-ts-alpha-county")
    gone = r.org("gone-house", name="Gone House")
    r.capability("gone-beds", gone, SHELTER, "us-ts-alpha-county", retired_on=(TODAY - dt.timedelta(days=365)).isoformat())
    build(graph, r)
    return graph


def _routed(graph: Graph, place: str) -> list[str]:
    return [r.capability_id for r in graph.run(route_plan(place, Situation(), [SHELTER])).for_service(SHELTER).referrals]


def _gaps(graph: Graph) -> list[str]:
    return [p.id for p in graph.run(gaps_plan(SHELTER, Situation(), "county", within="us-ts")).places]


def test_a_scheduled_retirement_routes_until_its_day(roster: Graph) -> None:
    assert _routed(roster, "us-ts-b2") == ["closing-beds"]
    assert _routed(roster, "us-ts-a1") == ["lasting-beds"]  # organization retiring in 2099, not the retired one
    assert _gaps(roster) == []


def test_from_its_day_on_it_is_retired_everywhere(roster: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service.domain.dates, "today", lambda: IN_TEN_DAYS)
    assert _routed(roster, "us-ts-b2") == []  # the same graph, nothing rewritten: the clock alone decides
    assert _gaps(roster) == ["us-ts-beta-county"]


def test_a_graph_opened_after_the_day_routes_without_it(roster: Graph, settings: Settings,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service.domain.dates, "today", lambda: IN_TEN_DAYS)
    with Graph.open(settings) as reopened:  # what the service and every CLI command do at start
        assert _routed(reopened, "us-ts-b2") == []


def test_coming_gaps_name_the_place_the_day_and_the_capability(roster: Graph) -> None:
    coming = roster.run(coming_gaps_plan(SHELTER, Situation(), "county", "us-ts", days=30))
    assert [(g.place.id, g.ends, g.capabilities) for g in coming.places] == [("us-ts-beta-county", IN_TEN_DAYS, ("closing-beds",))]
    assert coming.total == 1 and coming.until == (TODAY + dt.timedelta(days=30)).isoformat()
    assert roster.run(coming_gaps_plan(SHELTER, Situation(), "county", "us-ts", days=5)).places == ()
    cities = roster.run(coming_gaps_plan(SHELTER, Situation(), "city", "us-ts", days=30))
    assert [g.place.id for g in cities.places] == ["us-ts-b1", "us-ts-b2"]  # Betatown, Lancaster: by name


@pytest.fixture
def client(roster: Graph, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, load_demo_when_empty=False)) as c:
        yield c


def _gql(client: TestClient, query: str) -> dict[str, Any]:
    return client.post("/graphql", json={"query": query}).json()


def test_graphql_routes_a_scheduled_record_and_shows_the_coming_gap(client: TestClient) -> None:
    route = _gql(client, '{ route(place: "us-ts-b2", services: [SHELTER_TRANSITIONAL], anyTime: true) '
                         '{ services { referrals { capabilityId } } } }')
    assert route["data"]["route"]["services"][0]["referrals"] == [{"capabilityId": "closing-beds"}]
    coming = _gql(client, '{ comingGaps(service: SHELTER_TRANSITIONAL, within: "us-ts", days: 30) '
                          '{ until total places { place { id } ends capabilities } } }')
    assert coming["data"]["comingGaps"]["places"] == [
        {"place": {"id": "us-ts-beta-county"}, "ends": IN_TEN_DAYS, "capabilities": ["closing-beds"]}]
    refused = _gql(client, '{ comingGaps(service: SHELTER_TRANSITIONAL, days: 400) { total } }')["errors"][0]
    assert refused["extensions"]["code"] == "BAD_INPUT" and refused["extensions"]["argument"] == "days"
    org = _gql(client, '{ organization(id: "lasting-house") { retiredOn offers { id } } }')["data"]["organization"]
    assert org == {"retiredOn": "2099-12-31", "offers": [{"id": "lasting-beds"}]}  # shown by default: not retired yet


def test_retiring_a_scheduled_record_retires_it_today(client: TestClient) -> None:
    query = ('mutation { retireCapability(id: "closing-beds", reason: "closed early") '
             '{ ... on CapabilitySaved { outcome capability { retiredOn } } } }')
    retired = _gql(client, query)["data"]["retireCapability"]
    assert retired["outcome"] == "UPDATED" and retired["capability"]["retiredOn"] == TODAY.isoformat()
    route = _gql(client, '{ route(place: "us-ts-b2", services: [SHELTER_TRANSITIONAL], anyTime: true) '
                         '{ gaps } }')
    assert route["data"]["route"]["gaps"] == ["SHELTER_TRANSITIONAL"]


def test_cli_coming_gaps(roster: Graph, engine: EmbeddedEngine | None) -> None:
    extra = ["--data-dir", str(engine.data_dir)] if engine is not None else []
    table = CliRunner().invoke(main, ["coming-gaps", "--service", "SHELTER_TRANSITIONAL", "--within", "us-ts", *extra])
    assert table.exit_code == 0, table.output
    assert "1 county places within us-ts covered today will have nobody by" in table.output
    assert "us-ts-beta-county" in table.output and IN_TEN_DAYS in table.output and "closing-beds" in table.output
    data = json.loads(CliRunner().invoke(main, ["coming-gaps", "--service", "SHELTER_TRANSITIONAL", "--format", "json",
                                                *extra]).stdout)
    assert data["places"] == [{"place": {"id": "us-ts-beta-county", "name": "Beta County", "kind": "county",
                                         "state": "us-ts", "population": 3000},
                               "ends": IN_TEN_DAYS, "capabilities": ["closing-beds"]}]
    refused = CliRunner().invoke(main, ["coming-gaps", "--service", "SHELTER_TRANSITIONAL", "--days", "0", *extra])
    assert refused.exit_code == 1 and "days is 0" in refused.output
