"""Importing Open Referral HSDS 3.0: the specification's own example, broken copies of it, HSDS
JSON, GeoJSON service areas, the steward's mapping, and the roster guarantees (every problem
named with its HSDS file, row and field; nothing written on any problem; re-import idempotent)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from loaders.hsds.importer import import_hsds
from loaders.hsds.mapping import DEFAULT, read_mapping
from service.app import create_app
from service.cli import main
from service.errors import ImportRejected
from service.settings import Settings
from service.store.graph import Graph
from tests.builders import small_state, write_jurisdictions
from tests.conftest import counts

EXAMPLE = Path(__file__).parent / "data" / "hsds-3.0-example"
SERVICE = "ac148810-d857-441c-9679-408f346de14b"
ORGANIZATION = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
CONTACT = "1e7efce3-639b-4880-940c-b95cd30cdb50"


@pytest.fixture
def places(graph: Graph) -> Graph:
    """Test State's places, its cities with coordinates (for GeoJSON areas)."""
    rows, links = small_state()
    coordinates = {"us-ts-a1": (35.0, -80.0), "us-ts-a2": (35.2, -80.2), "us-ts-b1": (36.0, -79.0), "us-ts-b2": (36.2, -79.2)}
    for row in rows:
        if row["id"] in coordinates:
            row["lat"], row["lon"] = coordinates[row["id"]]
    write_jurisdictions(graph, rows, links)
    return graph


def mapping_with(tmp_path: Path, *rules: str) -> Path:
    """The shipped mapping plus the steward's own rules."""
    path = tmp_path / "mapping.csv"
    path.write_text(DEFAULT.read_text() + "\n".join(rules) + "\n")
    return path


def copy_example(tmp_path: Path) -> Path:
    out = tmp_path / "package"
    shutil.copytree(EXAMPLE, out)
    return out


def record(graph: Graph, label: str, ident: str) -> dict:
    rows = graph.read(f"queries/{label}_records", ids=[ident])
    return rows[0][label.removesuffix("_records")] if rows else {}


def test_the_specifications_example_imports_and_reports_what_did_not_map(places: Graph, tmp_path: Path) -> None:
    rules = read_mapping(mapping_with(tmp_path, "place,area,MyCity,us-ts-alpha-county"))
    result = import_hsds(places, EXAMPLE, rules)
    by_kind = {s.kind: s for s in result.summaries}
    assert (by_kind["organizations"].created, by_kind["contacts"].created, by_kind["capabilities"].created) == (1, 1, 1)
    capability = places.read("queries/capability_records", ids=[f"{SERVICE}:mental-health"])[0]["capability"]
    assert capability["service"] == "MENTAL_HEALTH"  # "Counselling" -> the shipped keyword rule
    assert [p["id"] for p in capability["covers"]] == ["us-ts-alpha-county"]  # the steward's place rule
    assert capability["organization"] == ORGANIZATION
    assert capability["contact"] == CONTACT  # the service's contact
    assert capability["source"] == f"hsds:hsds-3.0-example#service/{SERVICE}"
    contact = places.read("queries/contact_records", ids=[CONTACT])[0]["contact"]
    assert contact["phone"] == "+44 1234 234567 ext 100"  # the example quotes its number; the extension is kept
    assert contact["languages"] == ["Urdu"]
    assert contact["organization"] == ORGANIZATION  # its own organization_id names nothing: through its service
    organization = places.read("queries/organization_records", ids=[ORGANIZATION])[0]["organization"]
    assert organization["type"] == "OTHER" and organization["sector"] == "SERVICE_PROVIDER"
    assert organization["verified_on"] == "2023-03-15"  # the later of its service's assured_date and last_modified
    report = result.report(limit=None)
    assert "no rule of the mapping gives its type" in report
    assert "schedules.csv line 2" in report and "not read as weekly hours" in report  # byweekno 41,42
    assert "contacts.csv line 2, organization_id" in report
    assert "attributes.csv line 2, link_id" in report
    assert "funding.csv: 1 row: Refgraph keeps nothing of HSDS's funding table; not imported" in report
    assert "locations.csv line 2, organization_id" in report
    again = import_hsds(places, EXAMPLE, rules)
    assert all(s.created == s.updated == 0 for s in again.summaries)  # idempotent


