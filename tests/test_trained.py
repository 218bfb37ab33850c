"""Who is trained (issue 16, item 8): organizations and contacts carry when their human
trafficking training was last confirmed (trained_on); routing ranks a trained referral (its
contact, else its organization) first among equally near ones; gaps can count cells covered only
by untrained contacts, and the matrix says how many of a cell's organizations are trained.
Through the loaders, the read plans, GraphQL and the CLI."""

from __future__ import annotations

from collections.abc import Iterator

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
from service.domain.vocabulary import Service
from service.errors import ImportRejected
from service.settings import Settings
from service.store.engines import EmbeddedEngine
from service.store.graph import Graph
from tests.builders import Roster, build

SHELTER = Service.SHELTER_EMERGENCY


@pytest.fixture
def roster(graph: Graph) -> tuple[Graph, Roster]:
    """Beta County: an untrained shelter called first by priority, and a shelter whose desk is
    trained; Alpha County: only an untrained one."""
    r = Roster()
    first = r.org("first-house", name="First House")
    r.capability("first-beds", first, SHELTER, "us-ts-beta-county", priority=1)
    trained = r.org("trained-house", name="Trained House")
    desk = r.contact("trained-desk", trained, trained_on="2026-03-10")
    r.capability("trained-beds", trained, SHELTER, "us-ts-beta-county", priority=50, contact=desk)
    far = r.org("state-house", name="State House", trained_on="2026-01-05")
    r.capability("state-beds", far, SHELTER, "us-ts", priority=1)
    alpha = r.org("alpha-house", name="Alpha House")
    r.capability("alpha-beds", alpha, SHELTER, "us-ts-alpha-county")
    build(graph, r)
    return graph, r


def _order(graph: Graph, place: str) -> list[str]:
    return [x.capability_id for x in graph.run(route_plan(place, Situation(), [SHELTER])).for_service(SHELTER).referrals]


def test_a_trained_contact_ranks_first_among_equally_near_ones(roster: tuple[Graph, Roster]) -> None:
    graph, _ = roster
    # trained before priority within Beta County; the nearer untrained county shelter still before the state's trained one
    assert _order(graph, "us-ts-b2") == ["trained-beds", "first-beds", "state-beds"]
    referral = graph.run(route_plan("us-ts-b2", Situation(), [SHELTER])).for_service(SHELTER).referrals[0]
    assert referral.trained_on == "2026-03-10"


def test_changing_a_contacts_training_reorders_the_route(roster: tuple[Graph, Roster]) -> None:
    graph, r = roster
    untrained = [{**c, "trained_on": ""} for c in r.contacts]
    summary = loaders.load_frame(graph, "contacts", pd.DataFrame(untrained, dtype=str).fillna(""))
    assert summary.updated == 1
    assert _order(graph, "us-ts-b2") == ["first-beds", "trained-beds", "state-beds"]


def test_the_loader_checks_the_column_and_a_reimport_changes_nothing(roster: tuple[Graph, Roster]) -> None:
    graph, r = roster
    with pytest.raises(ImportRejected) as refused:
        loaders.load_frame(graph, "organizations", pd.DataFrame([{**r.organizations[0], "trained_on": "last spring"}]))
    assert "trained_on" in refused.value.report() and "last spring" in refused.value.report()
    again = loaders.load_frame(graph, "organizations", pd.DataFrame(r.organizations, dtype=str).fillna(""))
    assert again.unchanged == len(r.organizations)


def test_gaps_can_count_cells_covered_only_by_untrained_contacts(roster: tuple[Graph, Roster]) -> None:
    graph, _ = roster
    everyone = graph.run(gaps_plan(SHELTER, Situation(), "county", within="us-ts")).places
    trained = graph.run(gaps_plan(SHELTER, Situation(), "county", within="us-ts", trained_only=True)).places
    assert [p.id for p in everyone] == [] and [p.id for p in trained] == []  # the state's trained shelter covers both
    cell = graph.run(matrix_plan("us-ts-a1", [SHELTER])).cell(SHELTER, "MINOR")
    assert (cell.organizations, cell.trained) == (2, 1)


@pytest.fixture
def without_the_state(roster: tuple[Graph, Roster]) -> Graph:
    graph, r = roster
    rows = [{**c, "retired_on": "2024-01-01"} if c["id"] == "state-beds" else c for c in r.capabilities]
    loaders.load_frame(graph, "capabilities", pd.DataFrame(rows, dtype=str).fillna(""))
    return graph


def test_alpha_is_covered_only_by_untrained_contacts(without_the_state: Graph) -> None:
    trained = without_the_state.run(gaps_plan(SHELTER, Situation(), "county", within="us-ts", trained_only=True))
    assert [p.id for p in trained.places] == ["us-ts-alpha-county"]


@pytest.fixture
def client(without_the_state: Graph, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, load_demo_when_empty=False)) as c:
        yield c


def test_graphql_and_cli(client: TestClient, engine: EmbeddedEngine | None) -> None:
    body = client.post("/graphql", json={"query": """{
      gaps(service: SHELTER_EMERGENCY, within: "us-ts", trainedOnly: true) { places { id } }
      route(place: "us-ts-b2", services: [SHELTER_EMERGENCY], anyTime: true) { services { referrals { capabilityId trainedOn } } }
      matrix(place: "us-ts-a1", services: [SHELTER_EMERGENCY]) { cells { value organizations trained } }
      organization(id: "trained-house") { contacts { trainedOn } } }"""}).json()
    data = body["data"]
    assert data["gaps"]["places"] == [{"id": "us-ts-alpha-county"}]
    assert data["route"]["services"][0]["referrals"][0] == {"capabilityId": "trained-beds", "trainedOn": "2026-03-10"}
    assert {(c["organizations"], c["trained"]) for c in data["matrix"]["cells"]} == {(1, 0)}
    assert data["organization"]["contacts"] == [{"trainedOn": "2026-03-10"}]
    extra = ["--data-dir", str(engine.data_dir)] if engine is not None else []
    assert "; 0 trained" in client.get("/place/us-ts-a1").text  # the page says so on the cell
    printed = CliRunner().invoke(main, ["gaps", "--service", "SHELTER_EMERGENCY", "--within", "us-ts", "--trained-only", *extra])
    assert "1 of 2 county places within us-ts have nobody" in printed.output and "us-ts-alpha-county" in printed.output
