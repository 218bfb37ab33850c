"""List arguments are bounded by what they can mean: a service named twice counts once, and a
list longer than the vocabulary is refused before any work (issue: 15,000 copies of one service
in `matrixSummary(services:)` grew the process to 23 GB, ~1.4 MB a copy).

The repeated-list requests run in a child process whose address space is capped, so that on a
service without the bound the child fails (MemoryError, or killed) instead of the machine."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from service.settings import Settings
from service.store.graph import Graph

CAP_BYTES = 3 * 1024**3  # the child's whole address space: the app needs well under 1 GB
COPIES = 15_000
FIELDS = {
    "matrixSummary": 'matrixSummary(kind: "county", services: $s) { places }',
    "matrix": 'matrix(place: "us-pa-lancaster-county", services: $s) { gapCount }',
    "route": 'route(place: "us-pa-lancaster-county", services: $s) { gaps }',
    "singlePointsOfFailure": 'singlePointsOfFailure(within: "us-pa", kind: "county", services: $s) { value }',
}

CHILD = textwrap.dedent("""
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))
    from fastapi.testclient import TestClient
    from service.app import create_app
    from service.settings import Settings
    answers = {{}}
    with TestClient(create_app(Settings.from_env(), load_demo_when_empty=False)) as client:
        for name, field in json.loads(sys.argv[1]).items():
            query = "query($s: [Service!]) {{ " + field + " }}"
            variables = {{"s": ["TIP_REPORTING"] * {copies}}}
            answers[name] = client.post("/graphql", json={{"query": query, "variables": variables}}).json()
    print(json.dumps(answers))
""")


def child_env(graph: Graph) -> dict[str, str]:
    import os

    a = graph.address
    return {**os.environ, "NEO4J_URI": a.uri, "NEO4J_USER": a.user, "NEO4J_PASSWORD": a.password,
            "NEO4J_DATABASE": a.database, "REFGRAPH_AUTH": "open", "REFGRAPH_ENV": "development"}


def test_a_services_list_of_15000_copies_is_refused_within_a_memory_cap(demo_graph: Graph) -> None:
    code = CHILD.format(cap=CAP_BYTES, copies=COPIES)
    done = subprocess.run([sys.executable, "-c", code, json.dumps(FIELDS)], env=child_env(demo_graph),
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"the child died under a {CAP_BYTES >> 30} GB cap: {done.stderr[-800:]}"
    answers = json.loads(done.stdout.strip().splitlines()[-1])
    assert sorted(answers) == sorted(FIELDS)
    for field, body in answers.items():
        error = body["errors"][0]
        assert error["extensions"]["code"] == "BAD_INPUT", (field, body)
        assert error["message"].startswith(f"`services` lists {COPIES} entries, and there are 8 services"), field
        assert error["extensions"]["argument"] == "services"


def test_a_service_named_twice_counts_once(demo_graph: Graph, demo_settings: Settings) -> None:
    from fastapi.testclient import TestClient

    from service.app import create_app

    query = ('query($s: [Service!]) { matrix(place: "us-pa-lancaster-county", services: $s) '
             "{ cells { service dimension value } } }")
    with TestClient(create_app(demo_settings, load_demo_when_empty=False)) as client:
        twice = client.post("/graphql", json={"query": query, "variables": {"s": ["LEGAL_SERVICES"] * 8}}).json()
        once = client.post("/graphql", json={"query": query, "variables": {"s": ["LEGAL_SERVICES"]}}).json()
    assert "errors" not in twice, twice
    assert twice == once
    assert len(once["data"]["matrix"]["cells"]) == 12
