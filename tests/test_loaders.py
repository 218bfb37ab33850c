"""Roster imports against the real engine: counts, idempotence, updates, rejections."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from loaders import KINDS, LoadSummary, load_file, load_frame, template
from loaders.common import read_ahead
from loaders.jurisdictions import write_places
from service.errors import ImportRejected
from service.store.graph import Graph, Step
from tests.conftest import DATA, counts


def place(id: str, name: str, kind: str, parent: str | None, **props: Any) -> dict[str, Any]:
    levels = {"city": 1, "county": 2, "region": 3, "state": 4, "country": 5}
    return {"id": id, "props": {"name": name, "kind": kind, "level": levels[kind], **props}, "parent": parent}


PLACES = [
    place("us", "United States", "country", None),
    place("us-nc", "North Carolina", "state", "us", fips="37", postal="NC", timezone="America/New_York"),
    place("us-pa", "Pennsylvania", "state", "us", fips="42", postal="PA", timezone="America/New_York"),
    place("us-nc-wake-county", "Wake County", "county", "us-nc", fips="37183", state="us-nc"),
    place("us-nc-durham-county", "Durham County", "county", "us-nc", fips="37063", state="us-nc"),
    place("us-nc-buncombe-county", "Buncombe County", "county", "us-nc", fips="37021", state="us-nc"),
    place("us-pa-lancaster-county", "Lancaster County", "county", "us-pa", fips="42071", state="us-pa"),
    place("us-nc-raleigh", "Raleigh", "city", "us-nc-wake-county", state="us-nc"),
]


def load_places(graph: Graph) -> None:
    write_places(graph, PLACES)


def load_all(graph: Graph, *kinds: str) -> dict[str, LoadSummary]:
    load_places(graph)
    return {k: load_file(graph, k, DATA / f"good_{k}.csv") for k in kinds}


def snapshot(graph: Graph) -> list[tuple[Any, ...]]:
    """Every node with its properties and every relationship, for 'nothing changed' checks."""
    with graph.driver.session(database=graph.address.database) as s:
        nodes = sorted((tuple(sorted(n.labels)), sorted((k, str(v)) for k, v in dict(n).items()))
                       for n in (r["n"] for r in s.run("MATCH (n) RETURN n")))
        rels = sorted(s.run("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p").values())
    return [tuple(map(str, x)) for x in nodes] + [tuple(map(str, x)) for x in rels]


def covers(graph: Graph, capability: str) -> set[str]:
    with graph.driver.session(database=graph.address.database) as s:
        return set(s.run("MATCH (:Capability {id: $id})-[:COVERS]->(j) RETURN j.id AS id", id=capability).value())


def test_good_rosters_load_with_exact_counts(graph: Graph) -> None:
    summaries = load_all(graph, "regions", "organizations", "contacts", "taskforces", "capabilities")
    assert str(summaries["capabilities"]) == "good_capabilities.csv: 8 rows - 8 created, 0 updated, 0 unchanged"
    assert {k: s.created for k, s in summaries.items()} == {
        "regions": 2, "organizations": 5, "contacts": 3, "taskforces": 1, "capabilities": 8}
    assert counts(graph) == {"Capability": 8, "Contact": 3, "Jurisdiction": 10, "Organization": 5, "TaskForce": 1}
    assert covers(graph, "safe-house-emergency") == {"us-nc-wake-county", "us-nc-durham-county"}
    assert covers(graph, "legal-aid-legal") == {"us-nc"}


def test_loading_the_same_file_twice_reports_all_unchanged(graph: Graph) -> None:
    load_all(graph, "organizations", "contacts", "capabilities")
    before = snapshot(graph)
    again = load_file(graph, "capabilities", DATA / "good_capabilities.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 8)
    assert str(again) == "good_capabilities.csv: 8 rows - 0 created, 0 updated, 8 unchanged"
    assert snapshot(graph) == before


def edited_capabilities(tmp_path: Path, old: str, new: str, extra: str = "") -> Path:
    """The good capabilities roster with one edit (which must apply) and extra rows."""
    text = (DATA / "good_capabilities.csv").read_text()
    changed = text.replace(old, new)
    assert changed != text, f"{old!r} is not in the roster"
    path = tmp_path / "capabilities.csv"
    path.write_text(changed + extra)
    return path


def test_changed_row_updates_in_place_and_replaces_its_coverage(graph: Graph, tmp_path: Path) -> None:
    load_all(graph, "organizations", "contacts", "capabilities")
    path = edited_capabilities(tmp_path, "us-nc-wake-county;37063,20,safe-house-intake", "us-nc-buncombe-county,15,")
    summary = load_file(graph, "capabilities", path)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 7)
    assert covers(graph, "safe-house-emergency") == {"us-nc-buncombe-county"}
    with graph.driver.session(database=graph.address.database) as s:
        row = s.run("MATCH (o)-[:OFFERS]->(c:Capability {id: 'safe-house-emergency'}) "
                    "RETURN o.id AS org, c.priority AS priority, COUNT { (c)-[:VIA]->() } AS via, "
                    "COUNT { (c)<-[:OFFERS]-() } AS offers").single(strict=True)
    assert dict(row) == {"org": "nc-safe-house", "priority": 15, "via": 0, "offers": 1}
    assert counts(graph)["Capability"] == 8


def test_new_and_changed_rows_of_one_file_are_created_and_updated_with_their_links(graph: Graph, tmp_path: Path) -> None:
    load_all(graph, "organizations", "contacts", "capabilities")
    path = edited_capabilities(tmp_path, "ANY,ANY,NC,30,fbi-duty-agent", "ANY,ANY,NC,35,fbi-duty-agent",
                               "fbi-extraction,fbi-charlotte,VICTIM_EXTRACTION,URGENT,AFTER_HOURS,ANY,MINOR,ANY,SEX,"
                               "us-nc-wake-county;37063,5,fbi-duty-agent,,2025-04-01,\n")
    summary = load_file(graph, "capabilities", path)
    assert (summary.created, summary.updated, summary.unchanged) == (1, 1, 7)
    assert covers(graph, "fbi-extraction") == {"us-nc-wake-county", "us-nc-durham-county"}
    with graph.driver.session(database=graph.address.database) as s:
        row = s.run("MATCH (o)-[:OFFERS]->(c:Capability {id: 'fbi-extraction'})-[:VIA]->(p) "
                    "RETURN o.id AS org, p.id AS contact, c.hours AS hours, c.age AS age, c.priority AS priority").single(strict=True)
        tips = s.run("MATCH (c:Capability {id: 'fbi-tips'}) RETURN c.priority AS priority").single(strict=True)
    assert dict(row) == {"org": "fbi-charlotte", "contact": "fbi-duty-agent", "hours": ["AFTER_HOURS"],
                         "age": ["MINOR"], "priority": 5}
    assert tips["priority"] == 35
    again = load_file(graph, "capabilities", path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 9)
    assert counts(graph)["Capability"] == 9


def test_read_ahead_keeps_the_order_and_raises_the_workers_error_in_the_caller() -> None:
    def items() -> Iterator[int]:
        yield 1
        yield 2
        raise ValueError("line 3 cannot be read")

    ahead = read_ahead(items())
    assert [next(ahead), next(ahead)] == [1, 2]
    with pytest.raises(ValueError, match="line 3 cannot be read"):
        next(ahead)


def test_read_ahead_stays_a_few_items_ahead_and_stops_when_closed() -> None:
    made = []

    def items() -> Iterator[int]:
        for n in range(1000):
            made.append(n)
            yield n

    ahead = read_ahead(items(), depth=2)
    assert next(ahead) == 0
    time.sleep(0.3)
    ahead.close()
    assert len(made) <= 4  # the one handed over, two waiting, one ready to wait
    assert not [t for t in threading.enumerate() if t.name == "read-ahead"]


def test_write_batches_lets_each_batch_go_once_written(graph: Graph) -> None:
    """The driver keeps every statement's parameters until the commit: a long import must not."""
    rows = [{"id": f"nothing-{n}", "fingerprint": "x"} for n in range(3)]
    graph.write_batches([Step("writes/unlink_capabilities", {"rows": rows})])
    assert rows == []


