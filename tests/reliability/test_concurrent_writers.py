"""Many stewards upserting the same records at once: no duplicates, no errors, last write wins.

16 clients each send 200 `upsertOrganization` mutations over 50 shared ids to a
real uvicorn server (HTTP on 127.0.0.1) backed by the session's embedded
engine. Every write sets `notes` to "client-<i>-seq-<n>", so afterwards each
stored value can be traced to the client that wrote it and to its audit entry:
the audit trail (Change nodes, written in the same transaction as the record)
says which write committed last for each id, and the stored value must be
exactly that one, and one the API told a client was saved.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import httpx
import pytest

from service.app import create_app
from service.settings import Settings
from service.store.graph import Graph
from tests.conftest import counts
from tests.live import serving

CLIENTS = 16
WRITES = 200
KEYS = 50
BUDGET = 120.0  # seconds for the whole storm

UPSERT = """mutation($input: OrganizationInput!) { upsertOrganization(input: $input, reason: "storm") {
  __typename ... on OrganizationSaved { outcome organization { id notes } }
  ... on InvalidRecord { message } } }"""


@pytest.fixture
def server(graph: Graph, settings: Settings) -> Iterator[str]:
    """The real app under uvicorn in a thread, open development access, no rate limit in the way."""
    app = create_app(replace(settings, rate_per_second=100_000.0, rate_burst=100_000),
                     load_demo_when_empty=False, supervise_engine=False)
    with serving(app) as base:
        yield base


def _org(key: int, client: int, seq: int) -> dict[str, str]:
    return {"id": f"storm-{key:02d}", "name": f"Storm Org {key}", "sector": "SERVICE_PROVIDER",
            "type": "ANTI_TRAFFICKING", "notes": f"client-{client}-seq-{seq}"}


def _writer(base: str, client: int, deadline: float) -> tuple[list[tuple[str, str]], list[str]]:
    """One client's 200 upserts: (id, value) it was told were saved, and every error it saw."""
    rng = random.Random(client)
    saved: list[tuple[str, str]] = []
    errors: list[str] = []
    with httpx.Client(base_url=base, timeout=30.0) as http:
        for seq in range(WRITES):
            if time.monotonic() > deadline:
                errors.append(f"client {client}: out of time after {seq} writes")
                break
            org = _org(rng.randrange(KEYS), client, seq)
            try:
                response = http.post("/graphql", json={"query": UPSERT, "variables": {"input": org}})
            except httpx.HTTPError as exc:
                errors.append(f"client {client} seq {seq}: {type(exc).__name__}: {exc}")
                continue
            body = response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
            result = (body.get("data") or {}).get("upsertOrganization") or {}
            if response.status_code != 200 or body.get("errors") or result.get("__typename") != "OrganizationSaved":
                errors.append(f"client {client} seq {seq}: HTTP {response.status_code} {response.text[:300]}")
                continue
            saved.append((org["id"], org["notes"]))
    return saved, errors


def test_sixteen_writers_over_fifty_shared_ids_never_duplicate_fail_or_lose_the_last_write(
        server: str, graph: Graph) -> None:
    start = time.monotonic()
    deadline = start + BUDGET
    with ThreadPoolExecutor(CLIENTS) as pool:
        outcomes = list(pool.map(lambda i: _writer(server, i, deadline), range(CLIENTS)))
    elapsed = time.monotonic() - start
    errors = [e for _, errs in outcomes for e in errs]
    told_saved = {value for saved, _ in outcomes for _, value in saved}
    print(f"\n{CLIENTS}x{WRITES} upserts over {KEYS} ids: {len(told_saved)} saved, "
          f"{len(errors)} errors, {elapsed:.1f} s")

    assert errors == [], f"{len(errors)} errors surfaced to clients, first: {errors[:3]}"
    assert len(told_saved) == CLIENTS * WRITES
    assert elapsed < BUDGET

    rows = graph.read("queries/organization_records", ids=[f"storm-{k:02d}" for k in range(KEYS)])
    stored = {r["organization"]["id"]: r["organization"] for r in rows}
    assert counts(graph).get("Organization") == KEYS, "duplicate (or missing) Organization nodes"
    assert len(rows) == len(stored) == KEYS

    written_ids = {key for saved, _ in outcomes for key, _ in saved}
    audited = 0
    for key in sorted(written_ids):
        value = stored[key]["notes"]
        assert value in told_saved, f"{key}: {value!r} was never reported saved to any client"
        assert value.startswith(("client-",))
        newest = graph.read("queries/changes", entity=key, kind=None, since=None, skip=0, limit=1)[0]
        audited += newest["total"]
        last = json.loads(newest["page"][0]["after"])
        assert last["notes"] == value, (
            f"{key}: stored {value!r} but the last committed write (audit) was {last['notes']!r}")
    # One audit entry per committed write: none lost, none recorded twice.
    assert audited == CLIENTS * WRITES