def test_without_a_place_rule_the_example_service_is_reported_not_imported(places: Graph) -> None:
    result = import_hsds(places, EXAMPLE, read_mapping())
    assert "capabilities" not in {s.kind for s in result.summaries}
    assert any("Community Counselling: none of its service areas names a place" in str(n) for n in result.notes)
    assert any("service_areas.csv line 2" in str(n) for n in result.notes)
    assert counts(places).get("Capability", 0) == 0
    assert counts(places)["Organization"] == 1


def _broken(tmp_path: Path, file: str, edit: str, to: str) -> Path:
    package = copy_example(tmp_path)
    text = (package / file).read_text()
    assert edit in text
    (package / file).write_text(text.replace(edit, to, 1))
    return package


@pytest.mark.parametrize(("file", "edit", "to", "said"), [
    ("services.csv", "id,organization_id,program_id,name,", "id,organization_id,program_id,title,",
     "services.csv line 1, column name: required column is missing from the header"),
    ("service_areas.csv", f"381c64f1-a724-4884-9c21-ac96c21cca3e,{SERVICE}",
     "381c64f1-a724-4884-9c21-ac96c21cca3e,00000000-0000-4000-8000-000000000000",
     "service_areas.csv line 2, column service_id: \"00000000-0000-4000-8000-000000000000\" names no service"),
    ("schedules.csv", ",10:00:00,18:00:00,", ",25:00:00,18:00:00,", "schedules.csv line 2, column opens_at"),
    ("schedules.csv", ',"TH,FR",', ',"TH,XX",', "schedules.csv line 2, column byday: \"TH,XX\" names XX"),
    ("services.csv", ",active,", ",open,", "services.csv line 2, column status: \"open\" is not one of active"),
])
def test_a_broken_copy_of_the_example_is_refused_whole(places: Graph, tmp_path: Path, file: str, edit: str,
                                                        to: str, said: str) -> None:
    before = counts(places)
    rules = read_mapping(mapping_with(tmp_path, "place,area,MyCity,us-ts-alpha-county"))
    with pytest.raises(ImportRejected) as caught:
        import_hsds(places, _broken(tmp_path, file, edit, to), rules)
    assert said in caught.value.report(), caught.value.report()
    assert "nothing was written" in caught.value.message
    assert counts(places) == before


def test_a_problem_the_rosters_find_is_told_at_the_hsds_row(places: Graph, tmp_path: Path) -> None:
    rules = read_mapping(mapping_with(tmp_path, "place,area,MyCity,us-ts-alpha-county"))
    package = _broken(tmp_path, "phones.csv", '"""+44 1234 234567"""', "call us")
    with pytest.raises(ImportRejected) as caught:
        import_hsds(places, package, rules)
    assert 'phones.csv line 2, column number: "call us ext 100" is not a phone number' in caught.value.report()
    assert counts(places).get("Organization", 0) == 0  # the organization before it was not written either


def test_a_dry_run_checks_and_counts_but_writes_nothing(places: Graph, tmp_path: Path) -> None:
    before = counts(places)
    rules = read_mapping(mapping_with(tmp_path, "place,area,MyCity,us-ts-alpha-county"))
    result = import_hsds(places, EXAMPLE, rules, dry_run=True)
    assert {s.kind: s.created for s in result.summaries} == {"organizations": 1, "contacts": 1, "capabilities": 1}
    assert counts(places) == before


