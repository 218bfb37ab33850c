"""Resolving what a person typed to exactly one place."""

from __future__ import annotations

import pytest

from service.domain.places import resolve_plan
from service.errors import Ambiguous, NotFound
from service.store.graph import Graph
from tests.builders import Roster, build, place, small_state, write_jurisdictions


@pytest.mark.parametrize("typed,expected", [
    ("us-ts-b2", "us-ts-b2"), ("99003", "us-ts-beta-county"), ("TS", "us-ts"), ("ts", "us-ts"),
    ("betatown", "us-ts-b1"), ("Beta County", "us-ts-beta-county"), ("Lancaster, TS", "us-ts-b2"),
    ("Alpha Spr", "us-ts-a2"),
])
def test_resolves_by_id_fips_postal_and_name(graph: Graph, typed: str, expected: str) -> None:
    build(graph, Roster())
    assert graph.run(resolve_plan(typed)).id == expected


def test_several_equally_good_matches_are_ambiguous_and_list_their_state(graph: Graph) -> None:
    places, links = small_state()
    places.append(place("us-pa-lancaster", "Lancaster", "city", state="us-pa"))
    write_jurisdictions(graph, places, links)
    with pytest.raises(Ambiguous) as caught:
        graph.run(resolve_plan("Lancaster"))
    assert set(caught.value.candidates) == {"us-ts-b2", "us-pa-lancaster"}
    assert "us-pa" in caught.value.message and "'Name, ST'" in caught.value.message
    assert graph.run(resolve_plan("Lancaster, PA")).id == "us-pa-lancaster"
    with pytest.raises(Ambiguous):
        graph.run(resolve_plan("alpha"))  # Alpha County, Alphaville, Alpha Springs: all prefixes


def test_nothing_matching_is_not_found_with_a_hint(graph: Graph) -> None:
    build(graph, Roster())
    with pytest.raises(NotFound, match="Name, ST"):
        graph.run(resolve_plan("Gotham"))
