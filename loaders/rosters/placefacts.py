"""The place facts roster: what is weighed when a place's protocol is designed, each with its
source and the day it was verified: local task forces and coalitions, agencies with trafficking
units, trained law enforcement and providers, local hotlines, existing protocols, and state law
(mandatory posting of a hotline, victim-service funding, mandatory law-enforcement training)."""

from __future__ import annotations

from typing import Any

from service.domain.vocabulary import FactKind

from ..checks import RowCheck
from ..common import Column

KIND = "placefacts"
LABEL = "PlaceFact"
COLUMNS = (
    Column("id", True, "stable id you choose", "nc-law-hotline-posting"),
    Column("jurisdiction", True, "the place it is about: id, FIPS or state postal code", "NC"),
    Column("kind", True, "one of " + ", ".join(k.value for k in FactKind), "LAW_HOTLINE_POSTING"),
    Column("statement", True, "the fact, in a sentence", "Businesses must post the national hotline number"),
    Column("source", True, "where it comes from: a statute, a web address, a person and date", "N.C.G.S. 14-43.20"),
    Column("verified_on", True, "date last confirmed, YYYY-MM-DD", "2026-10-01"),
    Column("retired_on", False, "date it stops being true, YYYY-MM-DD (a repealed law, a disbanded unit)", ""),
)
PLACE_COLUMNS = ("jurisdiction",)
ORGANIZATION_COLUMNS: tuple[str, ...] = ()
CONTACT_COLUMNS: tuple[str, ...] = ()
KINDS = [k.value for k in FactKind]
STEPS = ("writes/unlink_placefacts", "writes/upsert_placefacts")


def build(check: RowCheck) -> dict[str, Any] | None:
    places = check.places("jurisdiction", required=True, single=True)
    props = {
        "kind": check.enum("kind", KINDS, required=True),
        "statement": check.text("statement", required=True),
        "source": check.text("source", required=True),
        "verified_on": check.date("verified_on", required=True),
        "retired_on": check.date("retired_on"),
    }
    return {"id": check.ident(), "props": props, "jurisdiction": places[0].id if places else None}
