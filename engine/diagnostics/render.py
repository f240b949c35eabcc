"""Render diagnostics for people (file:line:col, source line, caret) and as JSON."""
from __future__ import annotations

import json
from typing import Callable, Iterable, Optional

from engine.diagnostics.diagnostic import Diagnostic

SourceLookup = Callable[[str], Optional[str]]


def _read(path: str) -> Optional[str]:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except (OSError, UnicodeDecodeError):
        return None


def render_text(diags: Iterable[Diagnostic], sources: SourceLookup = _read, limit: int = 50) -> str:
    diags = list(diags)
    out: list[str] = []
    for d in diags[:limit]:
        out.append(_render_one(d, sources))
    if len(diags) > limit:
        out.append(f"... and {len(diags) - limit} more")
    return "\n".join(out)


def _render_one(d: Diagnostic, sources: SourceLookup) -> str:
    lines = [f"{d.severity.value}[{d.code}]: {d.message}"]
    s = d.span
    if s is not None:
        lines.append(f"  --> {s.file}:{s.line}:{s.col}")
        text = sources(s.file)
        src_lines = text.splitlines() if text is not None else []
        if 0 < s.line <= len(src_lines):
            src = src_lines[s.line - 1].expandtabs(1)
            gutter = " " * len(str(s.line))
            width = (s.end_col - s.col) if s.end_line == s.line and s.end_col > s.col else 1
            width = max(1, min(width, max(1, len(src) - s.col + 1)))
            caret = " " * (s.col - 1) + "^" * width
            lines.append(f"{gutter} |")
            lines.append(f"{s.line} | {src}")
            lines.append(f"{gutter} | {caret}" + (f" {d.label}" if d.label else ""))
    if d.expected:
        lines.append(f"   = expected: {d.expected}")
    if d.law:
        lines.append(f"   = law: {d.law}")
    for n in d.notes:
        lines.append(f"   = note: {n}")
    for sug in d.suggestions:
        lines.append(f"   = help: {sug}")
    return "\n".join(lines) + "\n"


def render_json(diags: Iterable[Diagnostic]) -> str:
    return json.dumps([d.model_dump(mode="json") for d in diags], indent=2)
