"""API keys and roles.

A key looks like `rg_<id>_<secret>`. Only a salted SHA-256 hash of the secret is
stored (as an ApiKey node); the id part finds the record, the hash proves the
secret. Every request checks the stored record, so a revoked key stops working
at once, in every worker. Roles are ordered: public < analyst < steward < admin.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from ..errors import InvalidInput, NotFound
from ..store.graph import AsyncGraph, Graph

PREFIX = "rg"


class Role(IntEnum):
    PUBLIC = 0
    ANALYST = 1
    STEWARD = 2
    ADMIN = 3

    @classmethod
    def parse(cls, text: str) -> Role:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise InvalidInput(
                f"{text!r} is not a role", "Use one of: public, analyst, steward, admin", argument="role"
            ) from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Principal:
    """Who is asking: the key's id and name (never the secret) and its role."""

    role: Role
    key_id: str | None = None
    name: str = "anonymous"

    def can(self, needed: Role) -> bool:
        return self.role >= needed


ANONYMOUS = Principal(Role.PUBLIC)
OPEN_DEVELOPMENT = Principal(Role.ADMIN, None, "development (open)")


def _hash(secret: str, salt: str) -> str:
    """Salted SHA-256. The secret is 32 random bytes, so a slow password hash (scrypt cost
    ~6.5 ms of CPU here) would add no protection, only latency to every request."""
    return hashlib.sha256(bytes.fromhex(salt) + secret.encode()).hexdigest()


@dataclass(frozen=True)
class NewKey:
    id: str
    token: str  # shown once, never stored
    role: Role
    name: str


def create_key(graph: Graph, name: str, role: Role) -> NewKey:
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    salt = secrets.token_hex(16)
    graph.write("writes/create_api_key", id=key_id, name=name, role=role.label, salt=salt,
                hash=_hash(secret, salt), created_on=dt.date.today().isoformat())
    return NewKey(key_id, f"{PREFIX}_{key_id}_{secret}", role, name)


def list_keys(graph: Graph) -> list[dict[str, Any]]:
    return graph.read("queries/api_keys")


def revoke_key(graph: Graph, key_id: str) -> str:
    rows = graph.write("writes/revoke_api_key", id=key_id, revoked_on=dt.date.today().isoformat())
    if not rows:
        raise NotFound(f"No API key has the id {key_id!r}", "See the ids with `refgraph keys list`")
    return str(rows[0]["revoked_on"])


def split_token(token: str) -> tuple[str, str] | None:
    parts = token.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


async def authenticate(graph: AsyncGraph, token: str | None) -> Principal | None:
    """The principal a presented key stands for; None when the key is not valid."""
    if not token:
        return ANONYMOUS
    parsed = split_token(token)
    if parsed is None:
        return None
    key_id, secret = parsed
    rows = await graph.read("queries/api_key_by_id", id=key_id)
    if not rows or rows[0]["revoked_on"]:
        return None
    record = rows[0]
    if not hmac.compare_digest(_hash(secret, record["salt"]), record["hash"]):
        return None
    return Principal(Role.parse(record["role"]), key_id, record["name"] or key_id)


SESSION_PREFIX = "rs"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


async def open_session(graph: AsyncGraph, who: Principal, seconds: int) -> str:
    """A sign-in token for a browser: random, stored only as its digest, tied to the key it
    was opened with and expiring after `seconds`. The cookie never holds the key itself."""
    token = f"{SESSION_PREFIX}_{secrets.token_urlsafe(32)}"
    now = int(time.time())
    await graph.write("writes/open_session", key_id=who.key_id, digest=_digest(token),
                      expires_at=now + seconds, now=now)
    return token


async def close_session(graph: AsyncGraph, token: str) -> None:
    await graph.write("writes/close_session", digest=_digest(token))


async def session_principal(graph: AsyncGraph, token: str | None) -> Principal | None:
    """Who a browser's session stands for; None when it is unknown, expired, signed out, or
    its key has been revoked since."""
    if not token or not token.startswith(SESSION_PREFIX + "_"):
        return None
    rows = await graph.read("queries/session_key", digest=_digest(token), now=int(time.time()))
    if not rows or rows[0]["revoked_on"]:
        return None
    record = rows[0]
    return Principal(Role.parse(record["role"]), record["id"], record["name"] or record["id"])


async def identify(graph: AsyncGraph, token: str | None, open_access: bool,
                   remember: Callable[[str, str], None], session: str | None = None) -> Principal | None:
    """The principal of a request presenting an API key (`token`, from its headers) or a
    browser's sign-in `session`; None when what it presents is not valid. `remember` is told
    of each credential proven, so the rate limit gives it a bucket of its own (service.ops.limits)."""
    if token is None and not session:
        return OPEN_DEVELOPMENT if open_access else ANONYMOUS
    presented = token if token is not None else session
    who = await (authenticate(graph, token) if token is not None else session_principal(graph, session))
    if who is not None and presented and who.key_id:
        remember(presented, who.key_id)
    return who


def token_from_headers(headers: Any) -> str | None:
    auth = headers.get("authorization") or ""
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return headers.get("x-api-key") or None
