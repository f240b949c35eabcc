"""`comity status`: the honest coverage map of the rule base: per instrument and jurisdiction,
the number of statements, the share verified, and what is known to be missing."""
from __future__ import annotations

import json

from engine.model import ast
from engine.rulebase import RuleBase

EXPECTED_JURISDICTION_PARTS = {
    "offence definitions": lambda rb, s: any(o.state.name == s for o in rb.offences.values()),
    "treaty status": lambda rb, s: any(p.state.name == s for p in rb.parties),
    "domestic procedure": lambda rb, s: any(i.of and i.of.name == s and rb.rules_under(i.id.name)
                                            for i in rb.instruments.values()),
}


def _national(inst) -> bool:
    return bool(inst and inst.kind in ("domestic", "statute") and inst.of)


def _owner(rb: RuleBase, decl) -> str:
    if isinstance(decl, ast.Rule) and decl.under:
        inst = rb.instruments.get(decl.under.name)
        if _national(inst):
            return inst.of.name
        return decl.under.name
    if isinstance(decl, ast.Party):
        return decl.state.name
    if isinstance(decl, ast.Offence):
        return decl.state.name
    if isinstance(decl, ast.Jurisdiction):
        return decl.code.name
    if isinstance(decl, ast.Instrument):
        return decl.of.name if _national(decl) else decl.id.name
    if isinstance(decl, ast.Precedence):
        ps = decl.replaced.instrument.name if decl.replaced else (decl.yielding.name if decl.yielding else "")
        inst = rb.instruments.get(ps)
        return inst.of.name if _national(inst) else ps
    return ""


def coverage(rb: RuleBase) -> list[dict]:
    rows: dict[str, dict] = {}
    for decl in rb.all_declarations():
        if not isinstance(decl, (ast.Rule, ast.Party, ast.Offence, ast.Jurisdiction, ast.Instrument, ast.Precedence)):
            continue
        owner = _owner(rb, decl)
        if not owner:
            continue
        kind = "jurisdiction" if owner in rb.jurisdictions or len(owner) == 2 else "instrument"
        row = rows.setdefault(owner, {"id": owner, "kind": kind, "statements": 0, "rules": 0, "verified": 0,
                                      "rules_verified": 0, "unverified": []})
        row["statements"] += 1
        row.setdefault("gaps", []).extend(decl.gaps)
        is_rule = isinstance(decl, ast.Rule)
        row["rules"] += is_rule
        if decl.sources and not decl.unverified:
            row["verified"] += 1
            row["rules_verified"] += is_rule
        else:
            name = getattr(getattr(decl, "id", None), "name", None) or getattr(getattr(decl, "state", None), "name", "")
            row["unverified"].append(f"{type(decl).__name__.lower()} {name}".strip())
    for iid, inst in rb.instruments.items():
        if not _national(inst):
            rows.setdefault(iid, {"id": iid, "kind": "instrument", "statements": 0, "rules": 0, "verified": 0,
                                  "rules_verified": 0, "unverified": []})
    out = []
    for row in sorted(rows.values(), key=lambda r: (r["kind"], r["id"])):
        row["share_verified"] = round(100 * row["verified"] / row["statements"]) if row["statements"] else 0
        row["rules_share_verified"] = round(100 * row["rules_verified"] / row["rules"]) if row["rules"] else None
        missing = []
        if row["kind"] == "jurisdiction":
            missing = [part for part, present in EXPECTED_JURISDICTION_PARTS.items() if not present(rb, row["id"])]
        elif row["rules"] == 0:
            missing.append("no rules")
        if row["kind"] == "jurisdiction" and row["id"] not in rb.jurisdictions:
            missing = ["party records only (not an encoded jurisdiction)"]
        row["missing"] = missing + row.pop("gaps", [])
        out.append(row)
    return out


def render_status(rows: list[dict], fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(rows, indent=2)
    head = ["id", "kind", "rules", "rules verified %", "statements", "statements verified %", "known gaps"]
    lines = []
    if fmt == "markdown":
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "---|" * len(head))
        for r in rows:
            rv = "—" if r["rules_share_verified"] is None else r["rules_share_verified"]
            lines.append(f"| {r['id']} | {r['kind']} | {r['rules']} | {rv} | {r['statements']} | "
                         f"{r['share_verified']} | {_gap_summary(r) or '—'} |")
        details = [(r["id"], r["missing"]) for r in rows if len(r["missing"]) > 1]
        if details:
            lines += ["", "Known gaps:", ""]
            for rid, gaps in details:
                lines += [f"- **{rid}**"] + [f"  - {g}" for g in gaps]
        return "\n".join(lines)
    lines.append(f"{'id':14} {'kind':12} {'rules':>6} {'rules ver%':>10} {'statements':>10} {'stmts ver%':>10}  "
                 "known gaps")
    for r in rows:
        rv = "-" if r["rules_share_verified"] is None else r["rules_share_verified"]
        lines.append(f"{r['id']:14} {r['kind']:12} {r['rules']:>6} {rv:>10} {r['statements']:>10} "
                     f"{r['share_verified']:>10}  {_gap_summary(r) or '-'}")
    details = [(r["id"], r["missing"]) for r in rows if len(r["missing"]) > 1]
    if details:
        lines += ["", "Known gaps:"]
        for rid, gaps in details:
            lines += [f"  {rid}"] + [f"    - {g}" for g in gaps]
    return "\n".join(lines)


def _gap_summary(row: dict) -> str:
    """One gap in full; several are counted here and listed under the table."""
    gaps = row["missing"]
    return gaps[0] if len(gaps) == 1 else (f"{len(gaps)} (listed below)" if gaps else "")
