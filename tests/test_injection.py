"""Hostile strings through every string argument: clear errors or empty answers, never harm.

Cypher injection (`' OR 1=1 //`, `"}) DETACH DELETE n //`, `$x`, backticks),
GraphQL quoting (nested quotes, unicode, a 100,000-character string, NUL) and
HTML go through every String argument of every root query and mutation (found
in schema.graphql, so a new argument is covered the day it is added; input
objects field by field) and through the pages' query parameters. Every answer
must be below 500, say what is wrong in words (never a masked internal error
or engine internals), and leave the graph as it was; a mutation may only save
the hostile text verbatim, as the value of the field it was given for.

Exported CSV must not run in a spreadsheet: a roster value such as
`=HYPERLINK("http://x","click")` comes back from /gaps.csv (and from
`refgraph export`) with an apostrophe in front. `assert_csv_safe(text)` is the
check to reuse for any other CSV the service writes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
    build_schema,
    get_named_type,
)

from loaders import load_frame
from service import PROJECT_ROOT
from service.app import create_app
from service.domain.csv_safety import formula_cells, safe_cell, unsafe_cell
from service.settings import Settings
from service.store.graph import Graph
from tests.builders import Roster, small_state, write_jurisdictions
from tests.conftest import counts
from tests.test_fuzz_graphql import leaks

FORMULA = '=HYPERLINK("http://x","click")'
HOSTILE = [
    "' OR 1=1 //",
    '"}) DETACH DELETE n //',
    "$x",
    "`Organization`) DETACH DELETE n //",
    "\\\"'\"\\'",  # nested and escaped quotes
    "Ωmega 🚨 \u202eRTL \u200b",
    "A" * 100_000,
    "nul\x00byte",
    "<script>alert(1)</script>",
    FORMULA,
]
SCHEMA = build_schema((PROJECT_ROOT / "schema.graphql").read_text(encoding="utf-8"))
# Valid values for the arguments that are not under attack, by argument or input field name.
PLAIN = {"place": "us-ts-alpha-county", "within": "us-ts", "id": "inj-org", "capabilityId": "inj-cap",
         "organization": "inj-org", "jurisdictions": ["us-ts-alpha-county"], "kind": "county",
         "sort": "name", "name": "Injection Test", "phone": "555-0100"}
# Inside input objects: ids of records that exist, so a save not refused updates them (never creates).
PLAIN_IN = {"OrganizationInput": {"id": "inj-org"}, "ContactInput": {"id": "inj-contact"},
            "CapabilityInput": {"id": "inj-cap"}}
EXAMPLES = {"Int": 1, "Float": 0.5, "Boolean": False, "DateTime": "2025-01-04T23:00:00Z", "String": "x"}


def _value(type_: Any, name: str, within: str = "") -> Any:
    """A valid value for a required argument or input field not under attack."""
    if isinstance(type_, GraphQLNonNull):
        return _value(type_.of_type, name, within)
    if isinstance(type_, GraphQLList):
        plain = PLAIN.get(name)
        return plain if isinstance(plain, list) else [_value(type_.of_type, name, within)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        return {n: _value(f.type, n, type_.name) for n, f in type_.fields.items()
                if isinstance(f.type, GraphQLNonNull)}
    plain = PLAIN_IN.get(within, {}).get(name, PLAIN.get(name))
    return plain if isinstance(plain, str) else EXAMPLES[type_.name]


def _string_paths(type_: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], bool]]:
    """Every String (or [String]) position inside an argument: (path, is_list)."""
    named = get_named_type(type_)
    if isinstance(named, GraphQLInputObjectType):
        for n, f in named.fields.items():
            yield from _string_paths(f.type, (*path, n))
    elif isinstance(named, GraphQLScalarType) and named.name == "String":
        inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
        yield path, isinstance(inner, GraphQLList)


def _selection(field: GraphQLField) -> str:
    named = get_named_type(field.type)
    if isinstance(named, GraphQLUnionType):
        saved = " ".join(f"... on {t.name} {{ outcome }}" for t in named.types if "outcome" in t.fields)
        return f"{{ __typename {saved} }}"
    if isinstance(named, GraphQLObjectType):
        return "{ __typename }"
    return ""


def cases() -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(operation, field, label, variables) for one string position; the hostile text goes in as $VALUE."""
    for operation, root in (("query", SCHEMA.query_type), ("mutation", SCHEMA.mutation_type)):
        assert root is not None
        for name, field in root.fields.items():
            for arg_name, arg in field.args.items():
                for path, is_list in _string_paths(arg.type, (arg_name,)):
                    yield operation, name, ".".join((name, *path)), {"path": path, "is_list": is_list}


