"""Inline SVG plots: drawn here, so the HTML needs no script library and no network."""
from __future__ import annotations

from html import escape

from engine.report import legend

LETTER = {"permissible": "P", "may_refuse": "D", "must_refuse": "R", "undetermined": "U", "error": "!"}


def heat_map(states: list[str], cells: dict, size: int = 0) -> str:
    """A requesting × requested grid of decisions: colour and a letter per cell, a tooltip with the
    basis. `cells` maps (requesting, requested) to an Outcome."""
    n = len(states)
    size = size or (22 if n <= 40 else 12 if n <= 120 else 8)
    margin = 34
    width = margin + n * size + 2
    font = max(6, size - 10)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" role="img" width="{width}" '
           f'height="{width}" viewBox="0 0 {width} {width}" font-family="sans-serif">',
           "<title>Decision by requesting state (rows) and requested state (columns)</title>"]
    if size >= 12:
        for i, s in enumerate(states):
            x = margin + i * size + size / 2
            out.append(f'<text x="{x:.1f}" y="{margin - 6}" font-size="10" text-anchor="middle">{escape(s)}</text>')
            out.append(f'<text x="{margin - 4}" y="{margin + i * size + size / 2 + 3:.1f}" font-size="10" '
                       f'text-anchor="end">{escape(s)}</text>')
    index = {s: i for i, s in enumerate(states)}
    for (a, b), o in sorted(cells.items()):
        x, y = margin + index[b] * size, margin + index[a] * size
        d = o.decision
        tip = f"{a} → {b}: {legend.label(d)}; basis {o.primary_basis or 'none'}; dual criminality {o.dc_status}"
        out.append(f'<g class="cell" data-decision="{d}"><title>{escape(tip)}</title>'
                   f'<rect x="{x}" y="{y}" width="{size - 1}" height="{size - 1}" fill="{legend.colour(d)}" '
                   f'stroke="#555" stroke-width="0.3"/>')
        if size >= 12:
            out.append(f'<text x="{x + (size - 1) / 2:.1f}" y="{y + size / 2 + font / 3:.1f}" font-size="{font}" '
                       f'text-anchor="middle">{LETTER.get(d, "?")}</text>')
        out.append("</g>")
    for i in range(n):  # the diagonal: a state does not request itself
        x = y = margin + i * size
        out.append(f'<rect x="{x}" y="{y}" width="{size - 1}" height="{size - 1}" fill="#ffffff" stroke="#999" '
                   f'stroke-width="0.3"/>')
    out.append("</svg>")
    return "\n".join(out)


def bar_chart(items: list[tuple[str, float, str]], unit: str = "") -> str:
    """Horizontal bars: (label, value, status) → one bar each, value printed at its end."""
    if not items:
        return ""
    top = max(v for _, v, _ in items) or 1
    row, label_w, bar_w = 18, 260, 360
    h = row * len(items) + 8
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="bars" role="img" width="{label_w + bar_w + 80}" '
           f'height="{h}" font-family="sans-serif" font-size="11">']
    for i, (lab, v, status) in enumerate(items):
        y = 4 + i * row
        w = max(1.0, bar_w * v / top)
        out.append(f'<text x="{label_w - 6}" y="{y + 12}" text-anchor="end">{escape(lab)}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row - 5}" fill="{legend.colour(status)}" '
                   f'stroke="#555" stroke-width="0.4"><title>{escape(lab)}: {v:g} {escape(unit)}</title></rect>')
        out.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 12}">{v:g} {escape(unit)}</text>')
    out.append("</svg>")
    return "\n".join(out)
