"""The engine going away while serving: fail fast, say so, recover by itself."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.engines import EmbeddedEngine
from service.settings import Settings

QUERY = {"query": "{ counts { jurisdictions } }"}
pytestmark = pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")), reason="kills the embedded engine")


def _burst(client: TestClient, n: int = 16) -> list[tuple[float, dict]]:
    def timed(_: int) -> tuple[float, dict]:
        start = time.monotonic()
        body = client.post("/graphql", json=QUERY).json()
        return time.monotonic() - start, body

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(timed, range(n)))


def _ok(body: dict) -> bool:
    return body.get("data", {}) is not None and "errors" not in body


def test_engine_down_fails_fast_with_a_clear_error_and_recovers_without_restart(tmp_path: Path, engine_class: type[EmbeddedEngine]) -> None:
    settings = Settings(data_dir=tmp_path / "engine", engine_heap="512m", engine=engine_class.kind)
    app = create_app(settings, load_demo_when_empty=False, supervise_engine=False)
    with TestClient(app) as client:
        assert _ok(client.post("/graphql", json=QUERY).json())
        engine = client.app.state.engine  # type: ignore[attr-defined]
        os.kill(engine.process.pid, signal.SIGKILL)
        engine.process.wait()

        results = _burst(client)
        assert max(seconds for seconds, _ in results) < 5.0
        for _, body in results:
            error = body["errors"][0]
            assert error["extensions"]["code"] == "ENGINE_UNAVAILABLE"
            assert "does not answer" in error["message"]
        assert client.get("/health").status_code == 503

        engine.restart()  # the operator (or the watchdog) brings it back
        assert client.get("/health").status_code == 200
        assert _ok(client.post("/graphql", json=QUERY).json())


def test_watchdog_restarts_a_killed_engine_and_requests_end_within_5_seconds(tmp_path: Path, engine_class: type[EmbeddedEngine]) -> None:
    settings = Settings(data_dir=tmp_path / "engine", engine_heap="512m", engine=engine_class.kind)
    with TestClient(create_app(settings, load_demo_when_empty=False)) as client:
        engine = client.app.state.engine  # type: ignore[attr-defined]
        old_pid = engine.process.pid
        os.kill(old_pid, signal.SIGKILL)

        results = _burst(client)
        assert max(seconds for seconds, _ in results) < 5.0
        for _, body in results:  # each request either succeeded or said clearly why not
            assert _ok(body) or body["errors"][0]["extensions"]["code"] == "ENGINE_UNAVAILABLE"

        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if engine.process and engine.process.pid != old_pid and client.get("/health").status_code == 200:
                break
            time.sleep(0.3)
        assert engine.process.pid != old_pid, "the watchdog did not restart the engine"
        assert _ok(client.post("/graphql", json=QUERY).json())


def test_a_second_service_on_the_same_data_dir_carries_on_when_the_first_stops(
        tmp_path: Path, engine_class: type[EmbeddedEngine]) -> None:
    """The second attaches to the first's engine; when the first stops (its engine with it),
    the second's watchdog starts the engine again on the same ports and keeps answering."""
    settings = Settings(data_dir=tmp_path / "engine", engine_heap="512m", engine=engine_class.kind)
    first: TestClient | None = TestClient(create_app(settings, load_demo_when_empty=False))
    assert first is not None
    first.__enter__()
    try:
        with TestClient(create_app(settings, load_demo_when_empty=False)) as second:
            attached = second.app.state.engine  # type: ignore[attr-defined]
            assert not attached.owned and _ok(second.post("/graphql", json=QUERY).json())
            first.__exit__(None, None, None)
            first = None  # stopped: its engine is gone
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not (attached.owned and second.get("/health").status_code == 200):
                time.sleep(0.3)
            assert attached.owned, "the second service did not take the engine over"
            assert _ok(second.post("/graphql", json=QUERY).json())
    finally:
        if first is not None:
            first.__exit__(None, None, None)
