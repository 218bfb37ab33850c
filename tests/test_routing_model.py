"""Routing against the model: random rosters on the test state, each route and emergency block
compared with a check of every capability covering the place's ancestors (situation, hours at
the moment, retirement, nearest coverage, ranking, the cut), plus the cases that once needed care:
a capability reaching a place twice, overlapping regions, an hour an organization is open part of."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from service.domain.coverage import covering_from, rank_key
from service.domain.hours import (
    CYPHER_LOCAL_MOMENT,
    CYPHER_MINUTE_OF_WEEK,
    decide_hours,
    minute_of_week,
    moment_millis,
    parse_hours,
)
from service.domain.models import CYPHER_MATCH, Situation
from service.domain.routing import (
    FEDERAL_TYPES,
    LOCAL_TYPES,
    effective_situation,
    emergency_block,
    referral,
    route_plan,
)
from service.domain.vocabulary import DIMENSIONS, KIND_LEVEL, Service
from service.store.graph import Graph
from service.store.statements import statement
from tests.builders import FIXTURE_CYPHER, Roster, build, small_state

NY = ZoneInfo("America/New_York")
SHELTER = Service.SHELTER_EMERGENCY
MONDAY = datetime(2026, 11, 23, tzinfo=NY)


def ids(route, service=SHELTER) -> list[str]:
    return [r.capability_id for r in route.for_service(service).referrals]


TIED = ["us-ts-alpha-county", "us-ts-a1", "us-ts-a2"]  # below both regions of overlapping_regions()


def overlapping_regions() -> tuple[list[dict], list[list[str]]]:
    """The test state with a second region, District, holding both counties: Alpha County is in
    two regions at the same level and distance (a tie the statement must break correctly)."""
    places, links = small_state()
    district = {**next(p for p in places if p["id"] == "us-ts-east"), "id": "us-ts-district", "name": "District"}
    return [*places, district], [*links, ["us-ts-district", "us-ts"], ["us-ts-alpha-county", "us-ts-district"],
                                 ["us-ts-beta-county", "us-ts-district"]]


def test_routes_agree_with_a_check_of_every_covering_capability(graph: Graph) -> None:
    """Random rosters on the test state: each route's referrals and totals equal what checking
    every capability covering the place's ancestors gives (situation, hours at the moment,
    retirement, nearest coverage, ranking, the cut)."""
    rng = random.Random(5)
    places, links = overlapping_regions()
    r = Roster()
    hours = ["", "24/7", "Mon-Fri 08:30-16:45", "Mon-Sat 08:00-20:00", "Sat-Sun 10:00-14:15"]
    orgs = [r.org(f"org-{i}", hours=rng.choice(hours), retired_on="2025-06-01" if i == 7 else "",
                  trained_on=rng.choice(("", "", "2025-03-01"))) for i in range(10)]
    # trained contacts rank first among equally near ones (a retired contact: the organization's training counts)
    staff = {o: [r.contact(f"{o}-desk-{k}", o, trained_on=rng.choice(("", "2025-02-01")),
                           retired_on="2025-01-01" if k == 2 else "") for k in range(3)] for o in orgs}
    place_ids = [p["id"] for p in places]
    for i in range(90):
        dims = {d.name: rng.choice(("ANY", d.values[0], d.values[1])) for d in DIMENSIONS}
        org = rng.choice(orgs)
        r.capability(f"cap-{i:02d}", org, rng.choice([SHELTER, Service.LEGAL_SERVICES]),
                     rng.sample(place_ids, rng.choice((1, 1, 2))), priority=rng.choice((None, 1, 5, 50)),
                     verified_on=f"2025-0{rng.randint(1, 9)}-01", retired_on="2025-01-01" if i % 13 == 0 else "",
                     contact=rng.choice(["", *staff[org]]), **dims)
    build(graph, r, (places, links))

    parents: dict[str, list[str]] = {}
    for child, parent in links:
        parents.setdefault(child, []).append(parent)
    kind = {p["id"]: p["kind"] for p in places}

    def ancestors(place: str) -> dict[str, int]:
        hops, frontier = {place: 0}, [place]
        while frontier:
            nxt = []
            for p in frontier:
                for q in parents.get(p, []):
                    if q not in hops:
                        hops[q] = hops[p] + 1
                        nxt.append(q)
            frontier = nxt
        return hops

    org_rows = {o["id"]: o for o in r.organizations}

    def expected(place: str, situation: Situation, at: datetime | None, service: Service, first: int):
        up = ancestors(place)
        best: dict[str, tuple[int, int]] = {}
        for c in r.capabilities:
            o = org_rows[c["organization"]]
            if c["service"] != service.value or c["retired_on"] or o["retired_on"]:
                continue
            accepted = {d.name: list(d.values) if c[d.name] == "ANY" else [c[d.name]] for d in DIMENSIONS}
            seen = situation
            if at is not None and situation.hours is None:
                is_open = parse_hours(o["hours"]).is_open(at.astimezone(NY))
                seen = situation.with_hours("BUSINESS_HOURS" if is_open else "AFTER_HOURS")
            if not seen.accepts(accepted):
                continue
            for j in c["jurisdictions"].split(";"):
                if j in up:
                    key = (KIND_LEVEL[kind[j]], up[j])
                    best[c["id"]] = min(best.get(c["id"], key), key)
        ranked = sorted(best, key=lambda cid: (*best[cid], *rank_tail(cid)))
        return ranked[:first], len(ranked)

    caps = {c["id"]: c for c in r.capabilities}
    people = {k["id"]: k for k in r.contacts}

    def trained(c: dict) -> bool:
        contact = people.get(c["contact"])
        if contact is not None and not contact["retired_on"]:
            return bool(contact["trained_on"])
        return bool(org_rows[c["organization"]]["trained_on"])

    def rank_tail(cid: str):
        c = caps[cid]
        verified = datetime.fromisoformat(c["verified_on"]).toordinal()
        return (0 if trained(c) else 1, int(c["priority"] or 100), -verified, cid)

    checked = 0
    for _ in range(120):
        place = rng.choice(place_ids if rng.random() < 0.5 else TIED)  # half of them below two regions
        known = {d.name: rng.choice(d.values) for d in DIMENSIONS if rng.random() < 0.4}
        situation = Situation(**known, immediate_danger=False)
        at = MONDAY + timedelta(minutes=rng.randrange(7 * 24 * 60)) if rng.random() < 0.5 else None
        if at is not None and rng.random() < 0.5:  # an hour some organizations are open only part of
            at = MONDAY + timedelta(days=rng.randrange(7), hours=rng.choice((8, 14, 16)), minutes=rng.randrange(60))
        first = rng.choice((2, 5, 50))
        route = graph.run(route_plan(place, situation, [SHELTER, Service.LEGAL_SERVICES], at=at, first=first))
        for service in (SHELTER, Service.LEGAL_SERVICES):
            want, total = expected(place, situation, at, service, first)
            assert (ids(route, service), route.for_service(service).total) == (want, total), (place, known, at, first)
            checked += total
    assert checked > 100  # the rosters route something



def test_emergency_blocks_agree_with_a_check_of_every_covering_capability(graph: Graph) -> None:
    """Random rosters of police, sheriffs, task forces, FBI and HSI offices and tip lines: each
    emergency block (the nearest `first` of each kind that take the situation, and the tip lines
    tip routing returns) equals the block built from
    every capability covering the place's ancestors."""
    rng = random.Random(11)
    places, links = overlapping_regions()
    r = Roster()
    hours = ["", "24/7", "Mon-Fri 08:30-16:45", "Mon-Sat 08:00-20:00", "Sat-Sun 10:00-14:15"]
    types = ["POLICE", "SHERIFF", "TASK_FORCE", "FBI", "HSI", "ANTI_TRAFFICKING", "SHELTER_WOMEN"]
    orgs = [r.org(f"org-{i}", types[i % len(types)], hours=rng.choice(hours),
                  retired_on="2025-06-01" if i == 9 else "") for i in range(21)]
    for i, org in enumerate(orgs):
        r.contact(f"duty-{i}", org, after_hours_phone="555-0199" if i % 2 else "")
    place_ids = [p["id"] for p in places]
    services = [Service.TIP_REPORTING, Service.VICTIM_EXTRACTION, SHELTER]
    for i in range(120):
        dims = {d.name: rng.choice(("ANY", d.values[0], d.values[1])) for d in DIMENSIONS}
        r.capability(f"cap-{i:03d}", rng.choice(orgs), rng.choice(services),
                     rng.sample(place_ids, rng.choice((1, 1, 2))), priority=rng.choice((None, 1, 5, 50)),
                     verified_on=f"2025-0{rng.randint(1, 9)}-01", retired_on="2025-01-01" if i % 17 == 0 else "",
                     **dims)
    build(graph, r, (places, links))
    reference = (FIXTURE_CYPHER / "emergency_candidates.cypher").read_text(encoding="utf-8")
    types_params: dict[str, Any] = {"local_types": list(LOCAL_TYPES), "federal_types": list(FEDERAL_TYPES)}

    listed = 0
    for _ in range(120):
        place = rng.choice(place_ids if rng.random() < 0.5 else TIED)  # half of them below two regions
        known = {d.name: rng.choice(d.values) for d in DIMENSIONS if d.name != "urgency" and rng.random() < 0.4}
        situation = Situation(urgency=rng.choice(("URGENT", None)), immediate_danger=True, **known)
        at = MONDAY + timedelta(minutes=rng.randrange(7 * 24 * 60)) if rng.random() < 0.5 else None
        if at is not None and rng.random() < 0.5:  # an hour some organizations are open only part of
            at = MONDAY + timedelta(days=rng.randrange(7), hours=rng.choice((8, 14, 16)), minutes=rng.randrange(60))
        first = rng.choice((1, 2, 3, None))
        route = graph.run(route_plan(place, situation, [SHELTER], at=at, first=first))
        rows = graph.driver.execute_query(reference, place=place, database_=graph.address.database,
                                          **types_params).records
        tz, label = route.place.timezone, route.place.label
        place_hours = situation.hours if situation.hours is not None or at is None else decide_hours(at, tz, None, place=label)
        seen = [(c, effective_situation(c, situation, at, tz, label)) for c in map(covering_from, (dict(x) for x in rows))]
        tip_lines = sorted(((c, s.with_hours(s.hours or place_hours)) for c, s in seen
                            if c.service == Service.TIP_REPORTING.value), key=lambda pair: rank_key(pair[0]))
        tips = [referral(c, s, place_hours, situation) for c, s in tip_lines if s.accepts(c.capability)][:first]
        want = emergency_block(seen, tips, situation, place_hours, label, first)
        assert route.emergency == want, (place, known, at, first)
        listed += len(want.law_enforcement) + len(want.tip_reporting) + len(want.federal_contacts)
    assert listed > 100  # the rosters put something in the blocks

