"""Candidates for every gap (issue 16, item 11): organizations in or near the place whose type
or experience fits the gap's service and situation, nearest first, with what they already
offer. Through the read plan, GraphQL, the CLI, the page and its CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from service.app import create_app
from service.cli import main
from service.domain.candidates import CSV_HEADERS, candidates_plan
from service.domain.models import Situation
from service.domain.vocabulary import Service
from service.settings import Settings
from service.store.engines import EmbeddedEngine
from service.store.graph import Graph
from tests.builders import Roster, build

SHELTER = Service.SHELTER_TRANSITIONAL
MINOR = Situation(age="MINOR")


@pytest.fixture
def roster(graph: Graph) -> Graph:
    """Beta County has no transitional shelter for minors. In it: a women's DV shelter (offers
    transitional beds to adult women) and a mental-health clinic (no fit). In Alpha County, next
    door: a youth drop-in centre (fits minors). Statewide: a legal aid group (no fit)."""
    r = Roster()
    dv = r.org("beta-dv", "DOMESTIC_VIOLENCE", name="Beta DV Shelter", phone="555-0200")
    r.capability("dv-beds", dv, SHELTER, "us-ts-beta-county", age="ADULT", gender="FEMALE")
    clinic = r.org("beta-clinic", "MENTAL_HEALTH", name="Beta Clinic")
    r.capability("clinic-care", clinic, Service.MENTAL_HEALTH, "us-ts-beta-county")
    youth = r.org("alpha-youth", "RUNAWAY_HOMELESS_YOUTH", name="Alpha Youth Centre")
    r.capability("youth-cm", youth, Service.CASE_MANAGEMENT, "us-ts-a1", age="MINOR")
    legal = r.org("state-legal", "LEGAL_SERVICES", name="State Legal Aid")
    r.capability("legal", legal, Service.LEGAL_SERVICES, "us-ts")
    gone = r.org("gone-youth", "RUNAWAY_HOMELESS_YOUTH", name="Gone Youth", retired_on="2024-01-01")
    r.capability("gone-cm", gone, Service.CASE_MANAGEMENT, "us-ts-b2")
    build(graph, r)
    return graph


def test_candidates_are_fitting_organizations_nearest_first(roster: Graph) -> None:
    found = roster.run(candidates_plan("us-ts-b2", SHELTER, MINOR))
    assert found.gap
    assert [c.organization.id for c in found.candidates] == ["beta-dv", "alpha-youth"]  # no clinic, legal aid, retired
    dv, youth = found.candidates
    assert dv.covers_place and dv.hops >= 1 and dv.area == "Beta County"
    assert "already offers SHELTER_TRANSITIONAL to ADULT FEMALE" in dv.reasons
    assert youth.area == "Test State" and not youth.covers_place and youth.offers == ("CASE_MANAGEMENT",)
    assert "RUNAWAY_HOMELESS_YOUTH fits MINOR" in youth.reasons
    immigration = roster.run(candidates_plan("us-ts-b2", Service.IMMIGRATION_SERVICES, Situation()))
    assert [c.organization.id for c in immigration.candidates] == ["state-legal"]


def test_within_a_distance_the_type_fitting_the_situation_ranks_first(roster: Graph) -> None:
    """Both Alpha's youth centre and a women's shelter are found through the state: the youth
    centre fits minors and comes first; for adult women the shelter does."""
    from tests.builders import Roster as More

    more = More()
    women = more.org("alpha-women", "SHELTER_WOMEN", name="Alpha Women's House")
    more.capability("women-cm", women, Service.CASE_MANAGEMENT, "us-ts-a2")
    more.load(roster)
    minors = [c.organization.id for c in roster.run(candidates_plan("us-ts-b2", SHELTER, MINOR)).candidates]
    assert minors.index("alpha-youth") < minors.index("alpha-women")
    women_first = [c.organization.id for c in roster.run(
        candidates_plan("us-ts-b2", SHELTER, Situation(gender="FEMALE"))).candidates]
    assert women_first.index("alpha-women") < women_first.index("alpha-youth")


@pytest.fixture
def client(roster: Graph, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, load_demo_when_empty=False)) as c:
        yield c


QUERY = """{ gapCandidates(place: "Lancaster, TS", service: SHELTER_TRANSITIONAL, situation: {age: MINOR}) {
  placeId gap candidates { organization { id } area hops coversPlace offers reasons } } }"""


def test_graphql_lists_the_candidates(client: TestClient) -> None:
    body = client.post("/graphql", json={"query": QUERY}).json()
    found = body["data"]["gapCandidates"]
    assert found["placeId"] == "us-ts-b2" and found["gap"] is True
    assert [c["organization"]["id"] for c in found["candidates"]] == ["beta-dv", "alpha-youth"]
    assert found["candidates"][1]["offers"] == ["CASE_MANAGEMENT"]
    refused = client.post("/graphql", json={"query": QUERY.replace("situation: {age: MINOR})", "first: 99)")}).json()
    assert refused["errors"][0]["extensions"]["argument"] == "first"


def test_cli_lists_the_candidates(roster: Graph, engine: EmbeddedEngine | None) -> None:
    extra = ["--data-dir", str(engine.data_dir)] if engine is not None else []
    args = ["candidates", "us-ts-b2", "--service", "SHELTER_TRANSITIONAL", "--age", "MINOR", *extra]
    table = CliRunner().invoke(main, args)
    assert table.exit_code == 0, table.output
    assert "is a gap: 2 organizations to recruit, nearest first" in table.output and "Alpha Youth Centre" in table.output
    rows = list(csv.reader(io.StringIO(CliRunner().invoke(main, [*args, "--format", "csv"]).stdout)))
    assert tuple(rows[0]) == CSV_HEADERS and [r[1] for r in rows[1:]] == ["beta-dv", "alpha-youth"]
    data: dict[str, Any] = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).stdout)
    assert [c["organization"]["id"] for c in data["candidates"]] == ["beta-dv", "alpha-youth"]


def test_the_page_and_its_csv_and_the_links_to_them(client: TestClient) -> None:
    page = client.get("/place/us-ts-b2/candidates", params={"service": "SHELTER_TRANSITIONAL", "age": "MINOR"})
    assert page.status_code == 200
    assert "Who could fill it?" in page.text and "Beta DV Shelter" in page.text and "Alpha Youth Centre" in page.text
    download = client.get("/place/us-ts-b2/candidates.csv", params={"service": "SHELTER_TRANSITIONAL", "age": "MINOR"})
    assert download.headers["content-type"].startswith("text/csv") and "alpha-youth" in download.text
    cell = client.get("/place/us-ts-b2/cell", params={"service": "SHELTER_TRANSITIONAL", "dimension": "age",
                                                     "value": "MINOR"}).text
    assert 'href="/place/us-ts-b2/candidates?service=SHELTER_TRANSITIONAL&amp;age=MINOR"' in cell
    route = client.get("/route", params={"place": "us-ts-b2", "service": "SHELTER_TRANSITIONAL", "age": "MINOR"}).text
    assert "/place/us-ts-b2/candidates?service=SHELTER_TRANSITIONAL&amp;age=MINOR" in route
    bad = client.get("/place/us-ts-b2/candidates.csv", params={"service": "NAPPING"})
    assert bad.status_code == 400 and "NAPPING" in bad.text


def test_the_demo_gap_has_candidates_as_docs_demo_md_says(demo_graph: Graph) -> None:
    found = demo_graph.run(candidates_plan("us-nc-buncombe-county", SHELTER, MINOR))
    ids = [c.organization.id for c in found.candidates]
    assert found.gap and ids[0] == "demo-nc-mountain-hope"
    assert {"demo-nc-oak-city-youth", "demo-nc-tidewater-youth"} <= set(ids)