def test_bad_file_is_rejected_with_every_problem_and_writes_nothing(graph: Graph) -> None:
    load_all(graph, "organizations", "contacts", "capabilities")
    before = snapshot(graph)
    with pytest.raises(ImportRejected) as caught:
        load_file(graph, "capabilities", DATA / "bad_capabilities.csv")
    shown = [str(p) for p in caught.value.problems]
    assert shown == [
        'bad_capabilities.csv line 3, column age: "teen" is not MINOR, ADULT or ANY (or both values separated by \';\')',
        ('bad_capabilities.csv line 3, column service: "TIP_REPORTS" is not TIP_REPORTING, VICTIM_EXTRACTION, '
         'SHELTER_EMERGENCY, SHELTER_TRANSITIONAL, CASE_MANAGEMENT, LEGAL_SERVICES, MENTAL_HEALTH or IMMIGRATION_SERVICES'),
        ('bad_capabilities.csv line 4, column jurisdictions: "us-nc-atlantis" is not a known jurisdiction id, FIPS code '
         'or state postal code (load the built-in US jurisdictions with `refgraph load jurisdictions --builtin us`, '
         'or the region first)'),
        ('bad_capabilities.csv line 4, column organization: "nc-nowhere-pd" is not a known organization id; '
         'load it with `refgraph load organizations FILE` first'),
        ('bad_capabilities.csv line 5, column id: "wake-sheriff-extraction" appears twice: also on line 2; '
         'ids must be unique in a file'),
        ('bad_capabilities.csv line 6, column contact: "no-such-contact" is not a known contact id; '
         'load it with `refgraph load contacts FILE` first'),
        ('bad_capabilities.csv line 6, column jurisdictions: is empty; name at least one jurisdiction by id, '
         'FIPS or state postal code'),
        'bad_capabilities.csv line 6, column priority: "high" is not a whole number of at least 0',
        'bad_capabilities.csv line 6, column verified_on: "2025-13-01" is not a date written YYYY-MM-DD (e.g. 2025-03-31)',
    ]
    assert caught.value.message.startswith("bad_capabilities.csv: 9 problems in 4 rows; nothing was written")
    assert snapshot(graph) == before


