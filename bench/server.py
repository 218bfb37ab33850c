"""The service as production runs it: uvicorn in a subprocess on a free loopback port."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from service.store.engines import EngineAddress, free_port

from .http import Client

ROOT = Path(__file__).resolve().parent.parent


def service_env(address: EngineAddress, pool: int | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "NEO4J_URI": address.uri, "NEO4J_USER": address.user, "NEO4J_PASSWORD": address.password,
        "NEO4J_DATABASE": address.database, "REFGRAPH_AUTH": "open", "REFGRAPH_ENV": "development",
        "REFGRAPH_RATE": "1000000000", "REFGRAPH_RATE_BURST": "1000000000",
        "PYTHONPATH": str(ROOT),
    })
    if pool is not None:
        env["REFGRAPH_POOL_SIZE"] = str(pool)
    return env


class Service:
    """`uvicorn service.app:create_app --factory --workers N` against the bench engine."""

    def __init__(self, address: EngineAddress, workers: int = 1, pool: int | None = None,
                 log: Path | None = None, wrap: list[str] | None = None) -> None:
        self.port = free_port()
        cmd = [sys.executable, "-m", "uvicorn", "service.app:create_app", "--factory",
               "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(workers),
               "--no-access-log", "--log-level", "warning"]
        self.log = open(log or os.devnull, "ab")  # noqa: SIM115 - lives as long as the process
        self.proc = subprocess.Popen((wrap or []) + cmd, cwd=ROOT, env=service_env(address, pool),
                                     stdout=self.log, stderr=subprocess.STDOUT)
        self._wait()

    def _wait(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the service exited with {self.proc.returncode}; see {self.log.name}")
            try:
                c = Client(self.port)
                ok = c.get("/health") == 200
                c.close()
                if ok:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("the service did not answer /health in time")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    def __enter__(self) -> Service:  # noqa: PYI034
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
