"""ReportData -> HTML (Jinja2 templates in templates/), Markdown, CSV or JSON. Renderers keep the
order the builders chose; a cell is its text followed by its citations."""
from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from engine.report.model import Cell, ReportData

FORMATS = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8",
           "csv": "text/csv; charset=utf-8", "json": "application/json"}
TEMPLATES = Path(__file__).resolve().parent / "templates"


def cell_text(c: Cell) -> str:
    links = "; ".join(l.text + (" [unverified]" if l.unverified else "") for l in c.links)
    return " ".join(x for x in (c.text, f"[{links}]" if links and c.text else links) if x)


def render(data: ReportData, fmt: str = "html") -> tuple[str, str]:
    """(content, media type)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format `{fmt}`: use one of {', '.join(FORMATS)}")
    return {"html": to_html, "md": to_markdown, "csv": to_csv, "json": to_json}[fmt](data), FORMATS[fmt]


def to_json(data: ReportData) -> str:
    return json.dumps(data.model_dump(mode="json", exclude={"tables", "plots"}), indent=2, ensure_ascii=False) + "\n"


def to_csv(data: ReportData) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    many = len(data.tables) > 1
    for i, t in enumerate(data.tables):
        if i:
            w.writerow([])
        w.writerow((["table"] if many else []) + [c.label for c in t.columns])
        for row in t.rows:
            w.writerow(([t.id] if many else []) + [cell_text(row.get(c.key, Cell())) for c in t.columns])
    return buf.getvalue()


def _md(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def to_markdown(data: ReportData) -> str:
    out = [f"# {data.title}", "", data.description, "",
           f"- ruleset digest: `{data.ruleset_digest}`", f"- law as of: {data.as_of.isoformat()}",
           f"- generated: {data.generated_at.isoformat()}"]
    for k, v in data.parameters.items():
        out.append(f"- {k.replace('_', ' ')}: {_param(v)}")
    if data.summary:
        out += ["", "## Summary", ""] + [f"- {s}" for s in data.summary]
    if data.legend:
        out += ["", "## Legend", "", "| status | meaning |", "|---|---|"]
        out += [f"| {_md(e.label)} | {_md(e.meaning)} |" for e in data.legend]
    for t in data.tables:
        out += ["", f"## {_md(t.title)}", ""]
        if t.caption:
            out += [t.caption, ""]
        out.append("| " + " | ".join(_md(c.label) for c in t.columns) + " |")
        out.append("|" + "---|" * len(t.columns))
        for row in t.rows:
            out.append("| " + " | ".join(_md(cell_text(row.get(c.key, Cell()))) for c in t.columns) + " |")
        if not t.rows:
            out.append("| " + " | ".join("—" if i == 0 else "" for i in range(len(t.columns))) + " |")
    if data.plots:
        out += ["", "_Plots: " + "; ".join(p.title for p in data.plots) + " (see the HTML report)._"]
    return "\n".join(out) + "\n"


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["j2", "html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["param"] = _param
    env.filters["statuses"] = lambda t: sorted({c.status for row in t.rows for c in row.values() if c.status})
    return env


def _param(v) -> str:
    if isinstance(v, dict):
        return ", ".join(f"{a}={b}" for a, b in v.items()) or "none"
    if isinstance(v, list):
        return ", ".join(map(str, v)) or "none"
    return str(v)


def to_html(data: ReportData) -> str:
    return _env().get_template("report.html.j2").render(r=data)
