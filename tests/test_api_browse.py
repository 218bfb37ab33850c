"""Analysts' browsing queries on a real engine, through the real FastAPI app.

The roster is built with the roster loaders (`loaders.load_frame`), so the data
is exactly what an import writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from fastapi.testclient import TestClient

import loaders
from service.app import create_app
from service.settings import Settings
from service.store.graph import AsyncGraph, Graph, Row
from tests.builders import write_jurisdictions

PLACES = [
    {"id": "us", "name": "United States", "kind": "country", "level": 5},
    {"id": "us-nc", "name": "North Carolina", "kind": "state", "level": 4},
    {"id": "us-pa", "name": "Pennsylvania", "kind": "state", "level": 4},
    {"id": "us-nc-wake-county", "name": "Wake County", "kind": "county", "level": 2},
    {"id": "us-nc-durham-county", "name": "Durham County", "kind": "county", "level": 2},
    {"id": "us-nc-raleigh", "name": "Raleigh", "kind": "city", "level": 1},
]
LINKS = [["us-nc", "us"], ["us-pa", "us"], ["us-nc-wake-county", "us-nc"],
         ["us-nc-durham-county", "us-nc"], ["us-nc-raleigh", "us-nc-wake-county"]]

ORGANIZATIONS = [
    {"id": "nc-wake-sheriff", "name": "Wake County Sheriff", "sector": "LAW_ENFORCEMENT", "type": "SHERIFF", "verified_on": "2024-03-01"},
    {"id": "nc-safe-house", "name": "Safe House Raleigh", "sector": "SERVICE_PROVIDER", "type": "SHELTER_WOMEN",
     "address": "1 Hidden Way", "address_confidential": "true", "verified_on": "2025-01-10"},
    {"id": "nc-legal-aid", "name": "NC Legal Aid", "sector": "SERVICE_PROVIDER", "type": "LEGAL_SERVICES", "verified_on": "2023-06-30"},
    {"id": "nc-old-shelter", "name": "Old Shelter", "sector": "SERVICE_PROVIDER", "type": "SHELTER_WOMEN",
     "verified_on": "2022-01-01", "retired_on": "2024-01-01"},
    {"id": "nc-durham-pd", "name": "Durham Police Department", "sector": "LAW_ENFORCEMENT", "type": "POLICE", "verified_on": "2024-11-11"},
]
CONTACTS = [
    {"id": "wake-vice-desk", "name": "Vice Desk", "organization": "nc-wake-sheriff", "unit": "Vice", "phone": "919-555-0142", "verified_on": "2024-03-01"},
    {"id": "safe-house-intake", "name": "Intake Line", "organization": "nc-safe-house", "phone": "919-555-0100",
     "languages": "English;Spanish", "verified_on": "2025-01-10"},
    {"id": "legal-aid-intake", "name": "Ana Ruiz", "organization": "nc-legal-aid", "role": "Intake attorney", "phone": "919-555-0111", "verified_on": "2023-06-30"},
    {"id": "old-shelter-desk", "name": "Front Desk", "organization": "nc-old-shelter", "phone": "919-555-0122",
     "verified_on": "2022-01-01", "retired_on": "2024-01-01"},
]
CAPABILITIES = [
    {"id": "cap-wake-extraction", "organization": "nc-wake-sheriff", "service": "VICTIM_EXTRACTION",
     "jurisdictions": "us-nc-wake-county", "priority": "10", "contact": "wake-vice-desk", "verified_on": "2024-03-01"},
    {"id": "cap-safe-house-shelter", "organization": "nc-safe-house", "service": "SHELTER_EMERGENCY", "age": "ADULT",
     "gender": "FEMALE", "jurisdictions": "us-nc-raleigh", "contact": "safe-house-intake", "verified_on": "2025-01-10"},
    {"id": "cap-legal-state", "organization": "nc-legal-aid", "service": "LEGAL_SERVICES", "jurisdictions": "us-nc",
     "priority": "50", "verified_on": "2023-06-30"},
    {"id": "cap-old-shelter", "organization": "nc-old-shelter", "service": "SHELTER_EMERGENCY",
     "jurisdictions": "us-nc-wake-county", "verified_on": "2022-01-01"},
    {"id": "cap-durham-extraction", "organization": "nc-durham-pd", "service": "VICTIM_EXTRACTION",
     "jurisdictions": "us-nc-durham-county", "verified_on": "2024-11-11"},
    {"id": "cap-durham-tips", "organization": "nc-durham-pd", "service": "TIP_REPORTING",
     "jurisdictions": "us-nc-durham-county", "verified_on": "2021-05-05", "retired_on": "2023-01-01"},
]
TASK_FORCES = [
    {"id": "triangle-htf", "name": "Triangle Human Trafficking Task Force", "lead": "nc-wake-sheriff",
     "members": "nc-durham-pd;nc-safe-house", "jurisdictions": "us-nc-wake-county;us-nc-durham-county"},
    {"id": "pa-htf", "name": "Pennsylvania Anti-Trafficking Coalition", "jurisdictions": "us-pa"},
]


def load_roster(graph: Graph) -> None:
    write_jurisdictions(graph, PLACES, LINKS)
    for kind, rows in (("organizations", ORGANIZATIONS), ("contacts", CONTACTS),
                       ("capabilities", CAPABILITIES), ("taskforces", TASK_FORCES)):
        loaders.load_frame(graph, kind, pd.DataFrame(rows, dtype=object).fillna(""), source=f"{kind}.csv")


@pytest.fixture(scope="module")
def client(session_graph: Graph, settings: Settings) -> Iterator[TestClient]:
    session_graph.write("writes/wipe_graph")
    load_roster(session_graph)
    with TestClient(create_app(settings, load_demo_when_empty=False)) as c:
        yield c


def gql(client: TestClient, query: str, **variables: object) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    return response.json()


def data(client: TestClient, query: str, **variables: object) -> dict[str, Any]:
    body = gql(client, query, **variables)
    assert "errors" not in body, body["errors"]
    return body["data"]


def ids(connection: dict[str, Any]) -> list[str]:
    return [e["node"]["id"] for e in connection["edges"]]


def error(client: TestClient, query: str, **variables: object) -> dict[str, Any]:
    body = gql(client, query, **variables)
    assert body.get("errors"), body
    return body["errors"][0]


def orgs(client: TestClient, args: str) -> list[str]:
    result = data(client, f"{{ organizations({args}) {{ totalCount edges {{ node {{ id }} }} }} }}")["organizations"]
    assert result["totalCount"] == len(result["edges"])
    return ids(result)


# --------------------------------------------------------------------------- organizations


def test_organizations_are_listed_by_name_without_the_retired(client: TestClient) -> None:
    assert orgs(client, "first: 50") == ["nc-durham-pd", "nc-legal-aid", "nc-safe-house", "nc-wake-sheriff"]


def test_include_retired_lists_the_retired_organization_too(client: TestClient) -> None:
    assert orgs(client, "includeRetired: true") == [
        "nc-durham-pd", "nc-legal-aid", "nc-old-shelter", "nc-safe-house", "nc-wake-sheriff"]


@pytest.mark.parametrize("args,expected", [
    ('search: "wake"', ["nc-wake-sheriff"]),
    ("sector: LAW_ENFORCEMENT", ["nc-durham-pd", "nc-wake-sheriff"]),
    ("type: SHELTER_WOMEN", ["nc-safe-house"]),
    ("type: SHELTER_WOMEN, includeRetired: true", ["nc-old-shelter", "nc-safe-house"]),
    ("service: SHELTER_EMERGENCY", ["nc-safe-house"]),
    ("service: TIP_REPORTING", []),
    ('jurisdiction: "us-nc-raleigh"', ["nc-legal-aid", "nc-safe-house", "nc-wake-sheriff"]),
    ('jurisdiction: "us-nc-raleigh", service: VICTIM_EXTRACTION', ["nc-wake-sheriff"]),
    ('jurisdiction: "us-nc-durham-county"', ["nc-durham-pd", "nc-legal-aid"]),
    ('jurisdiction: "us-pa"', []),
    ('verifiedBefore: "2024-03-01"', ["nc-legal-aid"]),
    ('verifiedAfter: "2024-03-01"', ["nc-durham-pd", "nc-safe-house"]),
    ('verifiedAfter: "2023-01-01", verifiedBefore: "2025-01-01"', ["nc-durham-pd", "nc-legal-aid", "nc-wake-sheriff"]),
])
def test_organization_filters(client: TestClient, args: str, expected: list[str]) -> None:
    assert orgs(client, args) == expected


def test_organizations_page_through_with_cursors(client: TestClient) -> None:
    q = "query($after: String) { organizations(first: 3, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }"
    first = data(client, q)["organizations"]
    assert ids(first) == ["nc-durham-pd", "nc-legal-aid", "nc-safe-house"]
    assert first["totalCount"] == 4 and first["pageInfo"]["hasNextPage"] and not first["pageInfo"]["hasPreviousPage"]
    second = data(client, q, after=first["pageInfo"]["endCursor"])["organizations"]
    assert ids(second) == ["nc-wake-sheriff"]
    assert not second["pageInfo"]["hasNextPage"] and second["pageInfo"]["hasPreviousPage"]


def test_an_organization_shows_offers_covers_contacts_and_task_forces(client: TestClient) -> None:
    org = data(client, """{ organization(id: "nc-wake-sheriff") {
        name sector type
        offers { id service urgency hours age priority verifiedOn contact { id unit } covers { id } }
        covers { id kind }
        contacts { id name }
        taskForces { lead taskForce { id areas { id } } } } }""")["organization"]
    assert org["offers"] == [{"id": "cap-wake-extraction", "service": "VICTIM_EXTRACTION",
                              "urgency": ["URGENT", "NON_URGENT"], "hours": ["BUSINESS_HOURS", "AFTER_HOURS"],
                              "age": ["MINOR", "ADULT"], "priority": 10, "verifiedOn": "2024-03-01",
                              "contact": {"id": "wake-vice-desk", "unit": "Vice"},
                              "covers": [{"id": "us-nc-wake-county"}]}]
    assert org["covers"] == [{"id": "us-nc-wake-county", "kind": "COUNTY"}]
    assert org["contacts"] == [{"id": "wake-vice-desk", "name": "Vice Desk"}]
    assert org["taskForces"] == [{"lead": True, "taskForce": {
        "id": "triangle-htf", "areas": [{"id": "us-nc-durham-county"}, {"id": "us-nc-wake-county"}]}}]


def test_retired_offers_and_contacts_show_only_on_request(client: TestClient) -> None:
    q = """{ organization(id: "nc-durham-pd") { offers { id } all: offers(includeRetired: true) { id retiredOn } } }"""
    org = data(client, q)["organization"]
    assert [o["id"] for o in org["offers"]] == ["cap-durham-extraction"]
    assert org["all"] == [{"id": "cap-durham-tips", "retiredOn": "2023-01-01"},
                          {"id": "cap-durham-extraction", "retiredOn": None}]


def test_nested_fields_are_batched_not_queried_per_organization(client: TestClient) -> None:
    """The number of statements a nested query runs does not grow with the number of parents."""
    original = AsyncGraph.read
    q = """query($first: Int) { organizations(includeRetired: true, first: $first) { edges { node {
        offers { organization { id } contact { organization { id } } }
        contacts { organization { id } } covers { id } taskForces { lead } } } } }"""

    def reads_for(first: int) -> list[str]:
        reads: list[str] = []

        async def counting(self: AsyncGraph, name: str, /, **params: Any) -> list[Row]:
            reads.append(name)
            return await original(self, name, **params)

        AsyncGraph.read = counting  # type: ignore[method-assign]
        try:
            data(client, q, first=first)
        finally:
            AsyncGraph.read = original  # type: ignore[method-assign]
        return sorted(reads)

    reads = reads_for(5)
    runs = {name: reads.count(name) for name in reads}
    # one statement per loader and nesting level, whatever the number of organizations; the
    # organizations of offers and of contacts sit at two levels, which may or may not share a batch
    assert runs.pop("queries/organization_records") in (1, 2)
    assert runs == {"queries/organizations": 1, "queries/organization_offers": 1, "queries/organization_contacts": 1,
                    "queries/organization_task_forces": 1, "queries/contact_records": 1}


# --------------------------------------------------------------------------- contacts


@pytest.mark.parametrize("args,expected", [
    ("", ["legal-aid-intake", "safe-house-intake", "wake-vice-desk"]),
    ("includeRetired: true", ["legal-aid-intake", "old-shelter-desk", "safe-house-intake", "wake-vice-desk"]),
    ('search: "vice"', ["wake-vice-desk"]),
    ('search: "attorney"', ["legal-aid-intake"]),
    ('organization: "nc-safe-house"', ["safe-house-intake"]),
    ('verifiedBefore: "2024-12-31"', ["legal-aid-intake", "wake-vice-desk"]),
    ('verifiedAfter: "2024-12-31"', ["safe-house-intake"]),
])
def test_contact_filters(client: TestClient, args: str, expected: list[str]) -> None:
    q = "{ contacts%s { totalCount edges { node { id } } } }" % (f"({args})" if args else "")
    result = data(client, q)["contacts"]
    assert ids(result) == expected and result["totalCount"] == len(expected)


def test_a_contact_shows_its_organization(client: TestClient) -> None:
    result = data(client, '{ contacts(search: "intake line") { edges { node { languages organization { id name } } } } }')
    assert result["contacts"]["edges"][0]["node"] == {
        "languages": ["English", "Spanish"], "organization": {"id": "nc-safe-house", "name": "Safe House Raleigh"}}


# --------------------------------------------------------------------------- task forces


@pytest.mark.parametrize("args,expected", [
    ("", ["pa-htf", "triangle-htf"]),
    ('search: "triangle"', ["triangle-htf"]),
    ('jurisdiction: "us-nc-raleigh"', ["triangle-htf"]),
    ('jurisdiction: "us-nc"', ["triangle-htf"]),
    ('jurisdiction: "us-pa"', ["pa-htf"]),
    ('jurisdiction: "us"', ["pa-htf", "triangle-htf"]),
])
def test_task_force_filters(client: TestClient, args: str, expected: list[str]) -> None:
    q = "{ taskForces%s { totalCount edges { node { id } } } }" % (f"({args})" if args else "")
    result = data(client, q)["taskForces"]
    assert ids(result) == expected and result["totalCount"] == len(expected)


def test_a_task_force_shows_members_with_the_lead_first_and_areas(client: TestClient) -> None:
    tf = data(client, '{ taskForces(search: "triangle") { edges { node { members { lead organization { id } } areas { id } } } } }')
    node = tf["taskForces"]["edges"][0]["node"]
    assert node["members"] == [
        {"lead": True, "organization": {"id": "nc-wake-sheriff"}},
        {"lead": False, "organization": {"id": "nc-durham-pd"}},
        {"lead": False, "organization": {"id": "nc-safe-house"}}]
    assert node["areas"] == [{"id": "us-nc-durham-county"}, {"id": "us-nc-wake-county"}]


# --------------------------------------------------------------------------- capabilities


@pytest.mark.parametrize("args,expected", [
    ("", ["cap-legal-state", "cap-safe-house-shelter", "cap-wake-extraction", "cap-durham-extraction"]),
    ("includeRetired: true", ["cap-legal-state", "cap-old-shelter", "cap-safe-house-shelter", "cap-durham-tips",
                              "cap-wake-extraction", "cap-durham-extraction"]),
    ("service: VICTIM_EXTRACTION", ["cap-wake-extraction", "cap-durham-extraction"]),
    ('organization: "nc-durham-pd"', ["cap-durham-extraction"]),
    ('jurisdiction: "us-nc-raleigh"', ["cap-legal-state", "cap-safe-house-shelter", "cap-wake-extraction"]),
    ('jurisdiction: "us-nc-wake-county"', ["cap-legal-state", "cap-wake-extraction"]),
    ('jurisdiction: "us-nc-wake-county", includeRetired: true', ["cap-legal-state", "cap-old-shelter", "cap-wake-extraction"]),
    ('jurisdiction: "us-nc"', ["cap-legal-state"]),
    ('verifiedBefore: "2024-03-01"', ["cap-legal-state"]),
    ('verifiedAfter: "2024-03-01"', ["cap-safe-house-shelter", "cap-durham-extraction"]),
])
def test_capability_filters(client: TestClient, args: str, expected: list[str]) -> None:
    q = "{ capabilities%s { totalCount edges { node { id } } } }" % (f"({args})" if args else "")
    result = data(client, q)["capabilities"]
    assert ids(result) == expected and result["totalCount"] == len(expected)


def test_capabilities_page_through_with_cursors(client: TestClient) -> None:
    q = "query($after: String) { capabilities(first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }"
    first = data(client, q)["capabilities"]
    second = data(client, q, after=first["pageInfo"]["endCursor"])["capabilities"]
    assert ids(first) == ["cap-legal-state", "cap-safe-house-shelter"] and first["pageInfo"]["hasNextPage"]
    assert ids(second) == ["cap-wake-extraction", "cap-durham-extraction"] and not second["pageInfo"]["hasNextPage"]


# --------------------------------------------------------------------------- coveredBy


COVERED = """query($id: String!, $service: Service) { jurisdiction(id: $id) {
  coveredBy(service: $service) { inherited hops at { id } capability { id organization { id } } } } }"""


def test_covered_by_lists_own_then_inherited_coverage_nearest_first(client: TestClient) -> None:
    rows = data(client, COVERED, id="us-nc-raleigh")["jurisdiction"]["coveredBy"]
    assert [(r["capability"]["id"], r["at"]["id"], r["inherited"], r["hops"]) for r in rows] == [
        ("cap-safe-house-shelter", "us-nc-raleigh", False, 0),
        ("cap-wake-extraction", "us-nc-wake-county", True, 1),
        ("cap-legal-state", "us-nc", True, 2),
    ]
    assert rows[0]["capability"]["organization"]["id"] == "nc-safe-house"


def test_covered_by_a_county_sees_its_own_and_the_state_coverage(client: TestClient) -> None:
    rows = data(client, COVERED, id="us-nc-wake-county")["jurisdiction"]["coveredBy"]
    assert [(r["capability"]["id"], r["inherited"]) for r in rows] == [
        ("cap-wake-extraction", False), ("cap-legal-state", True)]


def test_covered_by_filters_by_service(client: TestClient) -> None:
    rows = data(client, COVERED, id="us-nc-raleigh", service="LEGAL_SERVICES")["jurisdiction"]["coveredBy"]
    assert [(r["capability"]["id"], r["at"]["id"], r["inherited"]) for r in rows] == [
        ("cap-legal-state", "us-nc", True)]


def test_covered_by_for_several_places_in_one_request(client: TestClient) -> None:
    result = data(client, """{ jurisdictions(kind: COUNTY) { edges { node { id coveredBy { capability { id } } } } } }""")
    by_place = {e["node"]["id"]: [c["capability"]["id"] for c in e["node"]["coveredBy"]]
                for e in result["jurisdictions"]["edges"]}
    assert by_place == {"us-nc-durham-county": ["cap-durham-extraction", "cap-legal-state"],
                        "us-nc-wake-county": ["cap-wake-extraction", "cap-legal-state"]}


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("field", ["organizations", "contacts", "taskForces", "capabilities"])
def test_page_size_over_the_limit_names_the_argument(client: TestClient, field: str) -> None:
    err = error(client, f"{{ {field}(first: 501) {{ totalCount }} }}")
    assert "`first` is 501; a page holds 1 to 500 items" in err["message"]
    assert err["extensions"]["argument"] == "first"


@pytest.mark.parametrize("field", ["organizations", "contacts", "taskForces", "capabilities"])
def test_a_bad_cursor_names_the_argument(client: TestClient, field: str) -> None:
    err = error(client, f'{{ {field}(after: "not-a-cursor") {{ totalCount }} }}')
    assert err["message"].startswith("`after` is not a cursor this API issued")
    assert err["extensions"] == {"code": "BAD_INPUT", "argument": "after", "hint": err["extensions"]["hint"]}


@pytest.mark.parametrize("field", ["organizations", "contacts", "capabilities"])
@pytest.mark.parametrize("argument,value", [("verifiedBefore", "2024-13-01"), ("verifiedAfter", "last week"),
                                            ("verifiedBefore", "2024-2-01")])
def test_a_bad_date_names_the_argument(client: TestClient, field: str, argument: str, value: str) -> None:
    err = error(client, f'{{ {field}({argument}: "{value}") {{ totalCount }} }}')
    assert err["message"].startswith(f'`{argument}` is "{value}", not a date YYYY-MM-DD')
    assert err["extensions"]["argument"] == argument and err["extensions"]["code"] == "BAD_INPUT"


@pytest.mark.parametrize("query,argument", [
    ('{ organizations(jurisdiction: "us-zz") { totalCount } }', "jurisdiction"),
    ('{ capabilities(jurisdiction: "us-zz") { totalCount } }', "jurisdiction"),
    ('{ taskForces(jurisdiction: "us-zz") { totalCount } }', "jurisdiction"),
    ('{ capabilities(organization: "nobody") { totalCount } }', "organization"),
    ('{ contacts(organization: "nobody") { totalCount } }', "organization"),
])
def test_an_unknown_id_in_a_filter_is_not_found(client: TestClient, query: str, argument: str) -> None:
    err = error(client, query)
    assert err["message"].startswith(f"`{argument}` names ")
    assert err["extensions"]["code"] == "NOT_FOUND"
