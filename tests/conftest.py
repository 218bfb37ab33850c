"""One engine at a time for the whole test session, each engine in turn.

Every integration test runs against a real Bolt server: once on ArcadeDB (the
arcadedb-embedded wheel) and once on Neo4j Community (embedded, built from
engines/neo4j), each started once; or on the Neo4j that NEO4J_URI names.
`--engine arcadedb` (or REFGRAPH_ENGINE=arcadedb) runs one engine only. A test
that needs the engine asks for `engine_kind` (directly, or through `engine`,
`settings`, `graph`, ...): pytest parametrizes it by engine at session scope
and runs every test of one engine before starting the next. Pure-logic tests
do not ask for it and run once. `graph` hands each test an empty graph with the
schema applied.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import hypothesis.internal.observability  # noqa: F401  (imported early: CPython 3.11.7 ast bug at exit)
import pytest

from service.settings import Settings
from service.store.engines import ENGINE_CLASSES, EmbeddedEngine
from service.store.graph import Graph

DATA = Path(__file__).parent / "data"
DEMO_DATABASE = "demo"
US_DATABASE = "usplaces"  # the built-in US places for loader tests (and the HSDS round trip, which wipes it after)
EXTERNAL = "external"  # the engine_kind when NEO4J_URI names a server


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--engine", action="append", choices=sorted(ENGINE_CLASSES), default=None,
                     help="run the integration tests on this embedded engine only (repeatable; "
                          "default: REFGRAPH_ENGINE, else every engine in turn)")


SELECTED = pytest.StashKey[list[str]]()


def pytest_configure(config: pytest.Config) -> None:
    # Chosen once, before any test: the engine fixture sets REFGRAPH_ENGINE for the commands
    # the tests run, which must not change the selection.
    config.stash[SELECTED] = _select(config)


def selected_engines(config: pytest.Config) -> list[str]:
    return config.stash[SELECTED]


def _select(config: pytest.Config) -> list[str]:
    if os.environ.get("NEO4J_URI"):
        return [EXTERNAL]
    chosen = config.getoption("--engine") or [os.environ.get("REFGRAPH_ENGINE", "").strip() or "all"]
    if chosen == ["all"] or chosen == ["auto"]:
        return list(ENGINE_CLASSES)
    unknown = [c for c in chosen if c not in ENGINE_CLASSES]
    if unknown:
        raise pytest.UsageError(f"REFGRAPH_ENGINE is {unknown[0]!r}: run the suite with "
                                + ", ".join(ENGINE_CLASSES) + " or leave it unset for every engine")
    return list(dict.fromkeys(chosen))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine_kind" in metafunc.fixturenames:
        metafunc.parametrize("engine_kind", selected_engines(metafunc.config), scope="session")


def pytest_report_header(config: pytest.Config) -> str:
    engines = selected_engines(config)
    return "graph engines: " + (os.environ["NEO4J_URI"] if engines == [EXTERNAL]
                                else ", then ".join(ENGINE_CLASSES[e].title for e in engines))


@pytest.fixture(scope="session")
def engine_class(engine_kind: str) -> type[EmbeddedEngine]:
    if engine_kind == EXTERNAL:
        pytest.skip("an external server (NEO4J_URI): this test starts an embedded engine of its own")
    return ENGINE_CLASSES[engine_kind]


@pytest.fixture(scope="session")
def engine(engine_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedEngine | None]:
    if engine_kind == EXTERNAL:
        yield None
        return
    # Commands the tests run (refgraph route, load ...) start, or attach to, the same kind.
    os.environ["REFGRAPH_ENGINE"] = engine_kind
    eng = ENGINE_CLASSES[engine_kind](tmp_path_factory.mktemp(f"engine-{engine_kind}"), heap="2g",
                                      databases=("neo4j", DEMO_DATABASE, US_DATABASE))
    eng.start()
    yield eng
    eng.stop()


@pytest.fixture(scope="session")
def settings(engine: EmbeddedEngine | None) -> Settings:
    if engine is None:
        return Settings.from_env()
    return Settings.from_env(data_dir=engine.data_dir, neo4j_uri=None, engine=engine.kind)


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
    from loaders.samples.demo import load_demo

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
