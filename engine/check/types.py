"""Facts are used with their declared type."""
from __future__ import annotations

from engine.check.walk import rule_atoms
from engine.diagnostics import Diagnostics
from engine.rulebase import RuleBase


def run(rb: RuleBase, diags: Diagnostics) -> None:
    facts = rb.terms.get("fact", {})
    for rule in rb.rules.values():
        for atom in rule_atoms(rule):
            if atom.kind not in ("fact_true", "fact_false", "fact_compare"):
                continue
            fact = facts.get(atom.refs[0].name)
            if fact is None:
                continue
            want = ("boolean",) if atom.kind != "fact_compare" else ("number", "date")
            if fact.fact_type not in want:
                how = "compared with a number" if atom.kind == "fact_compare" else "used as a condition on its own"
                diags.error("T301", f"`{fact.id.name}` is a {fact.fact_type} fact and cannot be {how}",
                            atom.span, label=f"declared {fact.fact_type} at {fact.span}",
                            law=str(rule.citation) if rule.citation else None,
                            suggestions=(("compare it, e.g. `%s >= 10000`" % fact.id.name)
                                         if fact.fact_type == "number" else
                                         "use a boolean fact here, or declare this one boolean",))
        for c in rule.conclusions:
            if c.kind == "establishes":
                fact = facts.get(c.refs[0].name)
                if fact is not None and fact.fact_type != "boolean":
                    diags.error("T301", f"`{fact.id.name}` is a {fact.fact_type} fact; a rule can only establish "
                                "boolean facts", c.refs[0].span)
