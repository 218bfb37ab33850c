"""python -m bench {all,smoke,routing,gaps,import,hsds,growth} [--engine arcadedb|neo4j] [options]; see bench/README.md."""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from service.store.engines import ENGINES

from . import analysis, hsds, importing, routing
from .dataset import DEFAULT_ENGINE, engine_info, ensure, results_dir, tag
from .server import Service
from .workload import FIRST, Request, requests

if TYPE_CHECKING:
    from .peer import Peer


ENGINE_TAG = [""]  # "[neo4j] ": every printed line names the engine it measured


def say(msg: str) -> None:
    print(ENGINE_TAG[0] + msg, flush=True)


def machine() -> dict[str, Any]:
    import os

    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = next(int(l.split()[1]) for l in Path("/proc/meminfo").read_text().splitlines()
                   if l.startswith("MemTotal")) / 1024 / 1024
        load = os.getloadavg()
    except (OSError, StopIteration):
        mem, load = 0.0, (0.0, 0.0, 0.0)
    return {"nproc": os.cpu_count(), "cpu": model, "memory_gib": round(mem, 1),
            "loadavg_at_start": [round(x, 1) for x in load], "python": platform.python_version()}


def bench_routing(graph: Any, args: argparse.Namespace, peer: bool) -> dict[str, Any]:
    reqs = requests(graph, args.requests, first=args.first)
    floor = routing.Floor(graph.address)
    out: dict[str, Any] = {}
    logs = results_dir(args.engine) / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    stack: list[Service | Peer] = []
    try:
        svc = Service(graph.address, workers=args.workers, pool=args.pool, log=logs / "service.log")
        stack.append(svc)
        targets: dict[str, Callable[[Request], Any]] = {"floor": floor}
        post, _client = routing.http_target(svc.port)
        targets["service"] = post
        peer_srv = None
        if peer:
            from . import peer as peer_mod

            prefix = peer_mod.version_prefix_accepted(graph.driver, graph.address.database)
            out["peer"] = {"packages": dict(peer_mod.PACKAGES), "version_prefix": prefix}
            if not prefix:
                say(f"[peer] {args.engine_title} rejects the `CYPHER 5` prefix @neo4j/graphql "
                    f"{peer_mod.PACKAGES['@neo4j/graphql']} puts before every statement (a syntax error), so the "
                    "peer cannot run on it as shipped; it runs with the library's "
                    "cypherQueryOptions.addVersionPrefix = false (the same statements, unprefixed)")
            peer_srv = peer_mod.Peer(graph.address, pool=args.pool * args.workers, log=logs / "peer.log",
                                     version_prefix=prefix, say=say)
            stack.append(peer_srv)
            out["peer"]["installed"] = peer_srv.versions
            say("[peer] " + ", ".join(f"{k} {v}" for k, v in peer_srv.versions.items())
                + f"; statements {'prefixed with' if prefix else 'without'} `CYPHER 5`")
            ppost, _ = routing.http_target(peer_srv.port, peer_mod.body, "/")
            targets["peer"] = ppost
        say(f"[routing] {len(reqs)} requests, each to {', '.join(targets)} in turn")
        lat = routing.latency(targets, reqs, warmup=min(50, len(reqs)), warmup_seconds=args.warmup_seconds)
        out["latency"] = lat
        for name, v in lat.items():
            say(f"[routing] {name:8s} p50 {v['p50_ms']:7.2f} ms  p99 {v['p99_ms']:7.2f} ms"
                + (f"  (without the {v['emergency_n']} emergencies: p99 {v['no_emergency_p99_ms']:.2f} ms)"
                   if "emergency_n" in v and "no_emergency_n" in v else ""))
        reading = routing.answer_bound(floor, reqs)
        out["answer_bound"] = reading
        rows = reading["referral_rows"]
        say(f"[routing] engine reading the answers' referrals alone (ids known, no routing): p50 {rows['p50_ms']:.2f} ms, "
            f"p99 {rows['p99_ms']:.2f} ms; a bare round trip p50 {reading['round_trip']['p50_ms']:.2f} ms; the floor in "
            f"the same loop p50 {reading['floor']['p50_ms']:.2f} ms, p99 {reading['floor']['p99_ms']:.2f} ms")
        out["service_vs_floor_p50"] = lat["service"]["p50_ms"] / lat["floor"]["p50_ms"]
        out["service_vs_floor_p99"] = lat["service"]["p99_ms"] / lat["floor"]["p99_ms"]
        say(f"[routing] service/floor: p50 {out['service_vs_floor_p50']:.2f}x, p99 {out['service_vs_floor_p99']:.2f}x")
        bound = {"clients": args.clients, "max_requests": args.max_requests, "max_seconds": args.seconds}
        out["throughput"] = {"service": routing.throughput(svc.port, reqs, **bound)}
        if args.compare_workers and args.workers != 1:
            with Service(graph.address, workers=1, pool=args.pool * args.workers, log=logs / "service-1.log") as one:
                out["throughput"]["service_1_worker"] = routing.throughput(one.port, reqs, **bound)
            out["workers_effect"] = out["throughput"]["service"]["rps"] / out["throughput"]["service_1_worker"]["rps"]
            say(f"[routing] {args.workers} workers / 1 worker throughput: {out['workers_effect']:.2f}x")
        if peer_srv is not None:
            from . import peer as peer_mod

            out["throughput"]["peer"] = routing.throughput(peer_srv.port, reqs, body=peer_mod.body, path="/", **bound)
        say(f"[routing] engine alive after the load: {graph.engine.alive() if graph.engine else 'n/a'}")
        for name, v in out["throughput"].items():
            say(f"[routing] {name:8s} {v['rps']:7.1f} requests/s with {v['clients']} clients "
                f"({v['requests']} in {v['seconds']:.1f} s, {v['errors']} errors; p50 {v['p50_ms']:.1f} ms, p99 {v['p99_ms']:.1f} ms)")
        if peer_srv is not None:
            out["refgraph_vs_peer"] = {
                "p50": lat["service"]["p50_ms"] / lat["peer"]["p50_ms"],
                "p99": lat["service"]["p99_ms"] / lat["peer"]["p99_ms"],
                "throughput": out["throughput"]["service"]["rps"] / max(out["throughput"]["peer"]["rps"], 1e-9),
            }
            r = out["refgraph_vs_peer"]
            say(f"[routing] Refgraph/peer: p50 {r['p50']:.2f}x, p99 {r['p99']:.2f}x (lower is better), "
                f"throughput {r['throughput']:.2f}x (higher is better)")
    finally:
        for s in reversed(stack):
            s.stop()
        floor.close()
    return out