def test_a_capability_covering_a_county_and_its_state_counts_once_at_the_county(graph: Graph) -> None:
    r = Roster()
    org = r.org("helpers")
    r.capability("both", org, SHELTER, ["us-ts", "us-ts-beta-county"])
    r.capability("state-only", org, SHELTER, "us-ts", priority=1)
    build(graph, r)
    route = graph.run(route_plan("us-ts-b2", Situation()))
    assert ids(route) == ["both", "state-only"] and route.for_service(SHELTER).total == 2
    assert route.for_service(SHELTER).referrals[0].coverage.jurisdiction_id == "us-ts-beta-county"
    elsewhere = graph.run(route_plan("us-ts-a1", Situation()))  # not in Beta County: the state covers it
    assert ids(elsewhere) == ["state-only", "both"]


def test_a_capability_covering_two_overlapping_regions_counts_once(graph: Graph) -> None:
    """Neither region is an ancestor of the other, but a county in both has both in its chain."""
    places, links = overlapping_regions()
    r = Roster()
    org = r.org("helpers")
    r.capability("two-regions", org, SHELTER, ["us-ts-east", "us-ts-district"])
    build(graph, r, (places, links))
    route = graph.run(route_plan("us-ts-a1", Situation()))
    assert ids(route) == ["two-regions"] and route.for_service(SHELTER).total == 1



