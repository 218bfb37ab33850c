"""Routing, the matrix and gap analysis agree, by construction and by test.

On generated small rosters over a generated jurisdiction DAG (state -> region ->
counties -> cities), for every place, service and a sample of situations (all
twelve single-column cells, the all-unknown one and drawn profiles):
route returns nobody exactly when gaps (Cypher predicate, coverage pushed down)
and the matrix (Python predicate) say gap; every referral satisfies the
situation and covers the place; referrals are exactly what an independent
oracle computes from the roster.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.domain.dates import is_retired
from service.domain.gaps import gaps_plan, single_points_plan
from service.domain.hours import decide_hours
from service.domain.matrix import matrix_plan
from service.domain.models import Situation, column_situation
from service.domain.routing import route_plan
from service.domain.vocabulary import COLUMNS, DIMENSIONS, Service
from service.store.graph import Graph
from tests.builders import Roster, place, write_jurisdictions

SERVICES = (Service.SHELTER_EMERGENCY, Service.LEGAL_SERVICES)
ZONE = "America/Chicago"
HOURS = ("", "24/7", "Mon-Fri 09:00-17:00", "Sat-Sun 10:00-14:00", "Mon-Sun 20:00-08:00")
DIM_CHOICES = {d.name: ("ANY", d.values[0], d.values[1]) for d in DIMENSIONS}
# live (mostly), retired, or scheduled to retire (live until then)
RETIRED_ON = st.sampled_from(("", "", "", "", "2024-01-01", "2099-12-31"))


@dataclass(frozen=True)
class World:
    places: list[dict]
    links: list[list[str]]
    roster: Roster

    def ancestors(self, pid: str) -> set[str]:
        found, todo = {pid}, [pid]
        while todo:
            child = todo.pop()
            for c, p in self.links:
                if c == child and p not in found:
                    found.add(p)
                    todo.append(p)
        return found

    def expected(self, pid: str, service: Service, situation: Situation, at: datetime | None = None) -> set[str]:
        """The oracle: live capabilities of live organizations covering pid that accept the
        situation; at a moment (and hours unknown), the hours are each organization's own."""
        retired_orgs = {o["id"] for o in self.roster.organizations if is_retired(o["retired_on"])}
        org_hours = {o["id"]: o["hours"] for o in self.roster.organizations}
        up = self.ancestors(pid)
        out = set()
        for cap in self.roster.capabilities:
            if cap["service"] != service.value or is_retired(cap["retired_on"]) or cap["organization"] in retired_orgs:
                continue
            if not up & set(cap["jurisdictions"].split(";")):
                continue
            accepted = {d: (DIM_CHOICES[d][1:] if cap[d] == "ANY" else (cap[d],)) for d in DIM_CHOICES}
            known = situation.known()
            if at is not None and situation.hours is None:
                known["hours"] = decide_hours(at, ZONE, org_hours[cap["organization"]] or None)
            if all(v in accepted[d] for d, v in known.items()):
                out.add(cap["id"])
        return out


@st.composite
def worlds(draw: st.DrawFn, capabilities: tuple[int, int] = (0, 6)) -> World:
    places = [place("us-ag", "Agreement State", "state", state=None, timezone=ZONE)]
    links: list[list[str]] = []
    if draw(st.booleans()):
        places.append(place("us-ag-north", "North Region", "region", state="us-ag"))
        links.append(["us-ag-north", "us-ag"])
    for c in range(2):
        county = f"us-ag-county-{c}"
        places.append(place(county, f"County {c}", "county", state="us-ag", population=100 * (c + 1)))
        links.append([county, "us-ag"])
        if c == 0 and len(places) > 2:
            links.append([county, "us-ag-north"])
        for k in range(draw(st.integers(1, 2))):
            city = f"us-ag-city-{c}{k}"
            places.append(place(city, f"City {c}{k}", "city", state="us-ag", population=10 + k))
            links.append([city, county])
    ids = [p["id"] for p in places]
    roster = Roster()
    orgs = [roster.org(f"org-{i}", retired_on=draw(RETIRED_ON), trained_on=draw(st.sampled_from(("", "2025-03-01"))),
                       hours=draw(st.sampled_from(HOURS)))
            for i in range(draw(st.integers(1, 3)))]
    for i in range(draw(st.integers(*capabilities))):
        dims = {d: draw(st.sampled_from(choices)) for d, choices in DIM_CHOICES.items()}
        roster.capability(
            f"cap-{i}", draw(st.sampled_from(orgs)), draw(st.sampled_from(SERVICES)).value,
            sorted(draw(st.sets(st.sampled_from(ids), min_size=1, max_size=2))),
            priority=draw(st.integers(1, 2)), verified_on=draw(st.sampled_from(("2023-07-01", "2024-05-01", "2025-02-01"))),
            retired_on=draw(RETIRED_ON), **dims)
    return World(places, links, roster)