def run_scale(scale: float, args: argparse.Namespace, parts: set[str], peer: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    t = time.perf_counter()
    ds, graph = ensure(scale, fresh=args.fresh, heap=args.heap, jvm_options=args.jvm_options,
                       states=args.states, say=say, engine=args.engine, pagecache=args.pagecache)
    out["engine"] = engine_info(graph)
    out["engine"]["pid"] = importing.engine_pid(graph)
    args.engine_title = out["engine"]["title"]
    say(f"[engine] {out['engine']['label']}, pid {out['engine']['pid']}, Bolt {graph.address.uri}, "
        f"heap {args.heap}" + (f", page cache {args.pagecache}" if args.pagecache and args.engine == "neo4j" else ""))
    out["dataset"] = {"scale": scale, "rows": ds.rows, "nodes": ds.nodes, "covers": ds.covers,
                      "load_seconds": ds.seconds, "ready_s": time.perf_counter() - t}
    try:
        if "routing" in parts:
            out["routing"] = bench_routing(graph, args, peer)
        if "gaps" in parts:
            out["gaps"] = analysis.run(graph, naive_sample=args.naive_sample, repeats=args.repeats, say=say)
        if "hsds" in parts:
            # before the import part, which the smoke run writes into this graph: the HSDS export of
            # the data set as generated, imported against its rosters, on engines of their own
            base = results_dir(args.engine) / ds.data_dir.parent.name.replace("data-", "hsds-", 1)
            out["hsds"] = hsds.run(ds, graph, base, say=say, states=args.states, profile=args.profile_import,
                                   heap=args.heap, jvm_options=args.jvm_options, engine=args.engine,
                                   pagecache=args.pagecache)
        if "import" in parts:
            # smoke: into the same (tiny) engine; otherwise a separate engine keeps this data set as generated
            out["import"] = importing.run(ds.csv_dir, results_dir(args.engine) / f"import-{tag(scale)}",
                                          args.import_rows, (args.memory_rows[0], args.memory_rows[1]), say=say,
                                          profile=args.profile_import,
                                          graph=graph if args.mode == "smoke" else None,
                                          heap=args.heap, jvm_options=args.jvm_options,
                                          ceiling=args.ceiling, engine=args.engine, pagecache=args.pagecache)
    finally:
        graph.close()
    return out


def growth(results: dict[str, Any]) -> dict[str, Any]:
    scales = sorted(results, key=float)
    lo, hi = results[scales[0]], results[scales[-1]]
    out: dict[str, Any] = {"from": scales[0], "to": scales[-1]}
    if "routing" in lo and "routing" in hi:
        for q in ("p50_ms", "p99_ms"):
            out[f"service_{q[:3]}"] = hi["routing"]["latency"]["service"][q] / lo["routing"]["latency"]["service"][q]
            out[f"floor_{q[:3]}"] = hi["routing"]["latency"]["floor"][q] / lo["routing"]["latency"]["floor"][q]
    if "gaps" in lo and "gaps" in hi:
        for k in ("gaps_county_s", "gaps_city_s", "matrix_summary_s"):
            out[k] = hi["gaps"][k] / lo["gaps"][k]
    say("[growth] " + ", ".join(f"{k} {v:.2f}x" for k, v in out.items() if isinstance(v, float))
        + f" (scale {scales[0]} -> {scales[-1]})")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("mode", help="all | smoke | routing | gaps | import | hsds | growth",
                   choices=("all", "smoke", "routing", "gaps", "import", "hsds", "growth"), nargs="?", default="all")
    p.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE,
                   help="the embedded engine every part runs on (its data under bench/results/<engine>/)")
    p.add_argument("--scale", type=float, default=1.0, help="data scale (1 = 20k orgs, 60k capabilities)")
    p.add_argument("--growth", default="1,4", help="scales compared by `all`/`growth` (comma-separated)")
    p.add_argument("--peer", action="store_true", help="also run the Neo4j GraphQL Library peer")
    p.add_argument("--requests", type=int, default=500, help="routing requests (latency)")
    p.add_argument("--warmup-seconds", type=float, default=30.0,
                   help="routing: seconds of requests to each target before measuring (Neo4j's JIT settles after a "
                        "few thousand queries; the smoke run uses 0)")
    p.add_argument("--first", type=int, default=FIRST,
                   help="routing: referrals per service and emergency contacts per kind asked for (the API's default)")
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--max-requests", type=int, default=3000, help="throughput: at most this many requests")
    p.add_argument("--seconds", type=float, default=20.0, help="throughput: at most this many seconds")
    p.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    p.add_argument("--pool", type=int, default=4,
                   help="Bolt pool per service worker (REFGRAPH_POOL_SIZE); the peer gets pool x workers")
    p.add_argument("--compare-workers", action="store_true", help="also measure throughput with 1 worker")
    p.add_argument("--naive-sample", type=int, default=60, help="counties timed for the naive way")
    p.add_argument("--repeats", type=int, default=3,
                   help="runs of each national gap query: the first (cold) apart, the median of the rest")
    p.add_argument("--import-rows", type=int, default=200_000, help="capability rows written (rows/s)")
    p.add_argument("--memory-rows", type=lambda s: tuple(int(x) for x in s.split(",")), default=(50_000, 500_000),
                   help="two dry-run import sizes compared for loader memory")
    p.add_argument("--ceiling", action="store_true",
                   help="import: also the engine alone, replaying the loader's prepared statements (cold, then warm)")
    p.add_argument("--profile-import", action="store_true", help="pyinstrument the written import (hsds: the HSDS import)")
    p.add_argument("--heap", default="3g", help="JVM heap of the bench engine")
    p.add_argument("--jvm-options", default="", help="extra JVM options of the bench engine (as REFGRAPH_ENGINE_JVM_OPTIONS)")
    p.add_argument("--pagecache", default=None,
                   help="page cache of each database on --engine neo4j (as REFGRAPH_ENGINE_PAGECACHE; default its 512m)")
    p.add_argument("--fresh", action="store_true", help="rebuild the data set")
    p.add_argument("--out", type=Path, default=None, help="results JSON (default bench/results/<engine>/<mode>-<time>.json)")
    args = p.parse_args(argv)
    args.states = None
    args.engine_title = args.engine
    ENGINE_TAG[0] = f"[{args.engine}] "

    if args.mode == "smoke":
        args.scale, args.requests, args.max_requests, args.seconds = 0.01, 12, 40, 3.0
        args.naive_sample, args.import_rows, args.memory_rows, args.workers = 5, 300, (100, 300), 1
        args.repeats, args.ceiling, args.warmup_seconds = 2, True, 0.0
        args.growth, args.states = "0.01", ("us-de", "us-ri")
    result: dict[str, Any] = {"mode": args.mode, "engine": args.engine, "machine": machine(),
                              "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    say(f"[bench] {args.mode} on the embedded {args.engine} engine: {result['machine']}")
    t0 = time.perf_counter()
    if args.mode in ("all", "smoke", "growth"):
        scales = [float(x) for x in args.growth.split(",")]
        if args.scale not in scales:
            scales.insert(0, args.scale)
        per: dict[str, Any] = {}
        for s in scales:
            parts = {"routing", "gaps"}
            if s == args.scale and args.mode != "growth":
                parts.add("import")
            per[f"{s:g}"] = run_scale(s, args, parts, args.peer and s == args.scale)
        result["scales"] = per
        if len(per) > 1:
            result["growth"] = growth(per)
    else:
        result["scales"] = {f"{args.scale:g}": run_scale(args.scale, args, {args.mode}, args.peer)}
    result["seconds"] = time.perf_counter() - t0
    first: dict[str, Any] = next(iter(result["scales"].values()), {})
    if "engine" in first:
        result["engine_info"] = first["engine"]
    out = args.out or results_dir(args.engine) / f"{args.mode}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, default=str))
    say(f"[bench] {args.mode} on {result.get('engine_info', {}).get('label', args.engine)} done in "
        f"{result['seconds']:.0f} s; results in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
