"""Stewards' writes, done exactly as a roster import does them.

A mutation becomes one roster row (the same columns as the CSV) and goes
through `loaders.load_frame` on the sync gateway in a worker thread: the same
validation, the same fingerprints, the same UNWIND upserts. Retire, verify and
set-coverage rebuild the record's current row from the graph, change one cell
and save it the same way, so a later re-import sees what a steward changed.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import pandas as pd
from strawberry.utils.str_converters import to_camel_case

import loaders
from loaders.records import Kind, cells_of
from service.domain.dates import is_retired, today
from service.errors import EngineUnavailable, ImportRejected
from service.ops.audit import Audit
from service.store.graph import AsyncGraph, Graph


@dataclass(frozen=True)
class Problem:
    field: str | None  # the GraphQL input field (camelCase), None for the record as a whole
    value: str
    problem: str


@dataclass(frozen=True)
class Saved:
    kind: Kind
    record: dict[str, Any]
    outcome: str  # CREATED, UPDATED or UNCHANGED


@dataclass(frozen=True)
class Rejected:
    message: str
    problems: list[Problem]


@dataclass(frozen=True)
class Missing:
    kind: Kind
    id: str


Result = Saved | Rejected | Missing




def save_row(graph: Graph, kind: Kind, cells: dict[str, str], source: str,
             audit: Audit | None = None) -> Saved | Rejected:
    """Validate and write one row through the roster loader (blocking: run it in a thread);
    the audit entry is committed in the same transaction as the row."""
    frame = pd.DataFrame([{name: cells.get(name, "") for name in kind.columns}], dtype=object)
    try:
        summary = loaders.load_frame(graph, kind.roster, frame, source=source, audit=audit)
    except ImportRejected as exc:
        problems = [Problem(to_camel_case(p.column) if p.column else None, p.value, p.problem)
                    for p in exc.problems]
        return Rejected(rejection_message(kind, cells.get("id", ""), problems), problems)
    outcome = "CREATED" if summary.created else "UPDATED" if summary.updated else "UNCHANGED"
    return Saved(kind, {}, outcome)


def rejection_message(kind: Kind, ident: str, problems: list[Problem]) -> str:
    parts = [" ".join(x for x in (p.field or "record", f'"{p.value}"' if p.value else "", p.problem) if x)
             for p in problems]
    return f"The {kind.label} {ident!r} was not saved (nothing was written): " + "; ".join(parts)


class Steward:
    """Runs one steward's change: read the record, build its row, save it, read it back."""

    def __init__(self, graph: AsyncGraph, writer: Graph | None, actor: str = "unknown") -> None:
        self.graph = graph
        self.writer = writer
        self.actor = actor  # who, for the audit trail (key name, never the key)

    async def record(self, kind: Kind, ident: str) -> dict[str, Any] | None:
        rows = await self.graph.read(kind.records, ids=[ident])
        return rows[0][kind.key] if rows else None

    async def save(self, kind: Kind, cells: dict[str, str], reason: str | None, action: str = "upsert",
                   before: dict[str, Any] | None = None) -> Saved | Rejected:
        if self.writer is None:
            raise EngineUnavailable("This service was started without a write gateway",
                                    "Start it through service.app.create_app")
        if before is None:
            before = await self.record(kind, cells.get("id", ""))
        audit = Audit(self.actor, action=action, reason=reason, entity=cells.get("id"),
                      before=cells_of(kind, before) if before else None,
                      after={name: cells.get(name, "") for name in kind.columns})
        # The save runs in a thread (the roster loaders are synchronous); its answer is bounded like
        # any read: a frozen engine cannot hold the steward's request past the query timeout.
        async with self.graph.answering_in_time(writing=True):
            result = await asyncio.to_thread(save_row, self.writer, kind, cells, f"{kind.roster} change", audit)
        if isinstance(result, Rejected):
            return result
        record = await self.record(kind, cells["id"])
        assert record is not None, "a saved record reads back"
        return Saved(kind, record, result.outcome)

    async def change(self, kind: Kind, ident: str, reason: str | None, action: str, **changes: str) -> Result:
        """Save the record's current row with some cells replaced (retire, verify, coverage)."""
        record = await self.record(kind, ident)
        if record is None:
            return Missing(kind, ident)
        return await self.save(kind, {**cells_of(kind, record), **changes}, reason, action, record)

    async def retire(self, kind: Kind, ident: str, reason: str | None) -> Result:
        record = await self.record(kind, ident)
        if record is None:
            return Missing(kind, ident)
        if is_retired(record.get("retired_on")):
            return Saved(kind, record, "UNCHANGED")  # already retired: keep the first date
        # not yet, or scheduled for a later day: retired from today
        return await self.save(kind, {**cells_of(kind, record), "retired_on": today()}, reason, "retire", record)
