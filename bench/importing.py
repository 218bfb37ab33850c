"""Import throughput and loader memory: capability rosters of 50k / 200k / 500k rows, each
loaded by Refgraph's own loader (loaders.load_file) in a child process that reports its
peak RSS (VmHWM). Rows are the scale-1 synthetic capabilities cycled under fresh ids, so
every run creates rows (nothing is skipped as unchanged). The import engine and the ceiling's
engine are of the benchmark's kind (`--engine`), under that engine's own results directory."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from service.store.engines import EngineAddress

from .server import ROOT, service_env


def write_roster(source: Path, out: Path, rows: int, prefix: str) -> Path:
    """`rows` capability rows from `source` (cycled), ids prefixed; streamed, never held whole."""
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        written = 0
        header_done = False
        while written < rows:
            with source.open(encoding="utf-8", newline="") as src:
                reader = csv.reader(src)
                header = next(reader)
                if not header_done:
                    writer.writerow(header)
                    header_done = True
                for rec in reader:
                    rec[0] = f"{prefix}{written:07d}"
                    writer.writerow(rec)
                    written += 1
                    if written >= rows:
                        break
    return out


def load_in_child(address: EngineAddress, kind: str, path: Path, profile: Path | None = None,
                  dry_run: bool = False, engine_pid: int | None = None) -> dict[str, Any]:
    """Run the loader in a child process; its summary, wall time, peak RSS (MiB) and the CPU
    seconds it and (given its pid) the engine used during the load itself."""
    code = ("import json,sys,time;from pathlib import Path;from service.store.graph import Graph;"
            "from service.settings import Settings;from loaders import load_file;"
            "from bench.importing import process_cpu_seconds as cpu;"
            "ep=int(sys.argv[3]);g=Graph(Settings.from_env());e=cpu(ep) if ep else 0.0;"
            "t=time.perf_counter();c=time.process_time();"
            f"s=load_file(g,sys.argv[1],Path(sys.argv[2]),progress=False,dry_run={dry_run});"
            "hwm=[l for l in open('/proc/self/status') if l.startswith('VmHWM')];"
            "print(json.dumps({'rows':s.rows,'created':s.created,'updated':s.updated,"
            "'seconds':time.perf_counter()-t,'cpu_s':time.process_time()-c,"
            "'engine_cpu_s':cpu(ep)-e if ep else None,'vmhwm_kib':int(hwm[0].split()[1]) if hwm else 0}));"
            "g.driver.close()")
    summary = in_child(address, code, [kind, str(path), str(engine_pid or 0)], profile)
    summary["rows_per_s"] = summary["rows"] / summary["seconds"]
    return summary


def in_child(address: EngineAddress, code: str, args: list[str], profile: Path | None = None) -> dict[str, Any]:
    """Run `code` (statements joined by ';', never inside a string) in a child process connected
    to the engine at `address` (as `refgraph load` connects), with `args` as sys.argv[1:]; its
    last line of output is one JSON object, with the child's VmHWM as 'vmhwm_kib'. Returns that
    object with the child's wall time and peak RSS (MiB); with `profile`, pyinstrument's text
    report goes there."""
    cmd = [sys.executable]
    if profile is not None:
        cmd += ["-m", "pyinstrument", "-r", "text", "-o", str(profile)]
        code_file = profile.with_suffix(".py")
        code_file.write_text(code.replace(";", "\n"))
        cmd += [str(code_file), *args]
    else:
        cmd += ["-c", code, *args]
    env = service_env(address)
    env["REFGRAPH_QUERY_TIMEOUT"] = "3600"
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read() if proc.stdout else b""
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"loader failed ({proc.returncode}): {err.decode()[-2000:]}")
    summary: dict[str, Any] = json.loads(out.decode().strip().splitlines()[-1])
    # VmHWM is the child's own high-water mark (its address space after exec); ru_maxrss from
    # wait4 also counts the parent's memory at fork time, so it is kept only as a fallback
    peak_kib = summary.pop("vmhwm_kib", 0) or usage.ru_maxrss
    summary.update({"wall_s": wall, "peak_rss_mib": peak_kib / 1024})
    return summary


def engine_pid(graph: Any) -> int | None:
    """The embedded engine's process id (None for an external server: its CPU is not read)."""
    return graph.engine.process.pid if graph.engine is not None and graph.engine.process is not None else None


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU a process has used so far (Linux /proc), every thread included."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_budget(rows: int, loader_cpu: float, engine_cpu: float, rows_per_s: float) -> dict[str, float]:
    """Where a written import's CPU went, per row, and the rate this machine's cores allow at
    most for that much work (loader and engine overlapping perfectly on every core)."""
    cores = os.cpu_count() or 1
    bound = cores * rows / (loader_cpu + engine_cpu)
    return {"loader_us_per_row": loader_cpu / rows * 1e6, "engine_us_per_row": engine_cpu / rows * 1e6,
            "cores": cores, "cpu_bound_rows_per_s": bound, "share_of_bound": rows_per_s / bound}


PREPARED_KINDS = ("regions", "organizations", "contacts")  # what the capability rows refer to


