"""A small, obviously correct bottom-up evaluator: strata in order, naive iteration to a fixpoint
within each stratum, negation only on completed strata. Records the first derivation of every
tuple (clause and bindings) as provenance."""
from __future__ import annotations

import operator
from typing import Iterator, Optional

from engine.compile.dependencies import dynamic_predicates
from engine.compile.ir import Clause, Cmp, Const, Lit, Program, Var

OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
       "!=": operator.ne}


class Database:
    """Relations with lazy per-column indexes. A request's database is layered over the static
    one: static predicates are read from the base, never copied."""

    def __init__(self, base: Optional["Database"] = None) -> None:
        self.base = base
        self.rel: dict[str, set[tuple]] = {}
        self.index: dict[str, dict[int, dict]] = {}
        self.prov: dict[tuple[str, tuple], tuple[Clause, dict]] = {}

    def _owner(self, pred: str) -> "Database":
        return self.base if self.base is not None and pred in self.base.rel else self

    def relation(self, pred: str) -> set[tuple]:
        return self._owner(pred).rel.get(pred, ())

    def add(self, pred: str, tup: tuple, why: Optional[tuple] = None) -> bool:
        rel = self.rel.setdefault(pred, set())
        if tup in rel:
            return False
        rel.add(tup)
        for pos, idx in self.index.get(pred, {}).items():
            idx.setdefault(tup[pos], []).append(tup)
        if why is not None:
            self.prov[(pred, tup)] = why
        return True

    def lookup(self, pred: str, pattern: tuple) -> Iterator[tuple]:
        db = self._owner(pred)
        rel = db.rel.get(pred)
        if not rel:
            return iter(())
        for pos, v in enumerate(pattern):
            if v is not None:
                by_pos = db.index.setdefault(pred, {})
                idx = by_pos.get(pos)
                if idx is None:
                    idx = {}
                    for t in rel:
                        idx.setdefault(t[pos], []).append(t)
                    by_pos[pos] = idx
                return iter(list(idx.get(v, ())))
        return iter(list(rel))


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


def static_database(program: Program) -> Database:
    """Static facts plus everything derivable from them alone, computed once per program."""
    db = Database()
    for pred, tuples in program.facts.items():
        for t in tuples:
            db.add(pred, t)
    dynamic = dynamic_predicates(program)
    _run(program, db, [s for s in program.strata if not set(s) & dynamic])
    return db



def evaluate(program: Program, case: dict[str, set[tuple]], static: Optional[Database] = None) -> Database:
    if static is None:
        static = static_database(program)
    db = Database(base=static)
    for pred, tuples in case.items():
        for t in tuples:
            db.add(pred, t)
    dynamic = dynamic_predicates(program)
    _run(program, db, [s for s in program.strata if set(s) & dynamic])
    return db


def _plan(program: Program, strata: list[list[str]]) -> list[tuple[list, bool]]:
    """Evaluation plan: strata merged into levels (a stratum's level is one more than the highest
    level it reads from), so all non-recursive strata of a level run in one pass; recursive strata
    keep their own fixpoint. Within a step, clauses are grouped by guard and by first positive
    literal so that whole groups are skipped with one look-up."""
    by_head: dict[str, list[Clause]] = {}
    for c in program.clauses:
        by_head.setdefault(c.head.pred, []).append(c)
    level_of_pred: dict[str, int] = {}
    steps: dict[int, list[Clause]] = {}
    recursive_steps: list[tuple[int, list[Clause]]] = []
    for stratum in strata:
        clauses = [c for p in stratum for c in by_head.get(p, ())]
        members = set(stratum)
        body_preds = {b.atom.pred for c in clauses for b in c.body if isinstance(b, Lit)}
        level = 1 + max((level_of_pred.get(q, 0) for q in body_preds - members), default=0)
        for p in stratum:
            level_of_pred[p] = level
        if not clauses:
            continue
        if body_preds & members:
            recursive_steps.append((level, clauses))
        else:
            steps.setdefault(level, []).extend(clauses)
    ordered = sorted([(lvl, 0, cl) for lvl, cl in steps.items()] + [(lvl, 1, cl) for lvl, cl in recursive_steps],
                     key=lambda x: (x[0], x[1]))
    return [(_grouped(cl), rec == 1) for _, rec, cl in ordered]


def _grouped(clauses: list[Clause]) -> list:
    guarded: dict[Optional[tuple], dict[Optional[str], list]] = {}
    for c in clauses:
        preds = tuple(b.atom.pred for b in c.body if isinstance(b, Lit) and not b.negated)
        guard = (c.guard.pred, tuple(a.value for a in c.guard.args)) if c.guard is not None else None
        guarded.setdefault(guard, {}).setdefault(preds[0] if preds else None, []).append((c, preds[1:]))
    return [(g, list(gates.items())) for g, gates in guarded.items()]


def _run(program: Program, db: Database, strata: list[list[str]], plan=None) -> None:
    for clauses, recursive in plan if plan is not None else _plan(program, strata):
        changed = True
        while changed:
            changed = False
            for guard, gates in clauses:
                if guard is not None and guard[1] not in db.relation(guard[0]):
                    continue
                for gate, group in gates:
                    if gate is not None and not db.relation(gate):
                        continue
                    for c, preds in group:
                        # a positive literal over an empty relation cannot match: skip without solving
                        if not all(db.relation(p) for p in preds):
                            continue
                        for env in list(solve(c.body, db, {})):
                            tup = tuple(_value(t, env) for t in c.head.args)
                            if db.add(c.head.pred, tup, (c, env)):
                                changed = True
            if not recursive:
                break  # nothing in this stratum feeds itself: one pass reaches the fixpoint


class ReferenceBackend:
    name = "reference"

    def __init__(self, program: Program):
        self.program = program
        self.static = static_database(program)
        dynamic = dynamic_predicates(program)
        self.plan = _plan(program, [s for s in program.strata if set(s) & dynamic])

    def database(self, case: dict[str, set[tuple]]) -> Database:
        db = Database(base=self.static)
        for pred, tuples in case.items():
            for t in tuples:
                db.add(pred, t)
        _run(self.program, db, [], self.plan)
        return db

    def answer(self, case: dict[str, set[tuple]]) -> set[tuple]:
        return set(self.database(case).rel.get("out", ()))
