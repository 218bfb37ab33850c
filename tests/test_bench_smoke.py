"""The benchmark runs end to end at a tiny scale and reports its ratios (never timed), on each
embedded engine the session runs (`engine_kind`: the benchmark starts its own engine of that kind)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXTERNAL

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")), reason="the benchmark starts its own embedded engine")
def test_bench_smoke_runs_and_reports_every_ratio(tmp_path: Path, engine_kind: str) -> None:
    if engine_kind == EXTERNAL:
        pytest.skip("an external server (NEO4J_URI): the benchmark starts its own embedded engine")
    out = tmp_path / "smoke.json"
    done = subprocess.run([sys.executable, "-m", "bench", "smoke", "--engine", engine_kind, "--fresh",
                           "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert lines and all(line.startswith(f"[{engine_kind}] ") for line in lines), done.stdout[-3000:]
    for line in ("service/floor: p50", "requests/s with 16 clients", "[gaps] county:", "[gaps] city:",
                 "matrix summary:", "naive (one round trip per county", "capability rows:", "loader peak RSS",
                 "CPU per row: loader", "engine alone, cold:",
                 "engine alone, warm:", "referrals alone (ids known, no routing)"):
        assert line in done.stdout, f"{line!r} missing from:\n{done.stdout}"
    result = json.loads(out.read_text())
    assert result["engine"] == engine_kind
    scale = result["scales"]["0.01"]
    assert scale["engine"]["kind"] == engine_kind and scale["engine"]["version"]
    assert scale["engine"]["pid"] > 0  # the supervisor's JVM, whose CPU the import and the ceiling read
    assert scale["routing"]["service_vs_floor_p50"] > 0
    assert scale["routing"]["throughput"]["service"]["requests"] > 0
    assert scale["gaps"]["naive_vs_pushdown_matrix"] > 0
    assert scale["gaps"]["matrix_summary_places"] > 0
    assert scale["gaps"]["matrix_summary_disagreements"] == 0  # the summary says what each matrix says
    assert scale["import"]["rss_growth"] > 0
    written = next(v for k, v in scale["import"].items() if k.startswith("write_"))
    assert written["cpu"]["engine_us_per_row"] > 0 and written["cpu"]["loader_us_per_row"] > 0
    assert 0 < written["cpu"]["share_of_bound"]
    ceiling = scale["import"]["ceiling"]
    assert ceiling["cold"]["created"] == ceiling["warm"]["created"] == 300  # replayed whole, rolled back
    bound = scale["routing"]["answer_bound"]
    assert bound["referral_rows"]["n"] == bound["floor"]["n"] == 12
    assert result["machine"]["nproc"] >= 1


def test_the_peer_asks_for_exactly_the_routing_statements_parameters() -> None:
    """The peer's @cypher field passes its arguments to the same statement: a parameter the
    statement gains or loses must be in the peer's query too (the benchmark would fail)."""
    import re

    from bench.peer import PEER_QUERY
    from service.domain.models import Situation
    from service.domain.routing import route_plan
    from service.store.statements import dated, statement

    plan = route_plan("us-ts", Situation(urgency="URGENT", immediate_danger=True), first=10)
    sent = set(dated(statement(plan.statement), plan.params))  # what the gateway sends, $today included
    asked = set(re.findall(r"\$(\w+):", PEER_QUERY))
    assert asked == sent, f"peer asks {sorted(asked)}; the statement takes {sorted(sent)}"
