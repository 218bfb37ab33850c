"""A caller's route is judged now unless asked otherwise, alike on the pages, GraphQL and the
CLI (issue 16, item 5); a referral's hours and phone say different things, and say which
(item 3). The clock is `service.domain.routing.now`, set here to a Saturday night and a Monday morning."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import service.domain.routing
from service.app import create_app
from service.cli import main
from service.domain.vocabulary import Service
from service.settings import Settings
from service.store.engines import EmbeddedEngine
from service.store.graph import Graph
from tests.builders import Roster, build

SATURDAY_NIGHT = datetime.fromisoformat("2026-01-17T23:00:00-05:00")
MONDAY_MORNING = datetime.fromisoformat("2026-01-19T10:00:00-05:00")

ROUTE = """
query($at: DateTime, $anyTime: Boolean = false) {
  route(place: "us-ts-b2", at: $at, anyTime: $anyTime, services: [SHELTER_EMERGENCY, VICTIM_EXTRACTION]) {
    at hours services { service referrals { organization { id } phone phoneLine hours confirm } }
  }
}"""


@pytest.fixture
def roster(graph: Graph) -> Graph:
    """A day shelter open office hours only, and a 24/7 sheriff whose duty contact has an
    after-hours line."""
    r = Roster()
    clinic = r.org("day-shelter", name="Day Shelter", hours="Mon-Fri 09:00-17:00")
    r.capability("day-beds", clinic, Service.SHELTER_EMERGENCY, "us-ts-beta-county", hours="BUSINESS_HOURS")
    sheriff = r.org("beta-sheriff", "SHERIFF", name="Beta Sheriff", hours="24/7", phone="555-0140")
    duty = r.contact("sheriff-duty", sheriff, phone="555-0141", after_hours_phone="555-0149")
    r.capability("sheriff-extraction", sheriff, Service.VICTIM_EXTRACTION, "us-ts-beta-county",
                 contact=duty, hours="BUSINESS_HOURS")
    build(graph, r)
    return graph


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Any:
    def set_to(moment: datetime) -> None:
        monkeypatch.setattr(service.domain.routing, "now", lambda: moment)
    set_to(SATURDAY_NIGHT)
    return set_to


@pytest.fixture
def client(roster: Graph, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, load_demo_when_empty=False)) as c:
        yield c


def _route(client: TestClient, **variables: Any) -> dict[str, Any]:
    body = client.post("/graphql", json={"query": ROUTE, "variables": variables}).json()
    assert "errors" not in body, body
    return body["data"]["route"]


def _service(route: dict[str, Any], service: str) -> list[dict[str, Any]]:
    return next(s for s in route["services"] if s["service"] == service)["referrals"]


def test_graphql_routes_now_by_default(client: TestClient, clock: Any) -> None:
    night = _route(client)
    assert datetime.fromisoformat(night["at"]) == SATURDAY_NIGHT and night["hours"] == "AFTER_HOURS"
    assert _service(night, "SHELTER_EMERGENCY") == []  # the day shelter is closed on Saturday night
    clock(MONDAY_MORNING)
    morning = _route(client)
    assert [r["organization"]["id"] for r in _service(morning, "SHELTER_EMERGENCY")] == ["day-shelter"]
    assert morning == _route(client, at=MONDAY_MORNING.isoformat())


def test_graphql_any_time_leaves_the_hours_to_confirm(client: TestClient, clock: Any) -> None:
    anytime = _route(client, anyTime=True)
    assert anytime["at"] is None and anytime["hours"] is None
    assert [(r["organization"]["id"], r["confirm"]) for r in _service(anytime, "SHELTER_EMERGENCY")] == \
        [("day-shelter", ["hours"])]
    both = client.post("/graphql", json={"query": ROUTE, "variables": {"anyTime": True, "at": SATURDAY_NIGHT.isoformat()}})
    error = both.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_INPUT" and error["extensions"]["argument"] == "at"
    assert "not both" in error["message"]


def test_hours_says_open_and_the_phone_line_says_which_number(client: TestClient) -> None:
    """A 24/7 sheriff at 23:00 on a Saturday is open (hours BUSINESS_HOURS, its own hours), and
    after hours by the place's clock its duty contact's after-hours line is the one to dial."""
    night = _route(client, at=SATURDAY_NIGHT.isoformat())
    assert night["hours"] == "AFTER_HOURS"  # the place's clock
    assert _service(night, "VICTIM_EXTRACTION") == [{"organization": {"id": "beta-sheriff"}, "phone": "555-0149",
                                                     "phoneLine": "CONTACT_AFTER_HOURS", "hours": "BUSINESS_HOURS",
                                                     "confirm": []}]
    morning = _route(client, at=MONDAY_MORNING.isoformat())
    sheriff = _service(morning, "VICTIM_EXTRACTION")[0]
    assert (sheriff["phone"], sheriff["phoneLine"], sheriff["hours"]) == ("555-0141", "CONTACT", "BUSINESS_HOURS")


def test_the_schema_says_what_hours_and_phone_line_mean(client: TestClient) -> None:
    from service.api.schema import build_schema

    sdl = build_schema().as_str()
    referral = sdl[sdl.index("type Referral"):]
    assert "open then (a 24/7 organization always is)" in referral and "The place's clock is `RouteAnswer.hours`" in referral
    assert "`phoneLine` says which" in referral


def _cli(engine: EmbeddedEngine | None, *args: str) -> Any:
    extra = ["--data-dir", str(engine.data_dir)] if engine is not None else []
    return CliRunner().invoke(main, ["route", "us-ts-b2", "--service", "SHELTER_EMERGENCY",
                                     "--service", "VICTIM_EXTRACTION", *args, *extra])


def test_cli_routes_now_by_default_and_any_time_on_request(roster: Graph, engine: EmbeddedEngine | None,
                                                           clock: Any) -> None:
    night = json.loads(_cli(engine, "--format", "json").stdout)
    assert datetime.fromisoformat(night["at"]) == SATURDAY_NIGHT and _service(night, "SHELTER_EMERGENCY") == []
    anytime = json.loads(_cli(engine, "--any-time", "--format", "json").stdout)
    assert anytime["at"] is None and _service(anytime, "SHELTER_EMERGENCY")[0]["confirm"] == ["hours"]
    table = _cli(engine).output
    assert "Hours: AFTER_HOURS at 2026-01-17T23:00:00-05:00" in table
    assert "555-0149 (after-hours line)" in table
    both = _cli(engine, "--any-time", "--at", SATURDAY_NIGHT.isoformat())
    assert both.exit_code == 1 and "not both" in both.output


def test_the_page_routes_now_and_any_time_on_request(client: TestClient, clock: Any) -> None:
    night = client.get("/route", params={"place": "us-ts-b2", "service": "SHELTER_EMERGENCY"}).text
    assert "Day Shelter" not in night
    anytime = client.get("/route", params={"place": "us-ts-b2", "service": "SHELTER_EMERGENCY", "hours": "ANY"})
    assert anytime.status_code == 200 and "Day Shelter" in anytime.text
    assert '<option value="ANY" selected>' in anytime.text


def _every_field(type_name: str) -> str:
    """A selection of every field of a GraphQL object type, nested (what `--format json` prints)."""
    from graphql import GraphQLObjectType, get_named_type

    from service.api.schema import build_schema

    schema = build_schema()._schema

    def selection(t: GraphQLObjectType) -> str:
        parts = []
        for name, field in t.fields.items():
            inner = get_named_type(field.type)
            parts.append(f"{name} {{ {selection(inner)} }}" if isinstance(inner, GraphQLObjectType) else name)
        return " ".join(parts)

    found = schema.get_type(type_name)
    assert isinstance(found, GraphQLObjectType)
    return selection(found)


def test_cli_json_is_the_graphql_answer(client: TestClient, engine: EmbeddedEngine | None) -> None:
    """One shape (issue 16, item 6): route, matrix and gaps as JSON from the CLI equal GraphQL's
    answers with every field selected."""
    extra = ["--data-dir", str(engine.data_dir)] if engine is not None else []
    at = SATURDAY_NIGHT.isoformat()
    asked = {
        "route": (["route", "us-ts-b2", "--minor", "--immediate-danger", "--at", at],
                  f'route(place: "us-ts-b2", situation: {{age: MINOR, immediateDanger: true}}, at: "{at}")',
                  "RouteAnswer"),
        "matrix": (["matrix", "us-ts-b2"], 'matrix(place: "us-ts-b2")', "MatrixAnswer"),
        "gaps": (["gaps", "--service", "SHELTER_EMERGENCY", "--kind", "city"],
                 'gaps(service: SHELTER_EMERGENCY, kind: "city")', "GapReport"),
    }
    for field, (args, call, type_name) in asked.items():
        printed = CliRunner().invoke(main, [*args, "--format", "json", *extra])
        assert printed.exit_code == 0, printed.output
        body = client.post("/graphql", json={"query": f"{{ {call} {{ {_every_field(type_name)} }} }}"}).json()
        assert "errors" not in body, body
        assert json.loads(printed.stdout) == body["data"][field], field
