"""A roster import killed with SIGKILL lands whole or not at all, never partly.

A child process imports a 10,000-row capabilities file (5 UNWIND batches of
2,000 rows, each replacing its rows' links) into the session's engine through
`loaders.load_file`, the function behind `refgraph load capabilities FILE`.
The child announces each statement as it hands it to the transaction, and the
test kills it (kill -9) at a chosen moment: while the file is still being
checked, after the first batch, half-way through the batches, and with every
statement sent but the commit not yet confirmed. Each file rewrites every row
(new notes) and adds 1,000 new ones, so "unchanged" and "completely imported"
differ in node and relationship counts and in the content of every capability.
Afterwards the graph must equal one of the two: exactly as before (label and
type counts and a checksum of every capability with its links), or holding the
whole file, so that importing it again finds nothing left to create or update.
"""

from __future__ import annotations

import csv
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from loaders import load_file
from service.domain.vocabulary import Service
from service.ops.audit import Audit
from service.settings import Settings
from service.store.graph import Graph
from service.store.statements import statement
from tests.builders import FIXTURE_CYPHER, Roster, small_state, write_jurisdictions
from tests.conftest import counts

ROWS = 9_000
NEW_PER_TRIAL = 1_000
ORGS = 20
COUNTIES = ["us-ts-alpha-county", "us-ts-beta-county", "us-ts-a1", "us-ts-a2", "us-ts-b1", "us-ts-b2"]
COLUMNS = ["id", "organization", "service", "urgency", "hours", "nationality", "age", "gender", "trafficking",
           "jurisdictions", "priority", "contact", "notes", "verified_on", "retired_on"]
CHILD_BUDGET = 90.0  # seconds a child may take to reach the moment it is killed at

# The child: load_file exactly as the CLI calls it, with a hook that prints each statement
# as it is handed to the (one) write transaction, and COMMIT once every statement has run.
CHILD = """
import sys
from pathlib import Path
import loaders
from service.ops.audit import Audit
from service.store.graph import Graph
from service.settings import Settings

graph = Graph.open(Settings.from_env(), apply_schema=False)
write_batches = graph.write_batches

def announced(factory, timeout=3600.0):
    def steps():
        for number, step in enumerate(factory()):
            print(f"STEP {number} {step.name}", flush=True)
            yield step
        print("COMMIT", flush=True)
    return write_batches(steps, timeout)

graph.write_batches = announced
print("CHECKING", flush=True)
print("DONE", loaders.load_file(graph, "capabilities", Path(sys.argv[1]), audit=Audit("cli:kill-test")), flush=True)
"""

def _roster(path: Path, tag: str, new: int) -> Path:
    """ROWS shared capabilities (notes = tag) plus `new` capabilities only this file has."""
    services = [s.value for s in Service]
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(COLUMNS)
        ids = [f"cap-{n:05d}" for n in range(ROWS)] + [f"cap-{tag}-{n:04d}" for n in range(new)]
        for n, ident in enumerate(ids):
            places = ";".join(COUNTIES[(n + k) % len(COUNTIES)] for k in range(1 + n % 2))
            out.writerow([ident, f"org-{n % ORGS:02d}", services[n % len(services)], "ANY", "ANY", "ANY",
                          "ANY", "ANY", "ANY", places, str(n % 50), "", f"{tag} row {n}", "2025-01-01", ""])
    return path


def _read(graph: Graph, name: str) -> list[dict[str, Any]]:
    text = statement(name, FIXTURE_CYPHER)
    with graph.driver.session(database=graph.address.database) as session:
        return session.execute_read(lambda tx: tx.run(text).data())


def snapshot(graph: Graph) -> dict[str, Any]:
    """Node counts by label, relationship counts by type, and a checksum of every capability."""
    digest = hashlib.sha256()
    capabilities = _read(graph, "capability_snapshot")
    for c in capabilities:
        digest.update(repr((c["id"], c["fingerprint"], c["notes"], sorted(c["offeredBy"]),
                            sorted(c["covers"]), sorted(c["via"]))).encode())
    return {"nodes": counts(graph),
            "relationships": {r["type"]: r["count"] for r in _read(graph, "relationship_counts")},
            "capabilities": digest.hexdigest()}


