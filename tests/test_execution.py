"""Plain objects completed in one pass (service.api.execution) answer exactly as graphql-core
does: the same data, the same errors at the same paths, for fuzzed queries on the demo and for
values the schema refuses; and the one-pass path is the one taken for routing answers."""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

import pytest
import strawberry
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from bench.workload import ROUTE_QUERY
from service.api.context import Context
from service.api.execution import PlainObjects
from service.api.schema import build_schema
from service.ops.auth import OPEN_DEVELOPMENT
from service.settings import Settings
from service.store.graph import AsyncGraph, Graph
from tests.event_loops import run_in_own_loop
from tests.test_fuzz_graphql import OPERATIONS, QUERIES

REFERENCE = re.compile(r"reference [0-9a-f]{12}")


def answer(result: Any) -> tuple[Any, list[Any]]:
    """Data and errors, with the random reference of masked errors blanked out."""
    errors = [{**e.formatted, "message": REFERENCE.sub("reference ?", e.formatted["message"]),
               "extensions": {k: v for k, v in (e.formatted.get("extensions") or {}).items() if k != "reference"}}
              for e in result.errors or ()]
    return result.data, errors


def both_ways(demo_graph: Graph, demo_settings: Settings, documents: list[tuple[str, dict[str, Any]]]
              ) -> list[tuple[tuple[Any, list[Any]], tuple[Any, list[Any]]]]:
    fast, stock = build_schema(), build_schema()
    stock.execution_context_class = StrawberryGraphQLCoreExecutionContext  # strawberry's own
    assert fast.execution_context_class is PlainObjects

    async def run() -> list[tuple[tuple[Any, list[Any]], tuple[Any, list[Any]]]]:
        graph = AsyncGraph(demo_settings, demo_graph.engine)
        context = Context(graph, demo_settings, demo_graph, OPEN_DEVELOPMENT)
        try:
            return [(answer(await fast.execute(query, variable_values=variables, context_value=context)),
                     answer(await stock.execute(query, variable_values=variables, context_value=context)))
                    for query, variables in documents]
        finally:
            await graph.close()

    return run_in_own_loop(run())


@pytest.mark.parametrize("label", QUERIES)
def test_fuzzed_queries_on_the_demo_answer_the_same_in_one_pass(
        demo_graph: Graph, demo_settings: Settings, label: str) -> None:
    documents: list[tuple[str, dict[str, Any]]] = []

    @settings(max_examples=12, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def collect(data: st.DataObject) -> None:
        case = data.draw(OPERATIONS[label].as_strategy(generation_mode=GenerationMode.POSITIVE), label="case")
        documents.append((case.body, {}))

    collect()
    for fast, stock in both_ways(demo_graph, demo_settings, documents):
        assert fast == stock


def test_routing_answers_are_the_same_and_take_the_one_pass_path(
        demo_graph: Graph, demo_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    fields = {"fast": 0, "stock": 0}
    original = PlainObjects.execute_field

    def counting(self: Any, *args: Any, **kwargs: Any) -> Any:
        fields["fast" if type(self) is PlainObjects else "stock"] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(StrawberryGraphQLCoreExecutionContext, "execute_field", counting)
    documents = [(ROUTE_QUERY, {"place": place, "situation": situation, "at": at})
                 for place in ("us-pa-lancaster-county", "us-nc-buncombe-county", "us-nc")
                 for situation, at in (({}, None), ({"age": "MINOR"}, "2026-11-28T23:00:00-05:00"),
                                       ({"urgency": "URGENT", "immediateDanger": True}, None))]
    results = both_ways(demo_graph, demo_settings, documents)
    for fast, stock in results:
        assert fast == stock
        assert not stock[1], stock[1]
    referrals = sum(len(s["referrals"]) for (data, _), _ in results for s in data["route"]["services"])
    assert referrals >= 50  # the demo routes somebody for most services
    assert fields["stock"] > 10 * referrals  # every field of every referral, one by one
    assert fields["fast"] < fields["stock"] / 20  # the root fields, nothing per referral


# A schema of its own for what the roster data never holds: values the schema refuses.

@strawberry.enum
class Colour(Enum):
    RED = "red"


@strawberry.type
class Leaf:
    name: str
    colour: Colour | None


@strawberry.type
class Holder:
    label: str
    count: int | None
    leaves: list[Leaf]
    maybe: Leaf | None

    @strawberry.field
    def shout(self) -> str:
        return self.label.upper()


def holders() -> list[Holder | None]:
    good = Holder(label="fine", count=1, leaves=[Leaf(name="a", colour=Colour.RED)], maybe=None)
    return [
        good,
        Holder(label=None, count=2, leaves=[], maybe=None),  # type: ignore[arg-type]  # null in String!
        Holder(label="bad count", count="many", leaves=[], maybe=None),  # type: ignore[arg-type]  # not an Int
        Holder(label="bad leaf", count=3, leaves=[Leaf(name="b", colour=Colour.RED), Leaf(name=None, colour=None)],  # type: ignore[arg-type]
               maybe=Leaf(name="c", colour="blue")),  # type: ignore[arg-type]  # not a Colour
        Holder(label="not a list", count=4, leaves="abc", maybe=None),  # type: ignore[arg-type]
    ]


@strawberry.type
class Root:
    @strawberry.field
    def holders(self) -> list[Holder | None]:
        return holders()


@pytest.mark.parametrize("query", [
    "{ holders { label count leaves { name colour } maybe { name colour } } }",
    "{ holders { __typename l: label shout leaves { __typename name } } }",
    "query($skip: Boolean!) { holders { label @skip(if: $skip) count leaves { name @include(if: $skip) } } }",
    "{ holders { ...h } } fragment h on Holder { label maybe { ... on Leaf { colour } } }",
])
def test_refused_values_give_the_same_errors_at_the_same_paths(query: str) -> None:
    fast = strawberry.Schema(query=Root, execution_context_class=PlainObjects)
    stock = strawberry.Schema(query=Root)
    for skip in (True, False):
        got = fast.execute_sync(query, variable_values={"skip": skip})
        want = stock.execute_sync(query, variable_values={"skip": skip})
        assert answer(got) == answer(want)
        assert got.errors  # the bad holders are reported, the good one answers
        assert got.data is not None and got.data["holders"][0] is not None
