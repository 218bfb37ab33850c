"""Coverage digests: how routing reads the capabilities covering a place without visiting them.

Each jurisdiction has a `CoverageDigest` (same id; built by `writes/refresh_coverage_digests`,
kept exact by `loaders.digests`) whose `keys` hold one key per live capability covering it, in ranking order within it,
`[!]SERVICE|letters[|open_hours]#id`. The six letters are the situation dimensions in
`LETTERS` order: `a` the capability takes the dimension's first value only, `b` the second
only, `c` both, `n` neither. `key_pattern` turns a request into the regular expression
`queries/route_referrals` filters the keys with; it is the digest's twin of
`service.models.CYPHER_MATCH` (`Situation.accepts`).

The digest's `police` and `federal` lists hold the keys an emergency block picks from (local
and federal law enforcement, as `organization id@key`; see the refresh statement); its tip
lines are the route's own TIP_REPORTING referrals.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .domain.vocabulary import DIMENSION_BY_NAME, EMERGENCY_LOCAL_TYPES, FEDERAL_AFTER_HOURS_TYPES
from .store.statements import dated, statement

if TYPE_CHECKING:
    from .store.graph import Graph

REFRESH = "writes/refresh_coverage_digests"
BATCH = 500  # jurisdictions per refresh statement

# The order of the letters in a key; hours last (a moment may decide it in the engine).
LETTERS: tuple[str, ...] = ("urgency", "nationality", "age", "gender", "trafficking", "hours")


# The organization types the statements take (the refresh's lists, routing's federal offices);
# tuples, copied into each statement's parameters: a write empties its parameters' lists.
LOCAL_TYPES = tuple(sorted(t.value for t in EMERGENCY_LOCAL_TYPES))
FEDERAL_TYPES = tuple(sorted(t.value for t in FEDERAL_AFTER_HOURS_TYPES))


def refresh_params(ids: Sequence[str]) -> dict[str, list[str]]:
    """Parameters of `REFRESH` for these jurisdiction ids."""
    return {"ids": list(ids), "local_types": list(LOCAL_TYPES), "federal_types": list(FEDERAL_TYPES)}


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


def jurisdiction_ids(graph: Graph) -> list[str]:
    return sorted(r["id"] for r in graph.read("queries/jurisdiction_ids"))


def refresh_batches(ids: Sequence[str]) -> Iterator[dict[str, list[str]]]:
    """`REFRESH`'s parameters for these jurisdiction ids, `BATCH` at a time."""
    for start in range(0, len(ids), BATCH):
        yield refresh_params(ids[start:start + BATCH])


def refresh_digests(graph: Graph, ids: Sequence[str], done: Callable[[int], Any] = lambda n: None) -> int:
    """Rebuild these jurisdictions' digests from the graph, a batch per transaction (a roster
    write meanwhile refreshes what it touches itself); `done(1)` after each batch."""
    for params in refresh_batches(ids):
        graph.write(REFRESH, **params)
        done(1)
    return len(ids)


def refresh_due_digests(graph: Graph) -> int:
    """Rebuild the digests a scheduled retirement has reached (they still list a capability
    retired from today); how many. Run whenever a graph is opened (Graph.apply_schema) and
    hourly by the service (service.app), so a retired_on set ahead stops routing on its day."""
    due = [r["id"] for r in graph.read("queries/digests_due_for_review")]
    return refresh_digests(graph, due) if due else 0


def digest_drift(graph: Graph, ids: Sequence[str], done: Callable[[int], Any] = lambda n: None) -> list[str]:
    """Which of these jurisdictions' stored digests differ from a rebuild made inside a
    transaction that is rolled back, so nothing is written; `done(1)` after each batch. A
    missing digest equals an empty one (routing reads it so)."""
    def lists(row: Mapping[str, Any] | None) -> tuple[list[str], ...]:
        return tuple(list((row or {}).get(name) or []) for name in ("keys", "police", "federal"))

    differ: list[str] = []
    with graph.driver.session(database=graph.address.database) as session:
        for params in refresh_batches(ids):
            batch = params["ids"]
            stored = {r["id"]: r for r in graph.read("queries/coverage_digests", ids=batch)}
            tx = session.begin_transaction()
            try:
                refresh = statement(REFRESH)
                tx.run(refresh, dated(refresh, params)).consume()
                rebuilt = {r["id"]: r.data() for r in tx.run(statement("queries/coverage_digests"), ids=batch)}
            finally:
                tx.rollback()
            differ += [jid for jid in batch if lists(stored.get(jid)) != lists(rebuilt.get(jid))]
            done(1)
    return differ