def test_unknown_references_are_rejected_and_nothing_is_written(graph: Graph) -> None:
    load_places(graph)
    before = counts(graph)
    with pytest.raises(ImportRejected) as caught:
        load_file(graph, "contacts", DATA / "good_contacts.csv")
    assert {(p.line, p.column, p.value) for p in caught.value.problems} == {
        (2, "organization", "nc-wake-sheriff"), (3, "organization", "nc-safe-house"),
        (4, "organization", "fbi-charlotte")}
    assert counts(graph) == before


def test_dry_run_counts_changes_and_writes_nothing(graph: Graph) -> None:
    load_all(graph, "organizations")
    before = snapshot(graph)
    dry = load_file(graph, "contacts", DATA / "good_contacts.csv", dry_run=True)
    assert (dry.rows, dry.created, dry.updated, dry.unchanged, dry.dry_run) == (3, 3, 0, 0, True)
    assert "dry run" in str(dry)
    assert snapshot(graph) == before


def test_xlsx_roster_loads_like_csv(graph: Graph, tmp_path: Path) -> None:
    load_places(graph)
    frame = pd.read_csv(DATA / "good_organizations.csv", dtype=str, keep_default_na=False)
    frame["verified_on"] = pd.to_datetime(frame["verified_on"])  # Excel stores dates as dates
    path = tmp_path / "organizations.xlsx"
    frame.to_excel(path, index=False)
    summary = load_file(graph, "organizations", path)
    assert (summary.rows, summary.created) == (5, 5)
    again = load_file(graph, "organizations", DATA / "good_organizations.csv")
    assert again.unchanged == 5


def test_load_frame_checks_like_a_file(graph: Graph) -> None:
    load_places(graph)
    frame = pd.DataFrame([{"id": "x-org", "name": "X", "sector": "LAW_ENFORCEMENT", "type": "COP",
                           "verified_on": "2025-01-01"}])
    with pytest.raises(ImportRejected) as caught:
        load_frame(graph, "organizations", frame, source="generated")
    assert [str(p).split(":")[0] for p in caught.value.problems] == ["generated line 2, column type"]
    frame.loc[0, "type"] = "POLICE"
    assert load_frame(graph, "organizations", frame, source="generated").created == 1


