"""Server configuration, read once from the environment.

COMITY_DATA_DIR      where the SQLite file and other state live (default: $XDG_DATA_HOME/comity or
                     ~/.local/share/comity)
COMITY_DATABASE_URL  overrides the database (e.g. postgresql+psycopg://user@host/comity)
COMITY_RULES         rule-base directories, os.pathsep-separated (read by the engine's loader)
COMITY_BACKEND       evaluator for the server: reference (default) or pydatalog
COMITY_MAX_BODY_BYTES, COMITY_MAX_BATCH, COMITY_AUDIT_HASH_FREE_TEXT, COMITY_RULES_POLL_SECONDS,
COMITY_ASSESS_THREADS, COMITY_KEY_CACHE_SECONDS, COMITY_SQLITE_SYNCHRONOUS
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional


def default_data_dir(env: Mapping[str, str] = os.environ) -> Path:
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "comity"


def _flag(value: Optional[str]) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    rule_paths: Optional[tuple[str, ...]] = None  # None: the engine's default_paths()
    backend: str = "reference"
    max_body_bytes: int = 1_048_576
    max_batch: int = 100
    hash_free_text: bool = False
    rules_poll_seconds: float = 2.0
    assess_threads: int = 2
    key_cache_seconds: float = 5.0
    # FULL: a decision acknowledged with 200 survives a power cut, not only a killed process.
    sqlite_synchronous: str = "FULL"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "Settings":
        data_dir = Path(env.get("COMITY_DATA_DIR") or default_data_dir(env)).expanduser()
        url = env.get("COMITY_DATABASE_URL") or f"sqlite:///{data_dir / 'comity.db'}"
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        rules = env.get("COMITY_RULES")
        return cls(
            data_dir=data_dir,
            database_url=url,
            rule_paths=tuple(p for p in rules.split(os.pathsep) if p) if rules else None,
            backend=env.get("COMITY_BACKEND", "reference"),
            max_body_bytes=int(env.get("COMITY_MAX_BODY_BYTES", 1_048_576)),
            max_batch=int(env.get("COMITY_MAX_BATCH", 100)),
            hash_free_text=_flag(env.get("COMITY_AUDIT_HASH_FREE_TEXT")),
            rules_poll_seconds=float(env.get("COMITY_RULES_POLL_SECONDS", 2.0)),
            assess_threads=int(env.get("COMITY_ASSESS_THREADS", 2)),
            key_cache_seconds=float(env.get("COMITY_KEY_CACHE_SECONDS", 5.0)),
            sqlite_synchronous=env.get("COMITY_SQLITE_SYNCHRONOUS", "FULL").upper(),
        )
