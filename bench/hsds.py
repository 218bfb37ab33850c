"""HSDS 3.0 import against the roster import (issue 17): the same records, two ways in.

The national data set's graph is exported once as an HSDS datapackage (`export_hsds`, with
the confidential addresses, so that nothing is left out; cached in `<base>/package` until the
data set is rebuilt or the export's code changes, `export_code`). Then, each in a child
process against its own fresh copy of a prepared engine that holds only the built-in
jurisdictions (bench.importing.ensure_engine, no rosters):

- roster: `loaders.load_file` of the data set's rosters, in load order (dataset.KINDS);
- HSDS: `import_hsds` of the package with the shipped mapping (read, checked, translated,
  then written by the rosters' own checks in one transaction), nothing loaded before it: the
  export carries every region (an area of no service defines each), so the package imports
  into a places-only database by itself;
- HSDS again: the same package into the engine the HSDS import just wrote (idempotent:
  every record unchanged).

Rows/s counts records (roster rows; for HSDS, the rows its translation made), every kind
and capability rows apart, over the import call's own time in the child (connecting and
Python's start-up left out; the child's wall time is kept too). HSDS / roster is the time
from places only to the same graph (HSDS against the five rosters; above 1: HSDS is slower).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from .dataset import KINDS, Dataset, counts
from .importing import engine_pid, ensure_engine, in_child

CHILD = "import sys;from bench.hsds import child;child(sys.argv[1:])"
# what an exported package is made by: a change to any of them exports the data set again
EXPORT_CODE = ("loaders/hsds/export.py", "loaders/hsds/export_rows.py", "loaders/hsds/taxonomy.py",
               "loaders/hsds/schedules.py", "loaders/hsds/spec.py", "loaders/records.py")


def child(argv: list[str]) -> None:
    """In the child: `roster CSV_DIR ENGINE_PID` or `hsds PACKAGE ENGINE_PID`; prints one JSON line."""
    from loaders import load_file
    from loaders.hsds.importer import import_hsds
    from loaders.hsds.mapping import read_mapping
    from service.errors import ImportRejected
    from service.settings import Settings
    from service.store.graph import Graph

    from .importing import process_cpu_seconds

    what, path, pid = argv[0], Path(argv[1]), int(argv[2])
    graph = Graph(Settings.from_env())
    out: dict[str, Any] = {}
    kinds = KINDS if what == "roster" else ()
    engine_cpu = process_cpu_seconds(pid) if pid else 0.0
    t, cpu = time.perf_counter(), time.process_time()
    summaries, kind_s = [], {}
    for kind in kinds:
        k = time.perf_counter()
        summaries.append(load_file(graph, kind, path / f"{kind}.csv", progress=False))
        kind_s[kind] = time.perf_counter() - k
    if what == "hsds":
        h = time.perf_counter()
        try:
            result = import_hsds(graph, path, read_mapping(None))
        except ImportRejected as exc:  # the package of a graph Refgraph wrote: a bug worth its rows
            sys.exit(exc.report(limit=20))
        out["import_s"] = time.perf_counter() - h
        summaries = result.summaries
        out["notes"], out["mapped"] = len(result.notes), result.mapped
    out.update({
        "seconds": time.perf_counter() - t, "cpu_s": time.process_time() - cpu,
        "engine_cpu_s": process_cpu_seconds(pid) - engine_cpu if pid else None,
        "kinds": {s.kind: {"rows": s.rows, "created": s.created, "updated": s.updated,
                           "unchanged": s.unchanged, "seconds": kind_s.get(s.kind)} for s in summaries}})
    hwm = [line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM")]
    out["vmhwm_kib"] = int(hwm[0].split()[1]) if hwm else 0
    graph.driver.close()
    print(json.dumps(out), flush=True)


def export_code() -> str:
    """A checksum of the export's code (EXPORT_CODE), part of a cached package's key."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for name in EXPORT_CODE:
        digest.update(name.encode() + b"\0" + (root / name).read_bytes())
    return digest.hexdigest()[:16]


