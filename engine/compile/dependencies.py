"""Which predicates depend on the request (the rest can be computed once per program)."""
from __future__ import annotations

from engine.compile.ir import Lit, Program


def dynamic_predicates(program: Program) -> set[str]:
    """Predicates whose extension depends on the request."""
    deps: dict[str, set[str]] = {}
    for c in program.clauses:
        deps.setdefault(c.head.pred, set()).update(b.atom.pred for b in c.body if isinstance(b, Lit))
    dynamic = set(program.case_preds)
    changed = True
    while changed:
        changed = False
        for head, body in deps.items():
            if head not in dynamic and body & dynamic:
                dynamic.add(head)
                changed = True
    return dynamic
