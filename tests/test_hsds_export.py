"""`refgraph export --format hsds`: the demo graph as an HSDS 3.0 datapackage that validates."""

from __future__ import annotations

import csv
import json
import os
import stat
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from loaders.hsds import export_rows, spec
from loaders.hsds import taxonomy as tx
from loaders.hsds.export import DESCRIPTOR, PackageInvalid, check, export_hsds
from loaders.hsds.package import HsdsRow
from loaders.hsds.schedules import read_schedules, weekly_spans
from loaders.records import roster_rows
from service.domain.hours import parse_hours
from service.errors import InvalidInput
from service.store.graph import Graph

MINOR_ONLY = "demo-cap-pa-safe-passage-case-management"  # age MINOR, business hours, Lancaster and York
CONFIDENTIAL = "demo-pa-safe-passage"  # address_confidential true
DISTRICT = "us-pa-keystone-district"  # a region of type district (the Keystone task force's tip line)
Rows = dict[str, list[dict[str, str]]]


def read(folder: Path) -> tuple[dict[str, list[str]], Rows]:
    """Each table's header and rows (cells as text, empty cells left out), by table name."""
    headers, rows = {}, {}
    for table in spec.tables().values():
        with open(folder / table.path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            headers[table.name] = next(reader)
            rows[table.name] = [{k: v for k, v in zip(headers[table.name], line, strict=True) if v} for line in reader]
    return headers, rows


def attributes(rows: Rows, link_id: str) -> dict[str, list[str]]:
    """An HSDS row's attributes: term code -> values."""
    codes = {t.id: t.code for t in tx.terms().values()}
    out: dict[str, list[str]] = {}
    for a in rows["attribute"]:
        if a["link_id"] == link_id:
            out.setdefault(codes[a["taxonomy_term_id"]], []).append(a.get("value", ""))
    return out


@pytest.fixture(scope="module")
def package(demo_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hsds") / "package"
    export_hsds(demo_graph, out)
    return out


@pytest.fixture(scope="module")
def tables(package: Path) -> Rows:
    return read(package)[1]


@pytest.fixture(scope="module")
def demo_capabilities(demo_graph: Graph) -> list[dict[str, str]]:
    return list(roster_rows(demo_graph)["capabilities"])


def test_every_table_is_written_with_the_spec_columns_and_conforms_to_hsds_3_0(package: Path) -> None:
    headers, rows = read(package)
    for table in spec.tables().values():
        assert headers[table.name] == list(table.columns), table.path
        assert spec.validate_rows(table.name, [spec.typed_row(table, r) for r in rows[table.name]]) == []
    for name in ("organization", "service", "contact", "phone", "attribute", "service_area", "schedule",
                 "location", "service_at_location", "language", "taxonomy", "taxonomy_term"):
        assert rows[name], f"{name}: the demo has rows for it"
    assert rows["program"] == [] and rows["metadata"] == []  # header only: Refgraph has nothing for them


def test_the_datapackage_lists_every_file_with_its_fields(package: Path) -> None:
    descriptor = json.loads((package / DESCRIPTOR).read_text())
    assert descriptor["profile"] == "tabular-data-package" and descriptor["name"] == "refgraph-hsds"
    assert descriptor["created"] and descriptor["licenses"] and descriptor["sources"]
    resources = {r["path"]: r for r in descriptor["resources"]}
    assert set(resources) == {t.path for t in spec.tables().values()}
    assert {f.name for f in package.iterdir()} == {*resources, DESCRIPTOR}
    for table in spec.tables().values():
        resource = resources[table.path]
        assert resource["name"] == table.name and resource["profile"] == "tabular-data-resource"
        assert (resource["format"], resource["mediatype"]) == ("csv", "text/csv")
        assert [f["name"] for f in resource["schema"]["fields"]] == list(table.columns)
    services = {f["name"]: f for f in resources["services.csv"]["schema"]["fields"]}
    assert services["id"] == {"name": "id", "type": "string", "format": "uuid", "constraints": {"required": True}}
    assert services["assured_date"]["type"] == "date"
    schedules = {f["name"]: f for f in resources["schedules.csv"]["schema"]["fields"]}
    assert schedules["opens_at"] == {"name": "opens_at", "type": "time", "format": "%H:%M"}


def test_every_id_is_a_uuid_and_every_link_points_at_a_row_of_the_export(tables: Rows) -> None:
    ids = {name: {r["id"] for r in rows} for name, rows in tables.items()}
    for name, rows in tables.items():
        assert len(ids[name]) == len(rows), f"{name}: ids are unique"
        for row in rows:
            assert str(uuid.UUID(row["id"])) == row["id"]
            for column, value in row.items():
                if column in spec.LINKS:
                    assert value in ids[spec.LINKS[column]], f"{name}.{column} {value}"
    for a in tables["attribute"]:
        assert a["link_id"] in ids[a["link_entity"]], a
        assert a["link_type"] == "refgraph"


def test_the_matrix_facets_travel_as_attributes(tables: Rows, demo_capabilities: list[dict[str, str]]) -> None:
    codes = [tx.term_by_id()[a["taxonomy_term_id"]].code for a in tables["attribute"]]
    assert sum(code.startswith("service:") for code in codes) == len(demo_capabilities) == len(tables["service"])
    minor = next(s for s in tables["service"] if s["id"] == tx.hsds_id("service", MINOR_ONLY))
    facets = attributes(tables, minor["id"])
    assert "age:MINOR" in facets and "age:ADULT" not in facets
    assert "hours:BUSINESS_HOURS" in facets and "hours:AFTER_HOURS" not in facets
    assert {"urgency:URGENT", "urgency:NON_URGENT", "gender:MALE", "gender:FEMALE"} <= set(facets)  # ANY: both
    assert facets["refgraph_id"] == [MINOR_ONLY] and facets["service:CASE_MANAGEMENT"] == [""]
    assert facets["priority"] == ["60"] and facets["verified_on"]
    assert minor["maximum_age"] == "17" and "minimum_age" not in minor
    assert minor["status"] == "active" and minor["name"] == "Case management (Safe Passage Youth Shelter (demo))"
    assert minor["eligibility_description"].startswith("Hours: business hours only; Age: minor only.")


def test_service_areas_name_their_places_and_a_region_lists_its_counties(tables: Rows, demo_graph: Graph) -> None:
    minor = tx.hsds_id("service", MINOR_ONLY)
    names = sorted(a["name"] for a in tables["service_area"] if a.get("service_id") == minor)
    assert names == ["Lancaster County, Pennsylvania", "York County, Pennsylvania"]
    # every region is defined once, by an area of no service; its services' areas name it by URN
    district = [a for a in tables["service_area"] if a["uri"] == tx.PLACE_URN + DISTRICT]
    [definition] = [a for a in district if not a.get("service_id")]
    assert definition["extent_type"] == tx.REGION_EXTENT and len(district) > 1
    assert len(definition["extent"].split(";")) == 6 and "us-pa-lancaster-county" in definition["extent"]
    assert attributes(tables, definition["id"]) == {"region_type": ["district"]}
    assert all(not a.get("extent") for a in district if a.get("service_id"))
    triangle = next(a for a in tables["service_area"] if a["uri"].endswith("us-nc-triangle-region") and not a.get("service_id"))
    assert attributes(tables, triangle["id"]) == {}  # the default region type says nothing
    regions = {r["region"]["id"] for r in demo_graph.read("queries/regions_for_export")}
    assert {a["uri"].removeprefix(tx.PLACE_URN) for a in tables["service_area"] if not a.get("service_id")} == regions


def test_organizations_contacts_hours_and_task_forces_keep_their_refgraph_fields(tables: Rows) -> None:
    org = tx.hsds_id("organization", CONFIDENTIAL)
    said = attributes(tables, org)
    assert said["refgraph_id"] == [CONFIDENTIAL] and "organization_type:RUNAWAY_HOMELESS_YOUTH" in said
    assert "sector:SERVICE_PROVIDER" in said and said["notes"] == ["Fictional organization (demo data)"]
    location = tx.hsds_id("location", CONFIDENTIAL)
    schedules = [s for s in tables["schedule"] if s["location_id"] == location]
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in schedules] == [("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")]
    assert {s["location_id"] for s in tables["schedule"]} == {r["id"] for r in tables["location"]}
    after_hours = [p for p in tables["phone"] if p.get("description") == "After hours"]
    assert after_hours and all(attributes(tables, p["id"]) == {"phone_line:AFTER_HOURS": [""]} for p in after_hours)
    assert {lang["phone_id"] for lang in tables["language"]} <= {p["id"] for p in tables["phone"] if "contact_id" in p}
    keystone = attributes(tables, tx.hsds_id("task_force", "demo-tf-keystone"))
    assert keystone["record:TASK_FORCE"] == [""] and keystone["lead"] == ["demo-pa-keystone-tf"]
    assert len(keystone["member"]) == 7 and keystone["serves"] == [DISTRICT]


def test_confidential_addresses_are_left_out_unless_asked_for(demo_graph: Graph, package: Path, tables: Rows,
                                                               tmp_path: Path) -> None:
    org = tx.hsds_id("organization", CONFIDENTIAL)
    assert attributes(tables, org)["address_confidential"] == ["true"] and "address" not in attributes(tables, org)
    assert not any("Confidential shelter address" in f.read_text() for f in package.iterdir())
    assert next(r for r in tables["location"] if r["organization_id"] == org)["location_type"] == "virtual"
    export_hsds(demo_graph, tmp_path / "all", confidential_addresses=True)
    _, everything = read(tmp_path / "all")
    assert attributes(everything, org)["address"] == ["Confidential shelter address"]
    assert next(r for r in everything["location"] if r["organization_id"] == org)["location_type"] == "physical"


def test_two_exports_of_the_same_graph_are_byte_identical(demo_graph: Graph, package: Path, tmp_path: Path) -> None:
    export_hsds(demo_graph, tmp_path / "again")
    for table in spec.tables().values():
        assert (tmp_path / "again" / table.path).read_bytes() == (package / table.path).read_bytes(), table.path


def test_the_package_folder_and_its_files_are_for_their_owner_only(demo_graph: Graph, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        export_hsds(demo_graph, tmp_path / "p")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "p").stat().st_mode) == 0o700
    assert {stat.S_IMODE(f.stat().st_mode) for f in (tmp_path / "p").iterdir()} == {0o600}