CASES = list(cases())


def _request(operation: str, name: str, path: tuple[str, ...], is_list: bool, hostile: str) -> dict[str, Any]:
    field = (SCHEMA.query_type if operation == "query" else SCHEMA.mutation_type).fields[name]  # type: ignore[union-attr]
    variables: dict[str, Any] = {}
    for arg_name, arg in field.args.items():
        if arg_name == path[0] or isinstance(arg.type, GraphQLNonNull):
            variables[arg_name] = _value(arg.type, arg_name)
    target: Any = variables
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = [hostile] if is_list else hostile
    declared = ", ".join(f"${a}: {field.args[a].type}" for a in variables)
    uses = ", ".join(f"{a}: ${a}" for a in variables)
    text = f"{operation}{f'({declared})' if declared else ''} {{ {name}{f'({uses})' if uses else ''} {_selection(field)} }}"
    return {"query": text, "variables": variables}


def answers_clearly(label: str, response: Any) -> dict[str, Any]:
    assert response.status_code < 500, f"{label}: HTTP {response.status_code}: {response.text[:500]}"
    assert response.status_code in (200, 400, 413), f"{label}: HTTP {response.status_code}"
    body = response.json()
    for error in body.get("errors") or []:
        assert error["message"].strip(), f"{label}: an error without words"
        assert (error.get("extensions") or {}).get("code") != "INTERNAL", f"{label}: unexpected error {error}"
    found = leaks(response.text)
    assert not found, f"{label}: the answer leaks {found}: {response.text[:500]}"
    return body


def snapshot(graph: Graph) -> tuple[dict[str, int], list[dict[str, Any]]]:
    ids = [f"inj-org-{n}" for n in range(3)] + ["inj-org"]
    return counts(graph), graph.read("queries/organization_records", ids=ids)


@pytest.fixture
def client(graph: Graph, settings: Settings) -> Iterator[TestClient]:
    write_jurisdictions(graph, *small_state())
    roster = Roster()
    for n in range(3):
        roster.org(f"inj-org-{n}", phone="555-0100")
        roster.capability(f"inj-cap-{n}", f"inj-org-{n}", "CASE_MANAGEMENT", "us-ts-alpha-county")
    roster.org("inj-org")
    roster.contact("inj-contact", "inj-org")
    roster.capability("inj-cap", "inj-org", "LEGAL_SERVICES", "us-ts")
    roster.load(graph)
    app = create_app(replace(settings, rate_per_second=100_000.0, rate_burst=100_000),
                     load_demo_when_empty=False, supervise_engine=False)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_the_schema_has_string_arguments_on_every_kind_of_root_field() -> None:
    labels = {label for _, _, label, _ in CASES}
    for expected in ("route.place", "gaps.within", "jurisdictions.search", "organizations.search",
                     "changes.entity", "upsertOrganization.input.name", "upsertCapability.input.jurisdictions",
                     "setCoverage.jurisdictions", "retireContact.reason"):
        assert expected in labels
    assert len(CASES) >= 40


def test_hostile_strings_in_every_query_argument_answer_clearly_and_change_nothing(
        client: TestClient, graph: Graph) -> None:
    before = snapshot(graph)
    sent = 0
    for operation, name, label, where in CASES:
        if operation != "query":
            continue
        for hostile in HOSTILE:
            body = answers_clearly(label, client.post("/graphql", json=_request("query", name, where["path"],
                                                                                  where["is_list"], hostile)))
            assert body.get("data") is not None or body.get("errors"), label
            sent += 1
    assert snapshot(graph) == before, "a query changed the graph"
    assert sent >= 200


