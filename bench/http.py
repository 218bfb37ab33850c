"""A lean HTTP/1.1 keep-alive client (stdlib http.client), and a concurrent driver over threads.

The same client measures Refgraph and the peer, so client overhead cancels in the ratios.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson


class Client:
    def __init__(self, port: int, path: str = "/graphql", host: str = "127.0.0.1") -> None:
        self.host, self.port, self.path = host, port, path
        self.conn = http.client.HTTPConnection(host, port, timeout=60)

    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        data = orjson.dumps(body)
        for attempt in (0, 1):
            try:
                self.conn.request("POST", self.path, data, {"Content-Type": "application/json"})
                resp = self.conn.getresponse()
                raw = resp.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                if attempt:
                    raise
        if resp.status != 200:
            raise RuntimeError(f"HTTP {resp.status}: {raw[:300]!r}")
        out = orjson.loads(raw)
        if out.get("errors"):
            raise RuntimeError(f"GraphQL errors: {out['errors'][:2]}")
        return out

    def get(self, path: str) -> int:
        self.conn.request("GET", path)
        resp = self.conn.getresponse()
        resp.read()
        return resp.status

    def close(self) -> None:
        self.conn.close()


def timed(calls: Sequence[Callable[[], Any]]) -> list[float]:
    """Run calls one after another; seconds each."""
    out = []
    for call in calls:
        t = time.perf_counter()
        call()
        out.append(time.perf_counter() - t)
    return out


@dataclass
class Throughput:
    clients: int
    requests: int
    seconds: float
    errors: int
    latencies: list[float]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def concurrent(port: int, bodies: Sequence[dict[str, Any]], clients: int = 16,
               max_requests: int = 2000, max_seconds: float = 20.0, path: str = "/graphql") -> Throughput:
    """`clients` threads, each with its own keep-alive connection, pulling bodies round-robin
    until `max_requests` are done or `max_seconds` have passed (both bounds hold)."""
    lock = threading.Lock()
    state = {"next": 0, "done": 0, "errors": 0}
    latencies: list[float] = []
    start_gate = threading.Barrier(clients + 1)
    deadline = [0.0]

    def worker() -> None:
        client = Client(port, path)
        mine: list[float] = []
        start_gate.wait()
        try:
            while True:
                with lock:
                    i = state["next"]
                    if i >= max_requests or time.perf_counter() > deadline[0]:
                        break
                    state["next"] += 1
                t = time.perf_counter()
                try:
                    client.post(bodies[i % len(bodies)])
                    mine.append(time.perf_counter() - t)
                except Exception:  # noqa: BLE001 - counted and reported
                    with lock:
                        state["errors"] += 1
        finally:
            client.close()
            with lock:
                latencies.extend(mine)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for th in threads:
        th.start()
    deadline[0] = time.perf_counter() + max_seconds
    t0 = time.perf_counter()
    start_gate.wait()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - t0
    return Throughput(clients, len(latencies), elapsed, state["errors"], latencies)


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]
