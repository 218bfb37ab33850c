"""Reports (service.store.reports): capped per process, shared between callers, kept until a write.

The engine's part is real elsewhere (tests/reliability/test_expensive_load.py runs the
service under load on both engines); here the statement runner is a stand-in whose
answers the test releases one by one, so the order of events is certain.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from service.errors import ReportsBusy
from service.store.reports import Reports
from tests.event_loops import run_in_own_loop


class Engine:
    """Answers `queries/data_version` at once and every report when the test says so."""

    def __init__(self) -> None:
        self.version = 1
        self.running = 0
        self.most_running = 0
        self.started: list[dict[str, Any]] = []
        self.release = asyncio.Event()

    async def read(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        if statement == "queries/data_version":
            return [{"changes": self.version, "latest": f"t{self.version}"}]
        self.running += 1
        self.most_running = max(self.most_running, self.running)
        self.started.append(params)
        try:
            await self.release.wait()
        finally:
            self.running -= 1
        return [{"kind": params["kind"], "version": self.version}]


def finish(rows: list[dict[str, Any]]) -> tuple[str, int]:
    return rows[0]["kind"], rows[0]["version"]


async def settle() -> None:
    for _ in range(20):
        await asyncio.sleep(0)


def test_callers_asking_the_same_report_share_one_computation_and_the_answer_is_kept() -> None:
    async def scenario() -> None:
        engine = Engine()
        reports = Reports(engine.read, slots=1, wait=5)
        callers = [asyncio.create_task(reports.answer("queries/summary", {"kind": "city"}, finish)) for _ in range(20)]
        await settle()
        engine.release.set()
        answers = await asyncio.gather(*callers)
        assert answers == [("city", 1)] * 20
        assert reports.computed == 1 and len(engine.started) == 1
        # Asked again with nothing written: kept.
        assert await reports.answer("queries/summary", {"kind": "city"}, finish) == ("city", 1)
        assert reports.computed == 1

    run_in_own_loop(scenario())


def test_a_write_makes_the_kept_answer_stale() -> None:
    async def scenario() -> None:
        engine = Engine()
        engine.release.set()
        reports = Reports(engine.read, slots=1, wait=5)
        assert await reports.answer("queries/summary", {"kind": "county"}, finish) == ("county", 1)
        engine.version = 2  # what a write's Change does to the data version
        assert await reports.answer("queries/summary", {"kind": "county"}, finish) == ("county", 2)
        assert reports.computed == 2

    run_in_own_loop(scenario())


def test_no_more_reports_run_at_once_than_there_are_slots_and_a_late_one_is_refused_in_words() -> None:
    async def scenario() -> None:
        engine = Engine()
        reports = Reports(engine.read, slots=2, wait=0.3)
        kinds = ["city", "county", "region", "state"]
        callers = [asyncio.create_task(reports.answer("queries/gaps", {"kind": k}, finish)) for k in kinds]
        await asyncio.sleep(0.6)  # past the wait: two run, two gave up
        assert engine.running == 2
        engine.release.set()
        outcomes = await asyncio.gather(*callers, return_exceptions=True)
        busy = [o for o in outcomes if isinstance(o, ReportsBusy)]
        assert len(busy) == 2 and engine.most_running == 2
        assert "2 at a time" in busy[0].message and "Try again" in busy[0].message
        assert sorted(o for o in outcomes if isinstance(o, tuple)) == [("city", 1), ("county", 1)]

    run_in_own_loop(scenario())


def test_a_caller_that_goes_away_does_not_fail_those_sharing_its_report() -> None:
    async def scenario() -> None:
        engine = Engine()
        reports = Reports(engine.read, slots=1, wait=5)
        first = asyncio.create_task(reports.answer("queries/summary", {"kind": "city"}, finish))
        await settle()
        second = asyncio.create_task(reports.answer("queries/summary", {"kind": "city"}, finish))
        await settle()
        first.cancel()  # its client hung up
        await settle()
        engine.release.set()
        assert await second == ("city", 1)
        with pytest.raises(asyncio.CancelledError):
            await first

    run_in_own_loop(scenario())


def test_reports_of_different_days_are_different_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as real

    import service.store.reports as module

    class Tomorrow(real.date):
        @classmethod
        def today(cls) -> real.date:  # type: ignore[override]
            return real.date(2099, 1, 2)

    async def scenario() -> None:
        engine = Engine()
        engine.release.set()
        reports = Reports(engine.read, slots=1, wait=5)
        await reports.answer("queries/gaps", {"kind": "city"}, finish)
        monkeypatch.setattr(module, "date", Tomorrow)
        await reports.answer("queries/gaps", {"kind": "city"}, finish)
        assert reports.computed == 2

    run_in_own_loop(scenario())