def test_hostile_strings_in_every_mutation_field_are_refused_or_saved_verbatim(
        client: TestClient, graph: Graph) -> None:
    before_counts, before_records = snapshot(graph)
    created: dict[str, int] = {}
    for operation, name, label, where in CASES:
        if operation != "mutation":
            continue
        for hostile in HOSTILE:
            body = answers_clearly(label, client.post("/graphql", json=_request("mutation", name, where["path"],
                                                                                  where["is_list"], hostile)))
            result = (body.get("data") or {}).get(name)
            assert result is not None or body.get("errors"), label
            if result and result.get("outcome") == "CREATED":
                # Only a hostile *id* that is a valid id (letters only) may make a new record.
                assert where["path"][-1] == "id" and hostile.isalnum(), f"{label}: created from {hostile[:40]!r}"
                kind = result["__typename"].removesuffix("Saved")
                created[kind] = created.get(kind, 0) + 1
    after_counts, after_records = snapshot(graph)
    # Nothing was deleted or duplicated; only audit entries and those records were added.
    expected = {k: v + created.get(k, 0) for k, v in before_counts.items() if k != "Change"}
    assert {k: v for k, v in after_counts.items() if k != "Change"} == expected
    assert [r["organization"]["id"] for r in after_records] == [r["organization"]["id"] for r in before_records]


@pytest.mark.parametrize("hostile", [h for h in HOSTILE if len(h) < 1000])
def test_a_hostile_organization_name_is_stored_and_read_back_verbatim(client: TestClient, graph: Graph,
                                                                     hostile: str) -> None:
    org = {"id": "inj-org", "name": hostile, "sector": "SERVICE_PROVIDER", "type": "ANTI_TRAFFICKING",
           "notes": hostile}
    mutation = """mutation($input: OrganizationInput!) { upsertOrganization(input: $input) {
      __typename ... on OrganizationSaved { organization { name notes } } ... on InvalidRecord { message } } }"""
    before = counts(graph)
    body = answers_clearly(hostile, client.post("/graphql", json={"query": mutation, "variables": {"input": org}}))
    result = body["data"]["upsertOrganization"]
    if result["__typename"] == "InvalidRecord":  # refused (e.g. a NUL): nothing written
        assert counts(graph) == before
        return
    assert result["organization"] == {"name": hostile, "notes": hostile}
    found = client.post("/graphql", json={"query": "query($s: String) { organizations(search: $s) "
                                                   "{ totalCount edges { node { id name } } } }",
                                          "variables": {"s": hostile}})
    page = answers_clearly(hostile, found)["data"]["organizations"]
    assert {"id": "inj-org", "name": hostile} in [e["node"] for e in page["edges"]]
    assert {k: v for k, v in counts(graph).items() if k != "Change"} == \
           {k: v for k, v in before.items() if k != "Change"}


PAGES = ["/search?q={}", "/route?place={}", "/gaps?area={}", "/gaps.csv?area={}", "/gaps.svg?area={}",
         "/gaps.csv?service={}", "/gaps?sort={}",
         "/gaps?service={}", "/place/{}", "/place/us-ts/cell?service={}"]


@pytest.mark.parametrize("page", PAGES)
def test_hostile_strings_in_page_parameters_answer_clearly_and_escape_html(client: TestClient, graph: Graph,
                                                                          page: str) -> None:
    before = snapshot(graph)
    for hostile in HOSTILE:
        response = client.get(page.format(quote(hostile[:5000], safe="")))
        assert response.status_code < 500, f"{page} {hostile[:40]!r}: HTTP {response.status_code}"
        assert response.status_code in (200, 400, 401, 403, 404, 422), response.status_code
        assert not leaks(response.text), f"{page}: leaks {leaks(response.text)}"
        kind = response.headers.get("content-type", "")
        if kind.startswith(("text/html", "image/svg")):
            assert "<script>alert(1)</script>" not in response.text, f"{page}: HTML not escaped"
        else:  # a download's error in plain text: browsers must not sniff it into HTML
            assert kind.startswith(("text/plain", "text/csv", "application/json")), kind
            if kind.startswith("text/plain"):
                assert response.headers.get("x-content-type-options") == "nosniff"
    assert snapshot(graph) == before


# ---------------------------------------------------------------- CSV formula injection