profiles = st.builds(Situation, **{d.name: st.none() | st.sampled_from(d.values) for d in DIMENSIONS})


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(world=worlds(), drawn=st.lists(profiles, min_size=2, max_size=2))
def test_route_gaps_and_matrix_agree(session_graph: Graph, world: World, drawn: list[Situation]) -> None:
    graph = session_graph
    graph.write("writes/wipe_graph")
    write_jurisdictions(graph, world.places, world.links)
    world.roster.load(graph)
    situations = [column_situation(d, v) for d, v in COLUMNS] + [Situation()] + drawn
    by_kind: dict[str, list[str]] = {}
    for p in world.places:
        by_kind.setdefault(p["kind"], []).append(p["id"])

    for situation in situations:
        nobody: dict[Service, set[str]] = {s: set() for s in SERVICES}
        for pid in (p["id"] for p in world.places):
            route = graph.run(route_plan(pid, situation, services=SERVICES))
            for service in SERVICES:
                got = route.for_service(service).referrals
                assert {r.capability_id for r in got} == world.expected(pid, service, situation), \
                    (pid, service, situation.profile)
                for r in got:
                    assert r.coverage.jurisdiction_id in world.ancestors(pid)
                    assert set(situation.known().items()) == set(r.matched)
                if not got:
                    nobody[service].add(pid)
        for service in SERVICES:
            for kind, members in by_kind.items():
                report = graph.run(gaps_plan(service, situation, kind=kind, limit=500))
                assert {p.id for p in report.places} == nobody[service] & set(members), \
                    (service, kind, situation.profile)
                assert report.considered == len(members)

    for pid in (p["id"] for p in world.places):
        matrix = graph.run(matrix_plan(pid, services=SERVICES))
        single = {(p.service, p.value) for p in graph.run(single_points_plan(pid, services=SERVICES)).points}
        for cell in matrix.cells:
            expected = world.expected(pid, cell.service, column_situation(cell.dimension, cell.value))
            orgs = {c["organization"] for c in world.roster.capabilities if c["id"] in expected}
            assert cell.organizations == len(orgs) and cell.gap == (not expected)
            assert ((cell.service, cell.value) in single) == cell.single_point_of_failure
        for coverage in matrix.profiles:
            for profile in coverage.uncovered[:4]:
                assert graph.run(route_plan(pid, profile, services=[coverage.service])).services[0].gap


moments = st.integers(0, 7 * 24 * 4 - 1).map(
    lambda quarter: datetime(2026, 11, 23, tzinfo=UTC) + timedelta(minutes=15 * quarter))


@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(world=worlds(capabilities=(4, 14)), situation=profiles, at=moments, first=st.integers(1, 2))
def test_route_at_a_moment_and_capped_is_the_head_of_the_whole_answer(
        session_graph: Graph, world: World, situation: Situation, at: datetime, first: int) -> None:
    """The engine decides each organization's hours at the moment as Python does, and the
    capped route is the first `first` referrals of the whole one, with the same totals."""
    graph = session_graph
    graph.write("writes/wipe_graph")
    write_jurisdictions(graph, world.places, world.links)
    world.roster.load(graph)
    for pid in (p["id"] for p in world.places):
        whole = graph.run(route_plan(pid, situation, services=SERVICES, at=at))
        capped = graph.run(route_plan(pid, situation, services=SERVICES, at=at, first=first))
        for service in SERVICES:
            every = whole.for_service(service)
            ids = [r.capability_id for r in every.referrals]
            assert set(ids) == world.expected(pid, service, situation, at), (pid, service, situation.profile, at)
            assert every.total == len(ids)
            head = capped.for_service(service)
            assert [r.capability_id for r in head.referrals] == ids[:first]
            assert head.total == every.total and head.gap == (not ids)
