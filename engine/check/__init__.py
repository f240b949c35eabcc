"""Semantic checks over the whole rule base. Each stage appends diagnostics; none stops the others,
so one run reports every problem. Order matters only in that indexing comes first."""
from __future__ import annotations

from engine.diagnostics import Diagnostics
from engine.rulebase import RuleBase
from engine.check import index, resolve, types, dates, codes, rules, lint

STAGES = (
    ("index", index.run),      # duplicate ids; fills the rule base's lookup tables
    ("resolve", resolve.run),  # every name used is declared, and of the right kind
    ("types", types.run),      # facts used with their declared type
    ("dates", dates.run),      # valid, ordered dates
    ("codes", codes.run),      # ISO codes, time zones, holiday calendars
    ("rules", rules.run),      # citations, conclusions, exceptions, conflicts, precedence cycles
)


def check_rulebase(rb: RuleBase, strict: bool = False) -> Diagnostics:
    diags = Diagnostics()
    for _name, stage in STAGES:
        stage(rb, diags)
    if strict:
        lint.unverified(rb, diags)
    return Diagnostics(diags.sorted())
