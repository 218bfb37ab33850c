"""Gap analysis at national scale: one cell across all counties and all cities (queries/gaps),
the full matrix summary (queries/matrix_summary), each against the naive way: one
round trip per county (route for the cell, matrix for the summary). The naive way is
timed on a random sample of counties and scaled to all of them (said in the output).

Each national query runs `repeats` times: the first run (cold: the engine's caches and the
JVM's compiled code not yet warm for it) is reported apart from the median of the rest,
which is what an analyst running gap reports through the day sees."""

from __future__ import annotations

import random
import time
from typing import Any

from service.domain.gaps import gaps_plan
from service.domain.matrix import matrix_plan
from service.domain.matrix_summary import matrix_summary_plan
from service.domain.models import Situation
from service.domain.routing import route_plan
from service.domain.vocabulary import Service

CELL = (Service.SHELTER_TRANSITIONAL, "age", "MINOR")


def timed(call: Any) -> tuple[float, Any]:
    t = time.perf_counter()
    out = call()
    return time.perf_counter() - t, out


def repeated(call: Any, repeats: int) -> tuple[float, float, Any]:
    """(first run, median of the later runs, answer); with one run both are that run."""
    first, out = timed(call)
    later = sorted(timed(call)[0] for _ in range(repeats - 1))
    return first, (later[len(later) // 2] if later else first), out


def run(graph: Any, naive_sample: int = 60, seed: int = 5, repeats: int = 3, say=print) -> dict[str, Any]:
    service, dim, value = CELL
    situation = Situation(**{dim: value}, immediate_danger=False)
    out: dict[str, Any] = {"cell": f"{service.value} x {dim}={value}"}
    for kind in ("county", "city"):
        cold, secs, report = repeated(lambda k=kind: graph.run(gaps_plan(service, situation, kind=k, first=500)),
                                      repeats)
        out[f"gaps_{kind}_s"], out[f"gaps_{kind}_cold_s"] = secs, cold
        out[f"gaps_{kind}_places"] = report.considered
        out[f"gaps_{kind}_gaps"] = report.total_gaps
        say(f"[gaps] {kind}: {report.total_gaps:,} of {report.considered:,} without {out['cell']} in {secs:.2f} s "
            f"(median of {max(repeats - 1, 1)}; first run {cold:.2f} s)")
    cold, secs, summary = repeated(lambda: graph.run(matrix_summary_plan("county")), repeats)
    out.update({"matrix_summary_s": secs, "matrix_summary_cold_s": cold, "matrix_summary_places": len(summary.places),
                "matrix_summary_gap_cells": summary.gap_count,
                "matrix_summary_single_point_cells": summary.single_point_count})
    say(f"[gaps] matrix summary: {len(summary.places):,} counties x 96 cells, {summary.gap_count:,} gap cells, "
        f"{summary.single_point_count:,} single points, in {secs:.2f} s (first run {cold:.2f} s)")

    counties = [p.place.id for p in summary.places]
    sample = random.Random(seed).sample(counties, min(naive_sample, len(counties)))
    scale = len(counties) / len(sample)
    secs, _ = timed(lambda: [graph.run(route_plan(c, situation, [service])) for c in sample])
    out["naive_gaps_county_s"] = secs * scale
    secs, matrices = timed(lambda: [graph.run(matrix_plan(c)) for c in sample])
    out["naive_matrix_summary_s"] = secs * scale
    # the summary must say what the per-county matrices say (gaps and single points)
    by_id = {p.place.id: p for p in summary.places}
    out["matrix_summary_disagreements"] = sum(
        1 for m in matrices
        if {(c.service.value, c.dimension, c.value) for c in m.cells if c.gap} != set(by_id[m.place.id].gaps)
        or {(c.service.value, c.dimension, c.value) for c in m.cells if c.single_point_of_failure}
        != set(by_id[m.place.id].single_points))
    out["naive_sample"] = len(sample)
    out["naive_vs_pushdown_gaps"] = out["naive_gaps_county_s"] / out["gaps_county_s"]
    out["naive_vs_pushdown_matrix"] = out["naive_matrix_summary_s"] / out["matrix_summary_s"]
    say(f"[gaps] naive (one round trip per county; {len(sample)} sampled, scaled to {len(counties):,}): "
        f"cell {out['naive_gaps_county_s']:.1f} s = {out['naive_vs_pushdown_gaps']:.0f}x the pushed-down query; "
        f"matrix {out['naive_matrix_summary_s']:.1f} s = {out['naive_vs_pushdown_matrix']:.0f}x the summary; "
        f"summary vs per-county matrices: {out['matrix_summary_disagreements']} of {len(sample)} disagree")
    return out
