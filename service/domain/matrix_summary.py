"""The national matrix summary: for every place of a kind, which of the 8 x 12 cells are gaps
(nobody) and which hang on a single organization.

    graph.run(matrix_summary_plan(kind="county"))

The naive way asks one matrix per county (3,000+ round trips, each expanding the
place's ancestors). Here coverage is pushed DOWN once: one round trip
(queries/matrix_summary) brings every kind of live offer (a service and the values
it accepts) with who offers it where it COVERS, and the PART_OF parents of every
jurisdiction; each kind is matched against the 12 columns once (with
`Situation.accepts`, the predicate routing and the matrix use, so a gap here is
a gap there); the covering organizations of each (jurisdiction, service, column)
are kept up to two (enough to tell 0, 1 and "2 or more" apart exactly); then
each place takes the union over itself and its ancestors, sharing the work of
common ancestors (a state's coverage is merged once for all its counties).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InvalidInput
from ..store.cost import summary_cost
from ..store.graph import Plan, Row
from .coverage import place_from
from .gaps import GAP_KINDS
from .models import Place, column_situation
from .vocabulary import COLUMNS, KIND_LEVEL, Service

Cell = tuple[str, str, str]  # service, dimension, value
DEPTH = 2  # organizations kept per cell: 0 gap, 1 single point, 2 or more


@dataclass(frozen=True)
class PlaceSummary:
    place: Place
    gaps: tuple[Cell, ...]
    single_points: tuple[Cell, ...]


@dataclass(frozen=True)
class CellTotal:
    service: Service
    dimension: str
    value: str
    gap_places: int
    single_point_places: int


@dataclass(frozen=True)
class MatrixSummary:
    kind: str
    services: tuple[Service, ...]
    places: tuple[PlaceSummary, ...]  # every place of the kind, by id
    cells: tuple[CellTotal, ...]      # national totals, services x columns

    @property
    def gap_count(self) -> int:
        return sum(len(p.gaps) for p in self.places)

    @property
    def single_point_count(self) -> int:
        return sum(len(p.single_points) for p in self.places)


Orgs = dict[int, tuple[str, ...]]  # cell index -> up to DEPTH organization ids


def _merge(into: Orgs, other: Orgs) -> None:
    for key, orgs in other.items():
        have = into.get(key)
        if have is None:
            into[key] = orgs
        elif len(have) < DEPTH:
            into[key] = tuple(dict.fromkeys(have + orgs))[:DEPTH]


def push_down(rows: list[Row], kind: str, services: Sequence[Service]) -> MatrixSummary:
    """Pure: the rows of queries/matrix_summary -> the summary (see the module docstring)."""
    order = [s.value for s in services]
    columns = [column_situation(d, v) for d, v in COLUMNS]
    width = len(columns)
    covered: dict[str, Orgs] = {}
    parents: dict[str, list[str]] = {}
    places: list[dict] = []
    for r in rows:
        cap = r["capability"]
        if cap is None:
            place = r["place"]
            parents[place["id"]] = r["reaches"] or []
            if place.get("kind") == kind:
                places.append(place)
            continue
        cols = [i for i, s in enumerate(columns) if s.accepts(cap)]
        base = order.index(cap["service"]) * width
        for offer in r["offers"] or ():
            org = offer["organization"]
            for j in offer["reaches"] or ():
                cells = covered.setdefault(j, {})
                for i in cols:
                    have = cells.get(base + i)
                    if have is None:
                        cells[base + i] = (org,)
                    elif len(have) < DEPTH and org not in have:
                        cells[base + i] = have + (org,)

    memo: dict[str, Orgs] = {}

    def reach(j: str, trail: frozenset[str] = frozenset()) -> Orgs:
        """Cells covered at j or any ancestor (memoised: shared ancestors merge once)."""
        done = memo.get(j)
        if done is not None:
            return done
        merged: Orgs = dict(covered.get(j, {}))
        for parent in parents.get(j, ()):
            if parent not in trail:
                _merge(merged, reach(parent, trail | {j}))
        memo[j] = merged
        return merged

    names = [(Service(s), d, v) for s in order for d, v in COLUMNS]
    gap_n = [0] * len(names)
    single_n = [0] * len(names)
    out = []
    for place in sorted(places, key=lambda p: p["id"]):
        cells = reach(place["id"])
        gaps, singles = [], []
        for i, (service, d, v) in enumerate(names):
            n = len(cells.get(i, ()))
            if n == 0:
                gaps.append((service.value, d, v))
                gap_n[i] += 1
            elif n == 1:
                singles.append((service.value, d, v))
                single_n[i] += 1
        out.append(PlaceSummary(place_from(place), tuple(gaps), tuple(singles)))
    totals = tuple(CellTotal(s, d, v, gap_n[i], single_n[i]) for i, (s, d, v) in enumerate(names))
    return MatrixSummary(kind, tuple(Service(s) for s in order), tuple(out), totals)


def matrix_summary_plan(kind: str = "county", services: Sequence[Service | str] | None = None) -> Plan[MatrixSummary]:
    """Every place of `kind` in the country: its gap and single-point cells, and national totals."""
    if kind not in GAP_KINDS:
        raise InvalidInput(f"kind is {kind!r}", f"Use one of: {', '.join(GAP_KINDS)}", argument="kind")
    try:
        wanted = tuple(Service(s) for s in services) if services else tuple(Service)
    except ValueError:
        raise InvalidInput(f"service is not one of {', '.join(s.value for s in Service)}",
                           "Give a service from the list, or none for all", argument="service") from None
    params = {"services": [s.value for s in wanted], "min_level": KIND_LEVEL[kind]}
    return Plan("queries/matrix_summary", params,
                lambda rows: push_down(rows, kind, wanted), summary_cost(kind, len(wanted)))


__all__ = ["CellTotal", "MatrixSummary", "PlaceSummary", "matrix_summary_plan", "push_down"]