def test_an_export_into_a_folder_that_is_not_empty_is_refused(demo_graph: Graph, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(InvalidInput, match="is not empty"):
        export_hsds(demo_graph, tmp_path)
    assert [f.name for f in tmp_path.iterdir()] == ["notes.txt"]


def test_a_broken_row_is_caught_and_nothing_is_written(demo_graph: Graph, tables: Rows, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    service = spec.tables()["service"]
    broken = {**tables["service"][0], "status": "open", "id": "not-a-uuid"}
    del broken["name"]
    problems = spec.validate_rows("service", [spec.typed_row(service, broken)])
    assert len(problems) == 3 and all(p.startswith("services.csv row 1: ") for p in problems)
    duplicate = {"service": [tables["service"][0], tables["service"][0]]}
    assert check(duplicate) == [f"services.csv row 2: id: {tables['service'][0]['id']} is the id of an earlier row"]

    real = export_rows.package_rows

    def with_a_broken_row(*args: Any, **kwargs: Any) -> Rows:
        rows = real(*args, **kwargs)
        return {**rows, "service": [broken, *rows["service"][1:]]}

    monkeypatch.setattr("loaders.hsds.export.package_rows", with_a_broken_row)
    with pytest.raises(PackageInvalid, match="does not conform to HSDS 3.0 .3 problems, first: services.csv row 1"):
        export_hsds(demo_graph, tmp_path / "broken")
    assert not (tmp_path / "broken").exists()


@pytest.mark.parametrize("hours", ["Mon-Fri 09:00-17:00, Sat 10:00-14:00", "24/7", "Fri 22:00-02:00",
                                   "Mon-Wed 08:00-12:00, Mon-Wed 13:00-17:00, Sat 10:00-14:00"])
def test_hours_read_back_from_their_schedules(hours: str) -> None:
    rows = [HsdsRow("schedule", "schedules.csv", at + 2, {"byday": byday, "opens_at": opens, "closes_at": closes,
                                                          "freq": "WEEKLY", "description": hours})
            for at, (byday, opens, closes) in enumerate(weekly_spans(hours))]
    read = read_schedules(rows, "2026-01-01")
    assert read.hours == hours and not read.problems and not read.skipped
    rows = [HsdsRow(r.table, r.file, r.line, {**r.cells, "description": ""}) for r in rows]  # a partner's own rows
    assert parse_hours(read_schedules(rows, "2026-01-01").hours).intervals == parse_hours(hours).intervals


def test_hours_become_weekly_schedules() -> None:
    assert weekly_spans("Mon-Fri 09:00-17:00, Sat 10:00-14:00") == [
        ("MO,TU,WE,TH,FR", "09:00", "17:00"), ("SA", "10:00", "14:00")]
    assert weekly_spans("24/7") == [("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")]
    assert weekly_spans("") == [("MO,TU,WE,TH,FR", "09:00", "17:00")]  # the default, written out
    assert weekly_spans("Fri 22:00-02:00") == [("FR", "22:00", "23:59"), ("SA", "00:00", "02:00")]


def test_only_a_complete_street_address_gets_an_addresses_row() -> None:
    assert export_rows.street_address("330 S Salisbury St, Raleigh, NC 27601") == {
        "address_1": "330 S Salisbury St", "city": "Raleigh", "state_province": "NC", "postal_code": "27601",
        "country": "US", "address_type": "physical"}
    assert export_rows.street_address("100 Demo Street, area 717") is None
    assert export_rows.street_address("") is None
    assert export_rows.web_address("www.example.org") == "https://www.example.org"
    assert export_rows.web_address("http://example.org") == "http://example.org"


def test_the_cli_writes_the_package(demo_graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from service.cli import main

    for name, value in (("NEO4J_URI", demo_graph.address.uri), ("NEO4J_USER", demo_graph.address.user),
                        ("NEO4J_PASSWORD", demo_graph.address.password),
                        ("NEO4J_DATABASE", demo_graph.address.database)):
        monkeypatch.setenv(name, value)
    ran = CliRunner().invoke(main, ["export", "--format", "hsds", str(tmp_path / "p")])
    assert ran.exit_code == 0, ran.output
    assert "services.csv: " in ran.output and "programs.csv: 0 rows" in ran.output
    assert "as an HSDS 3.0 datapackage" in ran.output.splitlines()[-1]
    assert "confidential addresses left out" in ran.output
    assert (tmp_path / "p" / DESCRIPTOR).is_file() and not (tmp_path / "p" / "manifest.json").exists()


def test_the_cli_refuses_confidential_addresses_for_a_backup(tmp_path: Path) -> None:
    from service.cli import main

    ran = CliRunner().invoke(main, ["export", "--with-confidential-addresses", str(tmp_path / "b"),
                                    "--data-dir", str(tmp_path / "unused")])
    assert ran.exit_code == 2
    assert "--with-confidential-addresses is for --format hsds" in ran.output
    assert not (tmp_path / "b").exists() and not (tmp_path / "unused").exists()

