"""Group commit: decisions answered at the same moment share one transaction (and one fsync), and
each caller gets its answer only after that commit.

There is no writer thread to hand work to: the thread that assessed a request queues its write and
then takes the leader lock. Whoever holds the lock writes everything queued so far in one
transaction; a thread that gets the lock after its write was done by another leader just returns.
While a leader waits on the disk, other threads assess and queue, so the next group is larger.
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
        self._queue: "queue.Queue[tuple[Write, Future]]" = queue.Queue()
        self._leader = threading.Lock()

    def write(self, write: Write) -> Any:
        """Run `write` in a committed transaction, possibly together with others; its result."""
        fut: Future = Future()
        self._queue.put((write, fut))
        with self._leader:
            while not fut.done():
                self._write(self._take())
        return fut.result()

    def close(self) -> None:
        with self._leader:  # let a group being written finish
            pass

    def _take(self) -> list[tuple[Write, Future]]:
        group = [self._queue.get()]
        while len(group) < self.max_group:
            try:
                group.append(self._queue.get_nowait())
            except queue.Empty:
                break
        return group

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
