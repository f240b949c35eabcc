"""A bounded background stream of assessments for the reload, scale-out and durability tests."""
from __future__ import annotations

import threading
import time

import httpx


class Stream:
    """`clients` threads posting assessments until stopped (or `max_seconds` pass)."""

    def __init__(self, url: str, key: str, body: dict, clients: int = 3, max_seconds: float = 60):
        self.url, self.key, self.body, self.max_seconds = url, key, body, max_seconds
        self.results: list[tuple[int, dict]] = []  # (status, body) of every completed call
        self.failures: list[str] = []  # connection errors
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run, daemon=True) for _ in range(clients)]

    def _run(self) -> None:
        deadline = time.monotonic() + self.max_seconds
        with httpx.Client(base_url=self.url, headers={"Authorization": f"Bearer {self.key}"}, timeout=30) as c:
            while not self._stop.is_set() and time.monotonic() < deadline:
                try:
                    r = c.post("/v1/assessments", json=self.body)
                    body = r.json()
                except (httpx.HTTPError, ValueError) as exc:
                    with self._lock:
                        self.failures.append(type(exc).__name__)
                    time.sleep(0.05)
                    continue
                with self._lock:
                    self.results.append((r.status_code, body))

    def __enter__(self) -> "Stream":
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=60)

    def count(self) -> int:
        with self._lock:
            return len(self.results)

    def wait_for(self, n: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        start = self.count()
        while self.count() < start + n and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.count() >= start + n, f"only {self.count() - start} of {n} assessments in {timeout}s"
