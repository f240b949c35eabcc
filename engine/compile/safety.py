"""Range restriction and binding order: every variable of the head, of a negated literal and of a
comparison is bound by a positive literal; positive literals run first. Unsafe clauses are
rejected, because pyDatalog would silently answer them wrongly."""
from __future__ import annotations

from engine.compile.ir import Cmp, Clause, Lit, Var


def variables(terms) -> set[str]:
    return {t.name for t in terms if isinstance(t, Var)}


def reorder(clause: Clause) -> Clause:
    positives = [b for b in clause.body if isinstance(b, Lit) and not b.negated]
    rest = [b for b in clause.body if not (isinstance(b, Lit) and not b.negated)]
    return Clause(clause.head, tuple(positives + rest), clause.rule_id, clause.label)


def unsafe_variables(clause: Clause) -> set[str]:
    bound: set[str] = set()
    for b in clause.body:
        if isinstance(b, Lit) and not b.negated:
            bound |= variables(b.atom.args)
    need = variables(clause.head.args)
    for b in clause.body:
        if isinstance(b, Lit) and b.negated:
            need |= variables(b.atom.args)
        elif isinstance(b, Cmp):
            need |= variables((b.left, b.right))
    return need - bound
