"""One embedded engine for the whole test session (or NEO4J_URI's server).

Every integration test runs against a real Bolt server, started once: the
engine REFGRAPH_ENGINE names (`arcadedb`, the default: the arcadedb-embedded
wheel; `neo4j`: Neo4j Community embedded, built from engines/neo4j), or the
Neo4j that NEO4J_URI names. `graph` hands each test an empty graph with the
schema applied. `.ci/run` runs the whole suite once per engine.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import hypothesis.internal.observability  # noqa: F401  (imported early: CPython 3.11.7 ast bug at exit)
import pytest

from service.engines import ENGINE_CLASSES, EmbeddedEngine
from service.graph import Graph
from service.settings import Settings

DATA = Path(__file__).parent / "data"
DEMO_DATABASE = "demo"
US_DATABASE = "usplaces"  # the built-in US places for loader tests: wiping 25k places is slow
ENGINE = os.environ.get("REFGRAPH_ENGINE", "").strip() or "arcadedb"
if ENGINE not in ENGINE_CLASSES:
    raise pytest.UsageError(f"REFGRAPH_ENGINE is {ENGINE!r}: run the suite with arcadedb or neo4j")
os.environ["REFGRAPH_ENGINE"] = ENGINE  # commands the tests run start (or attach to) the same kind
EngineClass = ENGINE_CLASSES[ENGINE]


def pytest_report_header() -> str:
    where = os.environ.get("NEO4J_URI") or f"embedded {EngineClass.title}"
    return f"graph engine: {where}"


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedEngine | None]:
    if os.environ.get("NEO4J_URI"):
        yield None
        return
    eng = EngineClass(tmp_path_factory.mktemp("engine"), heap="2g", databases=("neo4j", DEMO_DATABASE, US_DATABASE))
    eng.start()
    yield eng
    eng.stop()


@pytest.fixture(scope="session")
def settings(engine: EmbeddedEngine | None) -> Settings:
    if engine is None:
        return Settings.from_env()
    return Settings.from_env(data_dir=engine.data_dir, neo4j_uri=None)


@pytest.fixture(scope="session")
def session_graph(settings: Settings, engine: EmbeddedEngine | None) -> Iterator[Graph]:
    graph = Graph(settings, engine)
    graph.apply_schema()
    yield graph
    graph.driver.close()


@pytest.fixture
def graph(session_graph: Graph) -> Graph:
    """An empty graph (schema applied) for one test."""
    session_graph.write("writes/wipe_graph")
    return session_graph


@pytest.fixture(scope="session")
def demo_settings(settings: Settings, engine: EmbeddedEngine | None) -> Settings:
    """Settings naming the database that holds the demo (its own database on the
    embedded engine, so tests that wipe `graph` never wipe it)."""
    if engine is None:
        return settings
    return replace(settings, neo4j_database=DEMO_DATABASE)


@pytest.fixture(scope="session")
def demo_graph(demo_settings: Settings, engine: EmbeddedEngine | None) -> Iterator[Graph]:
    """The built-in US jurisdictions and the demo roster, loaded once per session.
    Tests must not write to it."""
    from loaders.demo import load_demo

    graph = Graph(demo_settings, engine)
    graph.apply_schema()
    if engine is None:  # one shared database on an external server
        graph.write("writes/wipe_graph")
    load_demo(graph)
    yield graph
    graph.driver.close()


@pytest.fixture(scope="session")
def us_database(settings: Settings, engine: EmbeddedEngine | None, session_graph: Graph) -> Iterator[Graph]:
    """An empty database of its own (on the embedded engine) for tests that load all US places."""
    if engine is None:
        session_graph.write("writes/wipe_graph")
        yield session_graph
        return
    graph = Graph(replace(settings, neo4j_database=US_DATABASE), engine)
    graph.apply_schema()
    yield graph
    graph.driver.close()


def counts(graph: Graph) -> dict[str, int]:
    return {r["label"]: r["count"] for r in graph.read("queries/node_counts")}
