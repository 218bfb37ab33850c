"""Resolve what a person typed (id, FIPS, postal code, name, "Name, ST") to exactly one place.

    place = graph.run(resolve_plan("Lancaster, PA"))

One small query (queries/find_places); more than one equally good match raises
Ambiguous listing the candidates with their state, none raises NotFound.
"""

from __future__ import annotations

from ..errors import Ambiguous, InvalidInput, NotFound
from ..store.graph import Plan, Row
from .coverage import place_from
from .models import Place

SHOWN = 10


def search_params(text: str) -> dict[str, object]:
    typed = text.strip()
    if not typed:
        raise InvalidInput("place is empty", "Give a jurisdiction id, FIPS code, postal code or name",
                           argument="place")
    name, state = typed, None
    head, sep, tail = typed.rpartition(",")
    if sep and len(tail.strip()) == 2 and tail.strip().isalpha() and head.strip():
        name, state = head.strip(), f"us-{tail.strip().lower()}"
    return {"text": typed, "upper": typed.upper(), "term": name.lower(), "state": state,
            "limit": SHOWN + 1}


def describe(place: Place) -> str:
    where = f", {place.state}" if place.state else ""
    return f"{place.name} ({place.kind}{where}; id {place.id})"


def resolve_plan(text: str) -> Plan[Place]:
    """An exact key (id, FIPS, postal code) through the indexes first; only when none
    matches, the name search (a scan of every place's name)."""
    params = search_params(text)

    def by_key(rows: list[Row]) -> Place | Plan[Place]:
        if rows:
            return place_from(rows[0]["place"])
        return Plan("queries/find_places", params, finish)

    def finish(rows: list[Row]) -> Place:
        if not rows:
            raise NotFound(f"No place matches {text!r}",
                           "Try the jurisdiction id (us-pa-lancaster), a FIPS code, or 'Name, ST'")
        best = min(r["rank"] for r in rows)
        top = [place_from(r["place"]) for r in rows if r["rank"] == best]
        if len(top) == 1:
            return top[0]
        shown = [describe(p) for p in top[:SHOWN]]
        more = " (and more)" if len(top) > SHOWN else ""
        raise Ambiguous(f"{text!r} matches {len(top)}{'+' if more else ''} places: " + "; ".join(shown) + more,
                        [p.id for p in top[:SHOWN]],
                        "Give the id, or add the state as 'Name, ST'")

    return Plan("queries/place_by_key", {"text": params["text"], "upper": params["upper"]}, by_key)
