"""Stewards' mutations on a real engine, through the real FastAPI app.

Each mutation is validated and written by the roster loaders, so these tests
check the API's side: the payload unions, field names in problems, nothing
written on a rejection, ids that do not exist, and today's date stamps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from service.store.graph import Graph
from tests.builders import write_jurisdictions
from tests.conftest import counts

PLACES = [
    {"id": "us", "name": "United States", "kind": "country", "level": 5},
    {"id": "us-nc", "name": "North Carolina", "kind": "state", "level": 4, "postal": "NC", "fips": "37"},
    {"id": "us-nc-wake-county", "name": "Wake County", "kind": "county", "level": 2},
    {"id": "us-nc-durham-county", "name": "Durham County", "kind": "county", "level": 2},
]
LINKS = [["us-nc", "us"], ["us-nc-wake-county", "us-nc"], ["us-nc-durham-county", "us-nc"]]


class DayOfTheTest:
    """Today's date as the service stamps it; a test running across midnight may see either day."""

    def __init__(self) -> None:
        self.started = dt.date.today().isoformat()

    def __eq__(self, other: object) -> bool:
        return other in {self.started, dt.date.today().isoformat()}

    def __repr__(self) -> str:
        return f"today ({self.started})"


@pytest.fixture
def today() -> DayOfTheTest:
    return DayOfTheTest()

FRAGMENTS = {
    "OrganizationSaved": "outcome organization { id name phone verifiedOn retiredOn }",
    "ContactSaved": "outcome contact { id name languages retiredOn organization { id } }",
    "CapabilitySaved": "outcome capability { id service age priority verifiedOn retiredOn covers { id } contact { id } }",
    "TaskForceSaved": "outcome taskForce { id verifiedOn members { lead organization { id } } areas { id } }",
    "InvalidRecord": "message problems { field value problem }",
    "NotFound": "message kind id",
}


def selection(*types: str) -> str:
    """The payload selection for a union of these types (GraphQL rejects impossible spreads)."""
    return "__typename " + " ".join(f"... on {t} {{ {FRAGMENTS[t]} }}" for t in types)


ORG_RESULT = selection("OrganizationSaved", "InvalidRecord", "NotFound")
CONTACT_RESULT = selection("ContactSaved", "InvalidRecord", "NotFound")
CAP_RESULT = selection("CapabilitySaved", "InvalidRecord", "NotFound")
VERIFY_RESULT = selection(*FRAGMENTS)
UPSERT_ORG = f"mutation($input: OrganizationInput!) {{ upsertOrganization(input: $input, reason: \"test\") {{ {selection('OrganizationSaved', 'InvalidRecord')} }} }}"
UPSERT_CONTACT = f"mutation($input: ContactInput!) {{ upsertContact(input: $input) {{ {selection('ContactSaved', 'InvalidRecord')} }} }}"
UPSERT_CAP = f"mutation($input: CapabilityInput!) {{ upsertCapability(input: $input) {{ {selection('CapabilitySaved', 'InvalidRecord')} }} }}"

SHERIFF = {"id": "nc-wake-sheriff", "name": "Wake County Sheriff", "sector": "LAW_ENFORCEMENT",
           "type": "SHERIFF", "phone": "919-555-0100", "verifiedOn": "2024-03-01"}
DESK = {"id": "wake-vice-desk", "name": "Vice Desk", "organization": "nc-wake-sheriff",
        "phone": "919-555-0142", "languages": ["English", "Spanish"], "verifiedOn": "2024-03-01"}
EXTRACTION = {"id": "cap-wake-extraction", "organization": "nc-wake-sheriff", "service": "VICTIM_EXTRACTION",
              "jurisdictions": ["us-nc-wake-county"], "age": ["MINOR"], "priority": 10,
              "contact": "wake-vice-desk", "verifiedOn": "2024-03-01"}


@pytest.fixture
def client(graph: Graph, settings: Settings) -> Iterator[TestClient]:
    write_jurisdictions(graph, PLACES, LINKS)
    with TestClient(create_app(settings, load_demo_when_empty=False)) as c:
        yield c


