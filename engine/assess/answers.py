"""The evaluated answer set, indexed, and what assessments look up in the rule base by
instrument or conclusion (computed once per rule base)."""
from __future__ import annotations

from typing import Callable, Optional, TypeVar

from engine.compile.from_model import KIND_RANK
from engine.model import ast

T = TypeVar("T")


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


def cached(owner, name: str, build: Callable[[], T]) -> T:
    """`build()` once per owner (a rule base or a compiled program), kept on the owner: a new rule
    base brings its own indexes, so nothing goes stale on reload."""
    value = owner.__dict__.get(name)
    if value is None:
        value = owner.__dict__[name] = build()
    return value


def rules_by_conclusion(rb) -> dict[str, list[ast.Rule]]:
    """Rules grouped by the kind of their conclusion, sorted by id."""
    def build() -> dict[str, list[ast.Rule]]:
        out: dict[str, list[ast.Rule]] = {}
        for r in sorted(rb.rules.values(), key=lambda r: r.id.name):
            if r.conclusion:
                out.setdefault(r.conclusion.kind, []).append(r)
        return out
    return cached(rb, "_by_conclusion", build)


def basis_instruments(rb) -> list[ast.Instrument]:
    """Instruments that can be a legal basis, in the order answers list them."""
    return cached(rb, "_basis_instruments", lambda: [
        i for i in sorted(rb.instruments.values(), key=lambda i: (KIND_RANK.get(i.kind or "", 9), i.id.name))
        if i.kind != "standard" and not i.non_binding and not (i.kind == "eu" and i.id.name == "EEC-1182-71")])


def not_applying(rb) -> dict[str, list[ast.Rule]]:
    """`instrument does not apply` rules by the instrument they belong to."""
    def build() -> dict[str, list[ast.Rule]]:
        out: dict[str, list[ast.Rule]] = {}
        for r in rules_by_conclusion(rb).get("does_not_apply", ()):
            if r.under:
                out.setdefault(r.under.name, []).append(r)
        return out
    return cached(rb, "_not_applying", build)


def refusals_by_instrument(rb, compiled) -> dict[str, list[tuple[str, str, bool]]]:
    """(rule, ground, mandatory) of every refusal rule, by the instrument it belongs to."""
    def build() -> dict[str, list[tuple[str, str, bool]]]:
        out: dict[str, list[tuple[str, str, bool]]] = {}
        for rid, (ground, mandatory) in compiled.refusal_rules.items():
            r = rb.rules[rid]
            if r.under:
                out.setdefault(r.under.name, []).append((rid, ground, mandatory))
        return out
    return cached(compiled, "_refusals_by_instrument", build)
