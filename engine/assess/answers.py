"""The evaluated answer set, indexed, and what assessments look up in the rule base by
instrument or conclusion (computed once per rule base)."""
from __future__ import annotations

from typing import Optional

from engine.compile.from_model import KIND_RANK
from engine.model import ast


class Answers:
    """The out(tag, mode, arg) tuples, indexed."""

    def __init__(self, tuples: set[tuple]):
        self.by: dict[tuple[str, str], set[str]] = {}
        self._fired: dict[str, dict[str, list[str]]] = {}
        for tag, mode, arg in tuples:
            self.by.setdefault((tag, mode), set()).add(arg)

    def get(self, tag: str, mode: str = "-") -> set[str]:
        return self.by.get((tag, mode), set())

    def fired(self, rid: str, mode: str) -> list[str]:
        """The conjuncts (`rule#k`) of rule `rid` that fired in this mode, sorted."""
        index = self._fired.get(mode)
        if index is None:
            index = self._fired[mode] = {}
            for x in sorted(self.get("f", mode)):
                index.setdefault(x.split("#")[0], []).append(x)
        return index.get(rid, [])

    def holds(self, rid: str) -> Optional[bool]:
        """True (certain), None (unknown), False."""
        if rid in self.get("h", "c"):
            return True
        return None if rid in self.get("h", "p") else False


def rules_by_conclusion(rb) -> dict[str, list[ast.Rule]]:
    """Rules grouped by the kind of their conclusion, sorted by id; cached on the rule base."""
    cached = getattr(rb, "_by_conclusion", None)
    if cached is None:
        cached = {}
        for r in sorted(rb.rules.values(), key=lambda r: r.id.name):
            if r.conclusion:
                cached.setdefault(r.conclusion.kind, []).append(r)
        rb._by_conclusion = cached
    return cached


class RuleIndex:
    """What every assessment looks up by instrument, computed once per rule base."""

    def __init__(self, rb, compiled):
        self.basis_instruments = [
            i for i in sorted(rb.instruments.values(), key=lambda i: (KIND_RANK.get(i.kind or "", 9), i.id.name))
            if i.kind != "standard" and not i.non_binding and not (i.kind == "eu" and i.id.name == "EEC-1182-71")]
        self.not_applying: dict[str, list[ast.Rule]] = {}
        for r in rules_by_conclusion(rb).get("does_not_apply", ()):
            if r.under:
                self.not_applying.setdefault(r.under.name, []).append(r)
        self.refusal_by_instrument: dict[str, list[tuple[str, str, bool]]] = {}
        for rid, (ground, mandatory) in (compiled.refusal_rules.items() if compiled is not None else ()):
            r = rb.rules[rid]
            if r.under:
                self.refusal_by_instrument.setdefault(r.under.name, []).append((rid, ground, mandatory))


def rule_index(rb, compiled=None) -> RuleIndex:
    cached = getattr(rb, "_assess_index", None)
    if cached is None or (compiled is not None and cached.compiled is not compiled):
        cached = RuleIndex(rb, compiled)
        cached.compiled = compiled
        rb._assess_index = cached
    return cached