def _document() -> list[dict]:
    """An HSDS JSON `service_full` list: nested organization, areas, phones, contacts, schedules."""
    return [{
        "id": "5a1b0c6e-0000-4000-8000-000000000001", "name": "Youth Transitional Housing", "status": "active",
        "description": "Transitional housing for young people leaving trafficking", "maximum_age": 17,
        "assured_date": "2026-05-01",
        "organization": {"id": "5a1b0c6e-0000-4000-8000-00000000000a", "name": "Alpha Youth Shelter",
                         "description": "A runaway and homeless youth shelter",
                         "phones": [{"id": "5a1b0c6e-0000-4000-8000-0000000000b1", "number": "555-0100"}],
                         "locations": [{"id": "5a1b0c6e-0000-4000-8000-0000000000c1", "location_type": "physical",
                                        "schedules": [{"id": "5a1b0c6e-0000-4000-8000-0000000000d1", "freq": "WEEKLY",
                                                       "byday": "MO,TU,WE,TH,FR,SA,SU", "opens_at": "00:00",
                                                       "closes_at": "23:59"}]}]},
        "service_areas": [{"id": "5a1b0c6e-0000-4000-8000-0000000000e1", "name": "Alpha County, Test State"}],
        "contacts": [{"id": "5a1b0c6e-0000-4000-8000-0000000000f1", "name": "Intake desk",
                      "phones": [{"id": "5a1b0c6e-0000-4000-8000-0000000000b2", "number": "555-0101",
                                  "languages": [{"id": "5a1b0c6e-0000-4000-8000-0000000000e9", "name": "Spanish"}]}]}],
    }]


def test_hsds_json_documents_import_like_the_tables(places: Graph, tmp_path: Path) -> None:
    path = tmp_path / "services.json"
    path.write_text(json.dumps(_document()))
    result = import_hsds(places, path, read_mapping())
    assert {s.kind: s.created for s in result.summaries} == {"organizations": 1, "contacts": 1, "capabilities": 1}
    capability = places.read("queries/capability_records",
                             ids=["5a1b0c6e-0000-4000-8000-000000000001:shelter-transitional"])[0]["capability"]
    assert capability["age"] == ["MINOR"]  # maximum_age 17
    assert [p["id"] for p in capability["covers"]] == ["us-ts-alpha-county"]  # by name, "County, State"
    organization = places.read("queries/organization_records", ids=["5a1b0c6e-0000-4000-8000-00000000000a"])[0]
    assert organization["organization"]["hours"] == "24/7"  # its location's schedule
    assert organization["organization"]["type"] == "RUNAWAY_HOMELESS_YOUTH"
    contact = places.read("queries/contact_records", ids=["5a1b0c6e-0000-4000-8000-0000000000f1"])[0]["contact"]
    assert contact["languages"] == ["Spanish"] and contact["organization"] == "5a1b0c6e-0000-4000-8000-00000000000a"
    assert all(s.created == s.updated == 0 for s in import_hsds(places, path, read_mapping()).summaries)


def test_a_bad_json_document_names_its_path(places: Graph, tmp_path: Path) -> None:
    documents = _document()
    documents[0]["organization"]["locations"][0]["schedules"][0]["opens_at"] = "noon"
    path = tmp_path / "services.json"
    path.write_text(json.dumps(documents))
    with pytest.raises(ImportRejected) as caught:
        import_hsds(places, path, read_mapping())
    assert "services.json line 1, column services[0].organization.locations[0].schedules[0].opens_at" \
        in caught.value.report()


def test_a_geojson_service_area_covers_the_places_inside_it(places: Graph, tmp_path: Path) -> None:
    documents = _document()
    around_alpha = {"type": "Polygon", "coordinates": [[[-81, 34], [-79.5, 34], [-79.5, 35.5], [-81, 35.5], [-81, 34]]]}
    around_one = {"type": "Polygon", "coordinates": [[[-79.1, 35.9], [-78.9, 35.9], [-78.9, 36.1], [-79.1, 36.1], [-79.1, 35.9]]]}
    documents[0]["service_areas"] = [
        {"id": "5a1b0c6e-0000-4000-8000-0000000000e1", "extent_type": "geojson", "extent": json.dumps(around_alpha)},
        {"id": "5a1b0c6e-0000-4000-8000-0000000000e2", "extent_type": "geojson", "extent": json.dumps(around_one)}]
    path = tmp_path / "services.json"
    path.write_text(json.dumps(documents))
    import_hsds(places, path, read_mapping())
    capability = places.read("queries/capability_records",
                             ids=["5a1b0c6e-0000-4000-8000-000000000001:shelter-transitional"])[0]["capability"]
    # Alpha County: both its cities are inside; of Beta County only Betatown is
    assert sorted(p["id"] for p in capability["covers"]) == ["us-ts-alpha-county", "us-ts-b1"]