def test_regions_roster_links_counties_and_replaces_members(graph: Graph, tmp_path: Path) -> None:
    load_places(graph)
    load_file(graph, "regions", DATA / "good_regions.csv")
    with graph.driver.session(database=graph.address.database) as s:
        members = set(s.run("MATCH (c)-[:PART_OF]->(:Jurisdiction {id: 'us-nc-triangle'}) RETURN c.id").value())
        state = s.run("MATCH (:Jurisdiction {id: 'us-nc-triangle'})-[:PART_OF]->(s) RETURN s.id").value()
    assert members == {"us-nc-wake-county", "us-nc-durham-county"}
    assert state == ["us-nc"]
    path = tmp_path / "regions.csv"
    path.write_text((DATA / "good_regions.csv").read_text().replace("us-nc-wake-county;37063", "37021"))
    summary = load_file(graph, "regions", path)
    assert (summary.updated, summary.unchanged) == (1, 1)
    with graph.driver.session(database=graph.address.database) as s:
        members = set(s.run("MATCH (c)-[:PART_OF]->(:Jurisdiction {id: 'us-nc-triangle'}) RETURN c.id").value())
    assert members == {"us-nc-buncombe-county"}


def test_region_rejects_counties_of_another_state_and_taken_ids(graph: Graph, tmp_path: Path) -> None:
    load_places(graph)
    path = tmp_path / "regions.csv"
    path.write_text("id,name,state,counties\nus-nc-wake-county,Wake,NC,42071;37183\n")
    with pytest.raises(ImportRejected) as caught:
        load_file(graph, "regions", path)
    assert {(p.column, p.value) for p in caught.value.problems} == {
        ("id", "us-nc-wake-county"), ("counties", "us-pa-lancaster-county")}


@pytest.mark.parametrize("kind", KINDS)
def test_template_header_is_accepted_by_the_loader(graph: Graph, tmp_path: Path, kind: str) -> None:
    text = template(kind)
    _header, example = text.splitlines()
    assert example.startswith("#")
    path = tmp_path / f"{kind}.csv"
    path.write_text(text)
    with pytest.raises(ImportRejected) as caught:
        load_file(graph, kind, path)
    assert [p.problem for p in caught.value.problems] == [
        f"the file has a header but no rows; add rows below it (see `refgraph template {kind}`)"]


def _problems(graph: Graph, path: Path, kind: str = "organizations") -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        load_file(graph, kind, path)
    return [str(p) for p in caught.value.problems]


