"""Every name used is declared, and of the kind the place requires ("did you mean" otherwise)."""
from __future__ import annotations

from engine.check.suggest import did_you_mean
from engine.check.walk import rule_atoms
from engine.diagnostics import Diagnostics
from engine.model import ast
from engine.rulebase import RuleBase

STAGES = ("investigation", "prosecution", "trial", "post_conviction")
TERM_KINDS = ("measure", "element", "fact", "item", "event", "ground", "obligation", "channel", "capability")

ATOM_KINDS = {
    "fact_true": "fact", "fact_false": "fact", "fact_compare": "fact", "measure_is": "measure",
    "offence_is": "category", "offence_in_list": "list", "conduct_includes": "element",
    "stage_is": "stage", "requesting_bound": "instrument", "requested_bound": "instrument",
    "both_bound": "instrument", "invoked_is": "instrument", "ground_applies": "ground",
    "request_contains": "item", "event_occurred": "event", "requested_provides": "capability",
    "instrument_applies": "instrument",
}
CONCLUSION_KINDS = {
    "may_refuse": "ground", "must_refuse": "ground", "shall_not_refuse": "ground", "must_contain": "item",
    "accepted_channels": "channel", "subject_to": "obligation", "establishes": "fact",
    "provides": "capability",
}
WORDS = {"category": "offence category", "list": "offence list", "stage": "procedural stage"}


class Resolver:
    def __init__(self, rb: RuleBase, diags: Diagnostics):
        self.rb = rb
        self.diags = diags
        self.namespaces = {k: rb.terms.get(k, {}) for k in TERM_KINDS}
        self.namespaces.update({
            "category": rb.categories, "list": rb.lists, "instrument": rb.instruments,
            "jurisdiction": rb.jurisdictions, "rule": rb.rules, "stage": {s: None for s in STAGES},
        })

    def need(self, ref: ast.Ref | None, kind: str, law: str | None = None) -> None:
        if ref is None or ref.name in self.namespaces[kind]:
            return
        word = WORDS.get(kind, kind)
        for other, table in self.namespaces.items():
            if other != kind and ref.name in table and other != "stage":
                self.diags.error("R203", f"`{ref.name}` is a {WORDS.get(other, other)}, not a {word}", ref.span,
                                 label=f"a {word} is needed here", law=law,
                                 suggestions=did_you_mean(ref.name, self.namespaces[kind]))
                return
        code = {"instrument": "R204", "jurisdiction": "R205", "rule": "R206"}.get(kind, "R201")
        self.diags.error(code, f"unknown {word} `{ref.name}`", ref.span, label=f"no {word} of this name",
                         law=law, suggestions=did_you_mean(ref.name, self.namespaces[kind])
                         or ("declare it, e.g. in rules/vocabulary.rules",) if kind in TERM_KINDS else
                         did_you_mean(ref.name, self.namespaces[kind]))

    def many(self, refs, kind: str, law: str | None = None) -> None:
        for r in refs or ():
            self.need(r, kind, law)


def run(rb: RuleBase, diags: Diagnostics) -> None:
    r = Resolver(rb, diags)
    for c in rb.categories.values():
        r.many(c.elements, "element")
    for lst in rb.lists.values():
        r.many(lst.members, "category")
    for i in rb.instruments.values():
        r.many(i.measures, "measure")
        r.many(i.offences, "category")
        r.need(i.of, "jurisdiction")
        r.need(i.counting, "instrument")
        r.need(i.supplements, "instrument")
    for p in rb.parties:
        if p.instrument.name not in rb.instruments:
            diags.error("R211", f"party recorded for unknown instrument `{p.instrument.name}`", p.instrument.span,
                        suggestions=did_you_mean(p.instrument.name, rb.instruments))
    for j in rb.jurisdictions.values():
        r.many(j.channels, "channel")
    for o in rb.offences.values():
        r.need(o.state, "jurisdiction")
        r.need(o.category, "category")
        r.many(o.elements, "element")
    for p in rb.precedences.values():
        if p.replaced:
            r.need(p.replaced.instrument, "instrument")
        r.need(p.yielding, "instrument")
        if p.alongside:
            r.need(p.alongside.instrument, "instrument")
        if p.target:
            r.need(p.target.instrument, "instrument")
        r.many(p.for_measures, "measure")
    for rule in rb.rules.values():
        law = str(rule.citation) if rule.citation else None
        r.need(rule.under, "instrument", law)
        r.many(rule.exception_to, "rule", law)
        for c in rule.conclusions:
            kind = CONCLUSION_KINDS.get(c.kind)
            if kind:
                r.many(c.refs, kind, law)
            if c.deadline and c.deadline.event:
                r.need(c.deadline.event, "event", law)
            if c.deadline and c.deadline.met_by:
                r.need(c.deadline.met_by, "event", law)
        for atom in rule_atoms(rule):
            kind = ATOM_KINDS.get(atom.kind)
            if kind:
                r.many(atom.refs, kind, law)