def test_a_bad_mapping_rule_is_named_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "mapping.csv"
    path.write_text("field,by,match,value\nservice,keyword,shelter,SHELTER\nplace,keyword,AB1,us-ts\n")
    with pytest.raises(ImportRejected) as caught:
        read_mapping(path)
    report = caught.value.report()
    assert 'mapping.csv line 2, column value: "SHELTER" is not one of TIP_REPORTING' in report
    assert "mapping.csv line 3, column by" in report


def test_the_cli_imports_a_package_and_prints_its_report(places: Graph, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in (("NEO4J_URI", places.address.uri), ("NEO4J_USER", places.address.user),
                        ("NEO4J_PASSWORD", places.address.password), ("NEO4J_DATABASE", places.address.database)):
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    template = runner.invoke(main, ["template", "hsds-mapping"])
    assert template.exit_code == 0 and template.stdout.startswith("field,by,match,value")
    mapping = mapping_with(tmp_path, "place,area,MyCity,us-ts-alpha-county")
    result = runner.invoke(main, ["load", "hsds", str(EXAMPLE), "--mapping", str(mapping), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "(dry run: nothing written)" in result.stdout and "Not mapped" in result.stdout
    result = runner.invoke(main, ["load", "hsds", str(EXAMPLE), "--mapping", str(mapping)])
    assert result.exit_code == 0, result.output
    assert "1 created" in result.stdout
    assert counts(places)["Capability"] == 1
    refused = runner.invoke(main, ["load", "organizations", str(EXAMPLE), "--mapping", str(mapping)])
    assert refused.exit_code != 0 and "--mapping and --all-notes go with KIND hsds" in refused.output


def test_a_service_without_areas_is_placed_at_its_locations_city(places: Graph, tmp_path: Path) -> None:
    documents = _document()
    del documents[0]["service_areas"]
    documents[0]["service_at_locations"] = [{
        "id": "5a1b0c6e-0000-4000-8000-0000000000a9", "location": {
            "id": "5a1b0c6e-0000-4000-8000-0000000000c9", "location_type": "physical",
            "addresses": [{"id": "5a1b0c6e-0000-4000-8000-0000000000d9", "address_1": "1 Main St", "city": "Betatown",
                           "state_province": "TS", "postal_code": "99999", "country": "US",
                           "address_type": "physical"}]}}]
    path = tmp_path / "services.json"
    path.write_text(json.dumps(documents))
    result = import_hsds(places, path, read_mapping())
    capability = places.read("queries/capability_records",
                             ids=["5a1b0c6e-0000-4000-8000-000000000001:shelter-transitional"])[0]["capability"]
    assert [p["id"] for p in capability["covers"]] == ["us-ts-b1"]
    assert any("no service area; placed at its location's city (us-ts-b1)" in str(n) for n in result.notes)


def test_graphql_says_where_imported_records_came_from(places: Graph, tmp_path: Path, settings: Settings) -> None:
    rules = read_mapping(mapping_with(tmp_path, "place,area,MyCity,us-ts-alpha-county"))
    import_hsds(places, EXAMPLE, rules)
    app = create_app(replace(settings, neo4j_database=places.address.database, auth="open"), load_demo_when_empty=False)
    with TestClient(app) as client:
        body = client.post("/graphql", json={"query": f"""{{ organization(id: "{ORGANIZATION}") {{
            source contacts {{ source }} offers {{ id source }} }} }}"""}).json()
    assert "errors" not in body, body
    organization = body["data"]["organization"]
    assert organization["source"] == f"hsds:hsds-3.0-example#organization/{ORGANIZATION}"
    assert organization["contacts"] == [{"source": f"hsds:hsds-3.0-example#contact/{CONTACT}"}]
    assert organization["offers"] == [{"id": f"{SERVICE}:mental-health",
                                       "source": f"hsds:hsds-3.0-example#service/{SERVICE}"}]
