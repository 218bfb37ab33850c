"""Reports: the reads that cost as much as hundreds of routes (service.store.cost).

A national matrix summary or city-level gaps keeps an engine core busy for seconds.
Twenty clients asking for them at once used to fill every connection of the pool, so
`/health` and an analyst's `route` waited or failed. Here, per process:

- at most `slots` reports run on the engine at once; a report waits up to `wait`
  seconds for a slot, then is refused with REPORTS_BUSY (try again), while cheap reads
  never wait for reports;
- callers asking for the same report at the same time share one computation;
- an answer is kept until the data changes: every write records a Change in its own
  transaction (service.ops.audit), so the number of Change nodes and the newest one's time
  name the data's version, read before each report (one cheap statement);
- a report runs on connections of its own (as many as there are slots) in a worker thread,
  rows decoded and turned into the typed answer there, so a large report holds up neither
  the pool that routing uses nor the event loop that answers `/health`.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import orjson

from ..errors import ReportsBusy

log = logging.getLogger(__name__)

Row = dict[str, Any]
Key = tuple[str, bytes, str]  # statement, its parameters, today (reports may read the date)


class Reports:
    def __init__(self, read: Callable[..., Awaitable[list[Row]]], slots: int, wait: float,
                 keep: int = 16, read_report: Callable[..., Awaitable[list[Row]]] | None = None) -> None:
        self._read = read  # the data version
        self._read_report = read_report or read
        self._slots = asyncio.Semaphore(max(1, slots))
        self.slots = max(1, slots)
        self.wait = wait
        self.keep = keep
        self._answers: OrderedDict[Key, tuple[Any, Any]] = OrderedDict()  # key -> (version, answer)
        self._running: dict[tuple[Key, Any], asyncio.Future[Any]] = {}
        self.computed = 0  # reports computed on the engine (the tests read it)

    async def answer(self, statement: str, params: dict[str, Any], finish: Callable[[list[Row]], Any]) -> Any:
        key: Key = (statement, orjson.dumps(params, option=orjson.OPT_SORT_KEYS), date.today().isoformat())
        version = await self._version()
        kept = self._answers.get(key)
        if kept is not None and kept[0] == version:
            self._answers.move_to_end(key)
            return kept[1]
        running = self._running.get((key, version))
        if running is not None:
            try:
                return await asyncio.shield(running)
            except asyncio.CancelledError:
                task = asyncio.current_task()
                if not running.cancelled() or (task is not None and task.cancelling()):
                    raise
                # The caller computing it went away (its client hung up): compute it for us.
                return await self.answer(statement, params, finish)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._running[(key, version)] = future
        try:
            answer = await self._compute(statement, params, finish)
        except asyncio.CancelledError:
            future.cancel()
            raise
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when nobody shared it
            raise
        else:
            future.set_result(answer)
            self._keep(key, version, answer)
            return answer
        finally:
            del self._running[(key, version)]

    async def _version(self) -> Any:
        row = (await self._read("queries/data_version"))[0]
        return row["changes"], row["latest"]

    async def _compute(self, statement: str, params: dict[str, Any], finish: Callable[[list[Row]], Any]) -> Any:
        try:
            await asyncio.wait_for(self._slots.acquire(), timeout=self.wait)
        except TimeoutError:
            log.warning("a report waited %.0f s for one of %d report slots and was refused", self.wait, self.slots)
            raise ReportsBusy(
                f"The service is computing other national reports ({self.slots} at a time) and this one "
                f"waited {self.wait:.0f} s for its turn",
                "Try again in a minute; an answer already computed is shared at once, and reports "
                "inside one state (`within`) are cheap",
            ) from None
        try:
            rows = await self._read_report(statement, **params)
            self.computed += 1
        finally:
            self._slots.release()
        return await asyncio.to_thread(finish, rows)

    def _keep(self, key: Key, version: Any, answer: Any) -> None:
        self._answers[key] = (version, answer)
        self._answers.move_to_end(key)
        while len(self._answers) > self.keep:
            self._answers.popitem(last=False)


__all__ = ["Reports"]
