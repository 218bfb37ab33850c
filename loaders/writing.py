"""Checked rows into write steps: only new and changed rows (by fingerprint) are sent, to the
roster's named statements, and each write ends by refreshing the coverage digests it touched."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import Any

from service.store.graph import Graph, Step

from .common import batched
from .digests import Touched
from .progress import _Bar


def _changed_batches(graph: Graph, kind: str, records: Iterable[dict[str, Any]],
                     tally: dict[str, int]) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """Batches of (new rows, changed rows): rows whose stored fingerprint equals theirs are
    left out, so re-importing a large, mostly unchanged file writes little."""
    for batch in batched(records):
        stored = {r["id"]: r["fingerprint"] for r in graph.read(f"queries/{kind}_fingerprints",
                                                                  ids=[x["id"] for x in batch])}
        new = [x for x in batch if x["id"] not in stored]
        changed = [x for x in batch if x["id"] in stored and stored[x["id"]] != x["fingerprint"]]
        tally["created"] += len(new)
        tally["updated"] += len(changed)
        if new or changed:
            yield new, changed


def _counted(results: list[list[dict[str, Any]]]) -> tuple[int, int]:
    """Created and updated as the upsert statements counted them (fingerprint before vs after)."""
    counted = [r for result in results for r in result if "created" in r]
    return sum(r["created"] or 0 for r in counted), sum(r["updated"] or 0 for r in counted)


def _steps(names: tuple[str, ...], batches: Iterable[tuple[list[dict[str, Any]], list[dict[str, Any]]]]) -> Iterator[Step]:
    """The statements of each batch: changed rows lose their old links first; new rows go to
    the roster's `writes/create_*` statement when it has one (CREATE, no lookup first), and
    the upsert (which compares fingerprints) writes and links the rest."""
    creates = any(name.startswith("writes/create_") for name in names)
    for new, changed in batches:
        for name in names:
            if name.startswith("writes/unlink_"):
                rows = [{"id": r["id"], "fingerprint": r["fingerprint"]} for r in changed]
            elif name.startswith("writes/create_"):
                rows = new
            else:
                rows = changed if creates else new + changed
            if rows:
                yield Step(name, {"rows": rows})


def _steps_keeping_digests(graph: Graph, kind: str, names: tuple[str, ...],
                           batches: Iterable[tuple[list[dict[str, Any]], list[dict[str, Any]]]],
                           rows_bar: _Bar | None = None, report: dict[str, float] | None = None) -> Iterator[Step]:
    """`_steps`, then the refresh of the coverage digests the batches touched (loaders.digests):
    once the rows are written, their progress bar gives way to one over the refresh (tens of
    seconds after a national import). `report` gets how many places and how long it took."""
    touched = Touched(graph, kind)
    yield from _steps(names, touched.noting(batches))
    refreshes = list(touched.steps())
    shown = rows_bar is not None and rows_bar.shown
    if rows_bar is not None:
        rows_bar.close()
    bar = _Bar(shown and len(refreshes) > 1, len(refreshes), f"Updating the coverage digests of {len(touched.places):,} places")
    started = time.perf_counter()
    for step in refreshes:
        yield step  # write_batches runs it before asking for the next
        bar.update(1)
    bar.close()
    if report is not None:
        report.update(places=len(touched.places) if refreshes else 0, seconds=time.perf_counter() - started)
