"""API keys, append-only audit log, stored decisions, published rule sets.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("org", sa.String(100)),
        sa.Column("label", sa.String(200)),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("revoked_at", TZ),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("subject", sa.String(64)),
        sa.Column("actor", sa.String(32)),
        sa.Column("org", sa.String(100)),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("payload_hash", sa.String(64), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_index("ix_audit_log_subject", "audit_log", ["subject"])
    op.create_table(
        "assessments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("audit_seq", sa.BigInteger, sa.ForeignKey("audit_log.seq"), nullable=False, unique=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("key_id", sa.String(32)),
        sa.Column("org", sa.String(100)),
        sa.Column("requesting_state", sa.String(2), nullable=False),
        sa.Column("requested_state", sa.String(2), nullable=False),
        sa.Column("measure", sa.String(100), nullable=False),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("ruleset_digest", sa.String(64), nullable=False),
        sa.Column("backend", sa.String(20), nullable=False),
    )
    op.create_index("ix_assessments_created_at", "assessments", ["created_at"])
    op.create_index("ix_assessments_key_id", "assessments", ["key_id"])
    op.create_index("ix_assessments_org", "assessments", ["org"])
    op.create_table(
        "rulesets",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("sources", sa.Text, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("created_by", sa.String(32)),
    )
    op.create_table(
        "active_ruleset",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("digest", sa.String(64), sa.ForeignKey("rulesets.digest"), nullable=False),
        sa.Column("activated_at", TZ, nullable=False),
        sa.Column("activated_by", sa.String(32)),
    )
    # The database itself refuses to change or delete an audit record.
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
    else:
        op.execute("CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$")
        op.execute("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
                   "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    for table in ("active_ruleset", "rulesets", "assessments", "audit_log", "api_keys"):
        op.drop_table(table)
