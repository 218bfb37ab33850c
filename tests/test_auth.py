"""API keys: only salted hashes are stored; revoked keys stop working at once."""

from __future__ import annotations

from click.testing import CliRunner

from service.ops.auth import ANONYMOUS, Role, authenticate, create_key, list_keys, revoke_key
from service.settings import Settings
from service.store.graph import AsyncGraph, Graph
from tests.event_loops import run_in_own_loop


def _authenticate(settings: Settings, graph: Graph, token: str | None):  # type: ignore[no-untyped-def]
    async def go():  # type: ignore[no-untyped-def]
        agraph = AsyncGraph(settings, graph.engine)
        try:
            return await authenticate(agraph, token)
        finally:
            await agraph.close()

    return run_in_own_loop(go())


def test_a_created_key_authenticates_with_its_role_and_its_secret_is_not_stored(
        graph: Graph, settings: Settings) -> None:
    key = create_key(graph, "NC analysts", Role.ANALYST)
    principal = _authenticate(settings, graph, key.token)
    assert principal is not None and principal.role is Role.ANALYST
    secret = key.token.split("_", 2)[2]
    stored = graph.read("queries/api_key_by_id", id=key.id)[0]
    assert secret not in str(stored) and stored["hash"] != secret and len(stored["salt"]) == 32


def test_a_wrong_secret_or_malformed_token_is_refused(graph: Graph, settings: Settings) -> None:
    key = create_key(graph, "stewards", Role.STEWARD)
    assert _authenticate(settings, graph, key.token[:-2] + "xx") is None
    assert _authenticate(settings, graph, "not-a-key") is None
    assert _authenticate(settings, graph, None) is ANONYMOUS


def test_a_revoked_key_stops_working_at_once(graph: Graph, settings: Settings) -> None:
    key = create_key(graph, "temp", Role.ADMIN)
    assert _authenticate(settings, graph, key.token) is not None
    revoke_key(graph, key.id)
    assert _authenticate(settings, graph, key.token) is None
    assert [k["revoked_on"] is not None for k in list_keys(graph)] == [True]


def test_keys_cli_creates_lists_and_revokes(graph: Graph, settings: Settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from service.cli import main

    address = graph.address
    monkeypatch.setenv("NEO4J_URI", address.uri)
    monkeypatch.setenv("NEO4J_USER", address.user)
    monkeypatch.setenv("NEO4J_PASSWORD", address.password)
    runner = CliRunner()
    created = runner.invoke(main, ["keys", "create", "--name", "outreach", "--role", "public"])
    assert created.exit_code == 0, created.output
    token = created.output.strip().splitlines()[-1]
    assert token.startswith("rg_")
    key_id = token.split("_")[1]
    listed = runner.invoke(main, ["keys", "list"])
    assert key_id in listed.output and token not in listed.output and "active" in listed.output
    revoked = runner.invoke(main, ["keys", "revoke", key_id])
    assert revoked.exit_code == 0 and "Revoked" in revoked.output
    unknown = runner.invoke(main, ["keys", "revoke", "nope"])
    assert unknown.exit_code == 1 and "No API key has the id 'nope'" in unknown.output
