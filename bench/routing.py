"""Routing latency: the service over HTTP GraphQL vs the same Cypher on the bare driver (the floor).

Each of the N requests is sent to every target back to back (in rotating order), so a
burst of noise from other work on the machine hits all targets alike; then throughput
with 16 concurrent keep-alive clients, bounded in requests and seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import neo4j

from service.store.engines import EngineAddress
from service.store.statements import statement

from .http import Client, concurrent, percentile
from .workload import ROUTE_QUERY, Request


class Floor:
    """The service's routing Cypher through the bare driver: queries/route_referrals with the
    parameters the service sends, one execute_query (read routing)."""

    def __init__(self, address: EngineAddress) -> None:
        # notifications off, as the service's gateway has them (service.store.graph.driver_options)
        self.driver = neo4j.GraphDatabase.driver(address.uri, auth=(address.user, address.password),
                                                 notifications_min_severity="OFF")
        self.database = address.database
        self.query = statement("queries/route_referrals")

    def __call__(self, request: Request) -> Any:
        return self.driver.execute_query(self.query, request.referral_params, database_=self.database,
                                         routing_=neo4j.RoutingControl.READ).records

    def close(self) -> None:
        self.driver.close()


REFERRAL_ROWS = (Path(__file__).parent / "cypher" / "referral_rows.cypher").read_text()


def answer_bound(floor: Floor, requests: list[Request]) -> dict[str, dict[str, float]]:
    """The part of the floor that no routing statement avoids: the engine reading each answer's
    referrals with their ids known in advance (bench/cypher/referral_rows.cypher: no digests, no
    filtering, no ranking), and a bare round trip (RETURN 1), timed in turn with the floor itself
    through the same driver."""
    ids: dict[int, list[str]] = {}
    for r in requests:
        answer = floor(r)[0]
        ids[id(r)] = [x["capability"]["id"] for x in (answer["capabilities"] or []) + (answer["emergency"] or [])]

    def read(query: str, params: dict[str, Any]) -> Any:
        return floor.driver.execute_query(query, params, database_=floor.database,
                                          routing_=neo4j.RoutingControl.READ).records

    return latency({"floor": floor, "referral_rows": lambda r: read(REFERRAL_ROWS, {"ids": ids[id(r)]}),
                    "round_trip": lambda r: read("RETURN 1 AS one", {})}, requests, warmup=min(50, len(requests)))


def graphql_body(request: Request) -> dict[str, Any]:
    return {"query": ROUTE_QUERY, "variables": request.variables()}


def http_target(port: int, body: Callable[[Request], dict[str, Any]] = graphql_body,
                path: str = "/graphql") -> tuple[Callable[[Request], Any], Client]:
    client = Client(port, path)
    return (lambda r: client.post(body(r))), client


def summarise(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {"n": len(ms), "p50_ms": percentile(ms, 50), "p90_ms": percentile(ms, 90),
            "p99_ms": percentile(ms, 99), "mean_ms": sum(ms) / len(ms) if ms else float("nan")}


def latency(targets: dict[str, Callable[[Request], Any]], requests: list[Request],
            warmup: int = 50, warmup_seconds: float = 0.0) -> dict[str, dict[str, float]]:
    """Each request to every target in turn (the order rotating), after a warm-up: `warmup`
    requests, then more until `warmup_seconds` have passed for each target (Neo4j's JIT needs
    a few thousand queries before its latency settles; ArcadeDB a few hundred)."""
    names = list(targets)
    for r in requests[:warmup]:
        for name in names:
            targets[name](r)
    for name in names:
        deadline = time.perf_counter() + warmup_seconds
        i = 0
        while time.perf_counter() < deadline:
            targets[name](requests[i % len(requests)])
            i += 1
    seen: dict[str, list[float]] = {n: [] for n in names}
    for i, r in enumerate(requests):
        order = names[i % len(names):] + names[:i % len(names)]
        for name in order:
            t = time.perf_counter()
            targets[name](r)
            seen[name].append(time.perf_counter() - t)
    danger = [bool(r.referral_params.get("emergency")) for r in requests]
    out = {}
    for n, v in seen.items():
        out[n] = summarise(v)
        # the emergency block (every tip-reporting and law-enforcement option too) makes the tail
        for key, part in (("emergency", [x for x, d in zip(v, danger) if d]),
                          ("no_emergency", [x for x, d in zip(v, danger) if not d])):
            if part:
                whole = summarise(part)
                out[n].update({f"{key}_n": whole["n"], f"{key}_p50_ms": whole["p50_ms"], f"{key}_p99_ms": whole["p99_ms"]})
    return out


def throughput(port: int, requests: list[Request], clients: int = 16, max_requests: int = 3000,
               max_seconds: float = 15.0, body: Callable[[Request], dict[str, Any]] = graphql_body,
               path: str = "/graphql") -> dict[str, float]:
    bodies = [body(r) for r in requests]
    concurrent(port, bodies[:64], clients, max_requests=clients * 4, max_seconds=5.0, path=path)  # warm
    run = concurrent(port, bodies, clients, max_requests=max_requests, max_seconds=max_seconds, path=path)
    out = summarise(run.latencies)
    out.update({"clients": clients, "requests": run.requests, "seconds": run.seconds,
                "errors": run.errors, "rps": run.per_second})
    return out
