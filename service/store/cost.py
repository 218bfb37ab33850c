"""What a read costs, and how much one request may ask for.

Costs are in units of one `route` (about 10-20 ms of engine time at national scale).
A report over every place of a kind in the country costs what its size says: the
national matrix summary of every city is the most expensive thing anyone can ask for,
and one request may ask for it once. The same numbers serve two purposes:

- a GraphQL document whose fields add up to more than `BUDGET` is refused before any
  work (service.api.cost), so one request cannot ask for twenty national summaries;
- a read costing `EXPENSIVE` or more is a *report*: the gateway computes at most a few
  at once per process, shares one computation between callers asking the same thing,
  and keeps the answer until the next write (service.store.reports), so cheap reads and
  `/health` keep the engine's connections and cores to themselves.
"""

from __future__ import annotations

ROUTE = 1
MATRIX = 2
BUDGET = 200
EXPENSIVE = 20

# Places of each kind across the country, as costs of one report over all of them.
NATIONAL_GAPS = {"state": 2, "region": 5, "county": 20, "city": 50}
NATIONAL_SUMMARY = {"state": 20, "region": 40, "county": 100, "city": 200}
WITHIN_AREA = 2  # the same report inside one state or smaller area
SERVICES = 8
COUNTRY = ("us",)


def national(within: str | None) -> bool:
    return within is None or within.strip().lower() in COUNTRY


def gaps_cost(kind: str, within: str | None = None) -> int:
    """`gaps` for one service: every place of `kind` in the country, or inside `within`."""
    if not national(within):
        return WITHIN_AREA
    return NATIONAL_GAPS.get(kind, 1)  # an unknown kind is refused before any work


def single_points_cost(kind: str | None, within: str | None) -> int:
    """Cells hanging on one organization: of one place (no kind), or of every place of a kind."""
    if kind is None:
        return MATRIX
    return gaps_cost(kind, within)


def summary_cost(kind: str, services: int = SERVICES) -> int:
    """The national matrix summary of `kind`, for `services` of the eight rows."""
    full = NATIONAL_SUMMARY.get(kind, 1)
    share = min(max(services, 1), SERVICES)
    return max(1, -(-full * share // SERVICES))  # rounded up


def is_report(cost: int) -> bool:
    return cost >= EXPENSIVE


__all__ = ["BUDGET", "EXPENSIVE", "MATRIX", "ROUTE", "gaps_cost", "is_report", "national",
           "single_points_cost", "summary_cost"]
