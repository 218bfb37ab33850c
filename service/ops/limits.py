"""Request limits in front of the API: body size, and a rate per key or client.

Pure ASGI middleware (no buffering of the whole body before the check), so a
huge request is refused with 413 as soon as it passes the limit, and a client
over its rate gets 429 with Retry-After. The rate is counted per process, per
API key (or per client address without a key): a token bucket.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.requests import HTTPConnection

from .auth import token_from_headers

Scope = dict[str, Any]
COOKIE = "refgraph_key"  # the pages' sign-in cookie (service.web.access)


def _json(status: int, message: str, headers: list[tuple[bytes, bytes]] | None = None) -> tuple[dict, dict]:
    body = orjson.dumps({"errors": [{"message": message, "extensions": {"code": f"HTTP_{status}"}}]})
    start = {"type": "http.response.start", "status": status,
             "headers": [(b"content-type", b"application/json"),
                         (b"content-length", str(len(body)).encode()), *(headers or [])]}
    return start, {"type": "http.response.body", "body": body}


class BodySizeLimit:
    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        seen = 0

        async def limited_receive() -> dict:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooLarge:
            await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        start, body = _json(413, f"The request body is over {self.max_bytes:,} bytes; "
                                 "send a smaller query, or import large rosters with `refgraph load`")
        await send(start)
        await send(body)


class _TooLarge(Exception):
    pass


class ProvenKeys:
    """Digests of the API keys that authentication has accepted lately. Only such a key gets a
    rate bucket of its own: anything else (no key, a wrong or made-up one, `Basic` junk) is
    counted per client address, so a stranger can neither escape the anonymous bucket by
    sending random headers nor lock a real key out by sending its id with a wrong secret."""

    def __init__(self, most: int = 10_000) -> None:
        self.most = most
        self._ids: OrderedDict[bytes, str] = OrderedDict()

    @staticmethod
    def _digest(token: str) -> bytes:
        return hashlib.sha256(token.strip().encode("utf-8", "replace")).digest()

    def add(self, token: str, key_id: str) -> None:
        digest = self._digest(token)
        self._ids.pop(digest, None)
        self._ids[digest] = key_id
        while len(self._ids) > self.most:
            self._ids.popitem(last=False)

    def key_id(self, token: str) -> str | None:
        return self._ids.get(self._digest(token))


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class RateLimit:
    """Token bucket per API key (or client address): `rate` requests/second, bursts of `burst`."""

    def __init__(self, app: Any, rate: float, burst: int, max_clients: int = 10_000,
                 proven: ProvenKeys | None = None) -> None:
        self.app = app
        self.proven = proven or ProvenKeys()
        self.rate = rate
        self.burst = burst
        self.max_clients = max_clients
        self.buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def _key(self, scope: Scope) -> str:
        connection = HTTPConnection(scope)  # reads headers and cookies, never the body
        # The same places the service reads a key from; a signed-in browser's is in the pages' cookie.
        token = token_from_headers(connection.headers) or connection.cookies.get(COOKIE) or ""
        key_id = self.proven.key_id(token) if token.strip() else None
        if key_id is not None:
            return "key:" + key_id
        client = scope.get("client") or ("?", 0)
        return f"addr:{client[0]}"

    def allow(self, key: str, now: float | None = None) -> float:
        """0 when allowed, else seconds until the next request would be."""
        now = time.monotonic() if now is None else now
        bucket = self.buckets.pop(key, None) or _Bucket(float(self.burst), now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
        bucket.stamp = now
        wait = 0.0
        if bucket.tokens >= 1:
            bucket.tokens -= 1
        else:
            wait = (1 - bucket.tokens) / self.rate
        self.buckets[key] = bucket
        while len(self.buckets) > self.max_clients:
            self.buckets.popitem(last=False)
        return wait

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("path") == "/health":
            await self.app(scope, receive, send)
            return
        wait = self.allow(self._key(scope))
        if wait:
            retry = str(max(1, round(wait)))
            start, body = _json(429, f"Too many requests from this key or address; try again in {retry} s",
                                [(b"retry-after", retry.encode())])
            await send(start)
            await send(body)
            return
        await self.app(scope, receive, send)
