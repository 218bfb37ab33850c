"""Who may read and write what, and the limits every request meets."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.ops.auth import Role, create_key, revoke_key
from service.settings import Settings
from service.store.graph import Graph

CONTACTS = "{ contacts(first: 5) { edges { node { name phone email } } } }"
GAPS = '{ gaps(service: SHELTER_TRANSITIONAL, situation: {age: MINOR}, kind: "county", within: "us-nc") { totalGaps considered } }'
MATRIX = '{ matrix(place: "us-nc-wake-county") { gapCount } }'
UPSERT = """mutation { upsertOrganization(input: {id: "x-org", name: "X", sector: LAW_ENFORCEMENT, type: POLICE}) {
  __typename } }"""


@pytest.fixture(scope="module")
def keyed(demo_graph: Graph, demo_settings: Settings) -> Iterator[tuple[TestClient, dict[str, str]]]:
    tokens = {role.label: create_key(demo_graph, f"test {role.label}", role).token for role in Role}
    settings = replace(demo_settings, auth="keys", rate_per_second=1000.0, rate_burst=1000)
    with TestClient(create_app(settings, load_demo_when_empty=False)) as client:
        yield client, tokens


def ask(client: TestClient, query: str, token: str | None = None) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.post("/graphql", json={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_without_a_key_contact_phones_are_refused_but_gap_counts_work(keyed) -> None:  # type: ignore[no-untyped-def]
    client, _ = keyed
    refused = ask(client, CONTACTS)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "analyst" in refused["errors"][0]["message"]
    assert refused.get("data") is None
    counts = ask(client, GAPS)["data"]["gaps"]
    assert counts["considered"] == 100 and counts["totalGaps"] == 91
    assert ask(client, MATRIX)["data"]["matrix"]["gapCount"] >= 0


def test_a_public_key_cannot_read_names(keyed) -> None:  # type: ignore[no-untyped-def]
    client, tokens = keyed
    for query in (CONTACTS, "{ organizations(first: 3) { edges { node { name } } } }",
                  '{ route(place: "us-nc-wake-county") { services { referrals { organization { name } } } } }',
                  '{ singlePointsOfFailure(within: "us-nc-wake-county") { organization { name } } }'):
        body = ask(client, query, tokens["public"])
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", query


def test_an_analyst_reads_everything_but_cannot_write(keyed) -> None:  # type: ignore[no-untyped-def]
    client, tokens = keyed
    people = ask(client, CONTACTS, tokens["analyst"])["data"]["contacts"]["edges"]
    assert people and all(p["node"]["name"] for p in people)
    refused = ask(client, UPSERT, tokens["analyst"])
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "steward" in refused["errors"][0]["message"]


def test_a_steward_may_write(keyed, demo_graph: Graph) -> None:  # type: ignore[no-untyped-def]
    client, tokens = keyed
    invalid = ask(client, """mutation { upsertOrganization(input: {id: "x-org", name: "", sector: LAW_ENFORCEMENT,
        type: POLICE}) { __typename ... on InvalidRecord { message } } }""", tokens["steward"])
    assert invalid["data"]["upsertOrganization"]["__typename"] == "InvalidRecord"


def test_confidential_addresses_only_reach_stewards(keyed, demo_graph: Graph) -> None:  # type: ignore[no-untyped-def]
    client, tokens = keyed
    query = "{ organizations(first: 500) { edges { node { id address addressConfidential } } } }"
    analyst = ask(client, query, tokens["analyst"])["data"]["organizations"]["edges"]
    steward = ask(client, query, tokens["steward"])["data"]["organizations"]["edges"]
    hidden = [n["node"] for n in analyst if n["node"]["addressConfidential"]]
    assert hidden, "the demo should have a confidential shelter address"
    assert all(n["address"] is None for n in hidden)
    shown = {n["node"]["id"]: n["node"]["address"] for n in steward}
    assert all(shown[n["id"]] for n in hidden)


def test_unknown_and_revoked_keys_are_refused_at_once(keyed, demo_graph: Graph) -> None:  # type: ignore[no-untyped-def]
    client, _ = keyed
    key = create_key(demo_graph, "short-lived", Role.ANALYST)
    assert "errors" not in ask(client, CONTACTS, key.token)
    revoke_key(demo_graph, key.id)
    response = client.post("/graphql", json={"query": CONTACTS}, headers={"Authorization": f"Bearer {key.token}"})
    assert response.status_code == 401
    assert "not valid" in response.json()["detail"]
    assert client.post("/graphql", json={"query": CONTACTS}, headers={"Authorization": "Bearer rg_x_y"}).status_code == 401


def test_deep_and_alias_heavy_queries_are_refused(keyed) -> None:  # type: ignore[no-untyped-def]
    client, tokens = keyed
    nested = "name"
    for _ in range(8):
        nested = f"contacts {{ organization {{ {nested} }} }}"
    deep = "{ organizations { edges { node { " + nested + " } } } }"
    body = ask(client, deep, tokens["analyst"])
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]
    aliases = "{ " + " ".join(f"a{i}: counts {{ jurisdictions }}" for i in range(30)) + " }"
    body = ask(client, aliases, tokens["analyst"])
    assert "aliases" in body["errors"][0]["message"].lower()


def test_an_oversized_body_is_refused_with_413(keyed) -> None:  # type: ignore[no-untyped-def]
    client, _ = keyed
    response = client.post("/graphql", content=b'{"query": "' + b"x" * 300_000 + b'"}',
                           headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "refgraph load" in response.json()["errors"][0]["message"]


def test_a_key_over_its_rate_gets_429_with_retry_after(demo_graph: Graph, demo_settings: Settings) -> None:
    settings = replace(demo_settings, rate_per_second=1.0, rate_burst=3)
    with TestClient(create_app(settings, load_demo_when_empty=False)) as client:
        codes = [client.post("/graphql", json={"query": "{ counts { jurisdictions } }"}).status_code
                 for _ in range(6)]
        assert codes[:3] == [200, 200, 200] and 429 in codes[3:]
        limited = client.post("/graphql", json={"query": "{ counts { jurisdictions } }"})
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
        assert client.get("/health").status_code == 200  # health is never rate limited


def test_made_up_headers_share_the_anonymous_bucket_and_a_wrong_secret_never_locks_out_the_real_key(
        demo_graph: Graph, demo_settings: Settings) -> None:
    """Only a key that authentication accepted has a bucket of its own: random `Basic` or
    `X-API-Key` headers, and a real key's id with a wrong secret (key ids are visible to
    analysts in `changes.actor`), all count against the client's address."""
    victim = create_key(demo_graph, "victim", Role.ANALYST)
    settings = replace(demo_settings, auth="keys", rate_per_second=0.5, rate_burst=5)
    query = {"query": "{ counts { jurisdictions } }"}
    with TestClient(create_app(settings, load_demo_when_empty=False)) as client:
        real = {"Authorization": f"Bearer {victim.token}"}
        assert client.post("/graphql", json=query, headers=real).status_code == 200  # proves the key
        junk = [{"Authorization": f"Basic junk{i}"} for i in range(3)] + [{"X-API-Key": f"junk{i}"} for i in range(3)]
        codes = [client.post("/graphql", json=query, headers=h).status_code for h in junk]
        assert 429 in codes, f"made-up headers escaped the address's bucket: {codes}"
        wrong = {"Authorization": f"Bearer rg_{victim.id}_wrong"}
        assert {client.post("/graphql", json=query, headers=wrong).status_code for _ in range(20)} == {429}
        assert client.post("/graphql", json=query, headers=real).status_code == 200, "the real key was locked out"