def assert_csv_safe(text: str) -> None:
    """No cell of this CSV would run as a formula in a spreadsheet (reuse it for every CSV export)."""
    unsafe = formula_cells(text)
    assert not unsafe, f"cells a spreadsheet would evaluate (line, column, cell): {unsafe[:5]}"


@pytest.mark.parametrize(("cell", "safe"), [
    (FORMULA, "'" + FORMULA), ("+1 919 555 0100", "'+1 919 555 0100"), ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("'=1", "''=1"),
    ("-inf", "'-inf"), ("+nan", "'+nan"), ("-Infinity", "'-Infinity"), ("-1_000", "'-1_000"), (" -5", " -5"),
    ("-5", "-5"), ("+1.5", "+1.5"), ("-2.5e3", "-2.5e3"), ("Wake County", "Wake County"), ("", ""), (None, ""), (120, "120"),
])
def test_safe_cell_neutralises_formulas_and_keeps_numbers_and_text(cell: Any, safe: str) -> None:
    assert safe_cell(cell) == safe
    if isinstance(cell, str):
        assert unsafe_cell(safe_cell(cell)) == cell
    out = io.StringIO()
    csv.writer(out).writerow(["x", safe_cell(cell)])
    assert_csv_safe(out.getvalue())


def test_assert_csv_safe_catches_a_formula() -> None:
    with pytest.raises(AssertionError, match="HYPERLINK"):
        assert_csv_safe(f'id,name\nx,"{FORMULA.replace(chr(34), chr(34) * 2)}"\n')


def _hostile_regions(graph: Graph) -> None:
    write_jurisdictions(graph, *small_state())
    frame = pd.DataFrame([
        {"id": "us-ts-formula", "name": FORMULA, "state": "us-ts", "counties": "us-ts-alpha-county",
         "region_type": "", "notes": ""},
        {"id": "us-ts-at", "name": "@SUM(1+1)*cmd|' /C calc'!A0", "state": "us-ts",
         "counties": "us-ts-beta-county", "region_type": "", "notes": ""},
        {"id": "us-ts-minus", "name": "-2+3", "state": "us-ts", "counties": "us-ts-beta-county",
         "region_type": "", "notes": ""},
    ], dtype=str)
    load_frame(graph, "regions", frame, source="hostile_regions.csv")


def test_gaps_csv_download_neutralises_formula_cells_from_the_roster(graph: Graph, settings: Settings) -> None:
    _hostile_regions(graph)
    with TestClient(create_app(settings, load_demo_when_empty=False, supervise_engine=False)) as c:
        response = c.get("/gaps.csv", params={"area": "us-ts", "level": "region", "service": "LEGAL_SERVICES"})
    assert response.status_code == 200, response.text[:500]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(response.text))}
    assert rows["us-ts-formula"]["name"] == "'" + FORMULA
    assert rows["us-ts-at"]["name"].startswith("'@")
    assert rows["us-ts-minus"]["name"] == "'-2+3"
    assert_csv_safe(response.text)


def test_cli_csv_output_neutralises_formula_cells(graph: Graph, settings: Settings) -> None:
    from click.testing import CliRunner

    from service.cli import main

    _hostile_regions(graph)
    env = {"REFGRAPH_DATA_DIR": str(settings.data_dir), "NEO4J_DATABASE": settings.neo4j_database}
    result = CliRunner().invoke(main, ["gaps", "--service", "legal_services", "--kind", "region", "--within",
                                       "us-ts", "--format", "csv"], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "'" + FORMULA.replace('"', '""') in result.output
    assert_csv_safe(result.output)


def test_backup_export_neutralises_formula_cells(graph: Graph, tmp_path: Path) -> None:
    backup = pytest.importorskip("service.ops.backup")
    _hostile_regions(graph)
    roster = Roster()
    roster.org("formula-org", name=FORMULA, phone="+1 919 555 0100")
    roster.load(graph)
    backup.export_graph(graph, tmp_path / "out")
    files = sorted((tmp_path / "out").glob("*.csv"))
    assert files
    for path in files:
        assert_csv_safe(path.read_text(encoding="utf-8"))
    with open(tmp_path / "out" / "organizations.csv", encoding="utf-8", newline="") as f:
        names = {r["id"]: r["name"] for r in csv.DictReader(f)}
    assert names["formula-org"] == "'" + FORMULA
