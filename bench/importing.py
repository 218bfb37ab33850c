"""Import throughput and loader memory: capability rosters of 50k / 200k / 500k rows, each
loaded by Refgraph's own loader (loaders.load_file) in a child process that reports its
peak RSS (VmHWM). Rows are the scale-1 synthetic capabilities cycled under fresh ids, so
every run creates rows (nothing is skipped as unchanged)."""

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

from service.engine import EngineAddress

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
                  dry_run: bool = False) -> dict[str, Any]:
    """Run the loader in a child process; its summary, wall time and peak RSS (MiB)."""
    code = ("import json,sys,time;from pathlib import Path;from service.graph import Graph;"
            "from service.settings import Settings;from loaders import load_file;"
            "g=Graph(Settings.from_env());t=time.perf_counter();"
            f"s=load_file(g,sys.argv[1],Path(sys.argv[2]),progress=False,dry_run={dry_run});"
            "hwm=[l for l in open('/proc/self/status') if l.startswith('VmHWM')];"
            "print(json.dumps({'rows':s.rows,'created':s.created,'updated':s.updated,"
            "'seconds':time.perf_counter()-t,'vmhwm_kib':int(hwm[0].split()[1]) if hwm else 0}));"
            "g.driver.close()")
    cmd = [sys.executable]
    if profile is not None:
        cmd += ["-m", "pyinstrument", "-r", "text", "-o", str(profile)]
        code_file = profile.with_suffix(".py")
        code_file.write_text(code.replace(";", "\n"))
        cmd += [str(code_file), kind, str(path)]
    else:
        cmd += ["-c", code, kind, str(path)]
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
    summary = json.loads(out.decode().strip().splitlines()[-1])
    # VmHWM is the child's own high-water mark (its address space after exec); ru_maxrss from
    # wait4 also counts the parent's memory at fork time, so it is kept only as a fallback
    peak_kib = summary.pop("vmhwm_kib", 0) or usage.ru_maxrss
    summary.update({"wall_s": wall, "peak_rss_mib": peak_kib / 1024,
                    "rows_per_s": summary["rows"] / summary["seconds"]})
    return summary


def ensure_engine(csv_dir: Path, base: Path, say=print) -> Any:
    """A separate engine for imports (so the routing data set stays as generated): the built-in
    jurisdictions, regions, organizations and contacts the capability rows refer to. Prepared
    once and kept (stopped) in `base/prepared`; every run starts from a fresh copy of it, so no
    run imports on top of the rows of the runs before it."""
    from loaders import load_builtin_us, load_file

    from .dataset import open_graph

    prepared = base / "prepared"
    if not (prepared / "ready").exists():
        shutil.rmtree(prepared, ignore_errors=True)
        t = time.perf_counter()
        with open_graph(prepared / "engine") as graph:
            load_builtin_us(graph, progress=False)
            for kind in ("regions", "organizations", "contacts"):  # capability rows cover regions too
                load_file(graph, kind, csv_dir / f"{kind}.csv", progress=False)
        (prepared / "ready").write_text("ok")
        say(f"[import] import engine prepared in {time.perf_counter() - t:.0f} s")
    shutil.rmtree(base / "engine", ignore_errors=True)
    shutil.copytree(prepared / "engine", base / "engine")
    return open_graph(base / "engine")


def run(csv_dir: Path, base: Path, write_rows: int, memory_rows: tuple[int, int], say=print,
        profile: bool = False, graph: Any = None) -> dict[str, Any]:
    """Write `write_rows` rows (rows/s, RSS); dry-run imports of both `memory_rows` sizes (RSS):
    a dry run reads, checks and compares every row exactly like a write, minus the engine's work."""
    base.mkdir(parents=True, exist_ok=True)
    source = csv_dir / "capabilities.csv"
    stamp = int(time.time()) % 100000
    out: dict[str, Any] = {}
    own = graph is None
    graph = graph or ensure_engine(csv_dir, base, say)
    try:
        jobs = [(write_rows, False)] + [(n, True) for n in memory_rows]
        for n, dry in jobs:
            if n <= 0:
                continue
            path = write_roster(source, base / f"capabilities-{n}.csv", n, f"imp{stamp}-{n}-")
            prof = base / f"profile-{n}.txt" if profile and not dry else None
            res = load_in_child(graph.address, "capabilities", path, prof, dry_run=dry)
            out[f"{'dry' if dry else 'write'}_{n}"] = res
            say(f"[import] {n:,} capability rows{' (dry run)' if dry else ''}: {res['rows_per_s']:,.0f} rows/s, "
                f"loader peak RSS {res['peak_rss_mib']:.0f} MiB ({res['seconds']:.1f} s)"
                + (f"; profile in {prof}" if prof else ""))
            path.unlink()
        lo, hi = f"dry_{memory_rows[0]}", f"dry_{memory_rows[1]}"
        if lo in out and hi in out:
            out["rss_growth"] = out[hi]["peak_rss_mib"] / out[lo]["peak_rss_mib"]
            say(f"[import] loader peak RSS {memory_rows[0]:,} -> {memory_rows[1]:,} rows: {out['rss_growth']:.2f}x")
    finally:
        if own:
            graph.close()
    return out
