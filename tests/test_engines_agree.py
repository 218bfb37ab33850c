"""ArcadeDB and Neo4j give the same answers: the differential test.

Both embedded engines run side by side (each with a database of its own, apart
from the session's engine). The same generated world (the jurisdiction DAG and
rosters of test_agreement, plus law enforcement, tip lines and federal contacts
so that the emergency block has something to pick) is loaded into both through
the real loaders, and every answer analysts get over GraphQL, `route` (with and
without a moment, in an emergency or not), `matrix`, `gaps` for every kind and
`matrixSummary`, must be equal to the last field. Neo4j is the reference: a
difference is a bug of the statement on one engine, never a test to relax.
A second test proves the comparison has teeth: handed a changed routing
statement on one engine, it reports the difference.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr

from service.app import create_app
from service.domain.vocabulary import DIMENSIONS
from service.settings import Settings
from service.store.engines import ArcadeDBEngine, EmbeddedEngine, Neo4jEngine
from service.store.graph import Graph
from service.store.statements import statement
from tests.builders import Roster, write_jurisdictions
from tests.conftest import selected_engines
from tests.test_agreement import World, moments, worlds

ROUTE = """
query($place: String!, $situation: SituationInput, $at: DateTime, $anyTime: Boolean!, $first: Int!) {
  route(place: $place, situation: $situation, at: $at, anyTime: $anyTime, first: $first) {
    place { id name kind state population timezone } at hours mandatoryReport gaps
    services { service gap total referrals { ...referral } }
    emergency { instruction followUp lawEnforcement { ...referral } tipReporting { ...referral }
                federalContacts { id name role unit phone afterHoursPhone email } }
  }
}
fragment referral on Referral {
  rank capabilityId phone phoneLine confirm hours priority verifiedOn notes why
  organization { id name type sector }
  contact { id name role unit phone afterHoursPhone email }
  coverage { jurisdictionId jurisdictionName kind hops }
  matched { dimension value }
}"""

MATRIX = """
query($place: String!) {
  matrix(place: $place) {
    place { id } gapCount
    cells { service dimension value organizations contacts gap singlePointOfFailure oldestVerifiedOn }
    profiles { service profiles uncovered { urgency hours nationality age gender trafficking } }
  }
}"""

GAPS = """
query($service: Service!, $kind: String!, $situation: SituationInput) {
  gaps(service: $service, kind: $kind, situation: $situation, first: 500) {
    service kind totalGaps considered populationAffected nextCursor
    places { id name kind state population }
  }
}"""

SUMMARY = """
query($kind: String!) {
  matrixSummary(kind: $kind) {
    kind places placesWithAGap gapCells singlePointCells
    cells { service dimension value gapPlaces singlePointPlaces }
  }
}"""

SERVICES = ("TIP_REPORTING", "VICTIM_EXTRACTION", "SHELTER_EMERGENCY", "LEGAL_SERVICES")
HOURS = ("", "24/7", "Mon-Fri 09:00-17:00", "Mon-Sun 20:00-08:00")


@dataclass
class Side:
    """One engine with the service running over it."""

    name: str
    graph: Graph
    client: TestClient

    def ask(self, query: str, **variables: Any) -> Any:
        response = self.client.post("/graphql", json={"query": query, "variables": variables})
        assert response.status_code == 200, (self.name, response.text)
        return response.json()


def _side(engine: EmbeddedEngine, stack: list[Any]) -> Side:
    address = engine.start()
    stack.append(engine)
    settings = Settings(neo4j_uri=address.uri, neo4j_user=address.user,
                        neo4j_password=SecretStr(address.password), neo4j_database=address.database,
                        auth="open", rate_per_second=1e9, rate_burst=1_000_000_000)
    graph = Graph(settings)
    graph.apply_schema()
    stack.append(graph)
    client = TestClient(create_app(settings, load_demo_when_empty=False))
    client.__enter__()
    stack.append(client)
    return Side(engine.kind, graph, client)


@pytest.fixture(scope="module")
def sides(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Side, Side]]:
    if set(selected_engines(request.config)) != {"arcadedb", "neo4j"}:
        pytest.skip("compares the two embedded engines: runs when the suite runs on both (the default)")
    stack: list[Any] = []
    try:
        neo4j = _side(Neo4jEngine(tmp_path_factory.mktemp("agree-neo4j"), heap="1g", pagecache="128m"), stack)
        arcadedb = _side(ArcadeDBEngine(tmp_path_factory.mktemp("agree-arcadedb"), heap="1g"), stack)
        yield neo4j, arcadedb
    finally:
        for thing in reversed(stack):
            if isinstance(thing, TestClient):
                thing.__exit__(None, None, None)
            elif isinstance(thing, Graph):
                thing.driver.close()
            else:
                thing.stop()


@st.composite
def emergency_worlds(draw: st.DrawFn) -> World:
    """test_agreement's worlds, plus police (by hours), a tip line and a federal office with
    an after-hours contact, covering drawn places."""
    world = draw(worlds(capabilities=(2, 8)))
    roster, ids = world.roster, [p["id"] for p in world.places]
    for i in range(draw(st.integers(1, 2))):
        police = roster.org(f"police-{i}", "SHERIFF" if i else "POLICE", hours=draw(st.sampled_from(HOURS)))
        roster.capability(f"police-{i}-extraction", police, "VICTIM_EXTRACTION", draw(st.sampled_from(ids)),
                          priority=draw(st.integers(1, 2)), age=draw(st.sampled_from(("ANY", "MINOR", "ADULT"))))
    tips = roster.org("tip-line", "ANTI_TRAFFICKING", hours=draw(st.sampled_from(HOURS)))
    roster.capability("tip-line-tips", tips, "TIP_REPORTING", draw(st.sampled_from(ids)),
                      trafficking=draw(st.sampled_from(("ANY", "LABOR", "SEX"))))
    fbi = roster.org("fbi-field", "FBI", hours="Mon-Fri 09:00-17:00")
    roster.contact("fbi-duty", fbi, after_hours_phone="555-0911")
    roster.capability("fbi-extraction", fbi, "VICTIM_EXTRACTION", ids[0], contact="fbi-duty")
    return world


def _known(situation: dict[str, Any]) -> dict[str, Any]:
    """The values given; immediate danger makes the situation urgent, so NON_URGENT is left out."""
    danger = situation.get("immediateDanger")
    return {k: v for k, v in situation.items() if v is not None and not (danger and v == "NON_URGENT")}


situations = st.builds(
    dict, **{d.name: st.none() | st.sampled_from(d.values) for d in DIMENSIONS},
    immediateDanger=st.booleans(),
).map(_known)


def load(side: Side, world: World) -> None:
    side.graph.write("writes/wipe_graph")
    write_jurisdictions(side.graph, world.places, world.links)
    world.roster.load(side.graph)


def questions(world: World, situation: dict[str, Any], at: datetime | None) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every question asked of both engines: (what, document, variables)."""
    stamp = at.isoformat() if at is not None else None
    for p in world.places:
        for first in (1, 10):
            yield f"route {p['id']} first {first}", ROUTE, {"place": p["id"], "situation": situation,
                                                            "at": stamp, "anyTime": at is None, "first": first}
        yield f"matrix {p['id']}", MATRIX, {"place": p["id"]}
    kinds = sorted({p["kind"] for p in world.places})
    for service in SERVICES:
        for kind in kinds:
            gap_situation = {k: v for k, v in situation.items() if k != "immediateDanger"}
            yield f"gaps {service} {kind}", GAPS, {"service": service, "kind": kind, "situation": gap_situation}
    for kind in kinds:
        yield f"matrixSummary {kind}", SUMMARY, {"kind": kind}


