"""Proof tree of an assessment. Each node is a conclusion, the rule that produced it (with its
citation) and its premises: facts given in the request, rule-base facts, conclusions of other
rules, and absences for negated conditions. Built from the evaluated answer set: the conjunct of
the rule's conditions that fired, instantiated against the request."""
from __future__ import annotations

from engine.assess.answers import cached
from engine.assess.models import ProofNode
from engine.compile.ir import Cmp, Lit

SAY = {
    "req_measure": "the measure requested is {0}", "req_category": "the offence is of category {0}",
    "req_from": "the requesting state is {0}", "req_to": "the requested state is {0}",
    "req_stage": "the proceedings are at the {0} stage", "req_conduct": "the conduct includes {0}",
    "req_invoked": "the requesting state invokes {0}", "req_event": "the event `{0}` has occurred",
    "req_content": "the request contains {0}", "contents_known": "the request's contents are given",
    "from_binds": "the requesting state is bound by {0}", "to_binds": "the requested state is bound by {0}",
    "offence_in_list": "the offence is in list {0}", "measure_coercive": "the measure is coercive",
    "candidate": "{0} binds both states and covers the request",
}


def _instrument_of(pred: str, rb) -> str:
    """`applies_c__eu_2014_41` -> `EU-2014-41`."""
    key = pred.split("__", 1)[1]
    by_key = cached(rb, "_instrument_by_pred_key", lambda: {i.lower().replace("-", "_"): i for i in rb.instruments})
    return by_key.get(key, key)


def _atom_text(lit: Lit, rb) -> tuple[str, str]:
    pred, args = lit.atom.pred, [getattr(a, "value", getattr(a, "name", "?")) for a in lit.atom.args]
    neg = lit.negated
    if pred.startswith(("applies_c__", "applies_p__")):
        inst = _instrument_of(pred, rb)
        return (f"{inst} {'does not apply' if neg else 'applies'}", "derived")
    if pred.startswith(("eff_c__", "eff_p__")):
        inst = _instrument_of(pred, rb)
        return (f"{inst} is in effect for this request", "derived")
    if pred.startswith("exh_other_"):
        return ("no other instrument with exhaustive grounds is the operative basis", "absent")
    base = pred.rsplit("_", 1)[0] if pred.endswith(("_c", "_p")) else pred
    if pred.startswith("is_true_") or pred.startswith("is_false_"):
        val = "true" if pred.startswith("is_true") else "false"
        return f"{args[0]} is {val}", "given"
    if pred.startswith("applies_"):
        return (f"{args[0]} {'does not apply' if neg else 'applies'}", "derived")
    if pred.startswith("h_"):
        rid = pred.split("__", 1)[1]
        return (f"exception `{rid}` does not hold" if neg else f"rule `{rid}` holds", "absent" if neg else "derived")
    if pred.startswith("rep_"):
        return (f"precedence `{pred.split('__', 1)[1]}` does not displace this provision", "absent")
    if base in ("dc_required", "dc_satisfied", "dc_exempt"):
        word = base.split("_", 1)[1]
        return (f"dual criminality is {'not ' if neg else ''}{word}", "derived")
    if base == "ground":
        return (f"ground {args[0]} {'does not apply' if neg else 'applies'}", "derived")
    if base == "provides":
        return (f"the requested state {'does not provide' if neg else 'provides'} {args[0]}", "derived")
    if pred in SAY:
        text = SAY[pred].format(*args)
        return ((("not: " + text) if neg else text), "absent" if neg else "given")
    if pred == "rule_valid":
        return ("the rule is in force on the date of the law", "rule_base")
    if pred in ("req_num", "req_penalty", "req_day"):
        return ("", "given")
    return (("no " if neg else "") + f"{pred}({', '.join(map(str, args))})", "absent" if neg else "derived")


def rule_node(engine, rid: str, mode: str, ans, depth: int = 0, seen: frozenset = frozenset()) -> ProofNode:
    rb = engine.rb
    rule = rb.rules[rid]
    concl = describe_conclusion(rule)
    node = ProofNode(conclusion=concl + ("" if mode == "c" else " (depending on facts not given)"), rule=rid,
                     citation=rule.citation.text if rule.citation else None)
    fired = ans.fired(rid, mode)
    if not fired or depth > 4:
        return node
    k = fired[0].split("#")[1]
    clause = engine.compiled.clause_by_head().get(f"f_{mode}__{rid}__{k}")
    if clause is None:
        return node
    for item in clause.body:
        if isinstance(item, Cmp):
            continue
        text, kind = _atom_text(item, engine.rb)
        if not text:
            continue
        if item.atom.pred.startswith("h_") and not item.negated:
            sub = item.atom.pred.split("__", 1)[1]
            if sub not in seen:
                node.premises.append(rule_node(engine, sub, mode, ans, depth + 1, seen | {rid}))
                continue
        node.premises.append(ProofNode(conclusion=text, kind=kind))
    return node


