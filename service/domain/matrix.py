"""The matrix of one place: 8 services x 12 columns, and the 64 full profiles per service.

Built from the same round trip and the same predicate as routing (coverage +
`Situation.accepts`), so a cell is a gap exactly when routing its situation
returns nobody.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..store.graph import Plan
from .coverage import Covering, PlaceCoverage, coverage_plan, ranked
from .models import (
    Matrix,
    MatrixCell,
    ProfileCoverage,
    Situation,
    all_profiles,
    column_situation,
)
from .vocabulary import COLUMNS, Service


def matrix_plan(place_id: str, services: Sequence[Service] | None = None) -> Plan[Matrix]:
    wanted = tuple(Service(s) for s in services) if services else tuple(Service)
    return coverage_plan(place_id, wanted, lambda cov: build_matrix(cov, wanted))


def cell_coverings(service: Service, dimension: str, value: str, coverings: Iterable[Covering]) -> list[Covering]:
    """Who stands behind one cell: the service's coverings that accept the column's value (the
    other dimensions unknown), ranked as routing ranks them. The matrix counts them, the cell
    page lists them, the protocol sheet names the first ones."""
    situation = column_situation(dimension, value)
    return ranked(c for c in coverings if c.service == service.value and situation.accepts(c.capability))


def cell(service: Service, dimension: str, value: str, coverings: Sequence[Covering]) -> MatrixCell:
    hits = cell_coverings(service, dimension, value, coverings)
    dates = [c.verified_on for c in hits if c.verified_on]
    return MatrixCell(
        service=service, dimension=dimension, value=value,
        organizations=len({c.organization.id for c in hits}),
        contacts=len({c.contact.id for c in hits if c.contact is not None}),
        oldest_verified_on=min(dates) if dates else None,
        notify_all=len({c.organization.id for c in hits if c.notifies_all}),
        trained=len({c.organization.id for c in hits if c.trained_on}),
    )


def profile_coverage(service: Service, coverings: Sequence[Covering],
                     profiles: Sequence[Situation] | None = None) -> ProfileCoverage:
    profiles = list(profiles) if profiles is not None else all_profiles()
    mine = [c for c in coverings if c.service == service.value]
    uncovered = tuple(p for p in profiles if not any(p.accepts(c.capability) for c in mine))
    return ProfileCoverage(service, len(profiles), uncovered)


def build_matrix(cov: PlaceCoverage, services: Sequence[Service]) -> Matrix:
    profiles = all_profiles()
    return Matrix(
        place=cov.place,
        cells=tuple(cell(s, d, v, cov.coverings) for s in services for d, v in COLUMNS),
        profiles=tuple(profile_coverage(s, cov.coverings, profiles) for s in services),
    )
