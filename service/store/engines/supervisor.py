"""Supervisor of an embedded engine: a child JVM serving Bolt on 127.0.0.1.

One class owns what both engines share: attach-or-start under a file lock, an
owner-only random password, a state file naming the running engine's pid and
ports, readiness, death with the parent (Linux PR_SET_PDEATHSIG, so no JVM
outlives the service even after SIGKILL), restart on the same ports, clean stop.
Each engine (`arcadedb.py`, `neo4j.py`) says only how it is launched and when it
is ready. A second Refgraph process on the same data directory attaches to the
running engine instead of starting another.
"""

from __future__ import annotations

import ctypes
import fcntl
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

from ...errors import EngineUnavailable, storage_problem

log = logging.getLogger(__name__)

DATABASE = "neo4j"
PASSWORD_FILE = "root-password"


@dataclass(frozen=True)
class EngineAddress:
    uri: str
    user: str
    password: str
    database: str = DATABASE


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


def write_owner_only(path: Path, text: str) -> Path:
    """Write a file only its owner can read (created 0600, replaced whole)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    tmp.replace(path)
    return path


def java_argument_file(path: Path, arguments: list[str]) -> str:
    """The JVM arguments in an owner-only @-file (`java @file`): a secret among them never
    reaches the command line, which every local user can read in /proc/<pid>/cmdline."""
    quoted = ['"' + a.replace("\\", "\\\\").replace('"', '\\"') + '"' for a in arguments]
    write_owner_only(path, "\n".join(quoted) + "\n")
    return f"@{path}"


_SPAWNER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="engine-spawner")


def _die_with_parent() -> None:  # runs in the child between fork and exec
    os.setsid()
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@dataclass(frozen=True)
class Ports:
    """Where a started engine listens: a Bolt port per database (one port for all of them
    on ArcadeDB, one each on Neo4j Community), and any other ports it opens."""

    bolt: dict[str, int]
    other: tuple[int, ...] = ()

    def all(self) -> tuple[int, ...]:
        return (*dict.fromkeys(self.bolt.values()), *self.other)


class EmbeddedEngine:
    """Starts (or attaches to) one engine for one data directory. Subclasses name the
    engine and say how it is launched (`command`) and when it is ready (`ready`)."""

    kind = ""  # "arcadedb" or "neo4j": the REFGRAPH_ENGINE value
    title = ""  # what people read: "ArcadeDB", "Neo4j"
    user = ""
    state_file = "engine.json"
    log_file = "engine.log"

    def __init__(self, data_dir: Path, heap: str = "2g", ready_timeout: float = 120.0,
                 databases: tuple[str, ...] = (DATABASE,), jvm_options: tuple[str, ...] = ()) -> None:
        self.data_dir = Path(data_dir).expanduser().resolve()  # the JVM runs in it: a relative path would nest
        self.databases = databases
        self.heap = heap
        self.jvm_options = jvm_options
        self.ready_timeout = ready_timeout
        self.process: subprocess.Popen[bytes] | None = None
        self.ports: Ports | None = None
        self.password = ""
        self._log_offset = 0
        self._chosen: Ports | None = None  # kept across restarts: clients reconnect

    # -- what each engine says -------------------------------------------------------------

    def command(self, ports: Ports, password: str) -> list[str]:
        raise NotImplementedError

    def ready(self) -> bool:
        """True once the started engine serves every database (ports already answer)."""
        raise NotImplementedError

    def choose_ports(self) -> Ports:
        raise NotImplementedError

    def prepare(self) -> None:
        """Work before the first start (e.g. building the engine); idempotent."""

    # -- shared ----------------------------------------------------------------------------

    @property
    def owned(self) -> bool:
        """True when this object started the JVM (and so must stop it)."""
        return self.process is not None

    @property
    def log_path(self) -> Path:
        return self.data_dir / self.log_file

    @property
    def address(self) -> EngineAddress | None:
        """The address of the first database (None until started or attached)."""
        return self.address_for(self.databases[0]) if self.ports is not None else None

    def address_for(self, database: str) -> EngineAddress:
        if self.ports is None:
            raise EngineUnavailable(f"The embedded {self.title} engine is not started",
                                    "Start it first (Graph.open() does)")
        port = self.ports.bolt.get(database)
        if port is None:
            raise EngineUnavailable(
                f"The embedded {self.title} engine in {self.data_dir} does not serve a database "
                f"named {database!r} (it serves {', '.join(self.ports.bolt)})",
                "Stop the other Refgraph process using this data directory, or set NEO4J_DATABASE "
                "to one it serves",
            )
        return EngineAddress(f"bolt://127.0.0.1:{port}", self.user, self.password, database)

    def start(self) -> EngineAddress:
        """Attach to the engine already serving this data directory, or start one. A file
        lock makes attach-or-start atomic, so two processes never start two engines."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            os.chmod(self.data_dir, 0o700)
            self.prepare()
            with open(self.data_dir / "engine.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                try:
                    self._start_locked()
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)
        except OSError as exc:  # read-only, not ours, full: say so, not a traceback
            if exc.filename is None:  # a socket, not a file
                raise
            raise storage_problem(self.data_dir, exc) from None
        assert self.address is not None
        return self.address

    def _start_locked(self) -> None:
        self.password = read_or_create_password(self.data_dir)
        attached = self._attach()
        if attached:
            self.ports = attached
            self._chosen = attached  # if its owner stops, this process restarts it on these ports
            log.info("attached to the running embedded %s engine (state file %s)",
                     self.title, self.data_dir / self.state_file)
            return
        self._refuse_another_kind()
        ports = self._chosen if self._chosen and not any(port_open(p) for p in self._chosen.all()) \
            else self.choose_ports()
        self._chosen = ports
        command = self.command(ports, self.password)
        self._log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        with open(self.log_path, "ab") as logfile:
            # Spawned from one long-lived thread: PR_SET_PDEATHSIG fires when the spawning
            # THREAD ends, so a short-lived worker thread must never be the JVM's parent.
            self.process = _SPAWNER.submit(
                subprocess.Popen, command, stdout=logfile, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, cwd=self.data_dir, preexec_fn=_die_with_parent,
            ).result()
        self._write_state(ports)
        self._wait_ready(ports)
        self.ports = ports
        log.info("embedded %s engine started (pid %s, bolt ports %s, log %s)",
                 self.title, self.process.pid, ports.bolt, self.log_path)

    @staticmethod
    def _read_state(path: Path) -> tuple[int, Ports] | None:
        try:
            state = json.loads(path.read_text())
            pid = int(state["pid"])
            bolt = {str(k): int(v) for k, v in state["bolt_ports"].items()}
            other = tuple(int(p) for p in state.get("other_ports", ()))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, json.JSONDecodeError):
            return None
        return pid, Ports(bolt, other)

    @classmethod
    def running_in(cls, data_dir: Path) -> tuple[int, Ports] | None:
        """The pid and ports of this kind of engine running in the data dir, if one is."""
        found = cls._read_state(Path(data_dir).expanduser().resolve() / cls.state_file)
        if found and pid_alive(found[0]) and all(port_open(p) for p in found[1].bolt.values()):
            return found
        return None

    def _attach(self) -> Ports | None:
        found = self.running_in(self.data_dir)
        return found[1] if found else None

    def _refuse_another_kind(self) -> None:
        """Two engines must never share a data directory's password and lock unnoticed."""
        for other in ENGINE_CLASSES.values():
            if other is type(self):
                continue
            found = other.running_in(self.data_dir)
            if found:
                raise EngineUnavailable(
                    f"The data directory {self.data_dir} is in use by a running embedded "
                    f"{other.title} engine (pid {found[0]})",
                    f"Stop the Refgraph process that uses it, use another --data-dir, or choose "
                    f"REFGRAPH_ENGINE={other.kind}",
                )

    def _write_state(self, ports: Ports) -> None:
        assert self.process is not None
        state = {"engine": self.kind, "pid": self.process.pid, "bolt_ports": ports.bolt,
                 "other_ports": list(ports.other)}
        path = self.data_dir / self.state_file
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state))
        os.chmod(tmp, 0o600)
        tmp.replace(path)

    def _last_log_lines(self) -> str:
        """The last lines the engine wrote since this start (its reason for exiting, usually)."""
        lines = [line.strip() for line in self.log_tail()[-4096:].splitlines()]
        return " / ".join([line for line in lines if line][-3:])[:300]

    def _wait_ready(self, ports: Ports) -> None:
        assert self.process is not None
        deadline = time.monotonic() + self.ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                said = self._last_log_lines()
                raise EngineUnavailable(
                    f"The embedded {self.title} engine exited during start-up "
                    f"(code {self.process.returncode})" + (f": {said}" if said else ""),
                    f"See its log at {self.log_path}; a stale lock, a full disk or a JVM option it does not "
                    "know (REFGRAPH_ENGINE_JVM_OPTIONS) are the usual causes",
                )
            if all(port_open(p) for p in ports.bolt.values()) and self.ready():
                return
            time.sleep(0.2)
        self.stop()
        raise EngineUnavailable(
            f"The embedded {self.title} engine did not answer within {self.ready_timeout:.0f} s",
            f"See its log at {self.log_path}",
        )

    def log_tail(self) -> str:
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
        return self.ports is not None and all(port_open(p) for p in self.ports.bolt.values())

    def restart(self) -> EngineAddress:
        """Start the engine again after a crash, on the same ports when they are
        free, so connected drivers simply reconnect."""
        self.stop()
        return self.start()

    def stop(self, timeout: float = 30.0) -> None:
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
        state_path = self.data_dir / self.state_file
        try:
            if json.loads(state_path.read_text()).get("pid") == proc.pid:
                state_path.unlink()
        except (OSError, ValueError):
            pass
        log.info("embedded %s engine stopped", self.title)


ENGINE_CLASSES: dict[str, type[EmbeddedEngine]] = {}  # filled by the engines package