@pytest.mark.parametrize(("extraction_in", "shelter_in"), [("us-ts-east", "us-ts-district"),
                                                          ("us-ts-district", "us-ts-east")])
def test_the_emergency_block_weighs_two_regions_at_the_same_distance_together(
        graph: Graph, extraction_in: str, shelter_in: str) -> None:
    """Alpha County is in East and District, both one step up: with room for one police
    organization, the one offering victim extraction wins whichever region lists it."""
    places, links = overlapping_regions()
    r = Roster()
    sheltering, extracting = r.org("sheltering-police", "POLICE"), r.org("extracting-police", "POLICE")
    r.capability("shelter", sheltering, SHELTER, shelter_in, priority=1)
    r.capability("extraction", extracting, Service.VICTIM_EXTRACTION, extraction_in, priority=50)
    build(graph, r, (places, links))
    danger = Situation(urgency="URGENT", immediate_danger=True)
    for first in (1, 2):
        block = graph.run(route_plan("us-ts-alpha-county", danger, [SHELTER], first=first)).emergency
        assert block is not None
        assert [x.organization.id for x in block.law_enforcement] == ["extracting-police", "sheltering-police"][:first]

@pytest.mark.parametrize(("clock", "shown"), [("08:15", False), ("08:45", True), ("10:00", True), ("16:59", True),
                                               ("17:00", False)])
def test_an_organization_open_part_of_an_hour_is_decided_by_the_minute(graph: Graph, clock: str, shown: bool) -> None:
    r = Roster()
    org = r.org("clinic", hours="Mon-Fri 08:30-17:00")
    r.capability("day-shelter", org, SHELTER, "us-ts", hours="BUSINESS_HOURS")
    build(graph, r)
    hour, minute = (int(x) for x in clock.split(":"))
    route = graph.run(route_plan("us-ts-b2", Situation(), at=MONDAY.replace(hour=hour, minute=minute)))
    assert ids(route) == (["day-shelter"] if shown else [])


