"""A small, obviously correct bottom-up evaluator: strata in order, naive iteration to a fixpoint
within each stratum, negation only on completed strata. Records the first derivation of every
tuple (clause and bindings) as provenance."""
from __future__ import annotations

import operator
from typing import Iterator, Optional

from engine.compile.ir import Clause, Cmp, Const, Lit, Program, Var

OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
       "!=": operator.ne}


class Database:
    def __init__(self) -> None:
        self.rel: dict[str, set[tuple]] = {}
        self.index: dict[tuple[str, int], dict] = {}
        self.prov: dict[tuple[str, tuple], tuple[Clause, dict]] = {}

    def add(self, pred: str, tup: tuple, why: Optional[tuple] = None) -> bool:
        rel = self.rel.setdefault(pred, set())
        if tup in rel:
            return False
        rel.add(tup)
        for (p, pos), idx in self.index.items():
            if p == pred:
                idx.setdefault(tup[pos], []).append(tup)
        if why is not None:
            self.prov[(pred, tup)] = why
        return True

    def lookup(self, pred: str, pattern: tuple) -> Iterator[tuple]:
        rel = self.rel.get(pred)
        if not rel:
            return iter(())
        for pos, v in enumerate(pattern):
            if v is not None:
                key = (pred, pos)
                if key not in self.index:
                    idx: dict = {}
                    for t in rel:
                        idx.setdefault(t[pos], []).append(t)
                    self.index[key] = idx
                return iter(list(self.index[key].get(v, ())))
        return iter(list(rel))

    def contains(self, pred: str, tup: tuple) -> bool:
        return tup in self.rel.get(pred, ())


def _value(term, env: dict):
    return term.value if isinstance(term, Const) else env.get(term.name)


def solve(body, db: Database, env: dict) -> Iterator[dict]:
    """All extensions of env satisfying the body, left to right."""
    if not body:
        yield env
        return
    first, rest = body[0], body[1:]
    if isinstance(first, Cmp):
        l, r = _value(first.left, env), _value(first.right, env)
        if l is not None and r is not None and OPS[first.op](l, r):
            yield from solve(rest, db, env)
        return
    args = first.atom.args
    pattern = tuple(_value(t, env) for t in args)
    if first.negated:
        if not any(_match(args, t, env) is not None for t in db.lookup(first.atom.pred, pattern)):
            yield from solve(rest, db, env)
        return
    for tup in db.lookup(first.atom.pred, pattern):
        new = _match(args, tup, env)
        if new is not None:
            yield from solve(rest, db, new)


def _match(args, tup, env: dict) -> Optional[dict]:
    out = env
    for t, v in zip(args, tup):
        if isinstance(t, Const):
            if t.value != v:
                return None
        else:
            bound = out.get(t.name)
            if bound is None:
                if out is env:
                    out = dict(env)
                out[t.name] = v
            elif bound != v:
                return None
    return out


def evaluate(program: Program, case: dict[str, set[tuple]], static: Optional[Database] = None) -> Database:
    db = Database()
    for pred, tuples in program.facts.items():
        for t in tuples:
            db.add(pred, t)
    for pred, tuples in case.items():
        for t in tuples:
            db.add(pred, t)
    by_head: dict[str, list[Clause]] = {}
    for c in program.clauses:
        by_head.setdefault(c.head.pred, []).append(c)
    for stratum in program.strata:
        clauses = [c for p in stratum for c in by_head.get(p, ())]
        if not clauses:
            continue
        changed = True
        while changed:
            changed = False
            for c in clauses:
                for env in list(solve(c.body, db, {})):
                    tup = tuple(_value(t, env) for t in c.head.args)
                    if db.add(c.head.pred, tup, (c, env)):
                        changed = True
    return db


class ReferenceBackend:
    name = "reference"

    def __init__(self, program: Program):
        self.program = program

    def answer(self, case: dict[str, set[tuple]]) -> set[tuple]:
        return set(evaluate(self.program, case).rel.get("out", ()))