def test_production_turns_off_introspection_and_graphiql(demo_graph: Graph, demo_settings: Settings) -> None:
    create_key(demo_graph, "prod admin", Role.ADMIN)
    settings = replace(demo_settings, environment="production", auth="keys")
    with TestClient(create_app(settings, load_demo_when_empty=False)) as client:
        body = client.post("/graphql", json={"query": "{ __schema { types { name } } }"}).json()
        assert "introspection" in body["errors"][0]["message"].lower()
        assert client.get("/graphql", headers={"accept": "text/html"}).status_code != 200
        typo = client.post("/graphql", json={"query": "{ counts { jurisdiction } }"}).json()["errors"][0]["message"]
        assert "jurisdiction" in typo and "Did you mean" not in typo  # no map of the schema by guessing
    with TestClient(create_app(demo_settings, load_demo_when_empty=False)) as client:
        typo = client.post("/graphql", json={"query": "{ counts { jurisdiction } }"}).json()["errors"][0]["message"]
        assert "Did you mean" in typo  # development keeps the help


def test_unexpected_errors_are_masked_with_a_reference(keyed, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    client, tokens = keyed
    from service.api import routing

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals: bolt://root:pw@db")

    monkeypatch.setattr(routing, "matrix_plan", broken)
    body = ask(client, MATRIX, tokens["analyst"])
    error = body["errors"][0]
    assert error["extensions"]["code"] == "INTERNAL" and error["extensions"]["reference"]
    assert "secret" not in str(body) and "bolt://" not in str(body)
    assert error["extensions"]["reference"] in caplog.text


def test_a_document_seen_before_is_not_validated_again_and_the_limits_still_hold(keyed) -> None:  # type: ignore[no-untyped-def]
    """The validation cache is keyed by the rules: the limit rules must be the same objects on
    every request, or every request validates again (and the cache only grows)."""
    from strawberry.extensions.validation_cache import _get_validate_cache

    client, tokens = keyed
    # an lru_cache wrapper, which strawberry annotates as a plain Callable
    cache_info = _get_validate_cache(256).cache_info  # type: ignore[attr-defined]
    query = "{ counts { jurisdictions organizations } }"
    ask(client, query, tokens["analyst"])
    before = cache_info()
    for _ in range(3):
        assert "errors" not in ask(client, query, tokens["analyst"])
    after = cache_info()
    assert after.hits - before.hits == 3 and after.misses == before.misses
    deep = "{ " + "jurisdictions { edges { node { " * 6 + "id" + " } } }" * 6 + " }"
    for _ in range(2):
        assert "exceeds maximum operation depth" in ask(client, deep, tokens["analyst"])["errors"][0]["message"]


PERSONAL_FIELDS = {"phone", "afterHoursPhone", "email", "address"}


def test_every_phone_email_and_address_is_behind_an_analyst_gate() -> None:
    """Walk the schema from Query: every path to a phone, after-hours phone, email or address
    passes a field that needs at least an analyst key (the field itself or one above it)."""
    from graphql import GraphQLObjectType, get_named_type
    from strawberry.permission import PermissionExtension

    from service.api.permissions import ConfidentialAddress, RoleAtLeast
    from service.api.schema import schema

    def gate(field) -> bool:  # type: ignore[no-untyped-def]
        definition = field.extensions.get("strawberry-definition")
        for ext in getattr(definition, "extensions", None) or ():
            if isinstance(ext, PermissionExtension):
                for p in ext.permissions:
                    if isinstance(p, ConfidentialAddress) or (isinstance(p, RoleAtLeast) and p.role >= Role.ANALYST):
                        return True
        return False

    open_paths: list[str] = []
    seen: set[str] = set()
    query = schema._schema.query_type
    assert query is not None
    todo: list[tuple[GraphQLObjectType, str]] = [(query, "Query")]
    while todo:
        kind, path = todo.pop()
        for name, field in kind.fields.items():
            where = f"{path}.{name}"
            if gate(field):
                continue  # everything below needs an analyst key
            if name in PERSONAL_FIELDS:
                open_paths.append(where)
            target = get_named_type(field.type)
            if isinstance(target, GraphQLObjectType) and target.name not in seen:
                seen.add(target.name)
                todo.append((target, where))
    assert open_paths == [], f"personal data readable without an analyst key: {open_paths}"
    assert "ContactBrief" not in seen and "Contact" not in seen  # reachable only behind a gate