def describe_conclusion(rule) -> str:
    c = rule.conclusion
    if c is None:
        return "defeats " + ", ".join(e.name for e in rule.exception_to)
    names = ", ".join(r.name for r in c.refs)
    return {
        "may_refuse": f"the requested state may refuse: {names}",
        "must_refuse": f"the requested state must refuse: {names}",
        "shall_not_refuse": f"the requested state shall not refuse on the ground: {names}",
        "dc_required": "dual criminality is required", "dc_not_required": "dual criminality is not required",
        "dc_exempt": "dual criminality is not checked (exempt)",
        "must_contain": f"the request must contain: {names}",
        "accepted_languages": f"the request must be in one of: {names}",
        "accepted_channels": f"the request must be sent through one of: {names}",
        "subject_to": f"the assistance is subject to: {names}",
        "does_not_apply": f"{rule.under.name if rule.under else 'the instrument'} does not apply",
        "establishes": f"{names} is established", "provides": f"the law provides {names}",
        "deadline": f"deadline {names}: {c.label or ''}",
    }[c.kind]


def explain(engine, req, ans, decision, bases, grounds, dc) -> list[ProofNode]:
    rb = engine.rb
    root = ProofNode(conclusion=f"decision: {decision.replace('_', ' ')}")
    for b in bases:
        if b.applicable is not False:
            root.premises.append(ProofNode(conclusion=f"{b.instrument} {'applies' if b.applicable else 'may apply'}"
                                           + (" (primary basis)" if b.primary else ""), kind="derived",
                                           citation=b.citations[0].text if b.citations else None,
                                           premises=[ProofNode(conclusion=r, kind="rule_base") for r in b.reasons]))
    if not any(b.applicable is not False for b in bases):
        root.premises.append(ProofNode(conclusion="no instrument binds both states and no domestic law of the "
                                       "requested state is encoded as a basis", kind="absent"))
    for g in grounds:
        if g.status in ("applies", "unknown", "excluded"):
            gn = ProofNode(conclusion=f"ground {g.id}: {g.status.replace('_', ' ')}"
                           + (" (mandatory)" if g.mandatory else ""), kind="derived")
            for rid in g.rules:
                gn.premises.append(rule_node(engine, rid, "c" if ans.holds(rid) else "p", ans))
            for rid in g.excluded_by:
                gn.premises.append(rule_node(engine, rid, "c" if ans.holds(rid) else "p", ans))
            root.premises.append(gn)
    dcn = ProofNode(conclusion=f"dual criminality: {dc.status.replace('_', ' ')}", kind="derived",
                    premises=[ProofNode(conclusion=r, kind="rule_base") for r in dc.reasons])
    root.premises.append(dcn)
    others = ProofNode(conclusion="other rules that apply", kind="derived")
    listed = {rid for g in grounds for rid in g.rules + g.excluded_by}
    for rid in sorted(ans.get("h", "c")):
        r = rb.rules[rid]
        if rid in listed or (r.conclusion and r.conclusion.kind in ("may_refuse", "must_refuse", "shall_not_refuse")):
            continue
        others.premises.append(rule_node(engine, rid, "c", ans))
    if others.premises:
        root.premises.append(others)
    return [root]


def render(nodes: list[ProofNode], indent: int = 0) -> str:
    lines: list[str] = []
    for n in nodes:
        tail = []
        if n.rule:
            tail.append(f"rule {n.rule}")
        if n.citation:
            tail.append(n.citation)
        if n.kind in ("given", "absent", "rule_base") and not n.rule:
            tail.append(n.kind.replace("_", " "))
        lines.append("  " * indent + "- " + n.conclusion + (f"  [{'; '.join(tail)}]" if tail else ""))
        if n.premises:
            lines.append(render(n.premises, indent + 1))
    return "\n".join(l for l in lines if l)
