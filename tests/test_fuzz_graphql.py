"""Fuzzing every query and mutation of the schema: no 5xx, no internals in any answer.

Schemathesis builds GraphQL documents for each root field of the committed
`schema.graphql` (kept equal to the code by tests/test_schema_file.py), valid
ones and deliberately invalid ones, from a fixed seed (hypothesis derandomized)
and a bounded number of examples. They go to the real app on the real engine:
queries against the demo database (read only), mutations against the wiped
test database, so the shared demo graph is never changed.

Every answer must be below 500 and must not leak internals: no Python
traceback, no engine address, no exception class name, no Cypher. An error
the service did not expect may only appear masked, as "Unexpected error
(reference ...)"; the test counts and prints those so a regression shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from service import PROJECT_ROOT
from service.app import create_app
from service.settings import Settings
from service.store.graph import Graph
from tests.builders import small_state, write_jurisdictions

SCHEMA = schemathesis.graphql.from_path(PROJECT_ROOT / "schema.graphql")
OPERATIONS = {op.label: op for op in (result.ok() for result in SCHEMA.get_all_operations())}  # type: ignore[union-attr]
QUERIES = sorted(label for label in OPERATIONS if label.startswith("Query."))
MUTATIONS = sorted(label for label in OPERATIONS if label.startswith("Mutation."))
EXAMPLES = {"Query": 16, "Mutation": 14}

LEAKS = [
    (re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\.py\", line \d+"), "a Python traceback"),
    (re.compile(r"bolt://|neo4j://|127\.0\.0\.1:\d+"), "the engine's address"),
    (re.compile(r"\b(?:[A-Z][a-z0-9]+)+(?:Error|Exception)\b|\bneo4j\.exceptions\b|\bNeo\.\w+\.\w+"),
     "an exception class or engine status code"),
    (re.compile(r"\b(?:MATCH|MERGE|UNWIND|OPTIONAL MATCH|DETACH DELETE)\s+[\(\$]|\bRETURN\s+\w+\s*[\{\.]"),
     "Cypher text"),
]
MASKED = re.compile(r"^Unexpected error \(reference [0-9a-f]{12}\)")
UNEXPECTED: list[str] = []
SENT: dict[str, int] = {}


def _client(settings: Settings) -> Iterator[TestClient]:
    app = create_app(replace(settings, rate_per_second=100_000.0, rate_burst=100_000),
                     load_demo_when_empty=False, supervise_engine=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="module")
def demo_client(demo_graph: Graph, demo_settings: Settings) -> Iterator[TestClient]:
    """Open development access to the demo database: queries only."""
    yield from _client(demo_settings)


@pytest.fixture(scope="module")
def scratch_client(session_graph: Graph, settings: Settings) -> Iterator[TestClient]:
    """Open development access to the test database (wiped; a few places so some writes succeed)."""
    session_graph.write("writes/wipe_graph")
    write_jurisdictions(session_graph, *small_state())
    yield from _client(settings)
    session_graph.write("writes/wipe_graph")


def leaks(text: str) -> list[str]:
    return [what for pattern, what in LEAKS if pattern.search(text)]


def check(label: str, query: str, response: Any) -> None:
    """The properties every answer must have, whatever was asked."""
    assert response.status_code < 500, f"{label}: HTTP {response.status_code} for\n{query}\n{response.text[:2000]}"
    assert not leaks(response.text.replace(query, "")), (
        f"{label}: the answer leaks {leaks(response.text)}:\n{query}\n{response.text[:2000]}")
    body = response.json()
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        if code == "INTERNAL" or error["message"].startswith("Unexpected error"):
            assert MASKED.match(error["message"]) and code == "INTERNAL", error
            UNEXPECTED.append(f"{label}: {query}")


FUZZ = settings(max_examples=1, derandomize=True, database=None, deadline=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck))


def _fuzz(client: TestClient, label: str, data: st.DataObject) -> None:
    mode = data.draw(st.sampled_from([GenerationMode.POSITIVE, GenerationMode.NEGATIVE]), label="mode")
    case = data.draw(OPERATIONS[label].as_strategy(generation_mode=mode), label="case")
    response = client.post("/graphql", json={"query": case.body})
    SENT[label] = SENT.get(label, 0) + 1
    check(label, case.body, response)


@pytest.mark.parametrize("label", QUERIES)
def test_fuzzed_queries_on_the_demo_never_fail_with_5xx_or_leak_internals(
        demo_client: TestClient, label: str) -> None:
    @settings(FUZZ, max_examples=EXAMPLES["Query"])
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        _fuzz(demo_client, label, data)

    run()


@pytest.mark.parametrize("label", MUTATIONS)
def test_fuzzed_mutations_never_fail_with_5xx_or_leak_internals(scratch_client: TestClient, label: str) -> None:
    @settings(FUZZ, max_examples=EXAMPLES["Mutation"])
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        _fuzz(scratch_client, label, data)

    run()


def test_every_root_field_was_fuzzed_and_unexpected_errors_stayed_masked() -> None:
    """Runs after the fuzzing (file order): every operation got requests; report what was masked."""
    if not SENT:
        pytest.skip("runs after the fuzz tests of this file")
    missing = [label for label in OPERATIONS if not SENT.get(label)]
    assert not missing, f"never fuzzed (run the whole file): {missing}"
    assert len(QUERIES) >= 10 and len(MUTATIONS) >= 5
    print(f"\nfuzzed {len(OPERATIONS)} operations with {sum(SENT.values())} requests; "
          f"{len(UNEXPECTED)} masked unexpected errors")
    for line in UNEXPECTED[:10]:
        print("  masked:", line[:300])
