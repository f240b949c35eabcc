"""`comity serve`, `comity keys create|list|revoke`, `comity audit verify`."""
from __future__ import annotations

from typing import Optional

import typer

from api.settings import Settings


def _db():
    from api.db import Database

    db = Database(Settings.from_env())
    db.migrate()
    return db


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
        port: int = typer.Option(8000, "--port"),
        workers: int = typer.Option(1, "--workers", min=1, help="worker processes"),
        log_level: str = typer.Option("warning", "--log-level"),
    ) -> None:
        """Run the HTTP API (uvicorn). Configuration: COMITY_DATA_DIR, COMITY_DATABASE_URL, COMITY_RULES."""
        from api.serve import run

        settings = Settings.from_env()
        _db().dispose()  # migrate once here, before the workers start
        typer.echo(f"comity: serving on http://{host}:{port} ({workers} worker(s), "
                   f"database {settings.database_url.split('@')[-1]})", err=True)
        run(host, port, workers, log_level)

    keys_app = typer.Typer(help="API keys: create (printed once), list, revoke.", no_args_is_help=True)
    audit_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)
    app.add_typer(keys_app, name="keys")
    app.add_typer(audit_app, name="audit")

    @keys_app.command("create")
    def keys_create(
        role: str = typer.Option(..., "--role", help="case_system, reviewer, drafter or admin"),
        org: Optional[str] = typer.Option(None, "--org", help="organisation; its keys share their decisions"),
        label: Optional[str] = typer.Option(None, "--label"),
    ) -> None:
        """Create a key and print it once; only its hash is stored."""
        from api import keys

        if role not in keys.ROLES:
            typer.echo(f"error: unknown role `{role}`; one of {', '.join(keys.ROLES)}", err=True)
            raise typer.Exit(2)
        db = _db()
        key, row = keys.create(db, role, org, label, actor="cli")
        db.dispose()
        typer.echo(key)
        typer.echo(f"key id {row.id}, role {row.role}" + (f", organisation {row.org}" if row.org else "")
                   + " — store the key now; it cannot be shown again", err=True)

    @keys_app.command("list")
    def keys_list() -> None:
        """List keys (id, role, organisation, created, revoked); never the secrets."""
        from api import keys

        db = _db()
        for k in keys.list_keys(db):
            state = f"revoked {k.revoked_at:%Y-%m-%d}" if k.revoked_at else "active"
            typer.echo(f"{k.id}  {k.role:12} {k.org or '-':20} {k.created_at:%Y-%m-%d %H:%M}  {state}"
                       + (f"  {k.label}" if k.label else ""))
        db.dispose()

    @keys_app.command("revoke")
    def keys_revoke(key_id: str = typer.Argument(..., help="the key id shown by `comity keys list`")) -> None:
        """Revoke a key; running servers stop accepting it within COMITY_KEY_CACHE_SECONDS."""
        from api import keys

        db = _db()
        row = keys.revoke(db, key_id, actor="cli")
        db.dispose()
        if row is None:
            typer.echo(f"error: no key `{key_id}`", err=True)
            raise typer.Exit(1)
        typer.echo(f"revoked {key_id}")

    @audit_app.command("verify")
    def audit_verify() -> None:
        """Check the audit chain; exit 1 at the first broken link."""
        from api import audit

        db = _db()
        with db.reading() as s:
            v = audit.verify(s)
        db.dispose()
        if v.ok:
            typer.echo(f"ok: {v.records} records, head {v.head_hash}")
            return
        typer.echo(f"BROKEN at record {v.first_bad_seq}: {v.reason} ({v.records} records verified before it)",
                   err=True)
        raise typer.Exit(1)
