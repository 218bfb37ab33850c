"""The demo roster and the synthetic national roster, loaded through the real loaders.

The documented answers (docs/demo.md, `loaders.samples.demo.SCENARIOS`) are checked here
against the loaded graph with a small reference ranking written from the rules
in docs/model.md (nearest covering jurisdiction, then priority, then most
recently verified), so the docs stay true to the data whatever the routing
engine does; the routing tests assert the same scenarios through the engine.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from loaders import load_file
from loaders.samples import demo_data
from loaders.samples.demo import (
    COLUMNS,
    KINDS_IN_ORDER,
    NC_MINOR_TRANSITIONAL_COVERED,
    SCENARIOS,
    Scenario,
    demo_roster,
    load_demo,
)
from loaders.samples.synthetic import (
    Places,
    apportion,
    covers_count,
    places_from_graph,
    synthetic,
    write_synthetic,
)
from service.cli.demo import demo as demo_command
from service.domain.vocabulary import DIMENSIONS, KIND_LEVEL, OrgType
from service.store.graph import Graph

from .conftest import counts

DOCS = Path(__file__).parent.parent / "docs" / "demo.md"
TODAY = "2026-11-29"
STALE_BEFORE = "2025-11-29"


def cypher(graph: Graph, query: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session(database=graph.address.database) as session:
        return session.run(query, params).data()


@pytest.fixture
def demo(session_graph: Graph) -> Graph:
    """A writable graph holding the built-in jurisdictions and the demo roster (loaded once;
    read-only tests use conftest's `demo_graph`)."""
    loaded = cypher(session_graph, "MATCH (o:Organization {id: 'demo-pa-keystone-tf'}) RETURN count(o) AS n")
    states = cypher(session_graph, "MATCH (s:Jurisdiction {kind: 'state'}) RETURN count(s) AS n")
    if not (loaded[0]["n"] and states[0]["n"] >= 50):
        session_graph.write("writes/wipe_graph")
        load_demo(session_graph)
    return session_graph


CANDIDATES = """
MATCH (p:Jurisdiction {id: $place})-[:PART_OF*0..]->(j:Jurisdiction)<-[:COVERS]-(c:Capability)
WHERE c.service = $service
MATCH (o:Organization)-[:OFFERS]->(c)
RETURN o.id AS org, o.retired_on AS org_retired, c.id AS cap, j.kind AS kind, c.priority AS priority,
       c.verified_on AS verified, c.retired_on AS retired, c.urgency AS urgency, c.hours AS hours,
       c.nationality AS nationality, c.age AS age, c.gender AS gender, c.trafficking AS trafficking
"""


def reference_route(graph: Graph, place: str, service: str, situation: dict[str, str]) -> list[tuple[Any, ...]]:
    """(sort key, org id) of every matching capability, nearest first (docs/model.md rules)."""
    best: dict[str, tuple[Any, ...]] = {}
    for r in cypher(graph, CANDIDATES, place=place, service=service):
        if r["retired"] or r["org_retired"]:
            continue
        if any(value not in r[dim] for dim, value in situation.items()):
            continue
        key = (KIND_LEVEL[r["kind"]], r["priority"], _desc(r["verified"]), r["org"], r["cap"])
        if r["cap"] not in best or key < best[r["cap"]]:
            best[r["cap"]] = key
    return sorted(best.values())


def _desc(day: str) -> str:
    return "".join(chr(ord("9") - ord(ch) + ord("0")) if ch.isdigit() else ch for ch in day)


# ------------------------------------------------------------------ the roster itself (pure)


def test_demo_roster_has_exactly_the_roster_columns_and_unique_ids() -> None:
    roster = demo_roster()
    assert tuple(roster) == KINDS_IN_ORDER
    for kind, data in roster.items():
        assert tuple(data.columns) == COLUMNS[kind]
        assert data["id"].is_unique, kind
    assert 40 <= len(roster["organizations"]) <= 99
    assert 80 <= len(roster["capabilities"]) <= 300


def test_demo_roster_is_deterministic_and_clearly_fictional() -> None:
    first, second = demo_roster(), demo_roster()
    for kind in KINDS_IN_ORDER:
        pd.testing.assert_frame_equal(first[kind], second[kind])
    orgs, contacts = first["organizations"], first["contacts"]
    assert orgs["name"].str.endswith("(demo)").all()
    phones = pd.concat([orgs["phone"], contacts["phone"], contacts["after_hours_phone"].dropna()])
    assert phones.str.fullmatch(r"\d{3}-555-01\d\d").all()
    assert phones.is_unique
    assert pd.concat([orgs["email"], contacts["email"]]).str.endswith("@example.org").all()


# ------------------------------------------------------------------ loading


def test_demo_loads_through_the_loaders_and_loading_again_changes_nothing(demo: Graph) -> None:
    before = counts(demo)
    roster = demo_roster()
    assert before["Organization"] == len(roster["organizations"])
    assert before["Capability"] == len(roster["capabilities"])
    assert before["Contact"] == len(roster["contacts"])
    assert before["TaskForce"] == len(roster["taskforces"])
    summaries = load_demo(demo)
    assert [s.kind for s in summaries] == list(KINDS_IN_ORDER)  # jurisdictions already there
    for s in summaries:
        assert (s.created, s.updated, s.unchanged) == (0, 0, s.rows), str(s)
    assert counts(demo) == before


# ------------------------------------------------------------------ the documented answers


@pytest.mark.parametrize("scenario", SCENARIOS,
                         ids=[f"{s.pattern}:{s.place}:{s.service}:{s.situation_text}" for s in SCENARIOS])
def test_documented_scenario_holds_in_the_loaded_demo(demo_graph: Graph, scenario: Scenario) -> None:
    ranked = reference_route(demo_graph, scenario.place, scenario.service, scenario.situation)
    assert tuple(key[3] for key in ranked) == scenario.expected
    keys = [key[:3] for key in ranked]
    assert len(set(keys)) == len(keys), "documented order must not hang on a tie-break"


def test_docs_list_every_scenario_with_its_expected_answer() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for s in SCENARIOS:
        expected = ", ".join(f"`{org}`" for org in s.expected) or "nobody (gap)"
        row = f"| `{s.place}` | {s.service} | {s.situation_text} | {expected} |"
        assert row in text, f"docs/demo.md lacks the row:\n{row}"


# ------------------------------------------------------------------ each pattern is in the data


def test_every_tip_in_the_keystone_district_goes_to_the_task_force(demo_graph: Graph) -> None:
    counties = cypher(demo_graph, """
        MATCH (c:Jurisdiction {kind: 'county'})-[:PART_OF]->(:Jurisdiction {id: 'us-pa-keystone-district'})
        RETURN c.id AS id ORDER BY id""")
    assert [c["id"] for c in counties] == sorted(
        f"us-pa-{n}-county" for n in ("lancaster", "york", "lebanon", "dauphin", "cumberland", "adams"))
    for county in counties:
        tips = {key[3] for key in reference_route(demo_graph, county["id"], "TIP_REPORTING", {})}
        assert tips == {"demo-pa-keystone-tf"}, county["id"]
    district = cypher(demo_graph, "MATCH (r:Jurisdiction {id: 'us-pa-keystone-district'}) "
                            "RETURN r.kind AS kind, r.region_type AS type")
    assert district == [{"kind": "region", "type": "district"}]
    members = cypher(demo_graph, """
        MATCH (o:Organization)-[m:MEMBER_OF]->(t:TaskForce {id: 'demo-tf-keystone'})-[:SERVES]->
              (:Jurisdiction {id: 'us-pa-keystone-district'})
        RETURN o.type AS type, m.lead AS lead""")
    assert {"TASK_FORCE"} == {m["type"] for m in members if m["lead"]}
    assert {"POLICE", "SHERIFF", "FBI", "HSI", "VICTIM_WITNESS", "ANTI_TRAFFICKING"} <= {m["type"] for m in members}


def test_ohio_routes_adult_tips_by_trafficking_type_and_minors_to_the_child_hotline(demo_graph: Graph) -> None:
    tips = cypher(demo_graph, """
        MATCH (o:Organization)-[:OFFERS]->(c:Capability {service: 'TIP_REPORTING'})-[:COVERS]->
              (:Jurisdiction {id: 'us-oh'})
        RETURN o.id AS org, c.age AS age, c.trafficking AS trafficking ORDER BY org""")
    assert tips == [
        {"org": "demo-oh-child-hotline", "age": ["MINOR"], "trafficking": ["LABOR", "SEX"]},
        {"org": "demo-oh-labor-unit", "age": ["ADULT"], "trafficking": ["LABOR"]},
        {"org": "demo-oh-vice", "age": ["ADULT"], "trafficking": ["SEX"]},
    ]


def test_north_carolina_regions_are_real_counties_with_their_own_tip_contacts(demo_graph: Graph) -> None:
    regions = cypher(demo_graph, """
        MATCH (c:Jurisdiction {kind: 'county'})-[:PART_OF]->(r:Jurisdiction {kind: 'region', state: 'us-nc'})
              -[:PART_OF]->(:Jurisdiction {id: 'us-nc'})
        RETURN r.id AS region, count(c) AS counties ORDER BY region""")
    assert regions == [{"region": "us-nc-coastal-region", "counties": 4},
                       {"region": "us-nc-triangle-region", "counties": 5},
                       {"region": "us-nc-western-region", "counties": 6}]
    for region, org in (("us-nc-coastal-region", "demo-nc-cape-fear"),
                        ("us-nc-triangle-region", "demo-nc-triangle-tf"),
                        ("us-nc-western-region", "demo-nc-blue-ridge")):
        ranked = reference_route(demo_graph, region, "TIP_REPORTING", {"hours": "BUSINESS_HOURS"})
        assert [key[3] for key in ranked] == [org, "demo-nc-coalition"]


def test_oregon_has_one_statewide_protocol(demo_graph: Graph) -> None:
    covered = cypher(demo_graph, """
        MATCH (:Organization)-[:OFFERS]->(c:Capability)-[:COVERS]->(j:Jurisdiction)
        WHERE c.id STARTS WITH 'demo-cap-or-'
        RETURN DISTINCT j.id AS id""")
    assert covered == [{"id": "us-or"}]


def test_north_carolina_counties_without_minor_transitional_shelter_are_all_but_two_regions(demo_graph: Graph) -> None:
    counties = [r["id"] for r in cypher(demo_graph, "MATCH (c:Jurisdiction {kind: 'county', state: 'us-nc'}) "
                                              "RETURN c.id AS id")]
    assert len(counties) == 100
    lacking = {c for c in counties if not reference_route(demo_graph, c, "SHELTER_TRANSITIONAL", {"age": "MINOR"})}
    assert lacking == set(counties) - NC_MINOR_TRANSITIONAL_COVERED
    assert "us-nc-buncombe-county" in lacking and "us-nc-mecklenburg-county" in lacking


def test_ohio_has_no_shelter_for_adult_men_anywhere(demo_graph: Graph) -> None:
    rows = cypher(demo_graph, """
        MATCH (p:Jurisdiction {state: 'us-oh'})-[:PART_OF*0..]->(:Jurisdiction)<-[:COVERS]-(c:Capability)
        WHERE c.service IN ['SHELTER_EMERGENCY', 'SHELTER_TRANSITIONAL'] AND 'ADULT' IN c.age AND 'MALE' IN c.gender
        RETURN count(DISTINCT c) AS n""")
    assert rows == [{"n": 0}]


def test_vermont_has_no_after_hours_tip_reporting(demo_graph: Graph) -> None:
    rows = cypher(demo_graph, """
        MATCH (p:Jurisdiction)-[:PART_OF*0..]->(:Jurisdiction {id: 'us-vt'})
        MATCH (p)<-[:COVERS]-(c:Capability {service: 'TIP_REPORTING'})<-[:OFFERS]-(o:Organization)
        RETURN c.hours AS hours, o.hours AS org_hours""")
    assert rows == [{"hours": ["BUSINESS_HOURS"], "org_hours": "Mon-Fri 09:00-17:00"}]


def test_every_law_enforcement_and_provider_kind_is_present(demo_graph: Graph) -> None:
    types = {r["type"] for r in cypher(demo_graph, "MATCH (o:Organization) RETURN DISTINCT o.type AS type")}
    assert {t.value for t in OrgType} - {"OTHER"} <= types


def test_demo_shows_staleness_priorities_contacts_and_single_value_eligibility(demo_graph: Graph) -> None:
    caps = demo_roster()["capabilities"]
    assert (caps["verified_on"] < STALE_BEFORE).sum() >= 10
    assert (caps["verified_on"] >= "2026-10-01").sum() >= 40
    assert caps["priority"].nunique() >= 6
    assert caps["contact"].notna().mean() >= 0.8
    contacts = demo_roster()["contacts"]
    assert contacts["after_hours_phone"].notna().sum() >= 20
    only = cypher(demo_graph, """
        MATCH (o:Organization)-[:OFFERS]->(c:Capability)
        WHERE (c.service = 'IMMIGRATION_SERVICES' AND c.nationality = ['FOREIGN_NATIONAL'])
           OR (o.type = 'RUNAWAY_HOMELESS_YOUTH' AND c.service STARTS WITH 'SHELTER_' AND c.age = ['MINOR'])
        RETURN c.service AS service, count(*) AS n ORDER BY service""")
    assert {r["service"] for r in only} == {"IMMIGRATION_SERVICES", "SHELTER_EMERGENCY", "SHELTER_TRANSITIONAL"}
    via = cypher(demo_graph, "MATCH (c:Capability)-[:VIA]->(:Contact) RETURN count(c) AS n")
    assert via[0]["n"] == caps["contact"].notna().sum()


# ------------------------------------------------------------------ synthetic national roster


def test_apportion_keeps_the_total_and_the_proportions() -> None:
    assert apportion(10, [1, 1, 2]) == [3, 2, 5]
    assert sum(apportion(20_000, [0.3, 0.2, 0.5, 0.0])) == 20_000
    assert apportion(0, [1, 2]) == [0, 0]


@pytest.fixture
def places(demo_graph: Graph) -> Places:
    return places_from_graph(demo_graph)


def test_synthetic_roster_has_the_right_shape_and_proportions(places: Places) -> None:
    roster = synthetic(0.05, places=places)
    assert tuple(roster) == KINDS_IN_ORDER
    for kind, data in roster.items():
        assert tuple(data.columns) == COLUMNS[kind]
        assert data["id"].is_unique
    n = {kind: len(data) for kind, data in roster.items()}
    assert n["organizations"] == 1000 and n["regions"] == 15 and n["taskforces"] == 12
    assert 2.6 <= n["capabilities"] / n["organizations"] <= 3.4
    assert 1.3 <= n["contacts"] / n["organizations"] <= 1.7
    caps = roster["capabilities"]
    assert 2.4 <= covers_count(caps) / len(caps) <= 3.0
    cells = caps["jurisdictions"].str.split(";")
    statewide = cells.map(lambda c: len(c) == 1 and re.fullmatch(r"us-[a-z]{2}", c[0]) is not None)
    national = cells.map(lambda c: c == ["us"])
    assert 0.04 <= statewide.mean() <= 0.25 and national.mean() <= 0.02
    assert (cells.map(len) <= 4).all()
    assert caps["verified_on"].min() >= "2023-11-29" and caps["verified_on"].max() <= TODAY
    assert caps["verified_on"].str[:4].nunique() >= 3
    for d in DIMENSIONS:
        share = (caps[d.name] == "ANY").mean()
        assert (0.3 <= share <= 0.7) if d.name == "hours" else (0.6 <= share < 0.9), d.name
    pd.testing.assert_frame_equal(roster["capabilities"], synthetic(0.05, places=places)["capabilities"])


def test_synthetic_scale_multiplies_organizations_and_capabilities(places: Places) -> None:
    small, large = synthetic(0.01, places=places), synthetic(0.04, places=places)
    assert len(large["organizations"]) == 4 * len(small["organizations"]) == 800
    assert 3.3 <= len(large["capabilities"]) / len(small["capabilities"]) <= 4.7


def test_synthetic_csv_files_load_through_the_real_loaders(demo: Graph, places: Places, tmp_path: Path) -> None:
    before = counts(demo)
    written = write_synthetic(tmp_path, 0.01, places=places)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{k}.csv" for k in KINDS_IN_ORDER)
    summaries = [load_file(demo, kind, tmp_path / f"{kind}.csv", progress=False) for kind in KINDS_IN_ORDER]
    assert [(s.kind, s.rows, s.created) for s in summaries] == [(k, written[k], written[k]) for k in KINDS_IN_ORDER]
    after = counts(demo)
    assert after["Organization"] - before["Organization"] == written["organizations"]
    assert after["Capability"] - before["Capability"] == written["capabilities"]
    caps = pd.read_csv(tmp_path / "capabilities.csv", dtype=str, keep_default_na=False)
    edges = cypher(demo, "MATCH (c:Capability)-[:COVERS]->() WHERE c.id STARTS WITH 'syn-' RETURN count(*) AS n")
    assert edges[0]["n"] == covers_count(caps)
    again = [load_file(demo, kind, tmp_path / f"{kind}.csv", progress=False) for kind in KINDS_IN_ORDER]
    assert all(s.unchanged == s.rows for s in again)
    cypher(demo, "MATCH (n) WHERE n.id STARTS WITH 'syn-' OR n.id CONTAINS '-syn-region-' DETACH DELETE n")
    assert counts(demo) == before


def test_demo_command_refuses_out_without_scale_and_says_how() -> None:
    result = CliRunner().invoke(demo_command, ["--out", "somewhere"])
    assert result.exit_code == 2
    assert "--out writes the synthetic roster, which needs a size: add --scale N (e.g. --scale 1)" in result.output


def _engine_env(graph: Graph) -> dict[str, str]:
    a = graph.address
    return {"NEO4J_URI": a.uri, "NEO4J_USER": a.user, "NEO4J_PASSWORD": a.password, "NEO4J_DATABASE": a.database}


def test_demo_command_loads_the_demo_and_a_second_run_changes_nothing(demo: Graph) -> None:
    result = CliRunner().invoke(demo_command, ["--silent"], env=_engine_env(demo))
    assert result.exit_code == 0, result.output
    for kind, rows in demo_data.build().items():
        assert f"demo {kind}: {len(rows)} rows - 0 created, 0 updated, {len(rows)} unchanged" in result.output


def test_demo_command_writes_the_synthetic_roster_and_says_how_to_load_it(demo: Graph, tmp_path: Path) -> None:
    result = CliRunner().invoke(demo_command, ["--scale", "0.01", "--out", str(tmp_path), "--silent"],
                                env=_engine_env(demo))
    assert result.exit_code == 0, result.output
    assert "200 organizations" in result.output
    assert f"  refgraph load capabilities {tmp_path / 'capabilities.csv'}" in result.output
    assert len(pd.read_csv(tmp_path / "organizations.csv")) == 200
