"""`refgraph route | matrix | gaps` print what the read plans answer, and refuse bad input clearly."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from service.cli import main
from service.domain.vocabulary import Service
from service.store.engines import EmbeddedEngine
from service.store.graph import Graph
from tests.builders import Roster, build


@pytest.fixture
def cli(graph: Graph, engine: EmbeddedEngine | None):
    r = Roster()
    house = r.org("youth-house", "RUNAWAY_HOMELESS_YOUTH", name="Youth House", phone="555-0100")
    r.capability("youth-shelter", house, Service.SHELTER_TRANSITIONAL, "us-ts-beta-county", age="MINOR")
    sheriff = r.org("beta-sheriff", "SHERIFF", name="Beta Sheriff", hours="24/7", phone="555-0199")
    r.capability("sheriff", sheriff, Service.VICTIM_EXTRACTION, "us-ts-beta-county")
    build(graph, r)
    extra = ["--data-dir", str(engine.data_dir)] if engine is not None else []

    def invoke(*args: str):
        return CliRunner().invoke(main, [*args, *extra], catch_exceptions=False)

    return invoke


def test_route_prints_a_table_with_emergency_block_and_gaps(cli) -> None:
    result = cli("route", "Lancaster, TS", "--minor", "--urgent", "--immediate-danger", "--after-hours")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "EMERGENCY: Call 911 / local police now" in out
    assert "law enforcement: Beta Sheriff (SHERIFF) 555-0199" in out
    assert "MANDATORY REPORT: The person is a minor" in out
    assert "SHELTER_TRANSITIONAL" in out and "Youth House" in out and "Beta County (county)" in out
    assert "GAP: nobody covers this situation here" in out


def test_route_json_and_csv(cli) -> None:
    result = cli("route", "us-ts-b2", "--service", "shelter_transitional", "--format", "json",
                 "--at", "2025-03-08T23:00:00-05:00")
    data = json.loads(result.output)
    assert data["hours"] == "AFTER_HOURS"
    assert [s["service"] for s in data["services"]] == ["SHELTER_TRANSITIONAL"]
    assert data["services"][0]["referrals"][0]["confirm"] == ["age"]
    csv_out = cli("route", "us-ts-b2", "--service", "SHELTER_TRANSITIONAL", "--format", "csv").output
    assert csv_out.splitlines()[0].startswith("service,rank,organization")


def test_matrix_and_gaps_tables(cli) -> None:
    matrix = cli("matrix", "Betatown").output
    assert "0 = gap, 1 = single point of failure" in matrix and "SHELTER_TRANSITIONAL" in matrix
    gaps = cli("gaps", "--service", "SHELTER_TRANSITIONAL", "--age", "MINOR", "--kind", "county", "--within", "TS")
    assert gaps.exit_code == 0, gaps.output
    assert "1 of 2 county places within us-ts have nobody" in gaps.output and "us-ts-alpha-county" in gaps.output


def test_bad_input_names_the_argument_and_exits_1(cli) -> None:
    result = CliRunner().invoke(main, ["gaps", "--service", "SHELTER_TRANSITIONAL", "--limit", "900"])
    assert result.exit_code == 1 and "limit is 900" in result.output and "1 to 500" in result.output
    result = cli("route", "Gotham")
    assert result.exit_code == 1 and "No place matches 'Gotham'" in result.output
    result = cli("gaps", "--service", "SHELTER_TRANSITIONAL", "--within", "us-zz")
    assert result.exit_code == 1 and "No place matches 'us-zz'" in result.output
    result = cli("route", "us-ts-b2", "--at", "2025-03-08T23:00")
    assert result.exit_code == 1 and "--at" in result.output and "offset" in result.output
