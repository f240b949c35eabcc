"""`comity assess`, `comity explain`, `comity vocab`, `comity scenarios`."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer
from pydantic import ValidationError

from engine.assess.facts import RequestError
from engine.assess.models import AssistanceRequest


def _engine(backend: str):
    from engine.assess.engine import Engine, RuleBaseError
    from engine.diagnostics.render import render_text

    try:
        return Engine.load(None, backend=backend)
    except RuleBaseError as exc:
        typer.echo(render_text(exc.diagnostics), err=True)
        raise typer.Exit(1)


def _request(path: str) -> AssistanceRequest:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        return AssistanceRequest.model_validate_json(text)
    except OSError as exc:
        typer.echo(f"error: cannot read {path}: {exc.strerror}", err=True)
    except ValidationError as exc:
        for e in exc.errors():
            field = ".".join(str(x) for x in e["loc"]) or "(request)"
            typer.echo(f"error: {path}: field `{field}`: {e['msg']}", err=True)
    raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    @app.command()
    def assess(
        request: str = typer.Argument(..., help="Request JSON file (or - for standard input)"),
        format: str = typer.Option("text", "--format", help="text or json"),
        backend: str = typer.Option(os.environ.get("COMITY_BACKEND", "pydatalog"), "--backend",
                                     help="pydatalog or reference (default: $COMITY_BACKEND or pydatalog)"),
    ) -> None:
        """Assess a request: decision, legal bases, grounds, contents, deadlines, conditions, questions, reasons."""
        req = _request(request)
        engine = _engine(backend)
        try:
            a = engine.assess(req)
        except RequestError as exc:
            typer.echo(f"error: field `{exc.field}`: {exc}" + (f" ({exc.suggestions[0]})" if exc.suggestions else ""),
                       err=True)
            raise typer.Exit(2)
        if format == "json":
            typer.echo(a.model_dump_json(indent=2))
        else:
            from engine.assess.render_text import render_assessment
            typer.echo(render_assessment(a))

    @app.command()
    def explain(
        request: str = typer.Argument(..., help="Request JSON file"),
        backend: str = typer.Option(os.environ.get("COMITY_BACKEND", "pydatalog"), "--backend"),
        format: str = typer.Option("text", "--format", help="text or json"),
    ) -> None:
        """Print only the proof tree of an assessment."""
        req = _request(request)
        engine = _engine(backend)
        try:
            a = engine.assess(req, questions=False)
        except RequestError as exc:
            typer.echo(f"error: field `{exc.field}`: {exc}", err=True)
            raise typer.Exit(2)
        typer.echo(json.dumps([n.model_dump() for n in a.explanation], indent=2) if format == "json"
                   else a.explanation_text)

    @app.command()
    def vocab(kind: Optional[str] = typer.Argument(None, help="measure, category, fact, item, event, ground, ...")) -> None:
        """List the vocabulary: measures, offence categories, facts, data items, events, grounds."""
        from engine.loader import load

        rb, _ = load()
        kinds = ["measure", "category", "element", "fact", "item", "event", "ground", "obligation", "channel",
                 "capability"]
        for k in ([kind] if kind else kinds):
            typer.echo(f"{k}s:")
            if k == "category":
                for c in sorted(rb.categories.values(), key=lambda c: c.id.name):
                    typer.echo(f"  {c.id.name:40} {c.label}")
                continue
            for t in sorted(rb.terms.get(k, {}).values(), key=lambda t: t.id.name):
                extra = {True: " [coercive]", False: " [non-coercive]"}.get(t.coercive, "") if k == "measure" else \
                    (f" [{t.fact_type}]" if k == "fact" else "")
                typer.echo(f"  {t.id.name:40} {t.label}{extra}")

    @app.command()
    def scenarios(
        paths: Optional[List[str]] = typer.Argument(None, help="Scenario files or folders (default: all)"),
        backend: str = typer.Option(os.environ.get("COMITY_BACKEND", "pydatalog"), "--backend"),
    ) -> None:
        """Run scenario files and report every difference from the expected answers."""
        from engine.scenarios import load_scenarios, run

        engine = _engine(backend)
        found = load_scenarios(paths or ["jurisdictions", "tests/scenarios"])
        failed = 0
        for sc in found:
            problems = run(engine, sc)
            if problems:
                failed += 1
                typer.echo(f"FAIL {sc.name}\n     {sc.file}")
                for p in problems:
                    typer.echo(f"     - {p}")
        typer.echo(f"{len(found) - failed} passed, {failed} failed")
        raise typer.Exit(1 if failed else 0)
