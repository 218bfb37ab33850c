// Benchmark only (bench.routing.answer_bound): the rows of an answer whose capability ids are
// known in advance, expanded and projected as queries/route_referrals expands its chosen
// referrals (capability, offering organization, live contact), with no routing at all: what
// the engine spends just reading an answer of this size.
// Parameters: $ids (capability ids). Read.
UNWIND $ids AS id
MATCH (c:Capability {id: id})<-[:OFFERS]-(o:Organization)
OPTIONAL MATCH (c)-[:VIA]->(k:Contact)
WHERE k.retired_on IS NULL
WITH c {.id, .service, .urgency, .hours, .nationality, .age, .gender, .trafficking,
        .priority, .verified_on, .notes} AS capability,
  o {.id, .name, .type, .sector, .phone, .hours} AS organization,
  k {.id, .name, .role, .unit, .phone, .after_hours_phone, .email} AS contact
RETURN collect({capability: capability, organization: organization, contact: contact}) AS capabilities
