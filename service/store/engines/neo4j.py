"""Neo4j Community, embedded, the production engine's own code: `engines/neo4j` is a small
Maven module (Neo4j pinned to the version docker-compose.yml runs) whose main serves Bolt
on 127.0.0.1 with authentication on. Maven builds it from the project's files on first use;
nothing built is committed. Community serves one user database per DBMS, so each database
gets its own DBMS and Bolt port inside the one JVM."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from pathlib import Path

from ... import PROJECT_ROOT
from ...errors import EngineUnavailable
from .supervisor import PASSWORD_FILE, EmbeddedEngine, Ports, free_port

MODULE = PROJECT_ROOT / "engines" / "neo4j"
JAR = MODULE / "target" / "refgraph-neo4j.jar"
READY = "refgraph-neo4j ready"


def _sources(module: Path) -> list[Path]:
    return [module / "pom.xml", *sorted((module / "src").rglob("*.java"))]


def built(module: Path = MODULE) -> bool:
    jar = module / "target" / JAR.name
    if not jar.exists() or not (module / "target" / "lib").is_dir():
        return False
    return all(p.stat().st_mtime <= jar.stat().st_mtime for p in _sources(module))


def build(module: Path = MODULE) -> Path:
    """Build the engine module with Maven (once; concurrent callers wait for the first)."""
    if not (module / "pom.xml").exists():
        raise EngineUnavailable(
            f"The embedded Neo4j engine's sources are not at {module}",
            "Run Refgraph from a checkout of its repository (pip install -e .), or use "
            "REFGRAPH_ENGINE=arcadedb, or set NEO4J_URI to a Neo4j server",
        )
    (module / "target").mkdir(exist_ok=True)
    with open(module / "target" / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if built(module):
            return module / "target" / JAR.name
        mvn = shutil.which("mvn")
        if mvn is None:
            raise EngineUnavailable(
                "Building the embedded Neo4j engine needs Maven (mvn), which is not on PATH",
                "Install Maven and a JDK 17 or 21 (apt-get install maven openjdk-17-jdk-headless), "
                "or use REFGRAPH_ENGINE=arcadedb",
            )
        done = subprocess.run([mvn, "-q", "-B", "-f", str(module / "pom.xml"), "package"],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            said = " / ".join((done.stdout + done.stderr).strip().splitlines()[-3:])[:400]
            raise EngineUnavailable(f"Building the embedded Neo4j engine failed: {said}",
                                    f"Run `mvn -f {module / 'pom.xml'} package` to see the whole error")
    return module / "target" / JAR.name


def java() -> str:
    home = os.environ.get("JAVA_HOME")
    found = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not found or not Path(found).exists():
        raise EngineUnavailable("The embedded Neo4j engine needs Java 17 or 21, and none was found",
                                "Install a JDK (apt-get install openjdk-17-jdk-headless) or set JAVA_HOME")
    return found


class Neo4jEngine(EmbeddedEngine):
    kind = "neo4j"
    title = "Neo4j"
    user = "neo4j"
    state_file = "neo4j-engine.json"
    log_file = "neo4j-engine.log"

    def __init__(self, data_dir: Path, heap: str = "2g", ready_timeout: float = 120.0,
                 databases: tuple[str, ...] = ("neo4j",), jvm_options: tuple[str, ...] = (),
                 pagecache: str = "512m") -> None:
        super().__init__(data_dir, heap, ready_timeout, databases, jvm_options)
        self.pagecache = pagecache

    def prepare(self) -> None:
        build()

    def choose_ports(self) -> Ports:
        return Ports({d: free_port() for d in self.databases})

    def command(self, ports: Ports, password: str) -> list[str]:
        classpath = f"{JAR}:{JAR.parent / 'lib'}/*"
        databases = [arg for d, port in ports.bolt.items() for arg in ("--database", f"{d}:{port}")]
        return [
            java(), f"-Xmx{self.heap}", "-XX:-OmitStackTraceInFastThrow",
            *self.jvm_options, "-cp", classpath, "refgraph.Neo4jServer",
            "--home", str(self.data_dir / "neo4j"), "--password-file", str(self.data_dir / PASSWORD_FILE),
            "--pagecache", self.pagecache, *databases,
        ]

    def ready(self) -> bool:
        return READY in self.log_tail()