def gql(client: TestClient, query: str, **variables: object) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def mutate(client: TestClient, query: str, **variables: object) -> dict[str, Any]:
    (result,) = gql(client, query, **variables).values()
    return result


def seeded(client: TestClient) -> None:
    for query, record in ((UPSERT_ORG, SHERIFF), (UPSERT_CONTACT, DESK), (UPSERT_CAP, EXTRACTION)):
        assert mutate(client, query, input=record)["outcome"] == "CREATED"


# --------------------------------------------------------------------------- upserts


def test_upsert_creates_then_updates_in_place(client: TestClient, graph: Graph) -> None:
    created = mutate(client, UPSERT_ORG, input=SHERIFF)
    assert created == {"__typename": "OrganizationSaved", "outcome": "CREATED", "organization": {
        "id": "nc-wake-sheriff", "name": "Wake County Sheriff", "phone": "919-555-0100",
        "verifiedOn": "2024-03-01", "retiredOn": None}}
    updated = mutate(client, UPSERT_ORG, input={**SHERIFF, "name": "Wake County Sheriff's Office"})
    assert updated["outcome"] == "UPDATED"
    assert updated["organization"]["name"] == "Wake County Sheriff's Office"
    again = mutate(client, UPSERT_ORG, input={**SHERIFF, "name": "Wake County Sheriff's Office"})
    assert again["outcome"] == "UNCHANGED"
    assert counts(graph).get("Organization") == 1


def test_upsert_without_verified_on_confirms_the_record_today(client: TestClient, today: DayOfTheTest) -> None:
    saved = mutate(client, UPSERT_ORG, input={k: v for k, v in SHERIFF.items() if k != "verifiedOn"})
    assert saved["organization"]["verifiedOn"] == today


def test_upsert_capability_links_organization_coverage_and_contact(client: TestClient) -> None:
    seeded(client)
    cap = gql(client, '{ capabilities { edges { node { id age urgency priority covers { id } contact { id } organization { id } } } } }')
    assert cap["capabilities"]["edges"][0]["node"] == {
        "id": "cap-wake-extraction", "age": ["MINOR"], "urgency": ["URGENT", "NON_URGENT"], "priority": 10,
        "covers": [{"id": "us-nc-wake-county"}], "contact": {"id": "wake-vice-desk"},
        "organization": {"id": "nc-wake-sheriff"}}


def test_updating_a_capability_replaces_its_coverage_and_contact(client: TestClient, graph: Graph) -> None:
    seeded(client)
    saved = mutate(client, UPSERT_CAP, input={**EXTRACTION, "jurisdictions": ["us-nc-durham-county", "NC"],
                                              "contact": None})
    assert saved.get("outcome") == "UPDATED", saved
    assert saved["capability"]["covers"] == [{"id": "us-nc-durham-county"}, {"id": "us-nc"}]
    assert saved["capability"]["contact"] is None
    assert counts(graph).get("Capability") == 1


def test_invalid_organization_names_each_field_and_value_and_writes_nothing(client: TestClient, graph: Graph) -> None:
    result = mutate(client, UPSERT_ORG, input={**SHERIFF, "phone": "call the desk", "verifiedOn": "2024-13-01",
                                               "hours": "mornings"})
    assert result["__typename"] == "InvalidRecord"
    assert {(p["field"], p["value"]) for p in result["problems"]} == {
        ("phone", "call the desk"), ("verifiedOn", "2024-13-01"), ("hours", "mornings")}
    problem = next(p for p in result["problems"] if p["field"] == "verifiedOn")
    assert problem["problem"] == "is not a date written YYYY-MM-DD (e.g. 2025-03-31)"
    assert result["message"].startswith("The organization 'nc-wake-sheriff' was not saved (nothing was written): ")
    assert 'verifiedOn "2024-13-01" is not a date written YYYY-MM-DD' in result["message"]
    assert counts(graph).get("Organization", 0) == 0


