"""Notify every member (issue 16, item 7): a capability whose roster row says `notify` =
ALL_MEMBERS is a notify list: its report goes to every live member of the offering
organization's task forces that serve the place. Routing lists them, the matrix counts such
cells, gaps are unchanged (a notify list covers like any capability). Through the loaders, the
read plans, GraphQL, the CLI and the pages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import loaders
from service.app import create_app
from service.cli import main
from service.domain.gaps import gaps_plan
from service.domain.matrix import matrix_plan
from service.domain.models import Situation
from service.domain.routing import route_plan
from service.domain.vocabulary import Notify, Service
from service.errors import ImportRejected
from service.settings import Settings
from service.store.engines import EmbeddedEngine
from service.store.graph import Graph
from tests.builders import Roster, build

TIP = Service.TIP_REPORTING


@pytest.fixture
def roster(graph: Graph) -> Graph:
    """Beta County's task force takes every tip and tells all its members; a retired member and
    the member of a task force serving elsewhere are not told. A hotline ranks as usual."""
    r = Roster()
    lead = r.org("beta-tf", "TASK_FORCE", name="Beta Task Force")
    police, shelter = r.org("beta-police", "POLICE", name="Beta Police"), r.org("beta-shelter", "SHELTER_WOMEN", name="Beta Shelter")
    gone = r.org("gone-unit", "POLICE", name="Gone Unit", retired_on="2024-01-01")
    alpha = r.org("alpha-sheriff", "SHERIFF", name="Alpha Sheriff")
    r.taskforce("beta-htf", lead, [police, shelter, gone], "us-ts-beta-county")
    r.taskforce("alpha-htf", lead, [alpha], "us-ts-alpha-county")
    r.capability("beta-tips", lead, TIP, "us-ts-beta-county", notify="ALL_MEMBERS", priority=10)
    line = r.org("state-line", "HOTLINE", name="State Line")
    r.capability("state-tips", line, TIP, "us-ts", priority=50)
    build(graph, r)
    return graph


def test_routing_lists_the_members_to_tell(roster: Graph) -> None:
    referrals = roster.run(route_plan("us-ts-b2", Situation(), [TIP])).for_service(TIP).referrals
    tf, line = referrals
    assert tf.notify == Notify.ALL_MEMBERS
    assert [o.id for o in tf.notify_members] == ["beta-police", "beta-shelter"]  # not retired, not Alpha's
    assert line.notify == Notify.FIRST and line.notify_members == ()
    elsewhere = roster.run(route_plan("us-ts-a1", Situation(), [TIP])).for_service(TIP).referrals
    assert [r.capability_id for r in elsewhere] == ["state-tips"]  # the task force's tip line covers Beta only


def test_the_matrix_counts_notify_lists_and_gaps_are_unchanged(roster: Graph) -> None:
    matrix = roster.run(matrix_plan("us-ts-b2", [TIP]))
    cell = matrix.cell(TIP, "MINOR")
    assert (cell.organizations, cell.notify_all) == (2, 1)
    assert roster.run(gaps_plan(TIP, Situation(), "city", within="us-ts")).total_gaps == 0


def test_the_loader_refuses_an_unknown_notify_value_and_a_reimport_changes_nothing(roster: Graph) -> None:
    row = {"id": "bad-tips", "organization": "beta-tf", "service": "TIP_REPORTING", "jurisdictions": "us-ts",
           "notify": "EVERYONE", "verified_on": "2025-01-01"}
    with pytest.raises(ImportRejected) as refused:
        loaders.load_frame(roster, "capabilities", pd.DataFrame([row]))
    assert "notify" in refused.value.report() and "EVERYONE" in refused.value.report()
    assert "ALL_MEMBERS" in refused.value.report()
    again = pd.DataFrame([{**row, "id": "beta-tips", "notify": "ALL_MEMBERS", "jurisdictions": "us-ts-beta-county",
                           "priority": "10"}])
    first = loaders.load_frame(roster, "capabilities", again)
    second = loaders.load_frame(roster, "capabilities", again)
    assert second.unchanged == 1 and second.updated == 0, (first, second)


@pytest.fixture
def client(roster: Graph, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, load_demo_when_empty=False)) as c:
        yield c


def _gql(client: TestClient, query: str) -> dict[str, Any]:
    body = client.post("/graphql", json={"query": query}).json()
    assert "errors" not in body, body
    return body["data"]


def test_graphql_shows_which(client: TestClient) -> None:
    route = _gql(client, '{ route(place: "us-ts-b2", services: [TIP_REPORTING], anyTime: true) '
                         '{ services { referrals { capabilityId notify notifyMembers { id } why } } } }')
    tf, line = route["route"]["services"][0]["referrals"]
    assert tf["notify"] == "ALL_MEMBERS" and tf["notifyMembers"] == [{"id": "beta-police"}, {"id": "beta-shelter"}]
    assert "report to every member of its task force: Beta Police, Beta Shelter" in tf["why"]
    assert line["notify"] == "FIRST" and line["notifyMembers"] == []
    matrix = _gql(client, '{ matrix(place: "us-ts-b2", services: [TIP_REPORTING]) { cells { value notifyAll } } }')
    assert {c["notifyAll"] for c in matrix["matrix"]["cells"]} == {1}


def test_cli_and_pages_show_which(client: TestClient, engine: EmbeddedEngine | None) -> None:
    extra = ["--data-dir", str(engine.data_dir)] if engine is not None else []
    table = CliRunner().invoke(main, ["route", "us-ts-b2", "--service", "TIP_REPORTING", "--any-time", *extra])
    assert "all members: Beta Police; Beta Shelter" in table.output
    data = json.loads(CliRunner().invoke(main, ["route", "us-ts-b2", "--service", "TIP_REPORTING", "--any-time",
                                                "--format", "json", *extra]).stdout)
    assert data["services"][0]["referrals"][0]["notify"] == "ALL_MEMBERS"
    page = client.get("/route", params={"place": "us-ts-b2", "service": "TIP_REPORTING", "hours": "ANY"}).text
    assert "Notify every member:</strong> report to Beta Task Force, Beta Police, Beta Shelter." in page
    place = client.get("/place/us-ts-b2").text
    assert "notifies all" in place