def package(ds: Dataset, graph: Any, base: Path, say=print) -> dict[str, Any]:
    """The data set's graph as an HSDS package in `base/package`, exported once per data set
    and version of the export's code."""
    from loaders.hsds.export import export_hsds

    out, marker = base / "package", base / "package.json"
    # a rebuilt data set has other timings; changed export code writes another package
    built_from = {"rows": ds.rows, "seconds": ds.seconds, "export_code": export_code()}
    if marker.exists() and json.loads(marker.read_text()).get("built_from") == built_from:
        saved: dict[str, Any] = json.loads(marker.read_text())
        say(f"[hsds] reusing the HSDS export of {ds.data_dir.parent.name} ({saved['seconds']:.0f} s to export)")
        return saved
    shutil.rmtree(out, ignore_errors=True)
    marker.unlink(missing_ok=True)
    base.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    files = export_hsds(graph, out, confidential_addresses=True)
    saved = {"built_from": built_from, "seconds": time.perf_counter() - t, "files": files,
             "bytes": sum(f.stat().st_size for f in out.iterdir())}
    marker.write_text(json.dumps(saved, indent=2))
    say(f"[hsds] exported {ds.data_dir.parent.name} as HSDS in {saved['seconds']:.0f} s: "
        f"{sum(files.values()):,} rows in {len(files)} files, {saved['bytes'] / 2**20:.0f} MiB")
    return saved


def import_in_child(target: Any, what: str, path: Path, *extra: str, profile: Path | None = None) -> dict[str, Any]:
    """One import in a child; rates over the import's own time (for HSDS, import_hsds alone)."""
    res = in_child(target.address, CHILD, [what, str(path), str(engine_pid(target) or 0), *extra], profile)
    kinds, own = res["kinds"], res.get("import_s", res["seconds"])
    res["records"] = sum(k["rows"] for k in kinds.values())
    res["capabilities"] = kinds.get("capabilities", {}).get("rows", 0)
    res["rows_per_s"] = res["records"] / own
    res["capability_rows_per_s"] = res["capabilities"] / own
    res["changed"] = sum(k["created"] + k["updated"] for k in kinds.values())
    return res


def graph_of(target: Any) -> dict[str, Any]:
    nodes, covers = counts(target)
    return {"nodes": nodes, "covers": covers}


def line(res: dict[str, Any]) -> str:
    return (f"{res['records']:,} records in {res.get('import_s', res['seconds']):.1f} s ({res['rows_per_s']:,.0f} "
            f"rows/s; {res['capabilities']:,} capability rows, {res['capability_rows_per_s']:,.0f} rows/s"
            f"; loader peak RSS {res['peak_rss_mib']:.0f} MiB)")


def run(ds: Dataset, graph: Any, base: Path, say=print, states: tuple[str, ...] | None = None,
        profile: bool = False, **engine_options: Any) -> dict[str, Any]:
    """Export the data set (once), then time the roster import, the HSDS import (by itself:
    the package carries every region) and the HSDS import again, each from places only;
    `engine_options` are ensure_engine's (heap, jvm_options, engine, pagecache)."""
    out: dict[str, Any] = {"package": package(ds, graph, base, say), "loadavg_at_start": os.getloadavg()}
    prof = base / "profile-hsds.txt" if profile else None
    pkg = base / "package"
    for name, copy in (("roster", "roster-engine"), ("hsds", "hsds-engine")):
        target = ensure_engine(ds.csv_dir, base, say, name=copy, kinds=(), states=states, **engine_options)
        try:
            runs = [("roster", ds.csv_dir, None)] if name == "roster" else \
                [("hsds", pkg, prof), ("hsds_again", pkg, None)]
            for label, path, profile_to in runs:
                out[label] = res = import_in_child(target, name, path, profile=profile_to)
                say(f"[hsds] {label.replace('_', ' ')}: {line(res)}"
                    + (f"; profile in {profile_to}" if profile_to else ""))
            out[f"{name}_graph"] = graph_of(target)
        finally:
            target.close()
            shutil.rmtree(base / copy, ignore_errors=True)
    roster, hsds, again = out["roster"], out["hsds"], out["hsds_again"]
    # each from places only to the same graph: the five rosters; the package
    out["hsds_vs_roster"] = hsds["seconds"] / roster["seconds"]
    out["same_graph"] = out["roster_graph"] == out["hsds_graph"]
    say(f"[hsds] roster import: {roster['records']:,} records in {roster['seconds']:.1f} s "
        f"({roster['rows_per_s']:,.0f} rows/s); HSDS import: {hsds['records']:,} records in {hsds['import_s']:.1f} s "
        f"({hsds['rows_per_s']:,.0f} rows/s); HSDS / roster = {out['hsds_vs_roster']:.2f}x (each from places only "
        f"to the same graph)")
    say(f"[hsds] HSDS import again (idempotent): {again['seconds']:.1f} s, {again['changed']:,} records changed "
        f"of {again['records']:,}; the two imports made the same graph: {'yes' if out['same_graph'] else 'NO'}"
        + ("" if out["same_graph"] else f" (roster {out['roster_graph']}, HSDS {out['hsds_graph']})"))
    return out
