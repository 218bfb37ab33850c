"""The graph gateway: the only module that talks to the neo4j driver.

It owns the driver, the sessions, the retries and the Cypher library. Reads run
in read transactions (spread over secondaries on a cluster), writes in write
transactions (retried on transient conflicts), always naming the database. A
MERGE that loses ArcadeDB's duplicate-key race (ConstraintError) is retried, so
concurrent upserts never fail or duplicate. Results leave as plain values.
"""

from __future__ import annotations

import asyncio
import logging
import random
import shutil
import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, replace
from typing import Any, Generic, Self, TypeVar

import neo4j
from neo4j import AsyncGraphDatabase, GraphDatabase, unit_of_work
from neo4j.exceptions import (
    AuthError,
    ConnectionAcquisitionTimeoutError,
    ConstraintError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from ..errors import CannotWrite, EngineBusy, EngineUnavailable, RefgraphError
from ..settings import Settings
from .cost import is_report
from .engines import EmbeddedEngine, EngineAddress, engine_for
from .reports import Reports
from .statements import dated, schema_statements, statement
from .upgrades import add_capability_place_ids, add_week_hours, drop_coverage_digests

log = logging.getLogger(__name__)

T = TypeVar("T")
U = TypeVar("U")
Row = dict[str, Any]
CONSTRAINT_RETRIES = 8
UNAVAILABLE = (ServiceUnavailable, SessionExpired, ConnectionError, OSError)


@dataclass(frozen=True)
class Plan(Generic[T]):
    """A read the domain layer asks for: one statement, its parameters, and how
    to turn its rows into a typed answer. Both gateways run the same plan, so
    routing and gap logic is written once for the CLI (sync) and the service (async)."""

    statement: str
    params: dict[str, Any]
    finish: Callable[[list[Row]], T | Plan[T]]
    cost: int = 1  # in routes (service.store.cost); a report's answer is shared and capped (service.store.reports)


def and_then(plan: Plan[T], then: Callable[[T], U | Plan[U]]) -> Plan[U]:
    """The plan, then `then` on its answer (which may hand over to a further plan)."""

    def finish(rows: list[Row]) -> U | Plan[U]:
        result = plan.finish(rows)
        return and_then(result, then) if isinstance(result, Plan) else then(result)

    return Plan(plan.statement, plan.params, finish, plan.cost)


@dataclass(frozen=True)
class Step:
    """One statement with its parameters, part of a multi-statement write."""

    name: str
    params: dict[str, Any]


# What a client reads never names the engine's address or the driver's exception (they help
# an attacker, not the caller); the log has both for the operator.
def _unavailable(exc: BaseException, where: str) -> EngineUnavailable:
    if isinstance(exc, ConnectionAcquisitionTimeoutError):
        log.warning("every connection to the graph engine at %s is in use (%s)", where, type(exc).__name__)
        return EngineBusy(
            "The service is busy: every connection to the graph engine is in use",
            "Try again in a moment; an operator can raise REFGRAPH_POOL_SIZE",
        )
    log.warning("the graph engine at %s does not answer (%s)", where, type(exc).__name__)
    return EngineUnavailable(
        "The graph engine does not answer",
        "Check it is running (refgraph check); requests will succeed again once it is back",
    )


DISK_FULL = ("no space left on device", "disk full", "not enough space", "disk quota exceeded")
# Neo4j: a commit that could not reach the transaction log (a full or failing disk); the database then
# refuses everything until restarted ("... has encountered a critical error, and needs to be restarted").
TRANSACTION_LOG_FAILED = "Neo.DatabaseError.Transaction.TransactionLogError"
NEEDS_RESTART = "needs to be restarted"
# Errors that are about the request, never the disk: a statement, a schema constraint, a permission.
REQUEST_ERRORS = ("Neo.ClientError.Statement.", "Neo.ClientError.Schema.", "Neo.ClientError.Security.")
LOW_SPACE = 64 << 20  # bytes free under which an embedded engine's failed commit is its full disk


def _free_bytes(engine: EmbeddedEngine | None) -> int | None:
    if engine is None:  # an external server: its disk is not ours to look at
        return None
    try:
        return shutil.disk_usage(engine.data_dir).free
    except OSError:
        return None


def _storage_trouble(exc: Neo4jError, where: str, engine: EmbeddedEngine | None) -> RefgraphError | None:
    """A failure that is the engine's disk, as the person reads it; None when it is something else.

    Neither engine says "no space left" when its disk fills: ArcadeDB fails the commit
    (TransactionNotFound, "Transaction error on commit"), Neo4j cannot append to its transaction
    log and then stops the database. So the embedded engine's free space is looked at too."""
    said = f"{exc.message or ''} {exc.code or ''}".lower()
    if (exc.code or "").startswith(REQUEST_ERRORS):
        return None
    free = _free_bytes(engine)
    full = any(words in said for words in DISK_FULL) or (free is not None and free < LOW_SPACE)
    if NEEDS_RESTART in said:
        log.error("the graph engine at %s stopped its database after a storage error%s", where,
                  " (its disk is full)" if full else "")
        return EngineUnavailable(
            "The graph engine stopped its database after a storage error"
            + (": the disk holding its data is full" if full else ""),
            ("Free space on that disk, then restart Refgraph" if full else
             "An operator: see the engine's log, fix the disk, then restart Refgraph")
            + "; requests will succeed again once it is back")
    if full:
        log.error("the graph engine at %s cannot write: its disk is full", where)
        return CannotWrite("The graph engine cannot write: the disk holding its data is full, and "
                           "nothing of this request was saved",
                           "Free space on that disk (an operator: see the engine's log), then try again")
    if exc.code == TRANSACTION_LOG_FAILED:
        log.error("the graph engine at %s could not write its transaction log", where)
        return CannotWrite("The graph engine could not write to its disk (full or failing), and nothing "
                           "of this request was saved",
                           "An operator: free space or fix the disk (see the engine's log), then try again")
    return None


def _auth_failed(where: str) -> EngineUnavailable:
    log.warning("the graph engine at %s refused the credentials", where)
    return EngineUnavailable(
        "The graph engine refused the credentials",
        "Check NEO4J_USER and NEO4J_PASSWORD (refgraph check)",
    )


def resolve_address(settings: Settings, engine: EmbeddedEngine | None) -> EngineAddress:
    if settings.embedded:
        if engine is None:
            raise EngineUnavailable("No embedded engine was started", "Start one with Graph.open()")
        return engine.address_for(settings.neo4j_database)
    return EngineAddress(settings.neo4j_uri, settings.neo4j_user,
                         settings.neo4j_password.get_secret_value(), settings.neo4j_database)


@contextmanager
def driver_errors(where: str, engine: EmbeddedEngine | None = None) -> Iterator[None]:
    """Driver failures as the one error people see: the engine does not answer, refused the
    credentials, or cannot write to its disk. Works around awaits too, so both gateways use it."""
    try:
        yield
    except AuthError:
        raise _auth_failed(where) from None
    except (*UNAVAILABLE, DriverError) as exc:
        raise _unavailable(exc, where) from None
    except Neo4jError as exc:
        trouble = _storage_trouble(exc, where, engine)
        if trouble is not None:
            raise trouble from None
        raise


def driver_options(settings: Settings) -> dict[str, Any]:
    return {
        "max_connection_pool_size": settings.pool_size,
        "connection_timeout": 1.0,
        # Bounded so a request fails fast (under 5 s) when the engine hangs or is gone.
        "connection_acquisition_timeout": 4.0,
        "max_transaction_retry_time": settings.retry_time,
        # The linter and the tests catch what notifications say; in production they are noise
        # (and would log query texts).
        "notifications_min_severity": "OFF",
    }




class Graph:
    """Synchronous gateway, for the CLI, the loaders and the tests."""

    def __init__(self, settings: Settings, engine: EmbeddedEngine | None = None) -> None:
        self.settings = settings
        self.engine = engine
        self.address = resolve_address(settings, engine)
        self.statements: Callable[[str], str] = statement  # the Cypher library, by name
        self.driver = GraphDatabase.driver(
            self.address.uri, auth=(self.address.user, self.address.password),
            **driver_options(settings),
        )

    @classmethod
    def open(cls, settings: Settings | None = None, apply_schema: bool = True) -> Graph:
        settings = settings or Settings.from_env()
        engine = None
        if settings.embedded:
            engine = engine_for(settings)
            engine.start()
        graph = cls(settings, engine)
        if apply_schema:
            graph.apply_schema()
        return graph

    def close(self) -> None:
        self.driver.close()
        if self.engine is not None and self.engine.owned:
            self.engine.stop()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _session(self) -> neo4j.Session:
        return self.driver.session(database=self.address.database)

    def read(self, name: str, /, **params: Any) -> list[Row]:
        """Run one read statement from the library; rows as plain dicts."""
        query = self.statements(name)

        @unit_of_work(timeout=self.settings.query_timeout)
        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            return [dict(r) for r in tx.run(query, dated(query, params))]

        with driver_errors(self.address.uri, self.engine), self._session() as session:
            return session.execute_read(work)

    def run(self, plan: Plan[T]) -> T:
        """Run a domain read plan: one round trip, typed answer (or, when the plan's
        finish hands over to a follow-up plan, that plan's answer)."""
        result: Any = plan.finish(self.read(plan.statement, **plan.params))
        while isinstance(result, Plan):
            result = result.finish(self.read(result.statement, **result.params))
        return result

    def write(self, name: str, /, **params: Any) -> list[Row]:
        """Run one write statement in its own transaction."""
        return self.write_steps([Step(name, params)])[-1]

    def write_steps(self, steps: list[Step]) -> list[list[Row]]:
        """Run several statements in ONE write transaction: all or nothing."""
        timeout = max(self.settings.query_timeout, 30.0 + len(steps))

        @unit_of_work(timeout=timeout)
        def work(tx: neo4j.ManagedTransaction) -> list[list[Row]]:
            return [[dict(r) for r in tx.run(text, dated(text, s.params))]
                    for s in steps for text in (self.statements(s.name),)]

        with driver_errors(self.address.uri, self.engine), self._session() as session:
            return _retry_constraint_races(lambda: session.execute_write(work))

    def write_batches(self, steps: Iterable[Step] | Callable[[], Iterable[Step]],
                      timeout: float = 3600.0) -> list[list[Row]]:
        """Stream many statements (e.g. UNWIND batches of a large file) through ONE
        write transaction: the file lands completely or not at all, and a large file
        never sits in memory whole when `steps` is a generator (each step's lists are
        emptied once it is written; see `_release`).

        Pass a function that makes the steps (rather than the steps themselves) and
        a transaction that loses a write conflict (TransientError) or a concurrent
        MERGE race (ConstraintError) is run again from the start, as
        `execute_write` would; a plain iterable cannot be replayed, so it is not."""
        make = steps if callable(steps) else None
        attempts = CONSTRAINT_RETRIES if make is not None else 1
        for attempt in range(attempts):
            try:
                return self._write_batches_once(make() if make is not None else steps, timeout)  # type: ignore[arg-type]
            except (TransientError, ConstraintError):
                if attempt == attempts - 1:
                    raise
                time.sleep(_backoff(attempt))
        raise AssertionError("unreachable")

    def _write_batches_once(self, steps: Iterable[Step], timeout: float) -> list[list[Row]]:
        results: list[list[Row]] = []
        with (driver_errors(self.address.uri, self.engine), self._session() as session,
              session.begin_transaction(timeout=timeout) as tx):
            for s in steps:
                text = self.statements(s.name)
                results.append([dict(r) for r in tx.run(text, dated(text, s.params))])
                _release(s.params)
            tx.commit()
        return results

    def apply_schema(self) -> int:
        """Create every constraint and index that is missing, and upgrade stored data this
        version reads differently (service.store.upgrades); idempotent."""
        with driver_errors(self.address.uri, self.engine), self._session() as session:
            for name, text in schema_statements():
                session.run(text).consume()
        add_week_hours(self)
        add_capability_place_ids(self)
        drop_coverage_digests(self)
        return len(schema_statements())

    def ping(self) -> None:
        with driver_errors(self.address.uri, self.engine):
            self.driver.verify_connectivity()


def _release(params: dict[str, Any]) -> None:
    """Empty a written step's lists (its batch of rows): the driver keeps every statement's
    parameters until the transaction ends, which would hold a whole file in memory."""
    for value in params.values():
        if isinstance(value, list):
            value.clear()


class AsyncGraph:
    """Asynchronous gateway, for the service."""

    def __init__(self, settings: Settings, engine: EmbeddedEngine | None = None) -> None:
        self.settings = settings
        self.engine = engine
        self.address = resolve_address(settings, engine)
        self.statements: Callable[[str], str] = statement  # the Cypher library, by name
        self.driver = AsyncGraphDatabase.driver(
            self.address.uri, auth=(self.address.user, self.address.password),
            **driver_options(settings),
        )
        self.reports = Reports(self.read, settings.report_slots, settings.report_wait,
                               read_report=self._read_report)
        self._report_graph: Graph | None = None
        # Set by the service's engine watch (service.app.watch_engine) while the engine does not
        # answer its pings: requests then end at once instead of waiting on a frozen engine.
        self.stalled = False
        self._deadlines: set[asyncio.Timeout] = set()

    async def close(self) -> None:
        await self.driver.close()
        if self._report_graph is not None:
            await asyncio.to_thread(self._report_graph.driver.close)

    async def _read_report(self, name: str, /, **params: Any) -> list[Row]:
        """A report's statement on the reports' own connections, in a worker thread."""
        if self._report_graph is None:
            self._report_graph = Graph(replace(self.settings, pool_size=self.settings.report_slots), self.engine)
        reporting = self._report_graph
        reporting.statements = self.statements
        async with self.answering_in_time():
            return await asyncio.to_thread(reporting.read, name, **params)

    @asynccontextmanager
    async def answering_in_time(self, seconds: float | None = None, writing: bool = False) -> AsyncIterator[None]:
        """End the work inside with ENGINE_UNAVAILABLE after `seconds` (the query timeout), or at once
        when the engine stalls: a frozen engine keeps its sockets open and never answers, and the
        engine's own transaction timeout cannot fire while it is frozen."""
        seconds = self.settings.query_timeout if seconds is None else seconds
        if self.stalled:
            raise _stalled(writing)
        try:
            async with asyncio.timeout(seconds) as deadline:
                self._deadlines.add(deadline)
                try:
                    yield
                finally:
                    self._deadlines.discard(deadline)
        except TimeoutError:
            raise (_stalled(writing) if self.stalled else _too_slow(seconds, writing)) from None

    def mark_stalled(self, stalled: bool) -> None:
        """The engine watch's verdict; a stall ends every request waiting on the engine now."""
        if stalled and not self.stalled:
            log.error("the graph engine does not answer its pings; ending the requests waiting on it")
            now = asyncio.get_running_loop().time()
            for deadline in list(self._deadlines):
                deadline.reschedule(now)
        elif self.stalled and not stalled:
            log.warning("the graph engine answers again")
        self.stalled = stalled

    def _session(self) -> neo4j.AsyncSession:
        return self.driver.session(database=self.address.database)

    async def read(self, name: str, /, **params: Any) -> list[Row]:
        query = self.statements(name)

        @unit_of_work(timeout=self.settings.query_timeout)
        async def work(tx: neo4j.AsyncManagedTransaction) -> list[Row]:
            result = await tx.run(query, dated(query, params))
            return [dict(r) async for r in result]

        async def call() -> list[Row]:
            async with self._session() as session:
                return await session.execute_read(work)

        with driver_errors(self.address.uri, self.engine):
            async with self.answering_in_time():
                return await call()

    async def run(self, plan: Plan[T]) -> T:
        """Run a domain read plan; a step that is a report (service.store.cost) is shared, kept until
        the next write and capped per process (service.store.reports)."""
        result: Any = plan
        while isinstance(result, Plan):
            if is_report(result.cost):
                result = await self.reports.answer(result.statement, result.params, result.finish)
            else:
                result = result.finish(await self.read(result.statement, **result.params))
        return result

    async def write(self, name: str, /, **params: Any) -> list[Row]:
        return (await self.write_steps([Step(name, params)]))[-1]

    async def write_steps(self, steps: list[Step]) -> list[list[Row]]:
        timeout = max(self.settings.query_timeout, 30.0 + len(steps))

        @unit_of_work(timeout=timeout)
        async def work(tx: neo4j.AsyncManagedTransaction) -> list[list[Row]]:
            out = []
            for s in steps:
                text = self.statements(s.name)
                result = await tx.run(text, dated(text, s.params))
                out.append([dict(r) async for r in result])
            return out

        async def call() -> list[list[Row]]:
            for attempt in range(CONSTRAINT_RETRIES):
                try:
                    async with self._session() as session:
                        return await session.execute_write(work)
                except ConstraintError:
                    if attempt == CONSTRAINT_RETRIES - 1:
                        raise
                    await asyncio.sleep(_backoff(attempt))
            raise AssertionError("unreachable")

        with driver_errors(self.address.uri, self.engine):
            async with self.answering_in_time(writing=True):
                return await call()

    async def ping(self) -> None:
        """Raise EngineUnavailable unless the engine and its database answer (a stopped database
        still accepts connections). Not held back by a stall: the engine watch pings to see the
        engine answer again; its callers bound the wait."""
        with driver_errors(self.address.uri, self.engine):
            async with self._session() as session:
                result = await session.run(self.statements("queries/database_answers"))
                await result.consume()


UNSURE_WRITE = "The change may or may not have been saved: read the record back (saving it again is safe). "


def _stalled(writing: bool) -> EngineUnavailable:
    return EngineUnavailable("The graph engine does not answer",
                             (UNSURE_WRITE if writing else "")
                             + "Requests will succeed again once it is back (refgraph check)")


def _too_slow(seconds: float, writing: bool) -> EngineUnavailable:
    return EngineUnavailable(f"The graph engine did not answer within {seconds:g} s",
                             (UNSURE_WRITE if writing else "")
                             + "Ask for less (a narrower area, fewer services); an operator can check the "
                               "engine with refgraph check")


def _backoff(attempt: int) -> float:
    return min(0.5, 0.01 * (2**attempt)) * (0.5 + random.random())


def _retry_constraint_races(call: Callable[[], T]) -> T:
    """Retry a write that lost a concurrent-MERGE race (ArcadeDB raises ConstraintError)."""
    for attempt in range(CONSTRAINT_RETRIES):
        try:
            return call()
        except ConstraintError:
            if attempt == CONSTRAINT_RETRIES - 1:
                raise
            time.sleep(_backoff(attempt))
    raise AssertionError("unreachable")


__all__ = ["AsyncGraph", "Graph", "Neo4jError", "Plan", "Row", "Step", "TransientError"]
