"""Deadlines comparison: for each instrument and state, the fixed and soft deadlines, the measures
they apply to, and how they are counted (unit, starting event, extension, counting convention).

Read from the deadline rules of the rule base. The measures a rule applies to are found by
evaluating its conditions with only the measure known (three-valued: a condition on anything else
is unknown, so the rule may apply), within the measures its instrument covers.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Optional

from engine.assess.deadlines import counting_of
from engine.model import ast
from engine.model.printer import cond as print_cond
from engine.report import legend
from engine.report.base import new_report
from engine.report.model import Cell, Column, Plot, ReportData, Table, cite, link_dicts
from engine.report.svg import bar_chart

DAYS = {"hours": Decimal(1) / 24, "calendar_days": 1, "working_days": Decimal(7) / 5, "weeks": 7,
        "months": Decimal("30.44"), "years": Decimal("365.25")}
COLUMNS = [
    Column(key="instrument", label="Instrument"), Column(key="state", label="State"),
    Column(key="deadline", label="Deadline"), Column(key="kind", label="Kind"),
    Column(key="period", label="Period"), Column(key="counting", label="Counting"),
    Column(key="event", label="From"), Column(key="extension", label="Extendable by"),
    Column(key="convention", label="Counting convention"), Column(key="measures", label="Measures"),
    Column(key="conditions", label="Other conditions"), Column(key="source", label="Source"),
]


def _kleene(c, measure: str, coercive: Optional[bool]) -> Optional[bool]:
    if isinstance(c, ast.Atom):
        if c.kind == "measure_is":
            return measure in {r.name for r in c.refs}
        if c.kind == "measure_coercive":
            return coercive
        if c.kind == "measure_non_coercive":
            return None if coercive is None else not coercive
        return None
    if isinstance(c, ast.Not):
        v = _kleene(c.item, measure, coercive)
        return None if v is None else not v
    vals = [_kleene(i, measure, coercive) for i in c.items]
    if isinstance(c, ast.All):
        return False if False in vals else (None if None in vals else True)
    return True if True in vals else (None if None in vals else False)


def measures_of(rb, rule: ast.Rule) -> list[str]:
    inst = rb.instruments.get(rule.under.name) if rule.under else None
    scope = {m.name for m in inst.measures} if inst and inst.measures is not None else set(rb.names("measure"))
    out = []
    for m in rb.names("measure"):
        if m not in scope:
            continue
        term = rb.term("measure", m)
        co = term.coercive if term else None
        if all(_kleene(c, m, co) is not False for c in rule.when) and \
                not any(_kleene(c, m, co) is True for c in rule.unless):
            out.append(m)
    return out


def _amount(d: ast.Duration) -> str:
    n = d.amount.normalize()
    unit = d.unit.replace("_", " ")
    return f"{n:f} {unit[:-1] if n == 1 else unit}"


def build(engine, states=None, instruments=None, as_of: Optional[date] = None,
          generated_at: Optional[datetime] = None, **_ignored) -> ReportData:
    rb = engine.rb
    all_measures = rb.names("measure")
    rows, records, bars = [], [], []
    for r in sorted(rb.rules.values(), key=lambda r: ((r.under.name if r.under else ""), r.id.name)):
        c = r.conclusion
        if c is None or c.kind != "deadline":
            continue
        inst = rb.instruments.get(r.under.name) if r.under else None
        iid = inst.id.name if inst else "-"
        state = inst.of.name if inst and inst.of else None
        if instruments and iid not in instruments:
            continue
        if states and state not in states and not (state is None and _any_party(rb, iid, states)):
            continue
        spec = c.deadline
        ms = measures_of(rb, r)
        conds = [print_cond(x) for x in r.when] + [f"unless {print_cond(x)}" for x in r.unless]
        period = _amount(spec.duration) if spec.duration else spec.wording.replace("_", " ")
        counting = counting_of(spec.duration.unit) if spec.duration else None
        convention = inst.counting.name if inst and inst.counting else None
        measures_text = "all" if ms == all_measures else (", ".join(ms) or "none")
        days = float(spec.duration.amount * DAYS[spec.duration.unit]) if spec.duration else None
        rows.append({
            "instrument": Cell(text=iid), "state": Cell(text=state or f"parties to {iid}"),
            "deadline": Cell(text=f"{c.refs[0].name}: {c.label or ''}".rstrip(": ")),
            "kind": Cell(text=spec.kind, status=spec.kind),
            "period": Cell(text=period, sort=days if days is not None else 1e9),
            "counting": Cell(text=(counting or "—").replace("_", " ")),
            "event": Cell(text=spec.event.name if spec.event else "—"),
            "extension": Cell(text=_amount(spec.extension) if spec.extension else "—"),
            "convention": Cell(text=convention or ("not encoded" if spec.kind == "fixed" else "—")),
            "measures": Cell(text=measures_text), "conditions": Cell(text="; ".join(conds) or "none"),
            "source": Cell(links=cite(r)),
        })
        records.append({"instrument": iid, "state": state, "rule": r.id.name, "deadline": c.refs[0].name,
                        "label": c.label, "kind": spec.kind,
                        "duration": {"amount": str(spec.duration.amount.normalize()), "unit": spec.duration.unit}
                        if spec.duration else None, "wording": spec.wording if spec.kind == "soft" else None,
                        "counting": counting, "event": spec.event.name if spec.event else None,
                        "extendable_by": {"amount": str(spec.extension.amount.normalize()),
                                          "unit": spec.extension.unit} if spec.extension else None,
                        "counting_convention": convention, "measures": ms, "conditions": conds,
                        "citations": link_dicts(cite(r))})
        if days is not None:
            bars.append((f"{iid} {c.refs[0].name}", round(days, 1), "fixed"))
    report = new_report(engine, "deadlines", "Deadlines comparison",
                        "Fixed and soft deadlines by instrument and state, with the measures they apply to and "
                        "their counting rules.", as_of, generated_at,
                        {"states": sorted(states) if states else "all", "instruments": sorted(instruments)
                         if instruments else "all"})
    report.legend = legend.entries("fixed", "soft")
    report.tables = [Table(id="deadlines", title="Deadlines", columns=COLUMNS, rows=rows,
                           caption="Period and counting as encoded; due dates are computed per request on the "
                                   "requested state's calendar (comity assess).")]
    report.records = records
    fixed = sum(1 for x in records if x["kind"] == "fixed")
    report.summary = [f"{len(records)} deadline rule(s): {fixed} fixed, {len(records) - fixed} soft, across "
                      f"{len({x['instrument'] for x in records})} instrument(s)."]
    if bars:
        report.plots = [Plot(title="Fixed deadlines, in days", svg=bar_chart(sorted(bars, key=lambda b: (b[1], b[0])),
                                                                            "days"),
                             caption="Approximate length in calendar days (a working day counted as 7/5 of a day, "
                                     "a month as 30.44 days), for comparison only.")]
    return report


def _any_party(rb, iid: str, states) -> bool:
    return any(p.state.name in states for p in rb.parties_of(iid))
