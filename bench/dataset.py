"""A national synthetic graph per scale, in its own embedded engine, loaded by the real loaders.

The data lives in bench/results/<engine>/data-s<scale> (gitignored): each embedded engine
(ArcadeDB, Neo4j) keeps its own, since neither can open the other's data directory. A
marker file records what was loaded and how long it took, so later runs reuse it;
`--fresh` rebuilds it.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from service.settings import Settings
from service.store.engines import ENGINES
from service.store.graph import Graph

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_ENGINE = "arcadedb"
KINDS = ("regions", "organizations", "contacts", "taskforces", "capabilities")
MARKER = "bench-dataset.json"


@dataclass
class Dataset:
    scale: float
    data_dir: Path
    csv_dir: Path
    rows: dict[str, int]
    nodes: dict[str, int]
    covers: int
    seconds: dict[str, float]
    engine: str = DEFAULT_ENGINE

    def summary(self) -> str:
        return (f"scale {self.scale:g}: " + ", ".join(f"{v:,} {k}" for k, v in self.nodes.items())
                + f", {self.covers:,} COVERS")


def tag(scale: float) -> str:
    return f"s{scale:g}".replace(".", "_")


def results_dir(engine: str = DEFAULT_ENGINE) -> Path:
    """Where one engine's data sets, import engines, logs and results live."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
    return RESULTS / engine


def settings_for(data_dir: Path, heap: str = "3g", jvm_options: str = "", engine: str = DEFAULT_ENGINE,
                 pagecache: str | None = None) -> Settings:
    # Open access and no rate limit: the benchmark is the only client, on loopback.
    settings = Settings(data_dir=data_dir, engine=engine, engine_heap=heap, engine_jvm_options=jvm_options,
                        auth="open", rate_per_second=1e9, rate_burst=1_000_000_000, query_timeout=600.0)
    return replace(settings, engine_pagecache=pagecache) if pagecache else settings


def open_graph(data_dir: Path, heap: str = "3g", jvm_options: str = "", engine: str = DEFAULT_ENGINE,
               pagecache: str | None = None) -> Graph:
    return Graph.open(settings_for(data_dir, heap, jvm_options, engine, pagecache))


def engine_info(graph: Graph) -> dict[str, Any]:
    """Which engine the graph runs on, for the printed lines and the results JSON. ArcadeDB's
    Bolt plugin answers dbms.components() as a 'Neo4j Kernel', so its version is its wheel's."""
    from importlib.metadata import PackageNotFoundError, version

    from neo4j.exceptions import DriverError, Neo4jError

    if graph.engine is None:
        return {"kind": "external", "title": "external server", "version": "", "label": graph.address.uri}
    kind, title = graph.engine.kind, graph.engine.title
    found = ""
    try:
        if kind == "arcadedb":
            found = version("arcadedb-embedded")
        else:
            rows = graph.driver.execute_query("CALL dbms.components() YIELD versions RETURN versions[0] AS v",
                                              database_=graph.address.database).records
            found = str(rows[0]["v"]) if rows else ""
    except (PackageNotFoundError, DriverError, Neo4jError):
        found = ""  # a missing version only leaves the label short
    return {"kind": kind, "title": title, "version": found, "label": f"{title} {found}".strip() + " (embedded)"}


def counts(graph: Graph) -> tuple[dict[str, int], int]:
    nodes = {r["label"]: int(r["count"]) for r in graph.read("queries/node_counts")}
    covers = graph.driver.execute_query("MATCH ()-[r:COVERS]->() RETURN count(r) AS n",
                                        database_=graph.address.database).records[0]["n"]
    return nodes, int(covers)


def load_places(graph: Graph, states: tuple[str, ...] | None) -> None:
    """All built-in US jurisdictions, or (smoke) only the country and these states with their
    counties and cities, through the same loader function."""
    from loaders import load_builtin_us
    from loaders.jurisdictions import us_places, write_places

    if states is None:
        load_builtin_us(graph, progress=False)
        return
    keep = [p for p in us_places() if p["props"]["kind"] == "country" or p["id"] in states
            or p["props"].get("state") in states]
    write_places(graph, [dict(p, props=dict(p["props"])) for p in keep])


def ensure(scale: float, *, fresh: bool = False, heap: str = "3g", jvm_options: str = "", seed: int = 7,
           states: tuple[str, ...] | None = None, say=print, engine: str = DEFAULT_ENGINE,
           pagecache: str | None = None) -> tuple[Dataset, Graph]:
    """The dataset of this scale on this embedded engine, built when missing; returns it with an
    open graph (engine running). `states` limits the jurisdictions (the smoke run); None means
    every real jurisdiction."""
    from loaders import load_file
    from loaders.samples.synthetic import places_from_graph, write_synthetic

    base = results_dir(engine) / (f"data-{tag(scale)}" + ("-" + "-".join(states) if states else ""))
    data_dir, csv_dir = base / "engine", base / "csv"
    marker = base / MARKER
    if fresh and base.exists():
        shutil.rmtree(base)
    if marker.exists():
        graph = open_graph(data_dir, heap, jvm_options, engine, pagecache)
        saved = json.loads(marker.read_text())
        saved["data_dir"], saved["csv_dir"] = data_dir, csv_dir  # where it is now (a data set may be copied)
        say(f"[data] reusing {engine}/{base.name}: {Dataset(**saved).summary()}")
        return Dataset(**saved), graph
    if base.exists():
        shutil.rmtree(base)  # a half-built dataset from an interrupted run
    base.mkdir(parents=True)
    graph = open_graph(data_dir, heap, jvm_options, engine, pagecache)
    say(f"[data] building {engine}/{base.name}")
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    load_places(graph, states)
    seconds["jurisdictions"] = time.perf_counter() - t
    say(f"[data] built-in US jurisdictions loaded in {seconds['jurisdictions']:.1f} s")
    t = time.perf_counter()
    rows = write_synthetic(csv_dir, scale, seed, places=places_from_graph(graph))
    seconds["generate"] = time.perf_counter() - t
    say(f"[data] generated {', '.join(f'{v:,} {k}' for k, v in rows.items())} in {seconds['generate']:.1f} s")
    for kind in KINDS:
        t = time.perf_counter()
        summary = load_file(graph, kind, csv_dir / f"{kind}.csv", progress=False)
        seconds[kind] = time.perf_counter() - t
        say(f"[data] {summary} in {seconds[kind]:.1f} s ({rows[kind] / max(seconds[kind], 1e-9):,.0f} rows/s)")
    nodes, covers = counts(graph)
    ds = Dataset(scale, data_dir, csv_dir, rows, nodes, covers, seconds, engine)
    saved = asdict(ds)
    saved["data_dir"], saved["csv_dir"] = str(data_dir), str(csv_dir)
    marker.write_text(json.dumps(saved, indent=2))
    say(f"[data] {ds.summary()}")
    return ds, graph
