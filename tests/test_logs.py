"""No personal data in the logs: not the literal arguments of a GraphQL document (a searched
name, a phone), not a page's query string; the operator still sees which field failed and how."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.ops.logs import WithoutQueryStrings
from service.settings import Settings
from service.store.graph import Graph

NAME, PHONE = "Jane Roe", "919-555-0142"


def test_a_failing_query_is_logged_by_field_and_code_without_its_literals(
        demo_graph: Graph, demo_settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    query = f'{{ route(place: "{NAME} {PHONE}") {{ gaps }} }}'
    with TestClient(create_app(demo_settings, load_demo_when_empty=False)) as client, \
            caplog.at_level(logging.DEBUG):
        body = client.post("/graphql", json={"query": query}).json()
        client.get("/search", params={"q": NAME})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert "graphql error at route: NOT_FOUND" in caplog.text
    assert NAME not in caplog.text and PHONE not in caplog.text, caplog.text[-2000:]


def test_the_access_log_keeps_the_path_and_drops_the_query_string() -> None:
    from uvicorn.logging import AccessFormatter

    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "GET", f"/search?q={NAME}", "1.1", 200), None)
    assert WithoutQueryStrings().filter(record)
    line = AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s', use_colors=False).format(record)
    assert "GET /search?… HTTP/1.1" in line and "200" in line and NAME not in line
