"""The protocol sheet (issue 16, item 12): a place's 8 x 12 cells with named contacts, phones and
hours, the emergency instructions and the follow-up, when it was verified and what is still a gap;
through the read plan, GraphQL, the CLI, the printable page and its CSV."""

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
from service.domain.protocol import CSV_HEADERS, protocol_plan
from service.domain.vocabulary import COLUMNS, Service
from service.settings import Settings
from service.store.engines import EmbeddedEngine
from service.store.graph import Graph
from tests.builders import Roster, build
from tests.test_routing_moment import _every_field


@pytest.fixture
def roster(graph: Graph) -> Graph:
    r = Roster()
    line = r.org("state-line", "HOTLINE", name="State Line", hours="24/7", phone="555-0101", verified_on="2025-03-01")
    r.contact("line-desk", line, phone="555-0102", after_hours_phone="555-0109")
    r.capability("line-tips", line, Service.TIP_REPORTING, "us-ts", contact="line-desk", verified_on="2025-03-01")
    house = r.org("youth-house", "RUNAWAY_HOMELESS_YOUTH", name="Youth House", verified_on="2024-05-01")
    r.capability("youth-beds", house, Service.SHELTER_EMERGENCY, "us-ts-beta-county", age="MINOR", verified_on="2024-05-01")
    sheriff = r.org("beta-sheriff", "SHERIFF", name="Beta Sheriff", hours="24/7", phone="555-0140")
    r.capability("sheriff-extraction", sheriff, Service.VICTIM_EXTRACTION, "us-ts-beta-county")
    build(graph, r)
    return graph


def test_the_sheet_names_whom_to_call_in_every_cell_and_what_is_a_gap(roster: Graph) -> None:
    sheet = roster.run(protocol_plan("us-ts-b2"))
    assert len(sheet.cells) == len(Service) * len(COLUMNS) == 96
    tips = {c.value: c for c in sheet.row(Service.TIP_REPORTING)}
    assert all(not c.gap for c in tips.values())
    first = tips["MINOR"].referrals[0]
    assert (first.organization.name, first.contact and first.contact.name, first.office_hours) == \
        ("State Line", "Line Desk", "24/7")
    shelter = {c.value: c for c in sheet.row(Service.SHELTER_EMERGENCY)}
    assert not shelter["MINOR"].gap and shelter["ADULT"].gap  # only minors have a bed
    assert {(c.service, c.value) for c in sheet.gaps} >= {(Service.LEGAL_SERVICES, "MINOR"), (Service.SHELTER_EMERGENCY, "ADULT")}
    assert (sheet.oldest_verified_on, sheet.newest_verified_on) == ("2024-05-01", "2025-03-01")
    assert sheet.emergency.instruction.startswith("Call 911")
    assert [r.organization.id for r in sheet.emergency.law_enforcement] == ["beta-sheriff"]
    assert "State Line" in sheet.emergency.follow_up


@pytest.fixture
def client(roster: Graph, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, load_demo_when_empty=False)) as c:
        yield c


def _sheet(client: TestClient, selection: str) -> dict[str, Any]:
    body = client.post("/graphql", json={"query": f'{{ protocolSheet(place: "Lancaster, TS") {{ {selection} }} }}'}).json()
    assert "errors" not in body, body
    return body["data"]["protocolSheet"]


def test_graphql_gives_the_sheet(client: TestClient) -> None:
    sheet = _sheet(client, "place { id } gapCount oldestVerifiedOn cells { service value gap total "
                           "referrals { organization { name } contact { name afterHoursPhone } officeHours } } "
                           "emergency { followUp lawEnforcement { organization { id } } }")
    assert sheet["place"] == {"id": "us-ts-b2"} and len(sheet["cells"]) == 96
    assert sheet["gapCount"] == sum(c["gap"] for c in sheet["cells"]) > 0
    minor_tips = next(c for c in sheet["cells"] if c["service"] == "TIP_REPORTING" and c["value"] == "MINOR")
    assert minor_tips["referrals"] == [{"organization": {"name": "State Line"},
                                        "contact": {"name": "Line Desk", "afterHoursPhone": "555-0109"},
                                        "officeHours": "24/7"}]
    assert sheet["emergency"]["lawEnforcement"] == [{"organization": {"id": "beta-sheriff"}}]


def test_cli_prints_the_sheet_as_a_table_csv_and_the_graphql_json(client: TestClient, engine: EmbeddedEngine | None) -> None:
    extra = ["--data-dir", str(engine.data_dir)] if engine is not None else []
    table = CliRunner().invoke(main, ["protocol", "us-ts-b2", *extra])
    assert table.exit_code == 0, table.output
    assert "Protocol for Lancaster (city, us-ts-b2); verified 2024-05-01 to 2025-03-01" in table.output
    assert "EMERGENCY: Call 911" in table.output and "GAP" in table.output and "State Line" in table.output
    rows = list(csv.reader(io.StringIO(CliRunner().invoke(main, ["protocol", "us-ts-b2", "--format", "csv", *extra]).stdout)))
    assert tuple(rows[0]) == CSV_HEADERS
    assert ["SHELTER_EMERGENCY", "age", "ADULT", "", "", "", "", "", "", "", "", "GAP"] in rows
    printed = json.loads(CliRunner().invoke(main, ["protocol", "us-ts-b2", "--format", "json", *extra]).stdout)
    assert printed == _sheet(client, _every_field("ProtocolSheet"))


def test_the_page_prints_the_sheet_and_offers_the_csv(client: TestClient) -> None:
    page = client.get("/place/us-ts-b2/protocol")
    assert page.status_code == 200
    html = page.text
    assert "Reporting and referral protocol: Lancaster" in html and "State Line" in html and "Line Desk" in html
    assert "Still to design:" in html and 'href="/place/us-ts-b2/protocol.csv"' in html
    assert "Print (landscape, one page)" in html
    download = client.get("/place/us-ts-b2/protocol.csv")
    assert download.headers["content-type"].startswith("text/csv")
    assert 'filename="protocol-us-ts-b2.csv"' in download.headers["content-disposition"]
    assert download.text.splitlines()[0] == ",".join(CSV_HEADERS)
    assert 'href="/place/us-ts-b2/protocol"' in client.get("/place/us-ts-b2").text
    assert client.get("/place/us-nowhere/protocol").status_code == 404
