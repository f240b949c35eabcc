"""Range restriction and binding order: every variable of the head, of a negated literal and of a
comparison is bound by a positive literal; positive literals run first. Unsafe clauses are
rejected, because pyDatalog would silently answer them wrongly."""
from __future__ import annotations

from engine.compile.ir import Cmp, Clause, Lit, Var


def variables(terms) -> set[str]:
    return {t.name for t in terms if isinstance(t, Var)}


def reorder(clause: Clause, dynamic: frozenset[str] = frozenset()) -> Clause:
    """Positive literals first; among them, request-dependent ones (few tuples) before static ones
    (many), so joins start small. Negations and comparisons last, once everything is bound."""
    positives = [b for b in clause.body if isinstance(b, Lit) and not b.negated]
    positives.sort(key=lambda b: 0 if b.atom.pred in dynamic else 1)
    rest = [b for b in clause.body if not (isinstance(b, Lit) and not b.negated)]
    return Clause(clause.head, tuple(positives + rest), clause.rule_id, clause.label, clause.guard)


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
