"""Twenty anonymous clients asking for national reports cannot take routing or /health down.

Before reports had a cost and a cap, 20 clients of national `matrixSummary` or city-level
`gaps` filled the engine pool: `/health` answered 503 after 4-5 s and an analyst's `route`
failed or waited 4-15 s (issue 15). Here the real service runs under uvicorn on the demo
(every US jurisdiction) with API keys required; 20 anonymous clients loop over the most
expensive requests there are, with arguments varied so that no kept answer can serve them
all, while an analyst routes and a monitor asks `/health`. Every `/health` must answer 200,
every route must answer, and a report either answers or is refused as REPORTS_BUSY, never
with the engine unavailable or busy. Latencies are printed, not asserted: bench/overload.py
measures them with the same load (bench/README.md has the figures).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi import FastAPI

from bench.overload import Probe, under_load
from service.app import create_app
from service.ops.auth import Role, create_key
from service.settings import Settings
from service.store.graph import Graph
from tests.live import serving

CLIENTS = 20
SECONDS = 20.0


@pytest.fixture(scope="module")
def service(demo_graph: Graph, demo_settings: Settings) -> Iterator[tuple[str, str, FastAPI]]:
    token = create_key(demo_graph, "load test analyst", Role.ANALYST).token
    settings = replace(demo_settings, auth="keys", rate_per_second=1e6, rate_burst=1_000_000)
    app = create_app(settings, load_demo_when_empty=False, supervise_engine=False)
    with serving(app) as base:
        yield base, token, app


def test_health_and_routing_keep_answering_under_twenty_clients_of_national_reports(
        service: tuple[str, str, FastAPI]) -> None:
    base, token, app = service
    analyst = Probe(base)
    analyst.http.headers["Authorization"] = f"Bearer {token}"
    reports = under_load(base, CLIENTS, analyst, SECONDS)  # anonymous: no key
    figures = analyst.figures()
    print(f"\n{CLIENTS} anonymous report clients for {SECONDS:.0f} s: reports {dict(reports)}, "
          f"computed on the engine {app.state.graph.reports.computed}; {figures}")

    assert figures["asks"] > 0
    assert figures["failures"] == {}, figures["failures"]  # every /health 200, every route answered
    assert reports["answered"] > 0, reports
    assert set(reports) <= {"answered", "REPORTS_BUSY"}, reports
