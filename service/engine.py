"""Supervisor of the embedded engine: an ArcadeDB server with its Bolt plugin.

The server runs as a child JVM bound to 127.0.0.1 on free ports. Its data, its
random root password (owner-only file) and its log live in the data directory.
The child gets SIGTERM when its parent dies (Linux PR_SET_PDEATHSIG), so no JVM
outlives the service, even after SIGKILL. A second Refgraph process on the same
data directory attaches to the running engine instead of starting another.
"""

from __future__ import annotations

import ctypes
import fcntl
import importlib.util
import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import EngineUnavailable

if TYPE_CHECKING:
    from .settings import Settings

log = logging.getLogger(__name__)

DATABASE = "neo4j"
USER = "root"
STATE_FILE = "engine.json"
PASSWORD_FILE = "root-password"
LOG_FILE = "engine.log"


@dataclass(frozen=True)
class EngineAddress:
    uri: str
    user: str
    password: str
    database: str = DATABASE


def package_dir() -> Path:
    spec = importlib.util.find_spec("arcadedb_embedded")
    if spec is None or spec.origin is None:
        raise EngineUnavailable(
            "The embedded engine package arcadedb-embedded is not installed",
            "Run the README's install command, or set NEO4J_URI to use a Neo4j server",
        )
    return Path(spec.origin).parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_or_create_password(data_dir: Path) -> str:
    path = data_dir / PASSWORD_FILE
    if path.exists():
        return path.read_text().strip()
    password = secrets.token_urlsafe(24)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(password + "\n")
    return password


_SPAWNER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="engine-spawner")


