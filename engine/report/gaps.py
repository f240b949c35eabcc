"""Dual-criminality gaps: for each chosen offence category, every ordered pair and measure where the
requested state would refuse, or may refuse, because the conduct is not an offence there; with the
rules that decide it.

Only requested states where no offence covers the category's conduct can fail dual criminality
(docs/language.md: it is satisfied when some offence of the requested state has all its elements in
the conduct), so only their pairs are put to the engine; the tests check this against running every
pair.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Optional

from engine.report import cases, legend
from engine.report.base import instrument_link, new_report, rule_links
from engine.report.definitions import covers
from engine.report.model import Cell, Column, Plot, ReportData, Table
from engine.report.outcome import Outcome, evaluate
from engine.report.runner import run_all
from engine.report.svg import bar_chart

GROUND = "no_dual_criminality"
DEFAULT_OFFENCE = "trading_in_influence"  # optional under UNCAC art. 18, so the classic source of gaps
COLUMNS = [
    Column(key="offence", label="Offence"), Column(key="requesting", label="Requesting"),
    Column(key="requested", label="Requested"), Column(key="measure", label="Measure"),
    Column(key="effect", label="Effect", help="refused: a mandatory rule; discretion: an optional one"),
    Column(key="decision", label="Decision"), Column(key="basis", label="Legal basis"),
    Column(key="rules", label="Deciding rules"),
]


def candidates(rb, states: list[str], category: str) -> list[str]:
    conduct = {e.name for e in rb.categories[category].elements}
    return [s for s in states if not any(covers(o, conduct) for o in rb.offences_of(s))]


def effect(o: Outcome) -> Optional[str]:
    """refused | discretion | unknown when the absence of dual criminality counts; else None."""
    status = o.grounds.get(GROUND)
    if status is None or o.dc_status == "satisfied":
        return None
    if status == "unknown":
        return "unknown"
    return "refused" if GROUND in o.mandatory_grounds else "discretion"


def build(engine, offence=None, states=None, measures=None, as_of: Optional[date] = None, facts="ordinary",
          penalty_years: Optional[float] = cases.DEFAULT_PENALTY_YEARS, workers: Optional[int] = None,
          generated_at: Optional[datetime] = None, prefilter: bool = True, **_ignored) -> ReportData:
    rb = engine.rb
    categories = cases.pick(offence, rb.categories, "offence category", [DEFAULT_OFFENCE])
    states = cases.pick(states, rb.jurisdictions, "jurisdiction")
    measures = cases.pick(measures, rb.names("measure"), "measure")
    as_of = as_of or date.today()
    assumed, contents = cases.assumptions(rb, facts)
    reqs = []
    for cat in categories:
        targets = candidates(rb, states, cat) if prefilter else states
        reqs += [cases.request(a, b, m, [cat], as_of, assumed, penalty_years, contents)
                 for b in targets for a in states if a != b for m in measures]
    outcomes = run_all(engine, evaluate, reqs, workers)
    report = new_report(engine, "gaps", "Dual-criminality gaps",
                        "Every ordered pair and measure where assistance would be refused, or left to the requested "
                        "state's discretion, because the conduct is not an offence in the requested state.",
                        as_of, generated_at, {"offence": categories, "states": states, "measures": measures,
                                              "max_penalty_years": penalty_years, "assumed_facts": assumed,
                                              "request_complete": contents is not None})
    report.legend = legend.entries(*legend.DECISIONS, "no_basis")
    gaps = [(o, effect(o)) for o in outcomes]
    gaps = sorted([(o, e) for o, e in gaps if e], key=lambda x: (x[0].categories, x[0].requested_state,
                                                                 x[0].requesting_state, x[0].measure))
    rows, records = [], []
    for o, eff in gaps:
        deciding = sorted(set(o.ground_rules.get(GROUND, [])) | set(o.dc_rules))
        rows.append({
            "offence": Cell(text=o.categories[0]), "requesting": Cell(text=o.requesting_state),
            "requested": Cell(text=o.requested_state), "measure": Cell(text=o.measure),
            "effect": Cell(text=eff, status={"refused": "must_refuse", "discretion": "may_refuse"}.get(eff,
                                                                                                  "undetermined")),
            "decision": Cell(text=legend.label(o.decision), status=o.decision),
            "basis": Cell(text=o.primary_basis or "none", status=None if o.primary_basis else "no_basis",
                          links=instrument_link(rb, o.primary_basis)),
            "rules": Cell(links=rule_links(rb, deciding)),
        })
        records.append({"offence": o.categories[0], "requesting": o.requesting_state,
                        "requested": o.requested_state, "measure": o.measure, "effect": eff,
                        "decision": o.decision, "legal_basis": o.primary_basis, "rules": deciding})
    report.tables = [Table(id="gaps", title="Pairs where dual criminality fails", columns=COLUMNS, rows=rows,
                           caption="Requests whose conduct is the category's elements; other facts as assumed.")]
    report.records = records
    by_effect = Counter(e for _, e in gaps)
    report.summary = [f"{len(gaps)} gap(s): " + ", ".join(f"{k} {by_effect.get(k, 0)}"
                                                          for k in ("refused", "discretion", "unknown")) + ".",
                      f"{len(outcomes)} requests put to the engine over {len(categories)} categor"
                      f"{'y' if len(categories) == 1 else 'ies'} and {len(measures)} measure(s)."]
    for cat in categories:
        missing = candidates(rb, states, cat)
        if missing:
            report.summary.append(f"{cat}: not an offence in {', '.join(missing)}.")
    per_state = Counter(o.requested_state for o, _ in gaps)
    if per_state:
        report.plots = [Plot(title="Gaps by requested state",
                             caption="Number of (requesting state, measure, offence) combinations refused or left "
                                     "to discretion for want of dual criminality.",
                             svg=bar_chart([(s, float(n), "may_refuse") for s, n in sorted(per_state.items())],
                                           "gaps"))]
    return report
