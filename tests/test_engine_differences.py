"""What differs between ArcadeDB and Neo4j, each difference seen on the engine itself.

Every test runs on both engines and asserts what that engine does, so a new
release of either that changes a behaviour fails here first, and docs/engines.md
(which cites these tests) stays true. The product's statements are written in
the intersection: what both engines accept and answer alike (the differential
test, tests/test_engines_agree.py, proves the answers are the same).
"""

from __future__ import annotations

from typing import Any

import pytest
from neo4j.exceptions import ClientError, CypherSyntaxError, DatabaseError

from service.store.graph import Graph


def run(graph: Graph, query: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session(database=graph.address.database) as session:
        return [record.data() for record in session.run(query, params)]


def on(engine_kind: str, arcadedb: Any, neo4j: Any) -> Any:
    """What the engine under test is expected to do (an external server is a Neo4j)."""
    return arcadedb if engine_kind == "arcadedb" else neo4j


def test_a_variable_shadowing_an_imported_one_is_refused_by_neo4j_only(graph: Graph, engine_kind: str) -> None:
    """queries/route_referrals once re-bound `chain` inside `CALL (chain) {...}`: every route
    failed on Neo4j. Statements use a new name."""
    query = "UNWIND [1, 2] AS x CALL (x) { WITH x + 1 AS x RETURN x AS y } RETURN y"
    if engine_kind == "arcadedb":
        assert run(graph, query) == [{"y": 2}, {"y": 3}]
    else:
        with pytest.raises(CypherSyntaxError, match="shadowing an imported variable"):
            run(graph, query)


def test_a_pattern_comprehension_from_a_null_node_is_every_edge_on_arcadedb(graph: Graph, engine_kind: str) -> None:
    """No statement starts a pattern comprehension from a node an OPTIONAL MATCH may leave null
    (routing matches coverage from bound places only)."""
    run(graph, "CREATE (:Jurisdiction {id: 'probe-a'})<-[:COVERS]-(:Capability {id: 'probe-c'})")
    got = run(graph, "OPTIONAL MATCH (j:Jurisdiction {id: 'nowhere'}) "
                     "RETURN [(j)<-[:COVERS]-(c) | c.id] AS covering")
    assert got == [{"covering": on(engine_kind, ["probe-c"], [])}]


def test_a_map_literal_holding_a_projection_loses_its_other_keys_on_arcadedb(graph: Graph, engine_kind: str) -> None:
    """Routing and place coverage project first (`c {.id, ...} AS capability`), then build the
    map from plain variables, which both engines keep."""
    run(graph, "CREATE (:Organization {id: 'probe-o', name: 'Probe'})")
    inline = run(graph, "MATCH (o:Organization {id: 'probe-o'}) RETURN {organization: o {.id, .name}, rank: 1} AS m")
    assert inline == [{"m": on(engine_kind, {"id": "probe-o", "name": "Probe"},
                               {"organization": {"id": "probe-o", "name": "Probe"}, "rank": 1})}]
    projected_first = run(graph, "MATCH (o:Organization {id: 'probe-o'}) WITH o {.id, .name} AS organization "
                                 "RETURN {organization: organization, rank: 1} AS m")
    assert projected_first == [{"m": {"organization": {"id": "probe-o", "name": "Probe"}, "rank": 1}}]


def test_a_list_property_of_mixed_types_is_stored_by_arcadedb_only(graph: Graph, engine_kind: str) -> None:
    """The loaders write every list property with one type (strings)."""
    query = "CREATE (n:Organization {id: 'probe-mixed', languages: [1, 'en']}) RETURN n.languages AS xs"
    if engine_kind == "arcadedb":
        assert run(graph, query) == [{"xs": [1, "en"]}]
    else:
        with pytest.raises(ClientError, match="subset of Cypher types"):
            run(graph, query)


def test_setting_a_label_changes_the_element_id_on_arcadedb(graph: Graph, engine_kind: str) -> None:
    """Nothing stores or compares element ids; records are found by their `id` property."""
    got = run(graph, "CREATE (n:Organization {id: 'probe-label'}) WITH n, elementId(n) AS before "
                     "SET n:Retired RETURN before = elementId(n) AS same")
    assert got == [{"same": on(engine_kind, False, True)}]


def test_gql_shortest_path_selectors_run_on_neo4j_only(graph: Graph, engine_kind: str) -> None:
    """Statements use shortestPath() (both engines), never SHORTEST 1."""
    run(graph, "CREATE (:Jurisdiction {id: 'probe-city'})-[:PART_OF]->(:Jurisdiction {id: 'probe-state'})")
    query = ("MATCH p = SHORTEST 1 (a:Jurisdiction {id: 'probe-city'})-[:PART_OF]->+(b:Jurisdiction {id: 'probe-state'}) "
             "RETURN length(p) AS hops")
    if engine_kind == "arcadedb":
        with pytest.raises(CypherSyntaxError, match="SHORTEST"):
            run(graph, query)
    else:
        assert run(graph, query) == [{"hops": 1}]
    both = run(graph, "MATCH p = shortestPath((a:Jurisdiction {id: 'probe-city'})-[:PART_OF*]->"
                      "(b:Jurisdiction {id: 'probe-state'})) RETURN length(p) AS hops")
    assert both == [{"hops": 1}]


def test_the_cypher_5_prefix_runs_on_neo4j_only(graph: Graph, engine_kind: str) -> None:
    """@neo4j/graphql 7 prefixes every statement with `CYPHER 5`: the benchmark's peer can run
    on Neo4j only. Refgraph's statements carry no prefix."""
    if engine_kind == "arcadedb":
        with pytest.raises(CypherSyntaxError):
            run(graph, "CYPHER 5 RETURN 1 AS one")
    else:
        assert run(graph, "CYPHER 5 RETURN 1 AS one") == [{"one": 1}]


def test_property_existence_constraints_are_enterprise_only_on_neo4j(graph: Graph, engine_kind: str) -> None:
    """cypher/schema holds uniqueness constraints and range indexes only (Community has both)."""
    query = "CREATE CONSTRAINT probe_exists IF NOT EXISTS FOR (n:ProbeNode) REQUIRE n.x IS NOT NULL"
    try:
        if engine_kind == "arcadedb":
            run(graph, query)
        else:
            with pytest.raises(DatabaseError, match="Enterprise Edition"):
                run(graph, query)
    finally:
        if engine_kind == "arcadedb":
            run(graph, "DROP CONSTRAINT probe_exists IF EXISTS")


def test_both_engines_serve_every_schema_statement(session_graph: Graph) -> None:
    """The uniqueness constraints and indexes of cypher/schema exist on both engines once applied."""
    from service.store.statements import schema_statements

    assert session_graph.apply_schema() == len(schema_statements())
    assert session_graph.apply_schema() == len(schema_statements())  # idempotent: IF NOT EXISTS


def test_a_datetime_from_epoch_millis_ignores_its_time_zone_on_arcadedb(graph: Graph, engine_kind: str) -> None:
    """queries/route_referrals puts the moment into the place's zone by converting a UTC datetime,
    which both engines do alike (tests/test_routing.py checks the minute of the week it finds)."""
    ms = 1764374400000  # 2025-11-29 00:00 UTC: 19:00 the evening before in New York
    direct = run(graph, "RETURN datetime({epochMillis: $ms, timezone: 'America/New_York'}).hour AS h", ms=ms)
    assert direct == [{"h": on(engine_kind, 0, 19)}]
    converted = run(graph, "RETURN datetime({datetime: datetime({epochMillis: $ms}), "
                           "timezone: 'America/New_York'}).hour AS h", ms=ms)
    assert converted == [{"h": 19}]
