"""Scenario files (YAML): a legal case in, the expected answer out. Used by pytest and
`comity scenarios`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

from engine.assess.models import Assessment, AssistanceRequest


@dataclass
class Scenario:
    name: str
    file: str
    request: dict
    expect: dict


def scenario_files(paths: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(sorted(x for x in path.rglob("*.yaml") if "scenarios" in x.parts))
        elif path.suffix in (".yaml", ".yml"):
            out.append(path)
    return out


def load_scenarios(paths: Iterable[str]) -> list[Scenario]:
    out = []
    for f in scenario_files(paths):
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        items = data.get("scenarios", [data]) if isinstance(data, dict) else data
        for item in items:
            out.append(Scenario(name=str(item.get("name", f.stem)), file=str(f), request=item.get("request", {}),
                                expect=item.get("expect", {}) or {}))
    return out


def compare(a: Assessment, expect: dict[str, Any]) -> list[str]:
    """Differences between an assessment and the expectation, as sentences (empty: it matches)."""
    bad: list[str] = []
    if "decision" in expect and a.decision != expect["decision"]:
        bad.append(f"decision: expected {expect['decision']}, got {a.decision}")
    if "primary_basis" in expect and a.primary_basis != expect["primary_basis"]:
        bad.append(f"primary basis: expected {expect['primary_basis']}, got {a.primary_basis}")
    applicable = {b.instrument for b in a.legal_bases if b.applicable}
    for i in expect.get("applicable", []) or []:
        if i not in applicable:
            bad.append(f"{i} should apply; applicable: {sorted(applicable)}")
    for i in expect.get("not_applicable", []) or []:
        if i in applicable:
            bad.append(f"{i} should not apply")
    if "dual_criminality" in expect and a.dual_criminality.status != expect["dual_criminality"]:
        bad.append(f"dual criminality: expected {expect['dual_criminality']}, got {a.dual_criminality.status}")
    grounds = {g.id: g.status for g in a.refusal_grounds}
    for gid, status in (expect.get("grounds") or {}).items():
        got = grounds.get(gid, "not_applicable")
        if got != status:
            bad.append(f"ground {gid}: expected {status}, got {got}")
    cited = {c.text for item in a.required_contents for c in item.citations}
    for c in expect.get("contents_cited", []) or []:
        if c not in cited:
            bad.append(f"contents should cite {c}; cited: {sorted(cited)}")
    if "missing_contents" in expect:
        missing = sorted(i.id for i in a.required_contents if i.provided is False)
        if missing != sorted(expect["missing_contents"] or []):
            bad.append(f"missing contents: expected {sorted(expect['missing_contents'] or [])}, got {missing}")
    dls = {d.id: d for d in a.deadlines}
    for did, due in (expect.get("deadlines") or {}).items():
        d = dls.get(did)
        if d is None:
            bad.append(f"deadline {did} missing; deadlines: {sorted(dls)}")
        elif due == "soft":
            if d.kind != "soft":
                bad.append(f"deadline {did} should be soft")
        else:
            got = d.due_at.isoformat() if d.due_at else None
            want = str(due)
            if got is None or (got != want if "T" in want else got[:10] != want):
                bad.append(f"deadline {did}: expected {want}, got {got}")
    conds = {c.id for c in a.conditions}
    for c in expect.get("conditions", []) or []:
        if c not in conds:
            bad.append(f"condition {c} missing; conditions: {sorted(conds)}")
    qs = {q.fact for q in a.questions}
    for q in expect.get("questions", []) or []:
        if q not in qs:
            bad.append(f"question {q} not asked; asked: {sorted(qs)}")
    for r in expect.get("rules", []) or []:
        if r not in a.rules_applied:
            bad.append(f"rule {r} should hold")
    return bad


def run(engine, sc: Scenario) -> list[str]:
    from engine.assess.facts import RequestError

    try:
        req = AssistanceRequest.model_validate(sc.request)
        return compare(engine.assess(req), sc.expect)
    except RequestError as exc:
        return [f"request rejected: {exc.field}: {exc}"]
    except ValueError as exc:
        return [f"invalid request: {exc}"]
