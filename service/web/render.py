"""Rendering for the pages: the Jinja2 environment, number formats, and timed responses.

Every page answers with a `Server-Timing: app;dur=<ms>` header and logs the same
figure, so the 300 ms budget of issue 6 is measured on every request.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..domain.hours import DEFAULT_HOURS
from ..domain.vocabulary import COLUMN_LABELS, COLUMNS, DIMENSIONS, SERVICE_LABELS, Service

log = logging.getLogger("refgraph.pages")
HERE = Path(__file__).parent


def people(n: int | None) -> str:
    """2.1 M, 48 k, 950; '' when unknown."""
    if n is None:
        return ""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} M"
    if n >= 10_000:
        return f"{n / 1000:.0f} k"
    return f"{n:,}"


def thousands(n: int | None) -> str:
    return "" if n is None else f"{n:,}"


def query(params: dict[str, Any], **changes: Any) -> str:
    """The query string of `params` with `changes` applied (None removes a key)."""
    merged = {**params, **changes}
    pairs = []
    for key, value in merged.items():
        if value is None or value == "" or value is False:
            continue
        for v in value if isinstance(value, (list, tuple)) else [value]:
            pairs.append((key, "on" if v is True else str(v)))
    return urlencode(pairs)


def service_label(name: str | Service) -> str:
    return SERVICE_LABELS[Service(name)]


def value_label(value: str | None) -> str:
    return COLUMN_LABELS.get(value or "", value or "unknown")


def state_code(state_id: str | None) -> str:
    """us-nc -> NC (how staff write a state)."""
    return (state_id or "").removeprefix("us-").upper()


def accepted_values(matched: tuple[tuple[str, str], ...]) -> str:
    """The situation values a referral matched, hours left out (said separately)."""
    return ", ".join(value_label(v) for d, v in matched if d != "hours")


env = Environment(loader=FileSystemLoader(HERE / "templates"),
                  autoescape=select_autoescape(["html", "svg"]),
                  trim_blocks=True, lstrip_blocks=True)
env.filters.update(people=people, thousands=thousands, service_label=service_label,
                   value_label=value_label, accepted_values=accepted_values,
                   state_code=state_code)
env.globals.update(SERVICES=list(Service), SERVICE_LABELS=SERVICE_LABELS, DIMENSIONS=DIMENSIONS,
                   COLUMNS=COLUMNS, COLUMN_LABELS=COLUMN_LABELS, DEFAULT_HOURS=DEFAULT_HOURS, query=query)


# Every page and download: no script but our own file, never inside another site's frame,
# never cached (pages show phones and names), and no address (with its search terms) sent on.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


class Timer:
    """Started when a page handler begins; `finish` stamps and logs the response."""

    def __init__(self, request: Request, who: Any = None) -> None:
        self.request = request
        self.who = who  # the Principal, shown in the header
        self.started = time.perf_counter()

    @property
    def ms(self) -> float:
        return (time.perf_counter() - self.started) * 1000

    def finish(self, response: Response) -> Response:
        ms = self.ms
        response.headers.update(PAGE_HEADERS)
        response.headers["Server-Timing"] = f"app;dur={ms:.1f}"
        log.info("page %s %.1f ms", self.request.url.path, ms)
        return response

    def page(self, template: str, status_code: int = 200, **context: Any) -> Response:
        context.setdefault("path", self.request.url.path)
        context.setdefault("who", self.who)
        html = env.get_template(template).render(**context)
        return self.finish(HTMLResponse(html, status_code=status_code))
