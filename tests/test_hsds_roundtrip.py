"""HSDS export, then import into an empty database: the same routing answers.

For the demo (every US place, the demo roster: regions, task forces, notify lists, trained
contacts, confidential shelters) and for generated rosters (test_agreement's worlds with
law enforcement, tip lines and federal after-hours contacts), every answer analysts get over
GraphQL (route with and without a moment, matrix, gaps, matrixSummary) is asked of the original
and of the graph rebuilt from its HSDS export, and must be equal to the last field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import load_builtin_us
from loaders.hsds.export import export_hsds
from loaders.hsds.importer import import_hsds
from loaders.hsds.mapping import read_mapping
from loaders.samples.demo import SCENARIOS
from service.app import create_app
from service.domain.vocabulary import Service
from service.settings import Settings
from service.store.graph import Graph
from tests.builders import write_jurisdictions
from tests.test_agreement import World, moments
from tests.test_engines_agree import (
    GAPS,
    MATRIX,
    ROUTE,
    SUMMARY,
    emergency_worlds,
    questions,
    situations,
)


def _client(settings: Settings, database: str) -> TestClient:
    """The service over one database, every request allowed (as test_engines_agree's sides)."""
    return TestClient(create_app(replace(settings, neo4j_database=database, auth="open",
                                         rate_per_second=1e9, rate_burst=1_000_000_000), load_demo_when_empty=False))


def ask(client: TestClient, document: str, **variables: Any) -> Any:
    response = client.post("/graphql", json={"query": document, "variables": variables})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def first_difference(expected: Any, got: Any, path: str = "") -> str:
    """Where two answers first differ, and how."""
    if isinstance(expected, dict) and isinstance(got, dict):
        for key in sorted(set(expected) | set(got)):
            if expected.get(key) != got.get(key):
                return first_difference(expected.get(key), got.get(key), f"{path}.{key}")
    if isinstance(expected, list) and isinstance(got, list) and len(expected) == len(got):
        for at, (a, b) in enumerate(zip(expected, got)):
            if a != b:
                return first_difference(a, b, f"{path}[{at}]")
    return f"{path}: {str(expected)[:300]} != {str(got)[:300]}"


def demo_questions() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Route (now, and any time, in danger or not) and the matrix at every demo scenario's place;
    gaps of every service for counties; the matrix summary of states and counties."""
    for scenario in SCENARIOS:
        for danger in (False, True):
            asked = {**scenario.situation, "immediateDanger": danger}
            if danger and asked.get("urgency") == "NON_URGENT":
                asked.pop("urgency")
            moments_ = [None] if "hours" in asked else [None, "2026-11-24T15:00:00Z", "2026-11-28T03:00:00Z"]
            for at in moments_:
                yield (f"route {scenario.place} {asked} at {at}", ROUTE,
                       {"place": scenario.place, "situation": asked, "at": at, "anyTime": at is None, "first": 10})
    for place in sorted({s.place for s in SCENARIOS}):
        yield f"matrix {place}", MATRIX, {"place": place}
    for service in Service:
        yield f"gaps {service.value} county", GAPS, {"service": service.value, "kind": "county", "situation": {}}
    yield "gaps TIP_REPORTING city", GAPS, {"service": "TIP_REPORTING", "kind": "city", "situation": {}}
    for kind in ("state", "county"):
        yield f"matrixSummary {kind}", SUMMARY, {"kind": kind}


@pytest.fixture(scope="module")
def rebuilt_demo(demo_graph: Graph, us_database: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    """The demo's HSDS export imported into a database holding only the built-in US places
    (the loader tests' own database, emptied again afterwards: they load it from nothing)."""
    if us_database is demo_graph or us_database.address.database == demo_graph.address.database:
        pytest.skip("needs a database apart from the demo's: runs on the embedded engines (the default)")
    try:
        load_builtin_us(us_database, progress=False)
        out = tmp_path_factory.mktemp("hsds") / "demo"
        export_hsds(demo_graph, out, confidential_addresses=True)
        result = import_hsds(us_database, out, read_mapping())
        assert not result.notes, result.report()  # Refgraph's own profile maps whole
        yield us_database
    finally:  # emptied even when the round trip fails, or every loader test after it fails too
        while us_database.write("writes/undo_restore", batch=5_000)[0]["deleted"]:  # in batches: 25k places
            pass


def test_the_demo_routes_alike_after_an_hsds_round_trip(demo_graph: Graph, rebuilt_demo: Graph,
                                                        settings: Settings) -> None:
    with _client(settings, demo_graph.address.database) as original, \
            _client(settings, rebuilt_demo.address.database) as rebuilt:
        found = []
        for what, document, variables in demo_questions():
            expected, got = ask(original, document, **variables), ask(rebuilt, document, **variables)
            if expected != got:
                found.append(f"{what}: {first_difference(expected, got)}")
        assert not found, "\n".join(found[:3])


def test_the_demo_round_trip_keeps_every_record(demo_graph: Graph, rebuilt_demo: Graph) -> None:
    def records(graph: Graph) -> dict[str, int]:
        return {r["label"]: r["count"] for r in graph.read("queries/node_counts")
                if r["label"] in ("Organization", "Contact", "Capability", "TaskForce")}

    assert records(rebuilt_demo) == records(demo_graph)
    regions = [r["region"]["id"] for r in demo_graph.read("queries/regions_for_export")]
    assert [r["region"]["id"] for r in rebuilt_demo.read("queries/regions_for_export")] == regions


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(world=emergency_worlds(), situation=situations, at=st.none() | moments)
def test_generated_rosters_route_alike_after_an_hsds_round_trip(
        graph: Graph, settings: Settings, tmp_path_factory: pytest.TempPathFactory, world: World,
        situation: dict[str, Any], at: datetime | None) -> None:
    graph.write("writes/wipe_graph")
    write_jurisdictions(graph, world.places, world.links)
    world.roster.load(graph)
    with _client(settings, graph.address.database) as client:
        before = [(what, ask(client, d, **v)) for what, d, v in questions(world, situation, at)]
    out: Path = tmp_path_factory.mktemp("hsds") / "world"
    export_hsds(graph, out, confidential_addresses=True)
    graph.write("writes/wipe_graph")
    write_jurisdictions(graph, world.places, world.links)  # the same places, no roster
    import_hsds(graph, out, read_mapping())
    with _client(settings, graph.address.database) as client:
        after = [(what, ask(client, d, **v)) for what, d, v in questions(world, situation, at)]
    found = [f"{w}: {first_difference(a, b)}" for (w, a), (_, b) in zip(before, after) if a != b]
    assert not found, "\n".join(found[:3])
