"""Every write records who, when, what and why, in the same transaction."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from loaders import load_file
from service.app import create_app
from service.ops.audit import Audit
from service.ops.auth import Role, create_key
from service.settings import Settings
from service.store.graph import Graph

from .conftest import DATA, counts


@pytest.fixture
def client(graph: Graph, settings: Settings) -> Iterator[tuple[TestClient, dict[str, str]]]:
    tokens = {r.label: create_key(graph, f"{r.label} tester", r).token for r in (Role.STEWARD, Role.ANALYST)}
    with TestClient(create_app(replace(settings, auth="keys"), load_demo_when_empty=False)) as c:
        yield c, tokens


def ask(client: TestClient, token: str, query: str) -> dict:
    body = client.post("/graphql", json={"query": query}, headers={"Authorization": f"Bearer {token}"}).json()
    assert "errors" not in body, body
    return body["data"]


CHANGES = '{ changes(entity: "%s") { totalCount edges { node { actor action kind reason before after } } } }'


def test_a_stewards_change_records_who_what_before_after_and_why(client) -> None:  # type: ignore[no-untyped-def]
    c, tokens = client
    upsert = """mutation { upsertOrganization(input: {id: "audit-org", name: "Audit Org", sector: SERVICE_PROVIDER,
        type: ANTI_TRAFFICKING}, reason: "new partner from the coalition call") { __typename } }"""
    assert ask(c, tokens["steward"], upsert)["upsertOrganization"]["__typename"] == "OrganizationSaved"
    rename = upsert.replace('name: "Audit Org"', 'name: "Audit Org Renamed"').replace(
        "new partner from the coalition call", "name corrected")
    ask(c, tokens["steward"], rename)
    retire = 'mutation { retireOrganization(id: "audit-org", reason: "closed in 2026") { __typename } }'
    ask(c, tokens["steward"], retire)

    trail = ask(c, tokens["analyst"], CHANGES % "audit-org")["changes"]
    assert trail["totalCount"] == 3
    newest, renamed, created = (e["node"] for e in trail["edges"])
    assert [newest["action"], renamed["action"], created["action"]] == ["retire", "upsert", "upsert"]
    assert all(n["actor"].endswith("steward tester") for n in (newest, renamed, created))
    assert created["before"] is None and json.loads(created["after"])["name"] == "Audit Org"
    assert json.loads(renamed["before"])["name"] == "Audit Org"
    assert json.loads(renamed["after"])["name"] == "Audit Org Renamed"
    assert renamed["reason"] == "name corrected"
    assert json.loads(newest["after"])["retired_on"]


def test_an_unchanged_save_records_nothing(client) -> None:  # type: ignore[no-untyped-def]
    c, tokens = client
    upsert = """mutation { upsertOrganization(input: {id: "same-org", name: "Same", sector: SERVICE_PROVIDER,
        type: ANTI_TRAFFICKING, verifiedOn: "2026-11-01"}) { __typename } }"""
    ask(c, tokens["steward"], upsert)
    ask(c, tokens["steward"], upsert)
    assert ask(c, tokens["analyst"], CHANGES % "same-org")["changes"]["totalCount"] == 1


def test_a_rejected_change_writes_neither_the_record_nor_an_audit_entry(client, graph: Graph) -> None:  # type: ignore[no-untyped-def]
    c, tokens = client
    before = counts(graph)
    bad = """mutation { upsertOrganization(input: {id: "bad-org", name: "", sector: SERVICE_PROVIDER,
        type: ANTI_TRAFFICKING}) { __typename } }"""
    assert ask(c, tokens["steward"], bad)["upsertOrganization"]["__typename"] == "InvalidRecord"
    assert counts(graph) == before


def test_an_import_records_file_checksum_and_counts(graph: Graph) -> None:
    path = DATA / "good_organizations.csv"
    summary = load_file(graph, "organizations", path, audit=Audit("cli:tester", reason="quarterly roster"))
    [row] = graph.read("queries/changes", entity=None, kind="organizations", since=None, skip=0, limit=10)
    entry = row["page"][0]
    assert entry["action"] == "import" and entry["source"] == path.name
    assert entry["checksum"].startswith("sha256:") and len(entry["checksum"]) == 71
    assert (entry["rows"], entry["created"]) == (summary.rows, summary.created)
    assert entry["reason"] == "quarterly roster" and entry["actor"] == "cli:tester"
    again = load_file(graph, "organizations", path, audit=Audit("cli:tester"))
    assert again.created == again.updated == 0
    [after] = graph.read("queries/changes", entity=None, kind="organizations", since=None, skip=0, limit=10)
    assert after["total"] == 1, "a re-import that changes nothing records nothing"


def test_the_audit_trail_withholds_a_confidential_address_from_all_but_stewards(client) -> None:  # type: ignore[no-untyped-def]
    """The same field rule as `organization(id) { address }`: an analyst reading the trail
    sees that there is an address, never what it is, in `before` and in `after`."""
    c, tokens = client
    save = """mutation { upsertOrganization(input: {id: "safe-house", name: "Safe House", sector: SERVICE_PROVIDER,
      type: SHELTER_WOMEN, address: "12 Hidden Lane", addressConfidential: true, notes: "%s"}) { __typename } }"""
    ask(c, tokens["steward"], save % "first")
    ask(c, tokens["steward"], save % "second")
    trail = '{ changes(entity: "safe-house") { edges { node { before after } } } }'

    analyst = json.dumps(ask(c, tokens["analyst"], trail))
    assert "12 Hidden Lane" not in analyst
    assert analyst.count("(confidential)") == 3  # after, after and before: an address is there
    assert ask(c, tokens["analyst"], '{ organization(id: "safe-house") { address } }')["organization"]["address"] is None
    steward = json.dumps(ask(c, tokens["steward"], trail))
    assert steward.count("12 Hidden Lane") == 3
