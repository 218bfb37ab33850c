"""The import ceiling's replay (bench.ceiling): the loader's own steps, recorded without
writing, then replayed on the engine in one transaction that is rolled back."""

from __future__ import annotations

from bench.ceiling import record, replay
from service.store.graph import Graph
from tests.conftest import DATA
from tests.test_loaders import load_all, snapshot


def test_recording_a_roster_writes_nothing_and_keeps_every_step(graph: Graph) -> None:
    load_all(graph, "organizations", "contacts")
    before = snapshot(graph)
    steps = record(graph, "capabilities", DATA / "good_capabilities.csv")
    assert snapshot(graph) == before
    assert sum(len(s.params["rows"]) for s in steps if s.name == "writes/create_capabilities") == 8


def test_the_replay_creates_every_row_then_rolls_back(graph: Graph) -> None:
    load_all(graph, "organizations", "contacts")
    steps = record(graph, "capabilities", DATA / "good_capabilities.csv")
    before = snapshot(graph)
    first, second = replay(graph, steps, 8), replay(graph, steps, 8)
    assert first.created == second.created == 8  # the same ids twice: the first was rolled back
    assert first.row_seconds > 0
    assert snapshot(graph) == before
