"""route, matrix, gaps and singlePointsOfFailure over HTTP GraphQL, on the demo data."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from service.store.graph import Graph

ROUTE = """
query($place: String!, $situation: SituationInput, $services: [Service!], $at: DateTime, $anyTime: Boolean = false) {
  route(place: $place, situation: $situation, services: $services, at: $at, anyTime: $anyTime) {
    place { id timezone } hours gaps mandatoryReport
    services { service gap referrals { rank organization { id } phone confirm why
      coverage { jurisdictionId kind hops } matched { dimension value } } }
    emergency { instruction followUp federalContacts { id } lawEnforcement { organization { id } } }
  }
}"""


@pytest.fixture(scope="module")
def client(demo_graph: Graph, demo_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(demo_settings, load_demo_when_empty=False)) as c:
        yield c


def gql(client: TestClient, query: str, **variables: object) -> dict:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    return response.json()


def test_the_design_example_caller_gets_an_explained_answer(client: TestClient) -> None:
    """A 16-year-old foreign-national girl, labor, urgent, Saturday 23:00 in Lancaster, PA."""
    body = gql(client, ROUTE, place="Lancaster County, PA", at="2026-11-28T23:00:00-05:00",
               situation={"urgency": "URGENT", "nationality": "FOREIGN_NATIONAL", "age": "MINOR",
                          "gender": "FEMALE", "trafficking": "LABOR", "immediateDanger": True})
    route = body["data"]["route"]
    assert route["place"]["id"] == "us-pa-lancaster-county"
    assert route["hours"] == "AFTER_HOURS"
    tips = next(s for s in route["services"] if s["service"] == "TIP_REPORTING")
    first = tips["referrals"][0]
    assert first["organization"]["id"] == "demo-pa-keystone-tf" and first["rank"] == 1
    assert first["coverage"]["kind"] == "region" and first["coverage"]["hops"] >= 1
    assert "covers" in first["why"]
    assert route["gaps"] == [s["service"] for s in route["services"] if s["gap"]]
    assert all(not s["referrals"] for s in route["services"] if s["gap"])
    assert route["emergency"]["instruction"].startswith("Call 911")
    assert "written report" in route["emergency"]["followUp"]
    assert any("minor" in reason.lower() for reason in route["mandatoryReport"])


def test_unknown_dimensions_ask_to_confirm_eligibility(client: TestClient) -> None:
    body = gql(client, ROUTE, place="us-oh-franklin-county", services=["TIP_REPORTING"],
               situation={"age": "ADULT"}, anyTime=True)
    referrals = body["data"]["route"]["services"][0]["referrals"]
    assert [r["organization"]["id"] for r in referrals] == ["demo-oh-vice", "demo-oh-labor-unit"]
    assert all("trafficking" in r["confirm"] for r in referrals)


def test_ambiguous_place_lists_candidates(client: TestClient) -> None:
    body = gql(client, ROUTE, place="Lancaster")
    error = body["errors"][0]
    assert error["extensions"]["code"] == "AMBIGUOUS"
    assert len(error["extensions"]["candidates"]) > 1
    assert "'Name, ST'" in error["extensions"]["hint"]


def test_unknown_place_is_not_found(client: TestClient) -> None:
    error = gql(client, ROUTE, place="Atlantis, ZZ")["errors"][0]
    assert error["extensions"]["code"] == "NOT_FOUND" and "Atlantis" in error["message"]


def test_gaps_within_an_unknown_area_is_not_found_on_the_api_the_page_and_its_downloads(client: TestClient) -> None:
    """An area that does not exist is NOT_FOUND, never "0 gaps of 0 places" (the answer a real
    area with full coverage gives)."""
    query = 'query($w: String) { gaps(service: SHELTER_TRANSITIONAL, kind: "county", within: $w) { totalGaps considered } }'
    error = gql(client, query, w="us-zz")["errors"][0]
    assert error["extensions"]["code"] == "NOT_FOUND" and "us-zz" in error["message"]
    assert gql(client, query, w="us-nc")["data"]["gaps"]["considered"] == 100  # North Carolina's counties
    page = client.get("/gaps", params={"service": "SHELTER_TRANSITIONAL", "area": "us-zz"})
    assert page.status_code == 400 and "No place matches" in page.text and "0 of 0" not in page.text
    download = client.get("/gaps.csv", params={"service": "SHELTER_TRANSITIONAL", "area": "us-zz"})
    assert download.status_code == 400 and "No place matches" in download.text


def test_bad_enum_in_variables_names_the_value(client: TestClient) -> None:
    body = gql(client, ROUTE, place="us-nc", situation={"age": "TEEN"})
    message = body["errors"][0]["message"]
    assert "TEEN" in message and "Unexpected error" not in message


def test_bad_date_time_names_the_argument(client: TestClient) -> None:
    body = gql(client, ROUTE, place="us-nc", at="Saturday night")
    message = body["errors"][0]["message"]
    assert "Variable '$at'" in message and "DateTime" in message
    assert "Unexpected error" not in message
    naive = gql(client, ROUTE, place="us-nc", at="2026-11-28T23:00:00")["errors"][0]
    assert naive["extensions"]["argument"] == "at" and "offset" in naive["message"]


def test_matrix_marks_the_deliberate_gap(client: TestClient) -> None:
    q = '{ matrix(place: "us-nc-buncombe-county") { gapCount cells { service value gap organizations singlePointOfFailure } } }'
    matrix = gql(client, q)["data"]["matrix"]
    assert len(matrix["cells"]) == 96
    cell = next(c for c in matrix["cells"] if c["service"] == "SHELTER_TRANSITIONAL" and c["value"] == "MINOR")
    assert cell["gap"] and cell["organizations"] == 0
    assert matrix["gapCount"] == sum(c["gap"] for c in matrix["cells"])


def test_gaps_answers_which_nc_counties_lack_transitional_shelter_for_minors(client: TestClient) -> None:
    q = """query($after: String) { gaps(service: SHELTER_TRANSITIONAL, situation: {age: MINOR}, kind: "county",
            within: "us-nc", first: 50, after: $after) { totalGaps considered populationAffected nextCursor places { id } } }"""
    first = gql(client, q)["data"]["gaps"]
    assert first["considered"] == 100 and first["totalGaps"] == 91
    second = gql(client, q, after=first["nextCursor"])["data"]["gaps"]
    ids = [p["id"] for p in first["places"] + second["places"]]
    assert len(ids) == len(set(ids)) == 91 and second["nextCursor"] is None
    assert "us-nc-wake-county" not in ids and "us-nc-buncombe-county" in ids


def test_gaps_page_size_over_the_limit_names_the_argument(client: TestClient) -> None:
    error = gql(client, '{ gaps(service: TIP_REPORTING, first: 501) { totalGaps } }')["errors"][0]
    assert error["extensions"]["argument"] == "first"


def test_single_points_of_failure_of_a_place(client: TestClient) -> None:
    q = '{ singlePointsOfFailure(within: "us-pa-lancaster-county") { service value organization { id } } }'
    points = gql(client, q)["data"]["singlePointsOfFailure"]
    assert {"service": "TIP_REPORTING", "value": "URGENT",
            "organization": {"id": "demo-pa-keystone-tf"}} in points


def test_referrals_per_service_are_capped_with_the_total_given(client: TestClient) -> None:
    q = """{ route(place: "us-nc-raleigh", services: [VICTIM_EXTRACTION], first: 2, anyTime: true) {
        services { total referrals { rank organization { id } } } } }"""
    service = gql(client, q)["data"]["route"]["services"][0]
    assert service["total"] == 5
    assert [r["rank"] for r in service["referrals"]] == [1, 2]
    assert [r["organization"]["id"] for r in service["referrals"]] == ["demo-nc-oak-city-police", "demo-nc-capital-sheriff"]
    error = gql(client, '{ route(place: "us-nc", first: 0) { hours } }')["errors"][0]
    assert error["extensions"]["argument"] == "first"


def test_matrix_summary_counts_the_nc_minor_transitional_gaps_nationally(client: TestClient) -> None:
    q = """{ matrixSummary(kind: "county", services: [SHELTER_TRANSITIONAL]) { places gapCells
        cells { service value gapPlaces singlePointPlaces } } }"""
    summary = gql(client, q)["data"]["matrixSummary"]
    assert summary["places"] == 3234
    minors = next(c for c in summary["cells"] if c["value"] == "MINOR")
    gaps = gql(client, """{ gaps(service: SHELTER_TRANSITIONAL, situation: {age: MINOR}, kind: "county")
        { totalGaps } }""")["data"]["gaps"]["totalGaps"]
    assert minors["gapPlaces"] == gaps
    assert summary["gapCells"] == sum(c["gapPlaces"] for c in summary["cells"])
