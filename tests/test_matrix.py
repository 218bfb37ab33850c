"""The matrix of a place: cells, contacts, freshness, single points and full profiles."""

from __future__ import annotations

from service.domain.matrix import matrix_plan
from service.domain.vocabulary import COLUMNS, Service
from service.store.graph import Graph
from tests.builders import Roster, build

SHELTER = Service.SHELTER_EMERGENCY


def test_matrix_counts_organizations_and_contacts_with_inherited_coverage(graph: Graph) -> None:
    r = Roster()
    state_org, city_org = r.org("state-org"), r.org("city-org")
    desk = r.contact("desk", city_org)
    r.capability("state-minors", state_org, SHELTER, "us-ts", age="MINOR", verified_on="2022-02-02")
    r.capability("city-all", city_org, SHELTER, "us-ts-b2", contact=desk, gender="FEMALE")
    build(graph, r)
    m = graph.run(matrix_plan("us-ts-b2"))
    assert len(m.cells) == 8 * 12 and [(c.dimension, c.value) for c in m.cells[:12]] == list(COLUMNS)
    minor = m.cell(SHELTER, "MINOR")
    assert (minor.organizations, minor.contacts, minor.oldest_verified_on) == (2, 1, "2022-02-02")
    adult = m.cell(SHELTER, "ADULT")
    assert adult.single_point_of_failure and adult.contacts == 1 and not adult.gap
    assert m.cell(SHELTER, "MALE").organizations == 1  # state-minors takes any gender
    assert m.cell(Service.LEGAL_SERVICES, "MINOR").gap
    shelter = next(p for p in m.profiles if p.service == SHELTER)
    # nobody: adult males (city-all takes women only, state-minors minors only): 16 profiles
    assert shelter.profiles == 64 and len(shelter.uncovered) == 16
    assert all(p.age == "ADULT" and p.gender == "MALE" for p in shelter.uncovered)
    other = m.cell(SHELTER, "MINOR")
    assert other.organizations == 2
    elsewhere = graph.run(matrix_plan("us-ts-a1"))
    assert elsewhere.cell(SHELTER, "ADULT").gap and elsewhere.cell(SHELTER, "MINOR").organizations == 1