def test_invalid_capability_reports_unknown_references_and_bad_dimensions(client: TestClient, graph: Graph) -> None:
    seeded(client)
    result = mutate(client, UPSERT_CAP, input={**EXTRACTION, "id": "cap-new", "organization": "nobody",
                                               "jurisdictions": ["us-zz"], "age": ["TEEN"], "priority": -1})
    assert result["__typename"] == "InvalidRecord"
    assert {(p["field"], p["value"]) for p in result["problems"]} == {
        ("organization", "nobody"), ("jurisdictions", "us-zz"), ("age", "TEEN"), ("priority", "-1")}
    assert counts(graph).get("Capability") == 1


def test_contact_for_an_unknown_organization_is_rejected(client: TestClient, graph: Graph) -> None:
    result = mutate(client, UPSERT_CONTACT, input={**DESK, "organization": "nc-nobody"})
    assert result["__typename"] == "InvalidRecord"
    assert [(p["field"], p["value"]) for p in result["problems"]] == [("organization", "nc-nobody")]
    assert "is not a known organization id" in result["problems"][0]["problem"]
    assert counts(graph).get("Contact", 0) == 0


def test_a_bad_enum_in_the_input_is_rejected_by_graphql_validation(client: TestClient) -> None:
    query = ('mutation { upsertOrganization(input: {id: "x", name: "X", sector: POLICE, type: POLICE}) '
             '{ __typename } }')
    body = client.post("/graphql", json={"query": query}).json()
    assert "POLICE" in body["errors"][0]["message"] and "Sector" in body["errors"][0]["message"]


# --------------------------------------------------------------------------- retire


def test_retired_organization_is_hidden_from_default_browsing(client: TestClient, today: DayOfTheTest) -> None:
    seeded(client)
    retired = mutate(client, f'mutation {{ retireOrganization(id: "nc-wake-sheriff", reason: "closed") {{ {ORG_RESULT} }} }}')
    assert retired["outcome"] == "UPDATED" and retired["organization"]["retiredOn"] == today
    browse = gql(client, "{ default: organizations { totalCount } all: organizations(includeRetired: true) { totalCount } "
                         "caps: capabilities { totalCount } }")
    assert browse == {"default": {"totalCount": 0}, "all": {"totalCount": 1}, "caps": {"totalCount": 0}}


def test_retiring_twice_keeps_the_first_date(client: TestClient) -> None:
    seeded(client)
    mutate(client, UPSERT_ORG, input={**SHERIFF, "retiredOn": "2024-06-30"})
    again = mutate(client, f'mutation {{ retireOrganization(id: "nc-wake-sheriff") {{ {ORG_RESULT} }} }}')
    assert again["outcome"] == "UNCHANGED" and again["organization"]["retiredOn"] == "2024-06-30"


def test_retire_contact_and_capability(client: TestClient, today: DayOfTheTest) -> None:
    seeded(client)
    contact = mutate(client, f'mutation {{ retireContact(id: "wake-vice-desk") {{ {CONTACT_RESULT} }} }}')
    assert contact["contact"]["retiredOn"] == today
    assert contact["contact"]["languages"] == ["English", "Spanish"]  # the rest of the record is kept
    cap = mutate(client, f'mutation {{ retireCapability(id: "cap-wake-extraction") {{ {CAP_RESULT} }} }}')
    assert cap["capability"]["retiredOn"] == today and cap["capability"]["covers"] == [{"id": "us-nc-wake-county"}]
    browse = gql(client, "{ contacts { totalCount } capabilities { totalCount } organizations { totalCount } }")
    assert browse == {"contacts": {"totalCount": 0}, "capabilities": {"totalCount": 0}, "organizations": {"totalCount": 1}}


def test_retiring_an_unknown_id_is_not_found(client: TestClient) -> None:
    result = mutate(client, f'mutation {{ retireCapability(id: "cap-nope") {{ {CAP_RESULT} }} }}')
    assert result == {"__typename": "NotFound", "kind": "CAPABILITY", "id": "cap-nope",
                      "message": "No capability has the id 'cap-nope'. Find ids with capabilities(search: \"...\")"}


# --------------------------------------------------------------------------- coverage


SET_COVERAGE = f'mutation($j: [String!]!) {{ setCoverage(capabilityId: "cap-wake-extraction", jurisdictions: $j) {{ {CAP_RESULT} }} }}'


