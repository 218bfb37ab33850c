"""The engine's own ceiling for an import: how fast could any loader go on this engine?

Refgraph's loader runs once against a recording gateway (it reads the graph as usual, for
references and fingerprints, and leaves every write step here with its parameters), so all
of its work is done before the clock starts. The steps are then replayed through the bare
driver in ONE transaction, as the loader sends them (an import lands whole or not at all),
and rolled back, twice on the same engine: first on a cold JVM, then warm. What it prints is
the engine's rate for the capability rows and its CPU per row: no loader, however fast,
imports faster. The commit is not in it (the transaction is rolled back); on Neo4j it is
about as long again (bench/README.md, "Found at stop 24").
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.store.graph import Graph, Row, Step
from service.store.statements import dated, statement

from .importing import engine_pid, process_cpu_seconds


class RecordingGraph(Graph):
    """The gateway with its writes kept instead of sent."""

    def __init__(self, graph: Graph) -> None:
        super().__init__(graph.settings, graph.engine)
        self.steps: list[Step] = []

    def write_batches(self, steps: Iterable[Step] | Callable[[], Iterable[Step]],
                      timeout: float = 3600.0) -> list[list[Row]]:
        results: list[list[Row]] = []
        for step in steps() if callable(steps) else steps:
            self.steps.append(step)  # its lists stay whole: nothing sends and empties them
            rows = step.params.get("rows")
            results.append([{"created": len(rows), "updated": 0}] if isinstance(rows, list) else [])
        return results


@dataclass(frozen=True)
class Replay:
    rows: int
    created: int  # as the create statements counted them (then rolled back)
    row_seconds: float
    engine_cpu_s: float | None  # every thread of the engine (GC, JIT too)

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.row_seconds

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rows": self.rows, "created": self.created, "row_seconds": self.row_seconds,
                               "rows_per_s": self.rows_per_s}
        if self.engine_cpu_s is not None:
            out["engine_us_per_row"] = self.engine_cpu_s / self.rows * 1e6
        return out


def record(graph: Graph, kind: str, path: Path) -> list[Step]:
    """The write steps Refgraph's loader makes for this roster."""
    from loaders import load_file

    recorder = RecordingGraph(graph)
    try:
        load_file(recorder, kind, path, progress=False)
    finally:
        recorder.driver.close()
    return recorder.steps


def replay(graph: Graph, steps: list[Step], rows: int) -> Replay:
    """The steps in one transaction, timed, then rolled back."""
    pid = engine_pid(graph)
    created = 0
    with graph.driver.session(database=graph.address.database) as session:
        tx = session.begin_transaction(timeout=3600)
        try:
            t, c = time.perf_counter(), process_cpu_seconds(pid) if pid else 0.0
            for step in steps:
                text = statement(step.name)
                result = tx.run(text, dated(text, step.params)).data()  # $today, as the gateway gives it
                created += sum(r.get("created") or 0 for r in result)
            spent, cpu = time.perf_counter() - t, (process_cpu_seconds(pid) - c) if pid else None
        finally:
            tx.rollback()
    return Replay(rows, created, spent, cpu)


def run(graph: Graph, path: Path, rows: int, say: Callable[[str], None] = print) -> dict[str, Any]:
    t = time.perf_counter()
    steps = record(graph, "capabilities", path)
    say(f"[ceiling] the loader's {len(steps)} write steps for {rows:,} rows recorded in {time.perf_counter() - t:.1f} s")
    out: dict[str, Any] = {}
    for name in ("cold", "warm"):
        r = replay(graph, steps, rows)
        out[name] = r.as_dict()
        say(f"[ceiling] engine alone, {name}: {r.rows_per_s:,.0f} rows/s ({r.row_seconds:.1f} s)"
            + (f"; engine CPU a row: {out[name]['engine_us_per_row']:.0f} us" if r.engine_cpu_s is not None else ""))
    return out