def differences(reference: Side, other: Side, world: World, situation: dict[str, Any],
                at: datetime | None) -> list[str]:
    found = []
    for what, document, variables in questions(world, situation, at):
        expected, got = reference.ask(document, **variables), other.ask(document, **variables)
        assert "errors" not in expected, (what, expected["errors"])
        if got != expected:
            found.append(f"{what}: {reference.name} {expected} != {other.name} {got}")
    return found


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(world=emergency_worlds(), situation=situations, at=st.none() | moments)
def test_both_engines_answer_route_matrix_gaps_and_summary_alike(
        sides: tuple[Side, Side], world: World, situation: dict[str, Any], at: datetime | None) -> None:
    neo4j, arcadedb = sides
    for side in sides:
        load(side, world)
    found = differences(neo4j, arcadedb, world, situation, at)
    assert not found, "\n".join(found[:3])


def test_the_comparison_notices_a_changed_statement_on_one_engine(sides: tuple[Side, Side]) -> None:
    """ArcadeDB's copy of the routing statement loses the organization's phone from its
    projection (what ArcadeDB itself once did to projections inside map literals): the
    comparison must name the route answers that differ, and only those."""
    neo4j, arcadedb = sides
    roster = Roster()
    near, far = roster.org("near-shelter"), roster.org("far-shelter")
    roster.capability("near-beds", near, "SHELTER_EMERGENCY", "us-ag-county-0")
    roster.capability("far-beds", far, "SHELTER_EMERGENCY", "us-ag")
    places = [{"id": "us-ag", "name": "Agreement State", "kind": "state", "level": 4, "timezone": "America/Chicago"},
              {"id": "us-ag-county-0", "name": "County 0", "kind": "county", "level": 2, "state": "us-ag"}]
    world = World(places, [["us-ag-county-0", "us-ag"]], roster)
    for side in sides:
        load(side, world)
    assert not differences(neo4j, arcadedb, world, {}, None)

    original = statement("queries/route_referrals")
    changed = original.replace("o {.id, .name, .type, .sector, .phone, .hours, .trained_on}",
                               "o {.id, .name, .type, .sector, .hours, .trained_on}")
    assert changed != original
    service_graph = arcadedb.client.app.state.graph  # type: ignore[attr-defined]
    service_graph.statements = lambda name: changed if name == "queries/route_referrals" else statement(name)
    try:
        found = differences(neo4j, arcadedb, world, {}, None)
    finally:
        service_graph.statements = statement
    assert found and all(f.startswith("route ") for f in found), found
    assert not differences(neo4j, arcadedb, world, {}, None)
