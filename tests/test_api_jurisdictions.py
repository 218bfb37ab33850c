"""GraphQL browsing of places on a real engine, through the real FastAPI app."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from service.store.graph import Graph
from tests.builders import write_jurisdictions

PLACES = [
    {"id": "us", "name": "United States", "kind": "country", "level": 5},
    {"id": "us-nc", "name": "North Carolina", "kind": "state", "level": 4},
    {"id": "us-nc-wake-county", "name": "Wake County", "kind": "county", "level": 2},
    {"id": "us-nc-durham-county", "name": "Durham County", "kind": "county", "level": 2},
    {"id": "us-nc-raleigh", "name": "Raleigh", "kind": "city", "level": 1},
]
LINKS = [("us-nc", "us"), ("us-nc-wake-county", "us-nc"), ("us-nc-durham-county", "us-nc"),
         ("us-nc-raleigh", "us-nc-wake-county")]


@pytest.fixture
def client(graph: Graph, settings: Settings) -> Iterator[TestClient]:
    write_jurisdictions(graph, PLACES, [list(x) for x in LINKS])
    app = create_app(settings, load_demo_when_empty=False)
    with TestClient(app) as c:
        yield c


def gql(client: TestClient, query: str, **variables: object) -> dict:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    return response.json()


def test_health_reports_the_engine(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"


def test_start_up_objects_are_kept_out_of_full_garbage_collections(graph: Graph, settings: Settings) -> None:
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    with TestClient(create_app(settings, load_demo_when_empty=False)) as c:
        assert c.get("/health").status_code == 200
        assert gc.get_freeze_count() > 10_000  # the schema, the driver, the app: frozen after start-up


def test_a_city_chain_reaches_its_state_and_the_country(client: TestClient) -> None:
    data = gql(client, '{ jurisdiction(id: "us-nc-raleigh") { name chain { id hops } } }')["data"]
    assert [(c["id"], c["hops"]) for c in data["jurisdiction"]["chain"]] == [
        ("us-nc-wake-county", 1), ("us-nc", 2), ("us", 3)]


def test_counties_are_paginated_with_a_total(client: TestClient) -> None:
    q = "query($after: String) { jurisdictions(kind: COUNTY, first: 1, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }"
    first = gql(client, q)["data"]["jurisdictions"]
    assert first["totalCount"] == 2 and first["pageInfo"]["hasNextPage"]
    second = gql(client, q, after=first["pageInfo"]["endCursor"])["data"]["jurisdictions"]
    ids = {first["edges"][0]["node"]["id"], second["edges"][0]["node"]["id"]}
    assert ids == {"us-nc-wake-county", "us-nc-durham-county"}
    assert not second["pageInfo"]["hasNextPage"]


def test_unknown_place_names_the_problem(client: TestClient) -> None:
    body = gql(client, '{ jurisdiction(id: "us-zz") { name } }')
    error = body["errors"][0]
    assert error["message"].startswith("No jurisdiction has the id 'us-zz'")
    assert error["extensions"]["code"] == "NOT_FOUND"


def test_page_size_over_the_limit_names_the_argument(client: TestClient) -> None:
    body = gql(client, "{ jurisdictions(first: 501) { totalCount } }")
    error = body["errors"][0]
    assert "`first` is 501; a page holds 1 to 500 items" in error["message"]
    assert error["extensions"]["argument"] == "first"


def test_bad_enum_is_rejected_by_graphql_validation(client: TestClient) -> None:
    body = gql(client, "{ jurisdictions(kind: PROVINCE) { totalCount } }")
    assert "PROVINCE" in body["errors"][0]["message"]
