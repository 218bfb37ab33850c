"""What a document costs (service.store.cost, service.api.cost), and the budget that refuses one."""

from __future__ import annotations

import pytest
from graphql import parse

from service.api.context import Context
from service.api.cost import FIELD_COSTS, document_cost
from service.api.schema import schema
from service.domain.gaps import gaps_plan, single_points_plan
from service.domain.matrix_summary import matrix_summary_plan
from service.domain.models import Situation
from service.store import cost
from tests.event_loops import run_in_own_loop


def execute(document: str, variables: dict | None = None):  # type: ignore[no-untyped-def]
    # No gateway: a refused document never reaches a resolver.
    return run_in_own_loop(schema.execute(document, variable_values=variables, context_value=Context(None)))  # type: ignore[arg-type]


def test_twenty_national_city_summaries_in_one_document_are_refused_before_any_work() -> None:
    document = "{ " + " ".join(f'a{i}: matrixSummary(kind: "city") {{ places }}' for i in range(20)) + " }"
    result = execute(document)
    assert result.data is None
    [error] = result.errors
    assert error.extensions["code"] == "TOO_EXPENSIVE"
    assert error.extensions["cost"] == 20 * cost.summary_cost("city") > cost.BUDGET
    assert "matrixSummary(kind: city) costs 200 (x20)" in error.message


def test_costs_are_read_through_variables_and_fragments() -> None:
    document = """query($k: String, $s: [Service!]) { ...many }
      fragment many on Query { a: gaps(service: TIP_REPORTING, kind: $k) { totalGaps }
                               b: gaps(service: LEGAL_SERVICES, kind: $k) { totalGaps }
                               ... on Query { c: gaps(service: MENTAL_HEALTH, kind: $k) { totalGaps }
                                              d: gaps(service: CASE_MANAGEMENT, kind: $k) { totalGaps }
                                              s: matrixSummary(kind: $k, services: $s) { places } } }"""
    result = execute(document, {"k": "city", "s": ["TIP_REPORTING"]})
    [error] = result.errors
    assert error.extensions["code"] == "TOO_EXPENSIVE"
    assert error.extensions["cost"] == 4 * cost.gaps_cost("city") + cost.summary_cost("city", 1)


def test_the_same_reports_inside_one_state_are_cheap_and_run() -> None:
    document = "{ " + " ".join(f'a{i}: gaps(service: TIP_REPORTING, kind: "city", within: "us-zz") {{ totalGaps }}'
                               for i in range(20)) + " }"
    total, _ = document_cost(parse(document), None, None)
    assert total == 20 * cost.WITHIN_AREA <= cost.BUDGET


def test_one_national_summary_of_every_city_fits_and_twenty_routes_fit() -> None:
    one = parse('{ matrixSummary(kind: "city") { places } }')
    assert document_cost(one, None, None)[0] == cost.BUDGET
    routes = parse("{ " + " ".join(f'r{i}: route(place: "us-nc") {{ gaps }}' for i in range(20)) + " }")
    assert document_cost(routes, None, None)[0] == 20 * cost.ROUTE


def test_duplicate_services_do_not_make_a_summary_cheaper_or_dearer() -> None:
    dup = parse("query($s: [Service!]) { matrixSummary(kind: \"county\", services: $s) { places } }")
    assert document_cost(dup, None, {"s": ["TIP_REPORTING"] * 500})[0] == cost.summary_cost("county", 1)


@pytest.mark.parametrize("kind", ["state", "region", "county", "city"])
def test_a_fields_cost_is_the_cost_of_the_plan_it_runs(kind: str) -> None:
    """The budget (from the document) and the report slots (from the plan) read one table."""
    assert FIELD_COSTS["gaps"]({"kind": kind}) == gaps_plan("TIP_REPORTING", Situation(), kind).cost
    assert FIELD_COSTS["matrixSummary"]({"kind": kind, "services": ["LEGAL_SERVICES", "TIP_REPORTING"]}) == \
        matrix_summary_plan(kind, ["LEGAL_SERVICES", "TIP_REPORTING"]).cost
    assert FIELD_COSTS["singlePointsOfFailure"]({"kind": kind, "within": "us"}) == \
        single_points_plan("us", kind).cost


def test_national_reports_are_reports_and_routing_is_not() -> None:
    assert cost.is_report(cost.summary_cost("state"))
    assert cost.is_report(cost.gaps_cost("county")) and cost.is_report(cost.gaps_cost("city"))
    assert not cost.is_report(cost.gaps_cost("city", within="us-nc"))
    assert not cost.is_report(cost.ROUTE) and not cost.is_report(cost.MATRIX)


def test_every_costed_field_is_a_query_field() -> None:
    fields = set(schema._schema.query_type.fields)  # type: ignore[union-attr]
    assert set(FIELD_COSTS) <= fields
