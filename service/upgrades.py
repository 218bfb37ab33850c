"""Stored data brought up to what this version reads: idempotent, run with the schema
(`Graph.apply_schema`), cheap when there is nothing to do."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .hours import HoursError, parse_hours

if TYPE_CHECKING:
    from .graph import Graph

log = logging.getLogger(__name__)
BATCH = 2000


def add_open_minutes(graph: Graph) -> int:
    """Organizations stored before `open_minutes` existed get them from their hours text
    (routing at a moment reads them). Returns how many were upgraded."""
    rows, unreadable = [], 0
    for r in graph.read("queries/organizations_without_open_minutes"):
        try:
            minutes = parse_hours(r["hours"]).week_minutes()
        except HoursError:  # stored before hours were checked: taken as never open (after hours)
            minutes, unreadable = [], unreadable + 1
        rows.append({"id": r["id"], "open_minutes": minutes})
    for start in range(0, len(rows), BATCH):
        graph.write("writes/set_open_minutes", rows=rows[start:start + BATCH])
    if rows or unreadable:
        log.info("stored data upgraded: open minutes for %d organizations (%d with unreadable hours, "
                 "taken as never open)", len(rows), unreadable)
    return len(rows)