def test_non_utf8_file_is_rejected_with_the_fix(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "organizations.csv"
    text = (DATA / "good_organizations.csv").read_text().replace("Triangle Safe House", "Casa Señora")
    path.write_bytes(text.encode("cp1252"))
    [problem] = _problems(graph, path)
    assert problem.startswith("organizations.csv line 4: ")
    assert "is not UTF-8 text" in problem and "save it as 'CSV UTF-8'" in problem


def test_utf16_file_is_rejected_and_utf8_bom_is_accepted(graph: Graph, tmp_path: Path) -> None:
    load_places(graph)
    text = (DATA / "good_organizations.csv").read_text()
    path = tmp_path / "organizations.csv"
    path.write_text(text, encoding="utf-16")
    [problem] = _problems(graph, path)
    assert "saved as UTF-16" in problem and "CSV UTF-8" in problem
    path.write_text(text, encoding="utf-8-sig")  # Excel's "CSV UTF-8" starts with a BOM
    assert load_file(graph, "organizations", path).created == 5


def test_empty_file_is_rejected(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "organizations.csv"
    path.write_text("")
    assert _problems(graph, path) == [
        "organizations.csv line 1: the file is empty; start from `refgraph template organizations`"]


def test_header_problems_name_the_column_and_suggest_the_closest(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "organizations.csv"
    path.write_text("id,name,sector,tpye,verified,verified_on\n"
                    "a,A,LAW_ENFORCEMENT,POLICE,x,2025-01-01\n")
    assert _problems(graph, path) == [
        'organizations.csv line 1: "tpye" is not a known column; did you mean type?',
        'organizations.csv line 1: "verified" is not a known column; did you mean verified_on?',
        "organizations.csv line 1, column type: required column is missing from the header",
        "organizations.csv line 2, column type: is empty; this column is required",
    ]


def test_blank_and_comment_lines_keep_line_numbers_true(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "organizations.csv"
    path.write_text("id,name,sector,type,verified_on\n# a comment\n\n"
                    "a,A,LAW_ENFORCEMENT,POLICE,2025-01-01\nb,B,POLICE,POLICE,01/02/2025\n")
    assert _problems(graph, path) == [
        'organizations.csv line 5, column sector: "POLICE" is not LAW_ENFORCEMENT or SERVICE_PROVIDER',
        'organizations.csv line 5, column verified_on: "01/02/2025" is not a date written YYYY-MM-DD (e.g. 2025-03-31)',
    ]


def test_taskforce_links_members_with_the_lead_flagged(graph: Graph) -> None:
    load_all(graph, "organizations", "taskforces")
    with graph.driver.session(database=graph.address.database) as s:
        members = dict(s.run("MATCH (o)-[m:MEMBER_OF]->(:TaskForce {id: 'nc-triangle-htf'}) "
                             "RETURN o.id AS id, m.lead AS lead").values())
        serves = set(s.run("MATCH (:TaskForce {id: 'nc-triangle-htf'})-[:SERVES]->(j) RETURN j.id").value())
    assert members == {"nc-wake-sheriff": True, "nc-raleigh-pd": False, "nc-safe-house": False, "fbi-charlotte": False}
    assert serves == {"us-nc-wake-county", "us-nc-durham-county"}


def test_cleared_cell_removes_the_property(graph: Graph, tmp_path: Path) -> None:
    load_all(graph, "organizations")
    path = tmp_path / "organizations.csv"
    path.write_text((DATA / "good_organizations.csv").read_text().replace(",Vice unit handles trafficking,", ",,"))
    assert load_file(graph, "organizations", path).updated == 1
    with graph.driver.session(database=graph.address.database) as s:
        notes = s.run("MATCH (o:Organization {id: 'nc-wake-sheriff'}) RETURN o.notes").value()
    assert notes == [None]


def test_every_roster_column_is_documented() -> None:
    from loaders.importing import ROSTERS

    docs = (Path(__file__).parent.parent / "docs" / "rosters.md").read_text()
    for kind, spec in ROSTERS.items():
        section = docs.split(f"## `{kind}`", 1)[1].split("\n## ", 1)[0]
        for column in spec.COLUMNS:
            assert f"| `{column.name}` |" in section, f"docs/rosters.md: {kind} column {column.name} is undocumented"


def test_row_with_extra_cells_is_reported_by_line(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "organizations.csv"
    path.write_text("id,name,sector,type,verified_on\na,A,LAW_ENFORCEMENT,POLICE,2025-01-01\n"
                    "b,B,LAW_ENFORCEMENT,POLICE,2025-01-01,extra\n")
    [problem] = _problems(graph, path)
    assert problem.startswith("organizations.csv line 3: cannot be read as CSV")
    assert "check the quotes and the number of commas" in problem


def test_a_repeated_new_id_after_written_batches_is_rejected_and_the_batches_rolled_back(graph: Graph) -> None:
    """New capabilities go to a plain CREATE batch by batch while the file is still being
    read; a repeated id further on must give the file's own problem (not the engine's
    uniqueness error), and the batches already sent must be rolled back."""
    load_places(graph)
    load_all(graph, "organizations", "contacts")
    before = counts(graph)
    base = pd.read_csv(DATA / "good_capabilities.csv", dtype=str, keep_default_na=False).iloc[0].to_dict()
    rows = [dict(base, id=f"cap-{n}") for n in range(6_000)]
    rows.insert(2_500, dict(base, id="cap-3"))  # line 2502, in the second batch of 2,000; 3,500 rows follow
    with pytest.raises(ImportRejected) as caught:
        load_frame(graph, "capabilities", pd.DataFrame(rows), source="many.csv")
    assert [str(p) for p in caught.value.problems] == [
        'many.csv line 2502, column id: "cap-3" appears twice: also on line 5; ids must be unique in a file']
    assert counts(graph) == before
