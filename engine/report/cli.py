"""`comity compare KIND`: harmonization reports (definitions, coverage, gaps, deadlines, diff)."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import List, Optional

import typer


def _facts(values: List[str], none: bool):
    if none:
        return None
    if not values:
        return "ordinary"
    out = {}
    for v in values:
        name, _, raw = v.partition("=")
        low = raw.strip().lower()
        if low in ("true", "false"):
            out[name.strip()] = low == "true"
        else:
            try:
                out[name.strip()] = float(raw)
            except ValueError:
                raise typer.BadParameter(f"`{v}`: give NAME=true, NAME=false or NAME=NUMBER", param_hint="--fact")
    return out


def register(app: typer.Typer) -> None:
    @app.command()
    def compare(
        kind: str = typer.Argument(..., help="definitions, coverage, gaps, deadlines or diff"),
        format: Optional[str] = typer.Option(None, "--format", help="html, md, csv or json (default: from -o, else md)"),
        output: Optional[Path] = typer.Option(None, "-o", "--output", help="write to this file"),
        state: List[str] = typer.Option([], "--state", help="a jurisdiction (repeat; default: all)"),
        measure: List[str] = typer.Option([], "--measure", help="a measure (repeat; coverage default: freezing)"),
        offence: List[str] = typer.Option([], "--offence", help="an offence category (repeat)"),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="date of the law, YYYY-MM-DD (default: today)"),
        penalty: float = typer.Option(5.0, "--penalty", help="maximum penalty in the requesting state, in years"),
        fact: List[str] = typer.Option([], "--fact", help="NAME=true|false|NUMBER instead of the ordinary case"),
        no_assumptions: bool = typer.Option(False, "--no-assumptions", help="leave every fact unknown"),
        old: Optional[str] = typer.Option(None, "--old", help="diff: old version, a directory or git revision "
                                                              "(default HEAD)"),
        new: Optional[str] = typer.Option(None, "--new", help="diff: new version (default: the working rule base)"),
        requests: str = typer.Option("scenarios", "--requests", help="diff: scenarios or grid"),
        rules: List[str] = typer.Option([], "--rules", help="rule files or folders (default: rules, jurisdictions)"),
        workers: Optional[int] = typer.Option(None, "--workers", help="processes (default: one per core)"),
    ) -> None:
        """Harmonization reports: definitions matrix, cooperation coverage, dual-criminality gaps,
        deadlines comparison, ruleset diff."""
        from engine.assess.engine import Engine, RuleBaseError
        from engine.diagnostics.render import render_text
        from engine.report import FORMATS, KINDS, build, render

        if kind not in KINDS:
            raise typer.BadParameter(f"`{kind}`: use one of {', '.join(KINDS)}", param_hint="KIND")
        fmt = format or (output.suffix.lstrip(".").lower() if output and output.suffix else "md")
        fmt = {"markdown": "md", "htm": "html"}.get(fmt, fmt)
        if fmt not in FORMATS:
            raise typer.BadParameter(f"`{fmt}`: use one of {', '.join(FORMATS)}", param_hint="--format")
        try:
            day = date.fromisoformat(as_of) if as_of else None
        except ValueError:
            raise typer.BadParameter(f"`{as_of}` is not a date; write it as 2026-01-31", param_hint="--as-of")
        try:
            engine = Engine.load(rules or None, backend="reference")
        except RuleBaseError as exc:
            typer.echo(render_text(exc.diagnostics), err=True)
            raise typer.Exit(1)
        options = dict(states=state or None, measures=measure or None, offence=offence or None, as_of=day,
                       penalty_years=penalty, facts=_facts(fact, no_assumptions), workers=workers)
        if kind == "diff":
            options.update(old=old, new=new, requests=requests)
        try:
            data = build(kind, engine, **options)
        except RuleBaseError as exc:
            typer.echo(render_text(exc.diagnostics), err=True)
            raise typer.Exit(1)
        except ValueError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2)
        content, _ = render(data, fmt)
        if output:
            output.write_text(content, encoding="utf-8")
            typer.echo(f"{output}: {data.title}, {sum(len(t.rows) for t in data.tables)} rows ({fmt})", err=True)
        else:
            typer.echo(content, nl=False)
