"""The audit log is append-only and tamper-evident; free text can be stored as a hash only."""
import json

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from conftest import example
from server import Server


def _tamper_sqlite(db, sql: str) -> None:
    # The append-only triggers must be dropped first: that is what an attacker with file access would do.
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
        conn.exec_driver_sql(sql)


@pytest.fixture
def filled(tmp_path):
    """A SQLite database with a few assessments, written by a real server."""
    server = Server(data_dir=str(tmp_path)).start()
    try:
        with server.client("case_system") as c:
            ids = [c.post("/v1/assessments", json=example()).json()["assessment_id"] for _ in range(4)]
    finally:
        server.stop()
    return server, ids


def test_the_database_refuses_to_change_or_delete_audit_records(filled):
    server, _ = filled
    db = server.database()
    for sql in ("UPDATE audit_log SET payload = '{}' WHERE seq = 2", "DELETE FROM audit_log WHERE seq = 3"):
        with pytest.raises(DatabaseError, match="append-only"):
            with db.engine.begin() as conn:
                conn.exec_driver_sql(sql)
    db.dispose()
    assert server.comity("audit", "verify").returncode == 0


@pytest.mark.parametrize("sql, reason", [
    ("UPDATE audit_log SET payload = replace(payload, 'permissible', 'must_refuse') WHERE seq = 3", "payload"),
    ("DELETE FROM audit_log WHERE seq = 2", "missing"),
    ("UPDATE audit_log SET at = '2020-01-01 00:00:00.000000' WHERE seq = 4", "hash"),
    ("UPDATE audit_log SET actor = 'someone' WHERE seq = 4", "hash"),
])
def test_verify_finds_the_first_broken_link(filled, sql, reason):
    server, _ = filled
    db = server.database()
    _tamper_sqlite(db, "PRAGMA foreign_keys=OFF")
    with db.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.exec_driver_sql(sql)
    db.dispose()
    out = server.comity("audit", "verify")
    assert out.returncode == 1
    assert "BROKEN at record" in out.stderr and reason in out.stderr


def test_recomputing_one_hash_is_not_enough(filled):
    """Rewriting a payload together with its payload hash and record hash still breaks the next link."""
    from api import audit

    server, _ = filled
    db = server.database()
    with db.reading() as s:
        from api.models import AuditRecord

        rec = s.get(AuditRecord, 3)
        payload = rec.payload.replace("permissible", "must_refuse")
        ph = audit.sha256(payload)
        h = audit.link_hash(rec.prev_hash, rec.seq, rec.at, rec.kind, rec.subject, rec.actor, rec.org, ph)
    _tamper_sqlite(db, "SELECT 1")
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET payload=:p, payload_hash=:ph, hash=:h WHERE seq=3"),
                     {"p": payload, "ph": ph, "h": h})
    db.dispose()
    out = server.comity("audit", "verify")
    assert out.returncode == 1 and "record 4" in out.stderr


def test_postgres_refuses_to_change_audit_records(pg_api):
    with pg_api.client("case_system") as c:
        assert c.post("/v1/assessments", json=example()).status_code == 200
    db = pg_api.database()
    with pytest.raises(DatabaseError, match="append-only"):
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE audit_log SET payload = '{}'"))
    db.dispose()


def test_free_text_can_be_stored_as_a_hash(tmp_path):
    server = Server(data_dir=str(tmp_path), env={"COMITY_AUDIT_HASH_FREE_TEXT": "1"}).start()
    try:
        secret = "Payments to the minister's cousin via account LU12 3456"
        req = example()
        req["offence"]["description"] = secret
        with server.client("case_system") as c:
            a = c.post("/v1/assessments", json=req).json()
            replay = c.post(f"/v1/assessments/{a['assessment_id']}/replay").json()
            assert replay["changed"] is False
    finally:
        server.stop()
    db = server.database()
    with db.engine.connect() as conn:
        payloads = [row[0] for row in conn.exec_driver_sql("SELECT payload FROM audit_log WHERE kind='assessment'")]
    db.dispose()
    stored = json.loads(payloads[0])["request"]
    assert secret not in payloads[0]
    from api.audit import sha256

    assert stored["offence"]["description"] == "sha256:" + sha256(secret)
    assert stored["facts"] == req["facts"]
