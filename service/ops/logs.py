"""What the service writes to its logs, and what it never does: names, phones, emails and
addresses reach the log neither in a GraphQL document's literal arguments nor in a page's
query string (/search?q=...). The operator still sees which field failed, with what code,
and every request's method, path and status."""

from __future__ import annotations

import logging
from typing import Any


class WithoutQueryStrings(logging.Filter):
    """Drops the query string from uvicorn's access log lines (`GET /search?q=... -> /search`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args: Any = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (args[0], args[1], args[2].split("?", 1)[0] + "?…", args[3], args[4])
        return True


def keep_personal_data_out_of_the_logs() -> None:
    # The driver logs every statement's parameters at DEBUG: never, whatever the log level.
    logging.getLogger("neo4j").setLevel(max(logging.getLogger("neo4j").getEffectiveLevel(), logging.INFO))
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, WithoutQueryStrings) for f in access.filters):
        access.addFilter(WithoutQueryStrings())
