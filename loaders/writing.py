"""Checked rows into write steps: only new and changed rows (by fingerprint) are sent, to the
roster's named statements."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from service.store.graph import Graph, Step

from .common import batched


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
