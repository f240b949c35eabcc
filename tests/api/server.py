"""Run `comity serve` (a real uvicorn) on a free loopback port for the API tests."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

import httpx

from pg import free_port

ROOT = Path(__file__).resolve().parents[2]
ROLES = ("case_system", "reviewer", "drafter", "admin")


class Server:
    def __init__(self, database_url: Optional[str] = None, data_dir: Optional[str] = None, workers: int = 1,
                 env: Optional[dict] = None):
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="comity-api-")
        Path(self.data_dir).mkdir(parents=True, exist_ok=True)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("COMITY_")}
        self.env.update(COMITY_DATA_DIR=self.data_dir, COMITY_RULES_POLL_SECONDS="0.5")
        if database_url:
            self.env["COMITY_DATABASE_URL"] = database_url
        self.env.update(env or {})
        self.workers = workers
        self.proc: Optional[subprocess.Popen] = None
        self.port = 0
        self.keys: dict[str, str] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90, probe: str = "/readyz") -> "Server":
        self.port = free_port()
        self.log = open(Path(self.data_dir) / f"server-{self.port}.log", "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "engine.cli", "serve", "--port", str(self.port), "--workers", str(self.workers)],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}: {self.read_log()[-3000:]}")
            try:
                if httpx.get(self.url + probe, timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not become ready: " + self.read_log()[-3000:])

    def read_log(self) -> str:
        return (Path(self.data_dir) / f"server-{self.port}.log").read_text(errors="replace")

    def settings(self):
        from api.settings import Settings

        return Settings.from_env(self.env)

    def database(self):
        from api.db import Database

        return Database(self.settings())

    def key(self, role: str, org: Optional[str] = None) -> str:
        name = f"{role}:{org}"
        if name not in self.keys:
            from api import keys

            db = self.database()
            db.migrate()
            self.keys[name] = keys.create(db, role, org)[0]
            db.dispose()
        return self.keys[name]

    def client(self, role: Optional[str] = "admin", org: Optional[str] = None, timeout: float = 60) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.key(role, org)}"} if role else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=timeout)

    def comity(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "engine.cli", *args], cwd=ROOT, env=self.env,
                              capture_output=True, text=True, timeout=120)

    def kill(self) -> None:
        """SIGKILL the whole process group: no shutdown handlers run."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
