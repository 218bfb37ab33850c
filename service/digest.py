"""Coverage digests: how routing reads the capabilities covering a place without visiting them.

Each jurisdiction has a `CoverageDigest` (same id; built by `writes/refresh_coverage_digests`,
kept exact by `loaders.digests`) whose `keys` hold one key per live capability covering it, in ranking order within it,
`[!]SERVICE|letters[|open_hours]#id`. The six letters are the situation dimensions in
`LETTERS` order: `a` the capability takes the dimension's first value only, `b` the second
only, `c` both, `n` neither. `key_pattern` turns a request into the regular expression
`queries/route_referrals` filters the keys with; it is the digest's twin of
`service.models.CYPHER_MATCH` (`Situation.accepts`).

The digest's `tips`, `police` and `federal` lists hold the keys an emergency block picks from
(tip reporting; local and federal law enforcement, as `organization id@key`; see the refresh
statement).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .vocabulary import DIMENSION_BY_NAME, EMERGENCY_LOCAL_TYPES, FEDERAL_AFTER_HOURS_TYPES

if TYPE_CHECKING:
    from .graph import Graph

REFRESH = "writes/refresh_coverage_digests"
BATCH = 500  # jurisdictions per refresh statement

# The order of the letters in a key; hours last (a moment may decide it in the engine).
LETTERS: tuple[str, ...] = ("urgency", "nationality", "age", "gender", "trafficking", "hours")


def refresh_params(ids: Sequence[str]) -> dict[str, list[str]]:
    """Parameters of `REFRESH` for these jurisdiction ids."""
    return {"ids": list(ids), "local_types": sorted(t.value for t in EMERGENCY_LOCAL_TYPES),
            "federal_types": sorted(t.value for t in FEDERAL_AFTER_HOURS_TYPES)}


def key_pattern(services: Sequence[str], situation: Mapping[str, str | None]) -> str:
    """The keys of these services that the situation's known values accept: any letter for an
    unknown value, else one that takes it. Without the hours letter when the situation's hours
    are unknown (the statement adds it: any letter, or the one the moment decides)."""
    out = "!?(" + "|".join(re.escape(s) for s in services) + ")\\|"
    for name in LETTERS:
        value = situation.get(name)
        if name == "hours" and value is None:
            break
        if value is None:
            out += "."
        else:
            out += "[ac]" if value == DIMENSION_BY_NAME[name].values[0] else "[bc]"
    return out


def _batches(graph: Graph) -> Iterator[list[str]]:
    ids = sorted(r["id"] for r in graph.read("queries/jurisdiction_ids"))
    for start in range(0, len(ids), BATCH):
        yield ids[start:start + BATCH]


def batch_count(graph: Graph) -> int:
    return sum(1 for _ in _batches(graph))


def rebuild_digests(graph: Graph, done: Callable[[int], Any] = lambda n: None) -> int:
    """Rebuild every jurisdiction's digest from the graph, a batch per transaction (a roster
    write meanwhile refreshes what it touches itself). Returns how many were rebuilt."""
    rebuilt = 0
    for ids in _batches(graph):
        graph.write(REFRESH, **refresh_params(ids))
        rebuilt += len(ids)
        done(1)
    return rebuilt


def digest_drift(graph: Graph, done: Callable[[int], Any] = lambda n: None) -> tuple[int, list[str]]:
    """Compare every stored digest with a rebuild made inside a transaction that is rolled
    back, so nothing is written: (how many compared, the ids of those that differ). A missing
    digest equals an empty one (routing reads it so)."""
    from .statements import statement

    def lists(row: Mapping[str, Any] | None) -> tuple[list[str], ...]:
        return tuple(list((row or {}).get(name) or []) for name in ("keys", "tips", "police", "federal"))

    compared, differ = 0, []
    with graph.driver.session(database=graph.address.database) as session:
        for ids in _batches(graph):
            stored = {r["id"]: r for r in graph.read("queries/coverage_digests", ids=ids)}
            tx = session.begin_transaction()
            try:
                tx.run(statement(REFRESH), refresh_params(ids)).consume()
                rebuilt = {r["id"]: r.data() for r in tx.run(statement("queries/coverage_digests"), ids=ids)}
            finally:
                tx.rollback()
            differ += [jid for jid in ids if lists(stored.get(jid)) != lists(rebuilt.get(jid))]
            compared += len(ids)
            done(1)
    return compared, differ
