"""The protocol sheet of a place (issue 16, item 12): the hotline matrix document's own layout,
the 8 services x 12 columns with the named contacts, phones and hours in each cell, the
emergency instructions and the written follow-up, when it was verified and what is still a gap.
Outreach staff hand it to local partners when they design a protocol.

Two round trips: the place's coverage (the matrix's, each cell filtered with the very predicate
the matrix counts with and ranked as routing ranks) and an immediate-danger route at the place,
regardless of the time, for the emergency block.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from ..store.graph import Plan, and_then
from .coverage import PlaceCoverage, coverage_plan
from .csv_safety import safe_row
from .hours import DEFAULT_HOURS
from .matrix import cell_coverings
from .models import Emergency, Place, Referral, Route, Situation, column_situation
from .routing import referral, route_plan
from .vocabulary import COLUMNS, Service

SHOWN = 3  # contacts named in a cell; the cell says how many more are on file


@dataclass(frozen=True)
class ProtocolCell:
    service: Service
    dimension: str
    value: str
    referrals: tuple[Referral, ...]  # the first SHOWN, ranked as routing ranks them
    total: int  # organizations' capabilities covering the cell in all

    @property
    def gap(self) -> bool:
        return self.total == 0


@dataclass(frozen=True)
class ProtocolSheet:
    place: Place
    cells: tuple[ProtocolCell, ...]  # Service order, then COLUMNS order
    emergency: Emergency
    oldest_verified_on: str | None
    newest_verified_on: str | None

    @property
    def gaps(self) -> tuple[ProtocolCell, ...]:
        return tuple(c for c in self.cells if c.gap)

    def row(self, service: Service) -> list[ProtocolCell]:
        return [c for c in self.cells if c.service == service]


def cells_of(cov: PlaceCoverage, services: Sequence[Service]) -> tuple[ProtocolCell, ...]:
    out = []
    for service in services:
        for dimension, value in COLUMNS:
            hits = cell_coverings(service, dimension, value, cov.coverings)
            situation = column_situation(dimension, value)
            out.append(ProtocolCell(service, dimension, value,
                                    tuple(referral(c, situation) for c in hits[:SHOWN]), len(hits)))
    return tuple(out)


CSV_HEADERS = ("service", "dimension", "value", "rank", "organization", "contact", "phone",
               "after_hours_phone", "office_hours", "verified_on", "notify", "gap")


def protocol_csv(sheet: ProtocolSheet) -> str:
    """The sheet as a spreadsheet: a row per named contact of each cell, one per gap; no cell
    runs as a formula (service.domain.csv_safety)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADERS)
    for c in sheet.cells:
        for i, r in enumerate(c.referrals, 1):
            k = r.contact
            writer.writerow(safe_row([c.service.value, c.dimension, c.value, i, r.organization.name,
                                      k.name if k else "", (k.phone if k else None) or r.phone,
                                      k.after_hours_phone if k else "", r.office_hours or DEFAULT_HOURS,
                                      r.verified_on, r.notify_text, ""]))
        if c.gap:
            writer.writerow([c.service.value, c.dimension, c.value, "", "", "", "", "", "", "", "", "GAP"])
    return out.getvalue()


def protocol_plan(place_id: str) -> Plan[ProtocolSheet]:
    services = tuple(Service)

    def with_emergency(cov: PlaceCoverage) -> Plan[ProtocolSheet]:
        cells = cells_of(cov, services)
        dates = sorted(c.verified_on for c in cov.coverings if c.verified_on)

        def sheet(route: Route) -> ProtocolSheet:
            assert route.emergency is not None  # immediate danger always has its block
            return ProtocolSheet(cov.place, cells, route.emergency, dates[0] if dates else None,
                                 dates[-1] if dates else None)

        return and_then(route_plan(place_id, Situation(immediate_danger=True), [Service.TIP_REPORTING]), sheet)

    return and_then(coverage_plan(place_id, services, lambda cov: cov), with_emergency)