def test_set_coverage_replaces_the_covered_places(client: TestClient) -> None:
    seeded(client)
    saved = mutate(client, SET_COVERAGE, j=["us-nc-durham-county", "us-nc-wake-county"])
    assert saved["capability"]["covers"] == [{"id": "us-nc-durham-county"}, {"id": "us-nc-wake-county"}]
    assert saved["capability"]["age"] == ["MINOR"] and saved["capability"]["contact"] == {"id": "wake-vice-desk"}
    durham = gql(client, '{ jurisdiction(id: "us-nc-durham-county") { coveredBy { inherited capability { id } } } }')
    assert durham["jurisdiction"]["coveredBy"] == [{"inherited": False, "capability": {"id": "cap-wake-extraction"}}]


def test_set_coverage_to_an_unknown_place_is_rejected_and_keeps_the_old_coverage(client: TestClient) -> None:
    seeded(client)
    result = mutate(client, SET_COVERAGE, j=["us-nc-nowhere"])
    assert result["__typename"] == "InvalidRecord"
    assert [(p["field"], p["value"]) for p in result["problems"]] == [("jurisdictions", "us-nc-nowhere")]
    cap = gql(client, "{ capabilities { edges { node { covers { id } } } } }")
    assert cap["capabilities"]["edges"][0]["node"]["covers"] == [{"id": "us-nc-wake-county"}]


def test_set_coverage_to_nothing_is_rejected(client: TestClient) -> None:
    seeded(client)
    result = mutate(client, SET_COVERAGE, j=[])
    assert [(p["field"], p["value"]) for p in result["problems"]] == [("jurisdictions", "")]


# --------------------------------------------------------------------------- verify


@pytest.mark.parametrize("kind,ident,path", [
    ("ORGANIZATION", "nc-wake-sheriff", ("organization", "verifiedOn")),
    ("CAPABILITY", "cap-wake-extraction", ("capability", "verifiedOn")),
])
def test_verify_stamps_today(client: TestClient, kind: str, ident: str, path: tuple[str, str], today: DayOfTheTest) -> None:
    seeded(client)
    result = mutate(client, f'mutation {{ verify(kind: {kind}, id: "{ident}", reason: "called them") {{ {VERIFY_RESULT} }} }}')
    assert result["outcome"] == "UPDATED"
    assert result[path[0]][path[1]] == today


def test_verify_keeps_the_rest_of_the_record(client: TestClient) -> None:
    seeded(client)
    result = mutate(client, f'mutation {{ verify(kind: CONTACT, id: "wake-vice-desk") {{ {VERIFY_RESULT} }} }}')
    assert result["contact"] == {"id": "wake-vice-desk", "name": "Vice Desk", "languages": ["English", "Spanish"],
                                 "retiredOn": None, "organization": {"id": "nc-wake-sheriff"}}


def test_verify_a_task_force_keeps_its_members_and_areas(client: TestClient, graph: Graph, today: DayOfTheTest) -> None:
    import pandas as pd

    import loaders

    seeded(client)
    loaders.load_frame(graph, "taskforces", pd.DataFrame([{
        "id": "triangle-htf", "name": "Triangle HTF", "lead": "nc-wake-sheriff", "members": "",
        "jurisdictions": "us-nc-wake-county;us-nc-durham-county", "verified_on": "2023-01-01"}]))
    result = mutate(client, f'mutation {{ verify(kind: TASK_FORCE, id: "triangle-htf") {{ {VERIFY_RESULT} }} }}')
    assert result["taskForce"] == {"id": "triangle-htf", "verifiedOn": today,
                                   "members": [{"lead": True, "organization": {"id": "nc-wake-sheriff"}}],
                                   "areas": [{"id": "us-nc-durham-county"}, {"id": "us-nc-wake-county"}]}


def test_verify_an_unknown_id_is_not_found(client: TestClient) -> None:
    result = mutate(client, f'mutation {{ verify(kind: ORGANIZATION, id: "nope") {{ {VERIFY_RESULT} }} }}')
    assert result["__typename"] == "NotFound" and result["kind"] == "ORGANIZATION"
