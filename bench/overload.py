"""python -m bench.overload: /health and routing while 20 clients ask for national reports.

Starts the service (`uvicorn service.app:create_app`, the embedded engine, the demo loaded
on first start: every US jurisdiction) from a checkout, measures `/health` and an
analyst's `route` on a quiet service, then again while `--clients` anonymous clients loop
over national `matrixSummary` (city, county) and city-level `gaps` with arguments varied so
that no kept answer serves them all. Prints latencies, the load's ratio to quiet, and what
the report clients got. `--root` runs another checkout, e.g. a worktree of an older commit,
to compare before and after:

    git worktree add /tmp/refgraph-before <commit>
    python -m bench.overload --root /tmp/refgraph-before
    python -m bench.overload
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from service.domain.vocabulary import Service
from service.store.engines import ENGINES, free_port

from .dataset import results_dir
from .http import percentile

ROOT = Path(__file__).resolve().parent.parent
ROUTE = '{ route(place: "us-nc-wake-county") { place { id } services { service total } } }'
SUMMARY = "query($k: String, $s: [Service!]) { matrixSummary(kind: $k, services: $s) { places gapCells } }"
GAPS = 'query($s: Service!) { gaps(service: $s, kind: "city") { totalGaps considered } }'


def expensive_request(rng: random.Random) -> dict[str, Any]:
    """One of the most expensive anonymous requests, with arguments drawn so answers rarely repeat."""
    services = [s.value for s in Service]
    if rng.random() < 0.5:
        return {"query": GAPS, "variables": {"s": rng.choice(services)}}
    return {"query": SUMMARY, "variables": {"k": rng.choice(["city", "county"]),
                                             "s": rng.sample(services, rng.randint(1, 8))}}


def outcome(response: httpx.Response) -> list[str]:
    """'answered', or the error codes (or the HTTP status) the client got."""
    try:
        body = response.json()
    except ValueError:
        return [f"HTTP {response.status_code}"]
    if body.get("errors"):
        return [e.get("extensions", {}).get("code", "?") for e in body["errors"]]
    return ["answered"] if response.status_code == 200 and body.get("data") else [f"HTTP {response.status_code}"]


def report_client(base: str, seed: int, stop: threading.Event, headers: dict[str, str] | None = None) -> Counter[str]:
    """Loop expensive requests until `stop`; what came back, counted."""
    rng = random.Random(seed)
    seen: Counter[str] = Counter()
    with httpx.Client(base_url=base, timeout=120.0, headers=headers or {}) as http:
        while not stop.is_set():
            try:
                seen.update(outcome(http.post("/graphql", json=expensive_request(rng))))
            except httpx.HTTPError as exc:
                seen[type(exc).__name__] += 1
    return seen


def under_load(base: str, clients: int, probe: Callable[[], None], seconds: float,
               headers: dict[str, str] | None = None) -> Counter[str]:
    """Run `probe` repeatedly for `seconds` while `clients` report clients load the service."""
    stop = threading.Event()
    with ThreadPoolExecutor(max(clients, 1)) as pool:
        loads = [pool.submit(report_client, base, seed, stop, headers) for seed in range(clients)]
        try:
            if clients:
                time.sleep(1.0)  # every client has a report in flight
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                probe()
        finally:
            stop.set()
        return sum((f.result() for f in loads), Counter())


class Probe:
    """/health then one route, every `pause` seconds: latencies and what went wrong."""

    def __init__(self, base: str, pause: float = 0.2) -> None:
        self.http = httpx.Client(base_url=base, timeout=60.0)
        self.pause = pause
        self.health: list[float] = []
        self.route: list[float] = []
        self.failures: Counter[str] = Counter()

    def __call__(self) -> None:
        for path, times in (("/health", self.health), ("/graphql", self.route)):
            start = time.perf_counter()
            try:
                response = (self.http.get(path) if path == "/health"
                            else self.http.post(path, json={"query": ROUTE}))
                got = [f"HTTP {response.status_code}"] if path == "/health" else outcome(response)
            except httpx.HTTPError as exc:
                got = [type(exc).__name__]
            times.append(time.perf_counter() - start)
            if got not in (["HTTP 200"], ["answered"]):
                self.failures.update(f"{path}: {g}" for g in got)
        time.sleep(self.pause)

    def figures(self) -> dict[str, Any]:
        def ms(values: list[float], q: float) -> float:
            return round(percentile(values, q) * 1000, 1)

        return {"asks": len(self.health), "health_p50_ms": ms(self.health, 50), "health_p99_ms": ms(self.health, 99),
                "health_max_ms": ms(self.health, 100), "route_p50_ms": ms(self.route, 50),
                "route_p99_ms": ms(self.route, 99), "route_max_ms": ms(self.route, 100),
                "failures": dict(self.failures)}


def start_service(root: Path, data_dir: Path, engine: str, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "REFGRAPH_"))}
    env.update({"REFGRAPH_DATA_DIR": str(data_dir), "REFGRAPH_ENGINE": engine, "REFGRAPH_ENV": "development",
                "REFGRAPH_RATE": "1000000", "REFGRAPH_RATE_BURST": "1000000", "PYTHONPATH": str(root)})
    cmd = [sys.executable, "-m", "uvicorn", "service.app:create_app", "--factory", "--host", "127.0.0.1",
           "--port", str(port), "--no-access-log", "--log-level", "warning"]
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 900  # the first start loads the demo
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the service exited with {proc.returncode}; see {log}")
        try:
            if httpx.get(base + "/health", timeout=5).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.terminate()
    raise RuntimeError(f"the service did not answer /health in time; see {log}")


def run(root: Path, engine: str, clients: int, seconds: float) -> dict[str, Any]:
    label = "this checkout" if root.resolve() == ROOT else str(root)
    where = results_dir(engine) / ("overload" if root.resolve() == ROOT else "overload-" + root.name)
    where.mkdir(parents=True, exist_ok=True)
    proc, base = start_service(root, where / "data", engine, where / "service.log")
    try:
        quiet = Probe(base)
        under_load(base, 0, quiet, seconds / 2)
        loaded = Probe(base)
        reports = under_load(base, clients, loaded, seconds)
    finally:
        proc.terminate()
        proc.wait(60)
    q, busy = quiet.figures(), loaded.figures()
    out: dict[str, Any] = {"root": label, "engine": engine, "clients": clients, "seconds": seconds,
           "quiet": q, "loaded": busy, "reports": dict(reports),
           "ratios": {k: round(busy[k] / q[k], 2) for k in ("health_p50_ms", "health_p99_ms", "route_p50_ms",
                                                            "route_p99_ms") if q[k]}}
    print(f"[overload] {engine}, {label}: {clients} report clients for {seconds:.0f} s")
    for name, f in (("quiet", q), ("loaded", busy)):
        print(f"  {name:6}: /health p50 {f['health_p50_ms']} ms p99 {f['health_p99_ms']} ms max {f['health_max_ms']} ms;"
              f" route p50 {f['route_p50_ms']} ms p99 {f['route_p99_ms']} ms max {f['route_max_ms']} ms;"
              f" {f['asks']} asks, failures {f['failures'] or 'none'}")
    print("  loaded/quiet: " + ", ".join(f"{k} {v}x" for k, v in out["ratios"].items()))
    print(f"  report clients got: {dict(reports)}")
    (where / "overload.json").write_text(json.dumps(out, indent=2))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.overload", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--engine", choices=ENGINES, default="arcadedb")
    p.add_argument("--root", type=Path, default=ROOT, help="the checkout whose service is measured")
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--seconds", type=float, default=40.0, help="seconds under load (half that quiet)")
    args = p.parse_args(argv)
    run(args.root, args.engine, args.clients, args.seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
