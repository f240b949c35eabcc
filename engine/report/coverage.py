"""Cooperation coverage matrix: for every ordered pair of states, each measure and the chosen
offence, the legal basis that applies (or none), whether dual criminality is required, and the
engine's decision, with the rules that decide it."""
from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Iterable, Optional

from engine.report import cases, legend
from engine.report.base import instrument_link, new_report, rule_links, yes_no
from engine.report.model import Cell, Column, Plot, ReportData, Table
from engine.report.outcome import Outcome, evaluate
from engine.report.runner import run_all
from engine.report.svg import heat_map

COLUMNS = [
    Column(key="requesting", label="Requesting"), Column(key="requested", label="Requested"),
    Column(key="measure", label="Measure"), Column(key="offence", label="Offence"),
    Column(key="basis", label="Legal basis", help="the operative instrument; none: no legal basis"),
    Column(key="other_bases", label="Alternative bases"),
    Column(key="dc_required", label="Dual criminality required"),
    Column(key="dc_status", label="Dual criminality"),
    Column(key="decision", label="Decision"),
    Column(key="grounds", label="Grounds (applies / unknown)"),
    Column(key="rules", label="Deciding rules"),
]


def grid(engine, states: Optional[Iterable[str]] = None, measures: Optional[Iterable[str]] = None,
         offence: Optional[Iterable[str]] = None, as_of: Optional[date] = None, facts="ordinary",
         penalty_years: Optional[float] = cases.DEFAULT_PENALTY_YEARS, workers: Optional[int] = None
         ) -> tuple[dict, list[Outcome]]:
    """Every ordered pair × measure through the engine; returns the parameters used and the outcomes."""
    rb = engine.rb
    states = cases.pick(states, rb.jurisdictions, "jurisdiction")
    measures = cases.pick(measures, rb.names("measure"), "measure", [cases.DEFAULT_MEASURE])
    categories = cases.pick(offence, rb.categories, "offence category", [cases.DEFAULT_OFFENCE])
    as_of = as_of or date.today()
    assumed, contents = cases.assumptions(rb, facts)
    reqs = [cases.request(a, b, m, categories, as_of, assumed, penalty_years, contents)
            for m in measures for a in states for b in states if a != b]
    params = {"states": states, "measures": measures, "offence": categories, "max_penalty_years": penalty_years,
              "assumed_facts": assumed,
              "request_complete": contents is not None}
    return params, run_all(engine, evaluate, reqs, workers)


def build(engine, states=None, measures=None, offence=None, as_of: Optional[date] = None, facts="ordinary",
          penalty_years: Optional[float] = cases.DEFAULT_PENALTY_YEARS, workers: Optional[int] = None,
          generated_at: Optional[datetime] = None, plot: bool = True, **_ignored) -> ReportData:
    rb = engine.rb
    as_of = as_of or date.today()
    params, outcomes = grid(engine, states, measures, offence, as_of, facts, penalty_years, workers)
    report = new_report(engine, "coverage", "Cooperation coverage matrix",
                        "For every ordered pair of states: the legal basis that applies, whether dual criminality "
                        "is required, and the decision for the chosen offence, computed by the engine on the "
                        "assumed facts.", as_of, generated_at, params)
    report.legend = legend.entries(*legend.DECISIONS, "no_basis", "dc_required", "dc_not_required", "dc_unknown")
    rows, records = [], []
    for o in outcomes:
        rows.append(_row(rb, o))
        records.append(record(o))
    report.tables = [Table(id="coverage", title="Coverage by pair", caption=_caption(params), columns=COLUMNS,
                           rows=rows)]
    report.records = records
    report.summary = summary(outcomes, params)
    if plot:
        for m in params["measures"]:
            sub = [o for o in outcomes if o.measure == m]
            report.plots.append(Plot(
                title=f"Decisions for {m}",
                caption="Rows: requesting state; columns: requested state. Each cell shows the decision as a "
                        "letter (P permissible, D discretion / may refuse, R must refuse, U undetermined) and a "
                        "colour; hover for the legal basis.",
                svg=heat_map(params["states"], {(o.requesting_state, o.requested_state): o for o in sub})))
    return report


def record(o: Outcome) -> dict:
    return {"requesting": o.requesting_state, "requested": o.requested_state, "measure": o.measure,
            "offence": o.categories, "legal_basis": o.primary_basis, "alternative_bases": o.applicable[1:]
            if o.primary_basis else o.applicable, "possibly_applicable": o.possibly_applicable,
            "dual_criminality_required": o.dc_required, "dual_criminality": o.dc_status, "decision": o.decision,
            "grounds": o.grounds, "ground_rules": o.ground_rules, "dual_criminality_rules": o.dc_rules,
            **({"error": o.error} if o.error else {})}


def summary(outcomes: list[Outcome], params: dict) -> list[str]:
    n = len(outcomes)
    by = Counter(o.decision for o in outcomes)
    no_basis = sum(1 for o in outcomes if not o.primary_basis)
    dc = sum(1 for o in outcomes if o.dc_required)
    out = [f"{n} requests: {len(params['states'])} states, {len(params['states']) * (len(params['states']) - 1)} "
           f"ordered pairs, {len(params['measures'])} measure(s), offence {', '.join(params['offence'])}.",
           "Decisions: " + ", ".join(f"{legend.label(d)} {by.get(d, 0)}" for d in legend.DECISIONS) + "."]
    out.append(f"No legal basis: {no_basis} pair(s); dual criminality required: {dc}.")
    if by.get("error"):
        out.append(f"Rejected requests: {by['error']}.")
    return out


def _caption(params: dict) -> str:
    return (f"Offence: {', '.join(params['offence'])}; maximum penalty in the requesting state "
            f"{params['max_penalty_years']} years; measures: {', '.join(params['measures'])}.")


def _row(rb, o: Outcome) -> dict:
    basis = Cell(text=o.primary_basis or "none", status=None if o.primary_basis else "no_basis",
                 links=instrument_link(rb, o.primary_basis))
    others = [i for i in o.applicable if i != o.primary_basis] + [f"{i}?" for i in o.possibly_applicable]
    dc_key = {True: "dc_required", False: "dc_not_required", None: "dc_unknown"}[o.dc_required]
    grounds = "; ".join(f"{g} ({s})" for g, s in sorted(o.grounds.items()))
    deciding = sorted({r for rs in o.ground_rules.values() for r in rs} | set(o.dc_rules))
    return {
        "requesting": Cell(text=o.requesting_state), "requested": Cell(text=o.requested_state),
        "measure": Cell(text=o.measure), "offence": Cell(text=", ".join(o.categories)),
        "basis": basis, "other_bases": Cell(text=", ".join(others)),
        "dc_required": Cell(text=yes_no(o.dc_required), status=dc_key),
        "dc_status": Cell(text=o.dc_status.replace("_", " ")),
        "decision": Cell(text=legend.label(o.decision), status=o.decision if o.decision in legend.DECISIONS else None,
                         note=o.error),
        "grounds": Cell(text=grounds or "none"),
        "rules": Cell(links=rule_links(rb, deciding)),
    }
