"""Dates exist and come in order."""
from __future__ import annotations

from engine.diagnostics import Diagnostics
from engine.rulebase import RuleBase


def run(rb: RuleBase, diags: Diagnostics) -> None:
    for rule in rb.rules.values():
        if rule.valid_from and rule.valid_until and rule.valid_until <= rule.valid_from:
            diags.error("T303", f"rule `{rule.id.name}` is valid from {rule.valid_from} until {rule.valid_until}: "
                        "the range is empty", rule.id.span,
                        suggestions=("`until` is the first day the rule no longer applies; it must be after `from`",))
    for p in rb.parties:
        chain = [("signed", p.signed), ("ratified", p.ratified or p.acceded), ("in force", p.in_force)]
        known = [(n, d) for n, d in chain if d]
        for (n1, d1), (n2, d2) in zip(known, known[1:]):
            if d2 < d1:
                diags.error("T307", f"{p.state.name} / {p.instrument.name}: {n2} {d2} is before {n1} {d1}", p.span,
                            suggestions=("check the dates against the depositary's record",))
        if p.withdrawn and p.in_force and p.withdrawn <= p.in_force:
            diags.error("T307", f"{p.state.name} / {p.instrument.name}: withdrawn {p.withdrawn} before entry into "
                        f"force {p.in_force}", p.span)
        if p.ratified and p.acceded:
            diags.error("T307", f"{p.state.name} / {p.instrument.name}: a state either ratifies or accedes, not both",
                        p.span, suggestions=("keep `ratified` or `acceded`",))
        inst = rb.instruments.get(p.instrument.name)
        if inst and inst.in_force and p.in_force and p.in_force < inst.in_force:
            diags.error("T307", f"{p.state.name} cannot be bound by {inst.id.name} from {p.in_force}, before the "
                        f"instrument itself entered into force ({inst.in_force})", p.span)
