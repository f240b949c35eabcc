"""Database connections, the serialised write transaction and schema migrations.

Every write goes through `Database.writing()`: on SQLite a `BEGIN IMMEDIATE` transaction, on
PostgreSQL a transaction holding an advisory lock. Either way writers from every worker and host
are serialised, which keeps the audit chain linear.
"""
from __future__ import annotations

import contextlib
import fcntl
import threading
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine as SAEngine
from sqlalchemy.orm import Session, sessionmaker

from api.settings import Settings

CHAIN_LOCK = 0x636F6D697479  # advisory lock key for the audit chain ("comity")
MIGRATION_LOCK = CHAIN_LOCK + 1


def _sqlite_engine(url: str, synchronous: str) -> SAEngine:
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False},
                           pool_size=8, max_overflow=8)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Take transaction control away from the driver so BEGIN IMMEDIATE can be issued.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA synchronous={synchronous if synchronous in ('FULL', 'NORMAL', 'EXTRA') else 'FULL'}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writer") else "BEGIN")

    return engine


class Database:
    def __init__(self, settings: Settings):
        self.url = settings.database_url
        self.is_sqlite = settings.is_sqlite
        if self.is_sqlite:
            path = self.url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.engine = _sqlite_engine(self.url, settings.sqlite_synchronous)
        else:
            self.engine = create_engine(self.url, pool_size=8, max_overflow=8, pool_pre_ping=True)
        # SQLite's busy handler waits by sleeping in growing steps; an flock hands the write lock
        # straight to the next process instead.
        self._thread_lock = threading.Lock()
        self._lock_file = None
        if self.is_sqlite:
            path = self.url.split("///", 1)[-1]
            if path and path != ":memory:":
                self._lock_file = open(path + ".write.lock", "a")
        self._reader = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._writer = sessionmaker(bind=self.engine.execution_options(writer=True), expire_on_commit=False)

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        with self._reader() as s:
            yield s

    @contextlib.contextmanager
    def writing(self) -> Iterator[Session]:
        """A transaction that no other writer, in any process, runs alongside; commits on exit."""
        if not self.is_sqlite:
            with self._writer() as s, s.begin():
                s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHAIN_LOCK})
                yield s
            return
        with self._thread_lock:
            if self._lock_file is not None:
                fcntl.flock(self._lock_file, fcntl.LOCK_EX)
            try:
                with self._writer() as s, s.begin():
                    yield s
            finally:
                if self._lock_file is not None:
                    fcntl.flock(self._lock_file, fcntl.LOCK_UN)

    def ping(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except Exception:  # any driver error means "not reachable"
            return False

    def migrate(self) -> None:
        """Bring the schema to the latest revision; safe to call from several processes at once."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        with self._migration_lock() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()

    @contextlib.contextmanager
    def _migration_lock(self):
        if self.is_sqlite:
            path = self.url.split("///", 1)[-1]
            lock_path = Path(path + ".migrate.lock") if path and path != ":memory:" else None
            with contextlib.ExitStack() as stack:
                if lock_path:
                    fh = stack.enter_context(open(lock_path, "a"))
                    fcntl.flock(fh, fcntl.LOCK_EX)
                with self.engine.connect() as conn:
                    yield conn
        else:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK})
                conn.commit()
                try:
                    yield conn
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK})
                    conn.commit()

    def dispose(self) -> None:
        self.engine.dispose()
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None
