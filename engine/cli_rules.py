"""`comity check`, `comity fmt`, `comity status`: commands for drafters."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from engine.diagnostics.render import render_json, render_text
from engine.loader import default_paths, load


def register(app: typer.Typer) -> None:
    @app.command()
    def check(
        paths: Optional[List[str]] = typer.Argument(None, help="Files or directories (default: rules/ and jurisdictions/)"),
        format: str = typer.Option("text", "--format", help="text or json"),
        strict: bool = typer.Option(False, "--strict", help="Also list every unverified source"),
    ) -> None:
        """Check rule files: exit 0 when clean, 1 when there are errors."""
        rb, diags = load(paths or default_paths(), strict=strict)
        if format == "json":
            typer.echo(render_json(diags))
        else:
            if diags:
                typer.echo(render_text(diags, limit=200))
            errors = len(diags.errors)
            warnings = len(diags) - errors
            typer.echo(f"{len(rb.sources)} files, {len(rb.rules)} rules, {len(rb.instruments)} instruments, "
                       f"{len(rb.jurisdictions)} jurisdictions: {errors} errors, {warnings} warnings",
                       err=bool(errors))
        raise typer.Exit(1 if diags.errors else 0)

    @app.command()
    def fmt(
        paths: List[str] = typer.Argument(..., help="Rule files to print in canonical layout"),
        write: bool = typer.Option(False, "--write", help="Rewrite the files in place"),
    ) -> None:
        """Print rule files in canonical layout (the same printer the round-trip tests use)."""
        from engine.loader import parse_sources
        from engine.model.printer import print_module

        failed = False
        for p in paths:
            text = Path(p).read_text(encoding="utf-8")
            rb, diags = parse_sources({p: text})
            if diags.errors:
                typer.echo(render_text(diags), err=True)
                failed = True
                continue
            out = print_module(rb.modules[0])
            if write:
                Path(p).write_text(out, encoding="utf-8")
            else:
                typer.echo(out, nl=False)
        raise typer.Exit(1 if failed else 0)

    @app.command()
    def status(
        paths: Optional[List[str]] = typer.Argument(None),
        format: str = typer.Option("text", "--format", help="text, markdown or json"),
    ) -> None:
        """Coverage of the rule base: rules per instrument and jurisdiction, share verified, known gaps."""
        from engine.status import coverage, render_status

        rb, diags = load(paths or default_paths())
        typer.echo(render_status(coverage(rb), format))
        raise typer.Exit(1 if diags.errors else 0)
