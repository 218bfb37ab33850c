"""Stored data brought up to what this version reads: idempotent, run with the schema
(`Graph.apply_schema`), cheap when there is nothing to do."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..domain.hours import HoursError, parse_hours

if TYPE_CHECKING:
    from .graph import Graph

log = logging.getLogger(__name__)
BATCH = 2000


def add_week_hours(graph: Graph) -> int:
    """Organizations stored before `open_minutes` existed get them from their
    hours text (routing at a moment reads them). Returns how many were upgraded."""
    rows, unreadable = [], 0
    for r in graph.read("queries/organizations_without_week_hours"):
        try:
            week = parse_hours(r["hours"])
            minutes = week.week_minutes()
        except HoursError:  # stored before hours were checked: taken as never open (after hours)
            minutes, unreadable = [], unreadable + 1
        rows.append({"id": r["id"], "open_minutes": minutes})
    for start in range(0, len(rows), BATCH):
        graph.write("writes/set_week_hours", rows=rows[start:start + BATCH])
    if rows or unreadable:
        log.info("stored data upgraded: weekly hours for %d organizations (%d with unreadable hours, "
                 "taken as never open)", len(rows), unreadable)
    return len(rows)


def add_capability_place_ids(graph: Graph) -> int:
    """Capabilities stored before `place_ids` existed get the ids of the places they cover
    (gap candidates read them). Returns how many were upgraded."""
    total = 0
    for upgraded in _batches_until_done(graph, "writes/add_capability_place_ids", "upgraded"):
        if total == 0 and upgraded == BATCH:  # more to come: say why the start takes a while
            log.info("upgrading stored data: adding place ids to capabilities")
        total += upgraded
    if total:
        log.info("stored data upgraded: place ids for %d capabilities", total)
    return total


def drop_coverage_digests(graph: Graph) -> int:
    """Databases written before routing became a traversal hold CoverageDigest nodes (per-place
    string digests routing used to filter); nothing reads them now. Deleted in batches; returns
    how many were deleted."""
    total = sum(_batches_until_done(graph, "writes/drop_coverage_digests", "deleted"))
    if total:
        log.info("stored data upgraded: %d coverage digests deleted (routing traverses coverage itself)", total)
    return total


def _batches_until_done(graph: Graph, name: str, column: str) -> Iterator[int]:
    """Run the upgrade statement `name` (`$batch` records a run, each its own transaction) until
    it reports none left in `column`; yields each run's count."""
    while done := graph.write(name, batch=BATCH)[0][column]:
        yield done
