"""Ruleset diff: two versions of the rule base run on the same requests (the scenario suite, or a
grid of pairs × measures × offences); every request whose outcome changed, with the old and new
decision and the rules responsible. This is how a drafter sees the effect of an amendment.

An outcome is the decision, the operative legal basis, the dual-criminality status and the grounds
that apply or may apply. The rules responsible are those that hold in one version only, and those
that hold in either and whose text changed.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Optional

from pydantic import ValidationError

from engine.assess.models import AssistanceRequest
from engine.model.printer import decl
from engine.report import cases, legend
from engine.report.base import new_report, rule_links
from engine.report.model import Cell, Column, ReportData, Table
from engine.report.outcome import Outcome, evaluate
from engine.report.runner import run_all

FIELDS = ("decision", "primary_basis", "dc_status", "grounds")
COLUMNS = [
    Column(key="request", label="Request"), Column(key="requesting", label="Requesting"),
    Column(key="requested", label="Requested"), Column(key="measure", label="Measure"),
    Column(key="old", label="Old decision"), Column(key="new", label="New decision"),
    Column(key="changed", label="What changed"), Column(key="rules", label="Rules responsible"),
]
RULE_COLUMNS = [Column(key="rule", label="Rule"), Column(key="change", label="Change"),
                Column(key="source", label="Source")]


def rule_changes(old_rb, new_rb) -> dict[str, str]:
    """rule id -> added | removed | modified."""
    out = {}
    for rid in sorted(set(old_rb.rules) | set(new_rb.rules)):
        a, b = old_rb.rules.get(rid), new_rb.rules.get(rid)
        if a is None:
            out[rid] = "added"
        elif b is None:
            out[rid] = "removed"
        elif decl(a) != decl(b):
            out[rid] = "modified"
    return out


def scenario_requests(paths=None) -> tuple[list[tuple[str, AssistanceRequest]], list[str]]:
    from engine.scenarios import load_scenarios

    out, skipped = [], []
    for sc in load_scenarios(paths or ["jurisdictions", "tests/scenarios"]):
        try:
            out.append((sc.name, AssistanceRequest.model_validate(sc.request)))
        except ValidationError:
            skipped.append(sc.name)
    return out, skipped


def grid_requests(engine, states=None, measures=None, offence=None, as_of: Optional[date] = None,
                  facts="ordinary", penalty_years=cases.DEFAULT_PENALTY_YEARS) -> list[tuple[str, AssistanceRequest]]:
    rb = engine.rb
    states = cases.pick(states, rb.jurisdictions, "jurisdiction")
    measures = cases.pick(measures, rb.names("measure"), "measure")
    categories = cases.pick(offence, rb.categories, "offence category", [cases.DEFAULT_OFFENCE])
    assumed, contents = cases.assumptions(rb, facts)
    out = []
    for cat in categories:
        for m in measures:
            for a in states:
                for b in states:
                    if a != b:
                        req = cases.request(a, b, m, [cat], as_of or date.today(), assumed, penalty_years, contents)
                        out.append((f"{a}→{b} {m} {cat}", req))
    return out


def changed_fields(old: Outcome, new: Outcome) -> list[str]:
    return [f for f in FIELDS if getattr(old, f) != getattr(new, f)]


def build(engine, old=None, new=None, requests: str = "scenarios", scenarios=None, states=None, measures=None,
          offence=None, as_of: Optional[date] = None, facts="ordinary",
          penalty_years: Optional[float] = cases.DEFAULT_PENALTY_YEARS, workers: Optional[int] = None,
          generated_at: Optional[datetime] = None, old_label: Optional[str] = None,
          new_label: Optional[str] = None, **_ignored) -> ReportData:
    """`old`/`new`: an Engine, a directory or a git revision; defaults: HEAD and `engine`."""
    from engine.report.versions import load_version

    old_spec, new_spec = old if old is not None else "HEAD", new if new is not None else engine
    old_e = old_spec if hasattr(old_spec, "rb") else load_version(str(old_spec))
    new_e = new_spec if hasattr(new_spec, "rb") else load_version(str(new_spec))
    old_label = old_label or (str(old_spec) if isinstance(old_spec, str) else f"ruleset {old_e.digest}")
    new_label = new_label or (str(new_spec) if isinstance(new_spec, str) else f"ruleset {new_e.digest}")
    skipped: list[str] = []
    if requests == "grid":
        reqs = grid_requests(new_e, states, measures, offence, as_of, facts, penalty_years)
    elif requests == "scenarios":
        reqs, skipped = scenario_requests(scenarios)
    else:
        raise ValueError(f"unknown request set `{requests}`: use scenarios or grid")
    olds = run_all(old_e, evaluate, [r for _, r in reqs], workers)
    news = run_all(new_e, evaluate, [r for _, r in reqs], workers)
    changes = rule_changes(old_e.rb, new_e.rb)
    report = new_report(new_e, "diff", "Ruleset diff",
                        f"The same {len(reqs)} requests run on two versions of the rule base: {old_label} (old) "
                        f"and {new_label} (new). Only requests whose outcome changed are listed.",
                        as_of, generated_at,
                        {"old": old_label, "new": new_label, "old_digest": old_e.digest, "new_digest": new_e.digest,
                         "requests": requests, "requests_run": len(reqs), "skipped_invalid": skipped})
    report.legend = legend.entries(*legend.DECISIONS, "changed")
    rows, records, moves = [], [], Counter()
    for (name, _), o, n in zip(reqs, olds, news):
        what = changed_fields(o, n)
        if not what:
            continue
        responsible = sorted((set(o.rules_applied) ^ set(n.rules_applied))
                             | {r for r in set(o.rules_applied) | set(n.rules_applied) if changes.get(r)})
        moves[(o.decision, n.decision)] += 1
        rb_for = new_e.rb
        rows.append({
            "request": Cell(text=name), "requesting": Cell(text=n.requesting_state),
            "requested": Cell(text=n.requested_state), "measure": Cell(text=n.measure),
            "old": Cell(text=legend.label(o.decision), status=o.decision if o.decision in legend.DECISIONS else None,
                        note=o.error),
            "new": Cell(text=legend.label(n.decision), status=n.decision if n.decision in legend.DECISIONS else None,
                        note=n.error),
            "changed": Cell(text="; ".join(_describe(f, o, n) for f in what), status="changed"),
            "rules": Cell(text="" if responsible else "none found",
                          links=rule_links(rb_for, [r for r in responsible if r in rb_for.rules])
                          + rule_links(old_e.rb, [r for r in responsible if r not in rb_for.rules])),
        })
        records.append({"request": name, "requesting": n.requesting_state, "requested": n.requested_state,
                        "measure": n.measure, "offence": n.categories,
                        "old": {f: getattr(o, f) for f in FIELDS}, "new": {f: getattr(n, f) for f in FIELDS},
                        "changed": what, "rules_responsible": responsible,
                        "rule_changes": {r: changes[r] for r in responsible if r in changes}})
    rows_rules = [{"rule": Cell(text=rid), "change": Cell(text=kind, status={"added": "added", "removed": "removed"}
                                                          .get(kind, "changed")),
                   "source": Cell(links=rule_links(new_e.rb if kind != "removed" else old_e.rb, [rid]))}
                  for rid, kind in changes.items()]
    report.tables = [Table(id="diff", title="Requests whose outcome changed", columns=COLUMNS, rows=rows),
                     Table(id="rule-changes", title="Rules added, removed or modified", columns=RULE_COLUMNS,
                           rows=rows_rules)]
    report.records = records
    report.summary = [f"{len(records)} of {len(reqs)} request(s) changed outcome; {len(changes)} rule(s) added, "
                      f"removed or modified."]
    report.summary += [f"{legend.label(a)} → {legend.label(b)}: {k}" for (a, b), k in sorted(moves.items())]
    if skipped:
        report.summary.append(f"{len(skipped)} scenario(s) skipped: their request is not valid.")
    return report


def _describe(field: str, o: Outcome, n: Outcome) -> str:
    a, b = getattr(o, field), getattr(n, field)
    if field == "grounds":
        keys = sorted(set(a) | set(b))
        parts = [f"{k}: {a.get(k, 'not applicable')} → {b.get(k, 'not applicable')}" for k in keys
                 if a.get(k) != b.get(k)]
        return "grounds " + ", ".join(parts)
    name = {"decision": "decision", "primary_basis": "legal basis", "dc_status": "dual criminality"}[field]
    return f"{name} {a or 'none'} → {b or 'none'}"
