"""API keys: `cmty_<id>_<secret>`. Only the sha256 of the whole key is stored; the key is shown once."""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Literal, Optional

from sqlalchemy import select

from api import audit
from api.db import Database
from api.models import ApiKey, utc

Role = Literal["case_system", "reviewer", "drafter", "admin"]
ROLES: tuple[str, ...] = ("case_system", "reviewer", "drafter", "admin")
PREFIX = "cmty"


@dataclass(frozen=True)
class Principal:
    key_id: str
    role: str
    org: Optional[str]


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create(db: Database, role: str, org: Optional[str] = None, label: Optional[str] = None,
           actor: Optional[str] = None) -> tuple[str, ApiKey]:
    if role not in ROLES:
        raise ValueError(f"unknown role `{role}`; one of {', '.join(ROLES)}")
    key_id = secrets.token_hex(6)
    key = f"{PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"
    row = ApiKey(id=key_id, secret_hash=_hash(key), role=role, org=org, label=label,
                 created_at=datetime.now(timezone.utc))
    with db.writing() as s:
        s.add(row)
        audit.append(s, "key_created", json.dumps({"key_id": key_id, "role": role, "org": org, "label": label}),
                     subject=key_id, actor=actor, org=org)
    return key, row


def list_keys(db: Database) -> list[ApiKey]:
    with db.reading() as s:
        return list(s.execute(select(ApiKey).order_by(ApiKey.created_at)).scalars())


def revoke(db: Database, key_id: str, actor: Optional[str] = None) -> Optional[ApiKey]:
    with db.writing() as s:
        row = s.get(ApiKey, key_id)
        if row is None:
            return None
        if row.revoked_at is None:
            row.revoked_at = datetime.now(timezone.utc)
            audit.append(s, "key_revoked", json.dumps({"key_id": key_id}), subject=key_id, actor=actor, org=row.org)
        row.created_at, row.revoked_at = utc(row.created_at), utc(row.revoked_at)
        return row


class KeyStore:
    """Looks keys up, with a short in-process cache so each request does not hit the database."""

    def __init__(self, db: Database, ttl: float):
        self.db, self.ttl = db, ttl
        self._cache: dict[str, tuple[float, Optional[Principal]]] = {}
        self._lock = threading.Lock()

    def cached(self, key: str) -> tuple[bool, Optional[Principal]]:
        """(found, principal) from the cache alone; cheap enough for the event loop."""
        hit = self._cache.get(_hash(key))
        if hit and hit[0] > time.monotonic():
            return True, hit[1]
        return False, None

    def lookup(self, key: str) -> Optional[Principal]:
        parts = key.split("_", 2)
        if len(parts) != 3 or parts[0] != PREFIX or not parts[1] or len(key) > 200:
            return None
        found, principal = self.cached(key)
        if found:
            return principal
        digest = _hash(key)
        now = time.monotonic()
        with self.db.reading() as s:
            row = s.get(ApiKey, parts[1])
        principal = None
        if row is not None and row.revoked_at is None and hmac.compare_digest(row.secret_hash, digest):
            principal = Principal(row.id, row.role, row.org)
        with self._lock:
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache[digest] = (now + self.ttl, principal)
        return principal

    def forget(self) -> None:
        with self._lock:
            self._cache.clear()
