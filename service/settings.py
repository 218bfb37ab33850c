"""Settings in one place, read from the environment, each with help text."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from platformdirs import user_data_dir
from pydantic import SecretStr

from .errors import InvalidInput

EMBEDDED_ENGINES = ("auto", "arcadedb", "neo4j")
PLACEHOLDER_PASSWORDS = frozenset({"", "neo4j", "password", "changeme", "change-me", "secret"})


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def default_data_dir() -> Path:
    return Path(user_data_dir("refgraph", appauthor=False))


@dataclass(frozen=True)
class Settings:
    """Every knob, with the environment variable that sets it."""

    neo4j_uri: str = field(default="", metadata={"env": "NEO4J_URI", "help": "Bolt or neo4j:// URI of an external server; empty starts the embedded engine"})
    neo4j_user: str = field(default="neo4j", metadata={"env": "NEO4J_USER", "help": "user for the external server"})
    neo4j_password: SecretStr = field(default=SecretStr(""), metadata={"env": "NEO4J_PASSWORD", "help": "password for the external server"})
    neo4j_database: str = field(default="neo4j", metadata={"env": "NEO4J_DATABASE", "help": "database name"})
    data_dir: Path = field(default_factory=default_data_dir, metadata={"env": "REFGRAPH_DATA_DIR", "help": "where the embedded engine keeps its data, password and log"})
    environment: str = field(default="development", metadata={"env": "REFGRAPH_ENV", "help": "development or production; production refuses placeholder secrets and open access"})
    engine: str = field(default="auto", metadata={"env": "REFGRAPH_ENGINE", "help": "the embedded engine started when NEO4J_URI is empty: arcadedb (installed by pip), neo4j (Neo4j Community, the production engine, built with Maven on first use) or auto (the one already running in the data dir, else arcadedb)"})
    engine_heap: str = field(default="2g", metadata={"env": "REFGRAPH_ENGINE_HEAP", "help": "JVM heap of the embedded engine"})
    engine_jvm_options: str = field(default="", metadata={"env": "REFGRAPH_ENGINE_JVM_OPTIONS", "help": "extra JVM options of the embedded engine, space-separated (e.g. the garbage collector)"})
    engine_pagecache: str = field(default="512m", metadata={"env": "REFGRAPH_ENGINE_PAGECACHE", "help": "page cache of each database of the embedded Neo4j engine"})
    pool_size: int = field(default=16, metadata={"env": "REFGRAPH_POOL_SIZE", "help": "Bolt connections per process; requests beyond it wait up to 4 s for one (on the embedded engine at national scale, 8 keeps its query memory safe: docs/scaling.md)"})
    query_timeout: float = field(default=20.0, metadata={"env": "REFGRAPH_QUERY_TIMEOUT", "help": "seconds any one transaction may run"})
    report_slots: int = field(default_factory=lambda: max(1, (os.cpu_count() or 2) // 2), metadata={"env": "REFGRAPH_REPORT_SLOTS", "help": "national reports (summaries, city- and county-level gaps: service.store.cost) computed at once per process; the rest of the pool stays free for routing (default: half the CPU cores)"})
    report_wait: float = field(default=10.0, metadata={"env": "REFGRAPH_REPORT_WAIT", "help": "seconds a report waits for a free slot before it is refused with REPORTS_BUSY"})
    auth: str = field(default="auto", metadata={"env": "REFGRAPH_AUTH", "help": "keys (API keys required), open (no keys; development only) or auto (open on the embedded engine in development, keys otherwise)"})
    max_body_bytes: int = field(default=262_144, metadata={"env": "REFGRAPH_MAX_BODY_BYTES", "help": "largest request body accepted"})
    rate_per_second: float = field(default=50.0, metadata={"env": "REFGRAPH_RATE", "help": "requests per second allowed per API key (or client address)"})
    rate_burst: int = field(default=100, metadata={"env": "REFGRAPH_RATE_BURST", "help": "requests a key may send in a burst"})
    cors_origins: str = field(default="", metadata={"env": "REFGRAPH_CORS_ORIGINS", "help": "comma-separated origins allowed to call the API from a browser (none by default)"})
    retry_time: float = field(default=1.0, metadata={"env": "REFGRAPH_RETRY_TIME", "help": "seconds a failed transaction is retried before the caller gets an error"})

    @property
    def embedded(self) -> bool:
        return not self.neo4j_uri

    @property
    def production(self) -> bool:
        return self.environment == "production"

    @property
    def open_access(self) -> bool:
        """True when requests without a key get full access (development only)."""
        if self.auth == "auto":
            return self.embedded and not self.production
        return self.auth == "open"

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(f.metadata["env"])
            if raw is None or raw.strip() == "":
                continue
            raw = raw.strip()
            if f.name == "neo4j_password":
                values[f.name] = SecretStr(raw)
            elif f.name == "data_dir":
                values[f.name] = Path(raw).expanduser()
            elif f.name in ("pool_size", "max_body_bytes", "rate_burst", "report_slots"):
                values[f.name] = _int(f.metadata["env"], raw)
            elif f.name in ("query_timeout", "retry_time", "rate_per_second", "report_wait"):
                values[f.name] = _float(f.metadata["env"], raw)
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)  # type: ignore[arg-type]
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.environment not in ("development", "production"):
            raise InvalidInput(
                f"REFGRAPH_ENV is {self.environment!r}",
                "Set it to development or production",
                argument="REFGRAPH_ENV",
            )
        if self.engine not in EMBEDDED_ENGINES:
            raise InvalidInput(f"REFGRAPH_ENGINE is {self.engine!r}",
                               "Set it to " + " or ".join(EMBEDDED_ENGINES), argument="REFGRAPH_ENGINE")
        if self.auth not in ("auto", "keys", "open"):
            raise InvalidInput(f"REFGRAPH_AUTH is {self.auth!r}", "Set it to keys, open or auto",
                               argument="REFGRAPH_AUTH")
        if self.production and self.auth == "open":
            raise InvalidInput(
                "REFGRAPH_AUTH=open is refused in production",
                "Use API keys (refgraph keys create) and set REFGRAPH_AUTH=keys or leave it unset",
                argument="REFGRAPH_AUTH",
            )
        if self.production and self.embedded:
            raise InvalidInput(
                "Production needs a Neo4j server: NEO4J_URI is empty, which starts the embedded "
                "development engine (one process, no backups or clustering)",
                "Set NEO4J_URI (and NEO4J_PASSWORD) to the production database, as docker-compose.yml "
                "does; or set REFGRAPH_ENV=development to try Refgraph on the embedded engine",
                argument="NEO4J_URI",
            )
        if (self.production and not self.embedded
                and self.neo4j_password.get_secret_value().lower() in PLACEHOLDER_PASSWORDS):
            raise InvalidInput(
                "NEO4J_PASSWORD is empty or a placeholder in production",
                "Set NEO4J_PASSWORD to the database's real password (at least 12 characters)",
                argument="NEO4J_PASSWORD",
            )

    @staticmethod
    def describe() -> list[tuple[str, str]]:
        return [(f.metadata["env"], f.metadata["help"]) for f in fields(Settings)]


def _int(name: str, raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise InvalidInput(f"{name} is {raw!r}, not a whole number", f"Set {name} to e.g. 32") from None


def _float(name: str, raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise InvalidInput(f"{name} is {raw!r}, not a number", f"Set {name} to e.g. 20") from None
