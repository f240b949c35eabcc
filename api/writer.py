"""Group commit: one thread writes every decision of this process, many per transaction.

Assessments answered at the same moment share one transaction (and one fsync), which keeps the
database from capping throughput while each caller still gets its answer only after the commit.
"""
from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import Future
from typing import Any, Callable

from sqlalchemy.orm import Session

from api.db import Database

log = logging.getLogger("comity.api")
Write = Callable[[Session], Any]


class GroupWriter:
    def __init__(self, db: Database, max_group: int = 128):
        self.db, self.max_group = db, max_group
        self._queue: "queue.Queue[tuple[Write, Future] | None]" = queue.Queue()
        self._thread = threading.Thread(target=self._loop, name="comity-writer", daemon=True)
        self._thread.start()

    def submit(self, write: Write) -> Future:
        fut: Future = Future()
        self._queue.put((write, fut))
        return fut

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=30)

    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            group = [item]
            stop = False
            while len(group) < self.max_group:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    stop = True
                    break
                group.append(nxt)
            self._write(group)
            if stop:
                return

    def _write(self, group: list[tuple[Write, Future]]) -> None:
        try:
            with self.db.writing() as s:
                results = [write(s) for write, _ in group]
        except Exception as exc:
            if len(group) == 1:
                log.error("write failed: %s", exc)
                group[0][1].set_exception(exc)
                return
            # One bad write must not sink the others: retry them one by one.
            for one in group:
                self._write([one])
            return
        for (_, fut), result in zip(group, results):
            fut.set_result(result)

