"""A place's infrastructure and law (issue 16, item 10): the place facts roster (source and date
verified), shown on the place page and in GraphQL, and kept by backups."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import loaders
from service.app import create_app
from service.cli import main
from service.errors import ImportRejected
from service.ops.backup import export_graph
from service.settings import Settings
from service.store.graph import Graph
from tests.builders import Roster, build

FACTS = [
    {"id": "ts-posting", "jurisdiction": "TS", "kind": "LAW_HOTLINE_POSTING",
     "statement": "Truck stops must post the national hotline", "source": "Test Code 14-43", "verified_on": "2026-10-01"},
    {"id": "beta-unit", "jurisdiction": "us-ts-beta-county", "kind": "trafficking unit",
     "statement": "The sheriff has a two-person trafficking unit", "source": "Sheriff's office, call of 2026-09-12",
     "verified_on": "2026-09-12"},
    {"id": "old-hotline", "jurisdiction": "us-ts-beta-county", "kind": "LOCAL_HOTLINE",
     "statement": "A county hotline (closed)", "source": "County site", "verified_on": "2023-01-01",
     "retired_on": "2024-01-01"},
]


@pytest.fixture
def facts(graph: Graph) -> Graph:
    build(graph, Roster())
    loaders.load_frame(graph, "placefacts", pd.DataFrame(FACTS).fillna(""))
    return graph


def test_a_bad_row_names_its_column_and_a_reimport_changes_nothing(facts: Graph) -> None:
    bad = [{**FACTS[0], "id": "bad", "kind": "RUMOUR", "source": "", "jurisdiction": "Atlantis"}]
    with pytest.raises(ImportRejected) as refused:
        loaders.load_frame(facts, "placefacts", pd.DataFrame(bad))
    report = refused.value.report()
    assert "kind" in report and "RUMOUR" in report and "source" in report and "Atlantis" in report
    again = loaders.load_frame(facts, "placefacts", pd.DataFrame(FACTS).fillna(""))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


@pytest.fixture
def client(facts: Graph, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, load_demo_when_empty=False)) as c:
        yield c


def test_graphql_gives_the_facts_of_the_place_and_those_enclosing_it(client: TestClient) -> None:
    body = client.post("/graphql", json={"query": '{ jurisdiction(id: "us-ts-b2") { facts { id kind about hops source verifiedOn } } }'}).json()
    assert body["data"]["jurisdiction"]["facts"] == [
        {"id": "beta-unit", "kind": "TRAFFICKING_UNIT", "about": "Beta County", "hops": 1,
         "source": "Sheriff's office, call of 2026-09-12", "verifiedOn": "2026-09-12"},
        {"id": "ts-posting", "kind": "LAW_HOTLINE_POSTING", "about": "Test State", "hops": 2,
         "source": "Test Code 14-43", "verifiedOn": "2026-10-01"},
    ]  # the retired county hotline is left out


def test_the_place_page_shows_them(client: TestClient) -> None:
    html = client.get("/place/us-ts-b2").text
    assert "Infrastructure and law" in html
    assert "The sheriff has a two-person trafficking unit" in html and "Source: Test Code 14-43; verified 2026-10-01." in html
    assert "A county hotline (closed)" not in html


def test_backups_keep_them(facts: Graph, tmp_path: Path) -> None:
    manifest = export_graph(facts, tmp_path / "backup")
    assert manifest.files["placefacts.csv"]["rows"] == 3
    exported = pd.read_csv(tmp_path / "backup" / "placefacts.csv", dtype=str).fillna("")
    assert set(exported["id"]) == {"ts-posting", "beta-unit", "old-hotline"}
    assert exported.set_index("id").loc["beta-unit", "jurisdiction"] == "us-ts-beta-county"


def test_the_template_and_load_commands_know_the_roster() -> None:
    template = CliRunner().invoke(main, ["template", "placefacts"])
    assert template.exit_code == 0 and template.output.startswith("id,jurisdiction,kind,statement,source,verified_on")


def test_a_page_of_places_reads_their_facts_at_once(client: TestClient) -> None:
    body = client.post("/graphql", json={"query": '{ a: jurisdiction(id: "us-ts-b1") { facts { id } } '
                                                  'b: jurisdiction(id: "us-ts-a1") { facts { id } } }'}).json()
    assert body["data"] == {"a": {"facts": [{"id": "beta-unit"}, {"id": "ts-posting"}]},
                            "b": {"facts": [{"id": "ts-posting"}]}}