def ensure_engine(csv_dir: Path, base: Path, say=print, heap: str = "3g", jvm_options: str = "",
                  name: str = "engine", engine: str = "arcadedb", pagecache: str | None = None,
                  kinds: tuple[str, ...] = PREPARED_KINDS, states: tuple[str, ...] | None = None) -> Any:
    """A separate engine of kind `engine` for imports (so the routing data set stays as
    generated): the built-in jurisdictions (only `states`' when given, as the data set's) and
    the rosters of `kinds` from `csv_dir` (by default the regions, organizations and contacts
    the capability rows refer to; none for a places-only engine). Prepared once and kept
    (stopped) in `base/prepared` (`base/prepared-places` without kinds); every run starts from
    a fresh copy of it, so no run imports on top of the rows of the runs before it. `base`
    must be the engine's own (bench.dataset.results_dir): one engine cannot open another's data."""
    from loaders import load_file

    from .dataset import load_places, open_graph

    prepared = base / ("prepared" if kinds == PREPARED_KINDS else f"prepared-{'-'.join(kinds) or 'places'}")
    if not (prepared / "ready").exists():
        shutil.rmtree(prepared, ignore_errors=True)
        t = time.perf_counter()
        with open_graph(prepared / "engine", engine=engine, pagecache=pagecache) as graph:
            load_places(graph, states)
            for kind in kinds:
                load_file(graph, kind, csv_dir / f"{kind}.csv", progress=False)
        (prepared / "ready").write_text("ok")
        say(f"[import] import engine ({engine}{', ' + ', '.join(kinds) if kinds else ', places only'}) "
            f"prepared in {time.perf_counter() - t:.0f} s")
    shutil.rmtree(base / name, ignore_errors=True)
    shutil.copytree(prepared / "engine", base / name)
    return open_graph(base / name, heap, jvm_options, engine, pagecache)


def engine_ceiling(csv_dir: Path, base: Path, rows: int, stamp: int, say=print, graph: Any = None,
                   heap: str = "3g", jvm_options: str = "", engine: str = "arcadedb",
                   pagecache: str | None = None) -> dict[str, Any]:
    """bench.ceiling on a fresh copy of the import engine (so its first replay meets a cold JVM),
    or on `graph` when given (the smoke run)."""
    from . import ceiling

    path = write_roster(csv_dir / "capabilities.csv", base / f"ceiling-{rows}.csv", rows, f"ceil{stamp}-")
    own = graph is None
    graph = graph or ensure_engine(csv_dir, base, say, heap, jvm_options, name="ceiling-engine", engine=engine,
                                   pagecache=pagecache)
    try:
        return ceiling.run(graph, path, rows, say=say)
    finally:
        path.unlink()
        if own:
            graph.close()
            shutil.rmtree(base / "ceiling-engine", ignore_errors=True)


def run(csv_dir: Path, base: Path, write_rows: int, memory_rows: tuple[int, int], say=print,
        profile: bool = False, graph: Any = None, heap: str = "3g", jvm_options: str = "",
        ceiling: bool = False, engine: str = "arcadedb", pagecache: str | None = None) -> dict[str, Any]:
    """Write `write_rows` rows (rows/s, RSS); dry-run imports of both `memory_rows` sizes (RSS):
    a dry run reads, checks and compares every row exactly like a write, minus the engine's work.
    With `ceiling`, first the engine alone on the same rows (bench.ceiling), on an engine of its own.
    Without `graph`, both run on engines of kind `engine` prepared under `base`."""
    base.mkdir(parents=True, exist_ok=True)
    source = csv_dir / "capabilities.csv"
    stamp = int(time.time()) % 100000
    out: dict[str, Any] = {}
    if ceiling:
        out["ceiling"] = engine_ceiling(csv_dir, base, write_rows, stamp, say, graph, heap, jvm_options, engine,
                                        pagecache)
    own = graph is None
    graph = graph or ensure_engine(csv_dir, base, say, heap, jvm_options, engine=engine, pagecache=pagecache)
    out["engine"] = graph.engine.kind if graph.engine is not None else "external"
    pid = engine_pid(graph)
    try:
        jobs = [(write_rows, False)] + [(n, True) for n in memory_rows]
        for n, dry in jobs:
            if n <= 0:
                continue
            path = write_roster(source, base / f"capabilities-{n}.csv", n, f"imp{stamp}-{n}-")
            prof = base / f"profile-{n}.txt" if profile and not dry else None
            res = load_in_child(graph.address, "capabilities", path, prof, dry_run=dry, engine_pid=pid)
            out[f"{'dry' if dry else 'write'}_{n}"] = res
            say(f"[import] {n:,} capability rows{' (dry run)' if dry else ''}: {res['rows_per_s']:,.0f} rows/s, "
                f"loader peak RSS {res['peak_rss_mib']:.0f} MiB ({res['seconds']:.1f} s)"
                + (f"; profile in {prof}" if prof else ""))
            if res["engine_cpu_s"] is not None and not dry and prof is None:
                budget = cpu_budget(res["rows"], res["cpu_s"], res["engine_cpu_s"], res["rows_per_s"])
                res["cpu"] = budget
                say(f"[import] CPU per row: loader {budget['loader_us_per_row']:.0f} us, engine "
                    f"{budget['engine_us_per_row']:.0f} us: {budget['cores']} cores allow at most "
                    f"{budget['cpu_bound_rows_per_s']:,.0f} rows/s; this run reached {budget['share_of_bound']:.0%} of that")
            path.unlink()
        lo, hi = f"dry_{memory_rows[0]}", f"dry_{memory_rows[1]}"
        if lo in out and hi in out:
            out["rss_growth"] = out[hi]["peak_rss_mib"] / out[lo]["peak_rss_mib"]
            say(f"[import] loader peak RSS {memory_rows[0]:,} -> {memory_rows[1]:,} rows: {out['rss_growth']:.2f}x")
    finally:
        if own:
            graph.close()
    return out
