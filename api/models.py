"""Database tables: API keys, the append-only audit log, stored decisions and published rule sets."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def utc(value: Optional[datetime]) -> Optional[datetime]:
    """SQLite hands back naive datetimes; everything is stored in UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=timezone.utc)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # public part of the key
    secret_hash: Mapped[str] = mapped_column(String(64))  # sha256 of the whole key; the key is never stored
    role: Mapped[str] = mapped_column(String(20))
    org: Mapped[Optional[str]] = mapped_column(String(100), nullable=True)
    label: Mapped[Optional[str]] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True), nullable=True)


class AuditRecord(Base):
    """One link of the hash chain; `hash` covers `prev_hash`, the metadata and `payload_hash`."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[Optional[str]] = mapped_column(String(64), nullable=True, index=True)
    actor: Mapped[Optional[str]] = mapped_column(String(32), nullable=True)
    org: Mapped[Optional[str]] = mapped_column(String(100), nullable=True)
    payload: Mapped[str] = mapped_column(Text)
    payload_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AssessmentRecord(Base):
    """Index of stored decisions; the request and the answer live in the audit record."""

    __tablename__ = "assessments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    audit_seq: Mapped[int] = mapped_column(BigInteger, ForeignKey("audit_log.seq"), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    key_id: Mapped[Optional[str]] = mapped_column(String(32), index=True, nullable=True)
    org: Mapped[Optional[str]] = mapped_column(String(100), index=True, nullable=True)
    requesting_state: Mapped[str] = mapped_column(String(2))
    requested_state: Mapped[str] = mapped_column(String(2))
    measure: Mapped[str] = mapped_column(String(100))
    decision: Mapped[str] = mapped_column(String(20))
    ruleset_digest: Mapped[str] = mapped_column(String(64))
    backend: Mapped[str] = mapped_column(String(20))


class RulesetRecord(Base):
    """A published rule base: its sources, so every worker and host runs exactly the same rules."""

    __tablename__ = "rulesets"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    sources: Mapped[str] = mapped_column(Text)  # JSON {file: text}
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[Optional[str]] = mapped_column(String(32), nullable=True)


class ActiveRuleset(Base):
    __tablename__ = "active_ruleset"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    digest: Mapped[str] = mapped_column(String(64), ForeignKey("rulesets.digest"))
    activated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    activated_by: Mapped[Optional[str]] = mapped_column(String(32), nullable=True)
