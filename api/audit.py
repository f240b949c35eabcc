"""The append-only, hash-chained audit log.

Each record's hash covers the previous record's hash, its own metadata and the sha256 of its
payload, so changing, removing or reordering any record breaks every later link. `append` must run
inside `Database.writing()`, which serialises writers across processes.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Optional

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from api.models import AuditRecord, utc

GENESIS = "0" * 64


def sha256(data: str) -> str:
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _stamp(at: datetime) -> str:
    return utc(at).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def link_hash(prev_hash: str, seq: int, at: datetime, kind: str, subject: Optional[str], actor: Optional[str],
              org: Optional[str], payload_hash: str) -> str:
    return sha256(json.dumps([prev_hash, seq, _stamp(at), kind, subject, actor, org, payload_hash],
                             separators=(",", ":")))


@dataclass(frozen=True)
class Appended:
    seq: int
    at: datetime
    hash: str


def append(s: Session, kind: str, payload: str, subject: Optional[str] = None, actor: Optional[str] = None,
           org: Optional[str] = None) -> Appended:
    return append_many(s, [(kind, payload, subject, actor, org)])[0]


def append_many(s: Session, entries: list[tuple[str, str, Optional[str], Optional[str], Optional[str]]]
                ) -> list[Appended]:
    """Chain (kind, payload, subject, actor, org) entries onto the log in order, in one INSERT."""
    # The head of the chain is read once per transaction; the writer lock guarantees nobody else moves it.
    head = s.info.get("audit_head")
    if head is None:
        last = s.execute(select(AuditRecord.seq, AuditRecord.hash).order_by(AuditRecord.seq.desc()).limit(1)).first()
        head = (last.seq, last.hash) if last else (0, GENESIS)
    seq, prev = head
    at = datetime.now(timezone.utc)
    rows, out = [], []
    for kind, payload, subject, actor, org in entries:
        seq += 1
        payload_hash = sha256(payload)
        digest = link_hash(prev, seq, at, kind, subject, actor, org, payload_hash)
        rows.append(dict(seq=seq, at=at, kind=kind, subject=subject, actor=actor, org=org, payload=payload,
                         payload_hash=payload_hash, prev_hash=prev, hash=digest))
        out.append(Appended(seq, at, digest))
        prev = digest
    if rows:
        s.execute(insert(AuditRecord.__table__), rows)  # Core executemany: no ORM bookkeeping per row
    s.info["audit_head"] = (seq, prev)
    return out


@dataclass
class Verification:
    ok: bool
    records: int
    head_hash: str
    first_bad_seq: Optional[int] = None
    reason: Optional[str] = None


def verify(s: Session, page: int = 2000) -> Verification:
    """Walk the chain from the first record; report the first broken link."""
    prev, expected_seq, count, after = GENESIS, 1, 0, 0
    while True:
        rows = s.execute(select(AuditRecord).where(AuditRecord.seq > after)
                         .order_by(AuditRecord.seq).limit(page)).scalars().all()
        if not rows:
            return Verification(True, count, prev)
        for r in rows:
            problem = None
            if r.seq != expected_seq:
                problem = f"expected record {expected_seq}, found {r.seq} (a record is missing)"
            elif r.prev_hash != prev:
                problem = "prev_hash does not match the previous record"
            elif sha256(r.payload) != r.payload_hash:
                problem = "the payload does not match its hash (the record was changed)"
            elif link_hash(prev, r.seq, r.at, r.kind, r.subject, r.actor, r.org, r.payload_hash) != r.hash:
                problem = "the record hash does not match its contents"
            if problem:
                return Verification(False, count, prev, r.seq, problem)
            prev, expected_seq, count = r.hash, r.seq + 1, count + 1
        after = rows[-1].seq
        s.expunge_all()