def test_capabilities_stored_without_place_ids_get_them_when_the_schema_is_applied(graph: Graph) -> None:
    """Gap candidates read a capability's place_ids (the places it COVERS, written with the links)."""
    r = Roster()
    org = r.org("helpers")
    r.capability("both", org, SHELTER, ["us-ts", "us-ts-beta-county"])
    build(graph, r)
    graph.driver.execute_query("MATCH (c:Capability) REMOVE c.place_ids", database_=graph.address.database)
    graph.apply_schema()
    stored = graph.driver.execute_query("MATCH (c:Capability {id: 'both'}) RETURN c.place_ids AS ids",
                                        database_=graph.address.database).records[0]["ids"]
    assert sorted(stored) == ["us-ts", "us-ts-beta-county"]


def test_stored_coverage_digests_are_deleted_when_the_schema_is_applied(graph: Graph) -> None:
    """Databases written before routing became a traversal hold CoverageDigest nodes: nothing reads
    them, and opening the graph deletes them; routing answers the same before and after."""
    r = Roster()
    r.capability("county", r.org("helpers"), SHELTER, "us-ts-beta-county")
    build(graph, r)
    graph.driver.execute_query("UNWIND range(1, 3) AS i CREATE (:CoverageDigest {id: 'old-' + toString(i), keys: []})",
                               database_=graph.address.database)
    assert ids(graph.run(route_plan("us-ts-b2", Situation()))) == ["county"]
    graph.apply_schema()
    left = graph.driver.execute_query("MATCH (d:CoverageDigest) RETURN count(d) AS n",
                                      database_=graph.address.database).records[0]["n"]
    assert left == 0
    assert ids(graph.run(route_plan("us-ts-b2", Situation()))) == ["county"]


def test_the_cypher_predicate_states_the_python_rule(graph: Graph) -> None:
    """models.CYPHER_MATCH (in every statement that filters by situation) answers what
    Situation.accepts answers, for random situations and accepted lists: an unknown value takes
    anything, a known one must be in the list (an empty list takes nothing known)."""
    rng = random.Random(3)
    cases = []
    for _ in range(3000):
        known: dict[str, Any] = {d.name: rng.choice((None, *d.values)) for d in DIMENSIONS}
        accepted = {d.name: rng.choice(([], [d.values[0]], [d.values[1]], list(d.values))) for d in DIMENSIONS}
        cases.append({"s": known, "c": accepted, "python": Situation(**known).accepts(accepted)})
    assert 0 < sum(bool(x["python"]) for x in cases) < len(cases)
    query = f"UNWIND $cases AS x WITH x, x.s AS s, x.c AS c RETURN collect(({CYPHER_MATCH}) = x.python) AS same"
    same = graph.driver.execute_query(query, cases=cases, database_=graph.address.database).records[0]["same"]
    assert len(same) == len(cases) and all(same)


ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
         "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico", "Pacific/Guam", "Pacific/Pago_Pago")


def test_the_statement_counts_the_minute_of_the_week_as_python_does(graph: Graph) -> None:
    """The route statement finds the moment's minute of the week in the place's zone itself
    (hours.CYPHER_LOCAL_MOMENT, CYPHER_MINUTE_OF_WEEK, held verbatim); evaluated by the engine it
    answers what hours.minute_of_week answers: random moments over two years in every US zone,
    and every quarter hour around this year's daylight-saving changes."""
    text = statement("queries/route_referrals")
    assert CYPHER_LOCAL_MOMENT in text and CYPHER_MINUTE_OF_WEEK in text
    rng = random.Random(5)
    utc = ZoneInfo("UTC")
    moments = [datetime(2026, 1, 1, tzinfo=utc) + timedelta(minutes=rng.randrange(2 * 366 * 1440)) for _ in range(400)]
    for change in (datetime(2026, 3, 8, 4, tzinfo=utc), datetime(2026, 11, 1, 4, tzinfo=utc)):
        moments += [change + timedelta(minutes=15 * i) for i in range(40)]  # 04:00-13:45 UTC: 2 AM in every zone
    cases = [{"at": moment_millis(m), "timezone": z, "python": minute_of_week(m, z)}
             for m in moments for z in rng.sample(ZONES, 3)]
    local = CYPHER_LOCAL_MOMENT.replace("$at", "x.at")
    query = (f"UNWIND $cases AS x WITH x, x.timezone AS timezone WITH x, {local} AS local "
             f"RETURN collect([x.python, {CYPHER_MINUTE_OF_WEEK}]) AS pairs")
    pairs = graph.driver.execute_query(query, cases=cases, database_=graph.address.database).records[0]["pairs"]
    assert len(pairs) == len(cases)
    assert [p for p in pairs if p[0] != p[1]] == []