def settled_snapshot(graph: Graph, tries: int = 10) -> dict[str, Any]:
    """The graph once it stops changing: a commit the killed client had already sent may
    still land on the server a moment after the kill."""
    last = snapshot(graph)
    for _ in range(tries):
        time.sleep(1.0)
        now = snapshot(graph)
        if now == last:
            return now
        last = now
    raise AssertionError("the graph kept changing for 10 s after the import was killed")


def _kill_at(settings: Settings, path: Path, moment: str) -> tuple[list[str], float]:
    """Run the child and SIGKILL it as soon as it prints a line starting with `moment`."""
    env = {**os.environ, "REFGRAPH_DATA_DIR": str(settings.data_dir),
           "NEO4J_DATABASE": settings.neo4j_database, "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env, cwd=Path(__file__).parents[2])
    lines: list[str] = []
    start = time.monotonic()
    try:
        assert child.stdout is not None
        for line in child.stdout:  # the child prints a line at least every batch
            lines.append(line.strip())
            if line.startswith(moment):
                if moment == "CHECKING":
                    time.sleep(0.5)  # well inside the check of 10,000 rows
                os.kill(child.pid, signal.SIGKILL)
                break
            assert time.monotonic() - start < CHILD_BUDGET, f"child too slow: {lines[-3:]}"
        else:
            raise AssertionError(f"the child ended before {moment!r}: {lines[-3:]} {child.stderr.read()[-2000:]}")  # type: ignore[union-attr]
    finally:
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, f"child was not killed: {lines[-3:]}"
    return lines, time.monotonic() - start


MOMENTS = [
    ("while checking the file", "CHECKING"),
    ("after the first batch", "STEP 2 "),
    ("half-way through the batches", "STEP 5 "),
    ("every statement sent, commit not confirmed", "COMMIT"),
    ("after the commit returned", "DONE"),
]


def test_an_import_killed_at_any_moment_leaves_the_graph_unchanged_or_complete(
        graph: Graph, settings: Settings, tmp_path: Path) -> None:
    started = time.monotonic()
    roster = Roster()
    for n in range(ORGS):
        roster.org(f"org-{n:02d}")
    write_jurisdictions(graph, *small_state())
    roster.load(graph)
    load_file(graph, "capabilities", _roster(tmp_path / "base.csv", "base", 0), audit=Audit("cli:test"))
    before = snapshot(graph)
    print(f"\nset-up done after {time.monotonic() - started:.1f} s")
    assert before["nodes"]["Capability"] == ROWS

    outcomes = []
    for number, (label, moment) in enumerate(MOMENTS):
        path = _roster(tmp_path / f"trial{number}.csv", f"trial{number}", NEW_PER_TRIAL)
        lines, seconds = _kill_at(settings, path, moment)
        after_kill = settled_snapshot(graph)
        if after_kill == before:
            outcome = "unchanged"
        else:
            # Importing the same file again must then find every row already written.
            summary = load_file(graph, "capabilities", path, audit=Audit("cli:test"))
            assert (summary.created, summary.updated) == (0, 0), f"killed {label}: partial import: {summary}"
            assert snapshot(graph) == after_kill
            assert after_kill["nodes"]["Capability"] == before["nodes"]["Capability"] + NEW_PER_TRIAL
            assert after_kill["relationships"]["COVERS"] > before["relationships"]["COVERS"]
            assert after_kill["nodes"]["Change"] == before["nodes"]["Change"] + 1
            outcome = "complete"
            before = after_kill
        sent = sum(1 for line in lines if line.startswith("STEP"))
        outcomes.append(f"{label}: killed after {seconds:.1f} s, {sent} statements sent -> {outcome}")
        if moment == "CHECKING":
            assert sent == 0 and outcome == "unchanged"
        if moment.startswith("STEP"):
            assert outcome == "unchanged", "a transaction without its commit must not land"
        if moment == "DONE":
            assert outcome == "complete", "a committed import must survive its process"
    print("\n".join(outcomes) + f"\n{time.monotonic() - started:.1f} s in all")