def _die_with_parent() -> None:  # runs in the child between fork and exec
    os.setsid()
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class EmbeddedEngine:
    """Starts (or attaches to) the ArcadeDB server for one data directory."""

    def __init__(self, data_dir: Path, heap: str = "2g", ready_timeout: float = 90.0,
                 databases: tuple[str, ...] = (DATABASE,), jvm_options: tuple[str, ...] = ()) -> None:
        self.data_dir = Path(data_dir).expanduser().resolve()  # the JVM runs in it: a relative path would nest
        self.databases = databases
        self.heap = heap
        self.jvm_options = jvm_options
        self.ready_timeout = ready_timeout
        self.process: subprocess.Popen[bytes] | None = None
        self.address: EngineAddress | None = None
        self._log_offset = 0
        self._ports: tuple[int, int] | None = None  # kept across restarts: clients reconnect

    @property
    def owned(self) -> bool:
        """True when this object started the JVM (and so must stop it)."""
        return self.process is not None

    @property
    def log_path(self) -> Path:
        return self.data_dir / LOG_FILE

    def start(self) -> EngineAddress:
        """Attach to the engine already serving this data directory, or start one. A file
        lock makes attach-or-start atomic, so two processes never start two engines."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.data_dir, 0o700)
        with open(self.data_dir / "engine.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                return self._start_locked()
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _start_locked(self) -> EngineAddress:
        password = read_or_create_password(self.data_dir)
        attached = self._attach(password)
        if attached:
            self.address = attached
            log.info("attached to the running embedded engine (pid file %s)", self.data_dir / STATE_FILE)
            return attached
        bolt_port, http_port = self._choose_ports()
        pkg = package_dir()
        java = pkg / "jre" / "bin" / "java"
        command = [
            str(java), f"-Xmx{self.heap}", *self.jvm_options, "-cp", str(pkg / "jars") + "/*",
            f"-Darcadedb.server.rootPath={self.data_dir}",
            f"-Darcadedb.server.rootPassword={password}",
            "-Darcadedb.server.defaultDatabases=" + ";".join(f"{d}[{USER}]" for d in self.databases),
            "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "-Darcadedb.bolt.host=127.0.0.1", f"-Darcadedb.bolt.port={bolt_port}",
            "-Darcadedb.server.httpIncomingHost=127.0.0.1",
            f"-Darcadedb.server.httpIncomingPort={http_port}",
            "com.arcadedb.server.ArcadeDBServer",
        ]
        self._log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        with open(self.log_path, "ab") as logfile:
            # Spawned from one long-lived thread: PR_SET_PDEATHSIG fires when the spawning
            # THREAD ends, so a short-lived worker thread must never be the JVM's parent.
            self.process = _SPAWNER.submit(
                subprocess.Popen, command, stdout=logfile, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, cwd=self.data_dir, preexec_fn=_die_with_parent,
            ).result()
        self._write_state(bolt_port, http_port)
        self._wait_ready(bolt_port)
        self.address = EngineAddress(f"bolt://127.0.0.1:{bolt_port}", USER, password)
        log.info("embedded engine started (pid %s, bolt port %s, log %s)",
                 self.process.pid, bolt_port, self.log_path)
        return self.address

    def _choose_ports(self) -> tuple[int, int]:
        if self._ports and not any(port_open(p) for p in self._ports):
            return self._ports
        self._ports = (free_port(), free_port())
        return self._ports

    def _attach(self, password: str) -> EngineAddress | None:
        state_path = self.data_dir / STATE_FILE
        if not state_path.exists():
            return None
        try:
            state = json.loads(state_path.read_text())
            pid, bolt_port = int(state["pid"]), int(state["bolt_port"])
        except (ValueError, KeyError, json.JSONDecodeError):
            return None
        if pid_alive(pid) and port_open(bolt_port):
            return EngineAddress(f"bolt://127.0.0.1:{bolt_port}", USER, password)
        return None

    def _write_state(self, bolt_port: int, http_port: int) -> None:
        assert self.process is not None
        state = {"pid": self.process.pid, "bolt_port": bolt_port, "http_port": http_port}
        path = self.data_dir / STATE_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state))
        os.chmod(tmp, 0o600)
        tmp.replace(path)

    def _last_log_lines(self) -> str:
        """The last lines the engine wrote since this start (its reason for exiting, usually)."""
        lines = [line.strip() for line in self._log_tail()[-4096:].splitlines()]
        return " / ".join([line for line in lines if line][-3:])[:300]

    def _wait_ready(self, bolt_port: int) -> None:
        assert self.process is not None
        deadline = time.monotonic() + self.ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                said = self._last_log_lines()
                raise EngineUnavailable(
                    f"The embedded engine exited during start-up (code {self.process.returncode})"
                    + (f": {said}" if said else ""),
                    f"See its log at {self.log_path}; a stale lock, a full disk or a JVM option it does not "
                    "know (REFGRAPH_ENGINE_JVM_OPTIONS) are the usual causes",
                )
            if port_open(bolt_port) and self._database_ready():
                return
            time.sleep(0.2)
        self.stop()
        raise EngineUnavailable(
            f"The embedded engine did not answer within {self.ready_timeout:.0f} s",
            f"See its log at {self.log_path}",
        )

    def _database_ready(self) -> bool:
        # ArcadeDB opens Bolt a moment before it has created the default database.
        dbs = self.data_dir / "databases"
        return all((dbs / d).exists() for d in self.databases) and "ArcadeDB Server started" in self._log_tail()

    def _log_tail(self) -> str:
        """The log written since this start (older runs append to the same file)."""
        try:
            with open(self.log_path, "rb") as f:
                f.seek(self._log_offset)
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def alive(self) -> bool:
        if self.process is not None:
            return self.process.poll() is None
        return self.address is not None and port_open(int(self.address.uri.rsplit(":", 1)[1]))

    def restart(self) -> EngineAddress:
        """Start the engine again after a crash, on the same ports when they are
        free, so connected drivers simply reconnect."""
        self.stop()
        return self.start()

    def stop(self, timeout: float = 20.0) -> None:
        proc, self.process = self.process, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        state_path = self.data_dir / STATE_FILE
        try:
            if json.loads(state_path.read_text()).get("pid") == proc.pid:
                state_path.unlink()
        except (OSError, ValueError):
            pass
        log.info("embedded engine stopped")


def engine_for(settings: Settings) -> EmbeddedEngine:
    """The embedded engine the settings describe (data dir, heap, database)."""
    databases = tuple(dict.fromkeys((DATABASE, settings.neo4j_database)))
    return EmbeddedEngine(settings.data_dir, heap=settings.engine_heap, databases=databases,
                          jvm_options=tuple(settings.engine_jvm_options.split()))
