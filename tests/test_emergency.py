"""The emergency block follows the caller's situation (issue 16, items 1 and 2): its law
enforcement takes the situation like every other referral, its written follow-up goes to the
tip lines tip routing returns, and immediate danger is urgent. Through the read plan, GraphQL
and the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from service.app import create_app
from service.cli import main
from service.domain.models import Situation
from service.domain.routing import route_plan
from service.domain.vocabulary import Service
from service.errors import InvalidInput
from service.settings import Settings
from service.store.engines import EmbeddedEngine
from service.store.graph import Graph
from tests.builders import Roster, build

SATURDAY_NIGHT = "2026-01-17T23:00:00-05:00"
CALLER = {"urgency": "URGENT", "nationality": "FOREIGN_NATIONAL", "age": "MINOR", "gender": "FEMALE",
          "trafficking": "SEX"}


@pytest.fixture
def roster(graph: Graph) -> Graph:
    """A city with an adult-sex-only vice unit, a labor-only worker center, a youth tip line and
    a sheriff who takes anyone."""
    r = Roster()
    vice = r.org("vice-unit", "POLICE", name="Vice Unit", hours="24/7", phone="555-0110")
    r.capability("vice-tips", vice, Service.TIP_REPORTING, "us-ts-b2", age="ADULT", trafficking="SEX")
    r.capability("vice-extraction", vice, Service.VICTIM_EXTRACTION, "us-ts-b2", age="ADULT", trafficking="SEX")
    workers = r.org("worker-center", name="Worker Center", hours="24/7", phone="555-0120")
    r.capability("worker-tips", workers, Service.TIP_REPORTING, "us-ts-b2", trafficking="LABOR")
    youth = r.org("youth-line", "HOTLINE", name="Youth Line", hours="24/7", phone="555-0130")
    r.capability("youth-tips", youth, Service.TIP_REPORTING, "us-ts-beta-county", age="MINOR")
    sheriff = r.org("beta-sheriff", "SHERIFF", name="Beta Sheriff", hours="24/7", phone="555-0140")
    r.capability("sheriff-extraction", sheriff, Service.VICTIM_EXTRACTION, "us-ts-beta-county")
    hsi = r.org("hsi-office", "HSI", name="HSI Office")
    r.contact("hsi-duty", hsi, after_hours_phone="555-0150")
    r.capability("hsi-labor", hsi, Service.VICTIM_EXTRACTION, "us-ts", trafficking="LABOR")
    fbi = r.org("fbi-office", "FBI", name="FBI Office")
    r.contact("fbi-duty", fbi, after_hours_phone="555-0160")
    r.capability("fbi-any", fbi, Service.VICTIM_EXTRACTION, "us-ts")
    ice = r.org("ice-office", "ICE", name="ICE Field Office")  # not HSI: Enforcement and Removal Operations
    r.contact("ice-duty", ice, after_hours_phone="555-0170")
    r.capability("ice-foreign", ice, Service.VICTIM_EXTRACTION, "us-ts", nationality="FOREIGN_NATIONAL")
    build(graph, r)
    return graph


def test_the_block_takes_the_situation_like_every_referral(roster: Graph) -> None:
    at = datetime.fromisoformat(SATURDAY_NIGHT)
    route = roster.run(route_plan("us-ts-b2", Situation(**CALLER, immediate_danger=True), at=at))
    block = route.emergency
    assert block is not None
    assert [r.organization.id for r in block.law_enforcement] == ["beta-sheriff"]  # not the adult-only vice unit
    sheriff = block.law_enforcement[0]
    assert sheriff.confirm == ()  # the caller gave age and trafficking: nothing left to confirm
    assert dict(sheriff.matched) == CALLER
    assert [r.organization.id for r in block.tip_reporting] == ["youth-line"]
    tips = route.for_service(Service.TIP_REPORTING).referrals
    assert [r.capability_id for r in block.tip_reporting] == [r.capability_id for r in tips]
    assert "Youth Line" in block.follow_up
    assert "Vice Unit" not in block.follow_up and "Worker Center" not in block.follow_up
    # HSI here takes labor cases only; the ICE office (issue 16, item 9) takes foreign nationals
    assert [c.id for _, c in block.federal_contacts] == ["fbi-duty", "ice-duty"]


def test_the_follow_up_goes_to_the_tip_lines_also_when_tip_reporting_is_not_asked(roster: Graph) -> None:
    route = roster.run(route_plan("us-ts-b2", Situation(**CALLER, immediate_danger=True), [Service.SHELTER_EMERGENCY]))
    assert [s.service for s in route.services] == [Service.SHELTER_EMERGENCY]
    assert route.emergency is not None and [r.organization.id for r in route.emergency.tip_reporting] == ["youth-line"]


def test_no_tip_line_for_the_situation_says_so(roster: Graph) -> None:
    adult_labor = Situation(age="ADULT", trafficking="SEX", nationality="US_CITIZEN", immediate_danger=True)
    route = roster.run(route_plan("us-ts-a1", adult_labor))  # Alpha County: no tip line at all
    assert route.emergency is not None and route.emergency.tip_reporting == ()
    assert "none that takes this situation is on file for Alphaville (us-ts-a1)" in route.emergency.follow_up


def test_immediate_danger_is_urgent() -> None:
    assert Situation(immediate_danger=True).urgency == "URGENT"
    assert Situation(urgency="URGENT", immediate_danger=True) == Situation(immediate_danger=True)
    with pytest.raises(InvalidInput) as refused:
        Situation(urgency="NON_URGENT", immediate_danger=True)
    assert refused.value.argument == "urgency" and "immediate danger" in refused.value.message


def test_immediate_danger_without_urgency_gets_the_block(roster: Graph) -> None:
    route = roster.run(route_plan("us-ts-b2", Situation(age="MINOR", immediate_danger=True)))
    assert route.emergency is not None and route.situation.urgency == "URGENT"
    assert [r.organization.id for r in route.emergency.law_enforcement] == ["beta-sheriff"]


EMERGENCY = """
query($situation: SituationInput, $at: DateTime) {
  route(place: "us-ts-b2", situation: $situation, at: $at, services: [SHELTER_EMERGENCY]) {
    emergency { followUp lawEnforcement { organization { id } confirm matched { dimension value } }
                tipReporting { organization { id } } federalContacts { id } }
  }
}"""


@pytest.fixture
def client(roster: Graph, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, load_demo_when_empty=False)) as c:
        yield c


def _emergency(client: TestClient, situation: dict[str, Any]) -> dict[str, Any]:
    body = client.post("/graphql", json={"query": EMERGENCY,
                                         "variables": {"situation": situation, "at": SATURDAY_NIGHT}}).json()
    return body


def test_graphql_block_follows_the_situation(client: TestClient) -> None:
    body = _emergency(client, {**CALLER, "immediateDanger": True})
    block = body["data"]["route"]["emergency"]
    assert block["lawEnforcement"] == [{"organization": {"id": "beta-sheriff"}, "confirm": [],
                                        "matched": [{"dimension": d, "value": v} for d, v in CALLER.items()]}]
    assert block["tipReporting"] == [{"organization": {"id": "youth-line"}}]
    assert block["federalContacts"] == [{"id": "fbi-duty"}, {"id": "ice-duty"}]
    assert "Youth Line" in block["followUp"] and "Vice Unit" not in block["followUp"]


def test_graphql_immediate_danger_alone_is_urgent_and_contradicting_it_is_refused(client: TestClient) -> None:
    alone = _emergency(client, {"age": "MINOR", "immediateDanger": True})
    assert alone["data"]["route"]["emergency"]["lawEnforcement"] == [
        {"organization": {"id": "beta-sheriff"}, "confirm": [], "matched": [{"dimension": "urgency", "value": "URGENT"},
                                                                         {"dimension": "age", "value": "MINOR"}]}]
    refused = _emergency(client, {"urgency": "NON_URGENT", "immediateDanger": True})
    error = refused["errors"][0]
    assert error["extensions"]["code"] == "BAD_INPUT" and error["extensions"]["argument"] == "urgency"
    assert "immediate danger" in error["message"]


def _cli(engine: EmbeddedEngine | None, *args: str) -> Any:
    extra = ["--data-dir", str(engine.data_dir)] if engine is not None else []
    return CliRunner().invoke(main, ["route", "us-ts-b2", *args, *extra])


def test_cli_block_follows_the_situation(roster: Graph, engine: EmbeddedEngine | None) -> None:
    result = _cli(engine, "--immediate-danger", "--minor", "--female", "--foreign-national", "--sex",
                  "--at", SATURDAY_NIGHT, "--format", "json")
    assert result.exit_code == 0, result.output
    block = json.loads(result.stdout)["emergency"]
    assert [r["organization"]["id"] for r in block["lawEnforcement"]] == ["beta-sheriff"]
    assert [r["organization"]["id"] for r in block["tipReporting"]] == ["youth-line"]
    table = _cli(engine, "--immediate-danger", "--minor", "--sex", "--at", SATURDAY_NIGHT)
    assert "EMERGENCY: Call 911" in table.output and "law enforcement: Beta Sheriff" in table.output
    assert "Vice Unit" not in table.output.split("\n\n")[0]  # not in the block above the referral table
    refused = _cli(engine, "--immediate-danger", "--non-urgent")
    assert refused.exit_code == 1 and "immediate danger, but urgency is NON_URGENT" in refused.output


def test_an_ice_office_is_a_federal_after_hours_contact_for_whom_it_takes(roster: Graph, engine: EmbeddedEngine | None) -> None:
    citizen = roster.run(route_plan("us-ts-b2", Situation(nationality="US_CITIZEN", immediate_danger=True)))
    assert citizen.emergency is not None  # trafficking unknown: HSI's labor cases may be it; ICE's foreign nationals not
    assert [c.id for _, c in citizen.emergency.federal_contacts] == ["fbi-duty", "hsi-duty"]
    table = _cli(engine, "--immediate-danger", "--foreign-national", "--at", SATURDAY_NIGHT)
    assert "federal after hours: ICE Field Office - Ice Duty 555-0170" in table.output
