"""A small bottom-up evaluator: strata in order, naive iteration to a fixpoint within each
stratum, negation only on completed strata.

Several requests ("worlds") can be evaluated in one pass: every dynamic tuple carries a bit mask
of the worlds it holds in; a join ANDs the masks of its premises, a negated literal keeps the
worlds where no match holds, and alternative derivations OR. Bit w of every mask is exactly what
evaluating world w alone would give, and requests that differ in a few facts share all the rest
of the work (counterfactual questions are such requests).

Each clause is turned once into a chain of closures ("join plan"): variables become slots of a
list, and for every literal it is known in advance which arguments are bound, so a literal is one
hash look-up on exactly those columns. Nothing is generated as source text: rule files stay data."""
from __future__ import annotations

import operator
from operator import itemgetter
from typing import Callable, Optional

from engine.compile.dependencies import dynamic_predicates
from engine.compile.ir import Clause, Cmp, Const, Lit, Program

OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
       "!=": operator.ne}

Step = Callable[["Database", list, int], None]


class Database:
    """Relations with lazy indexes on the bound columns of each literal. A request's database is
    layered over the static one: static predicates are read from the base, never copied."""

    def __init__(self, base: Optional["Database"] = None) -> None:
        self.base = base
        self.rel: dict[str, dict[tuple, int]] = {}  # tuple → mask of the worlds it holds in
        self.index: dict[tuple[str, tuple[int, ...]], dict] = {}
        self.indexes_of: dict[str, list[tuple[tuple[int, ...], dict]]] = {}
        self.changed = False

    def _owner(self, pred: str) -> Optional["Database"]:
        if pred in self.rel:
            return self
        if self.base is not None and pred in self.base.rel:
            return self.base
        return None

    def relation(self, pred: str) -> dict[tuple, int]:
        owner = self._owner(pred)
        return owner.rel[pred] if owner is not None else {}

    def add(self, pred: str, tup: tuple, mask: int = 1) -> None:
        rel = self.rel.get(pred)
        if rel is None:
            rel = self.rel[pred] = {}
        old = rel.get(tup, 0)
        if old | mask == old:
            return
        rel[tup] = old | mask
        if not old:
            for positions, idx in self.indexes_of.get(pred, ()):
                idx.setdefault(_key(tup, positions), []).append(tup)
        self.changed = True

    def keyed(self, pred: str, positions: tuple[int, ...]) -> Optional[dict]:
        """The index of `pred` on `positions` (built on first use), or None for an empty relation."""
        owner = self._owner(pred)
        if owner is None:
            return None
        idx = owner.index.get((pred, positions))
        if idx is None:
            idx = {}
            for t in owner.rel[pred]:
                idx.setdefault(_key(t, positions), []).append(t)
            owner.index[(pred, positions)] = idx
            owner.indexes_of.setdefault(pred, []).append((positions, idx))
        return idx


def _key(tup: tuple, positions: tuple[int, ...]):
    return tup[positions[0]] if len(positions) == 1 else tuple(tup[p] for p in positions)


# ---------------------------------------------------------------- clause → join plan
def _getter(term, slots: dict[str, int]) -> Callable[[list], object]:
    if isinstance(term, Const):
        value = term.value
        return lambda env: value
    return itemgetter(slots[term.name]) if term.name in slots else (lambda env: None)


def _key_getter(parts: list) -> Callable[[list], object]:
    """parts: per indexed column, ("c", value) or ("v", slot)."""
    if all(kind == "c" for kind, _ in parts):
        key = parts[0][1] if len(parts) == 1 else tuple(v for _, v in parts)
        return lambda env: key
    if len(parts) == 1:
        return itemgetter(parts[0][1])
    getters = [(lambda env, v=v: v) if kind == "c" else itemgetter(v) for kind, v in parts]
    return lambda env: tuple(g(env) for g in getters)


def _literal_step(lit: Lit, slots: dict[str, int], nxt: Step, copy: bool, fixed: Optional[Database]) -> Step:
    """`fixed`: the static database when `lit` reads a static predicate, whose index can then be
    resolved once, here, rather than on every request."""
    pred = lit.atom.pred
    positions, parts, checks = [], [], []
    fresh: dict[str, int] = {}  # variables first bound by this literal → their first position
    for pos, t in enumerate(lit.atom.args):
        if isinstance(t, Const):
            positions.append(pos)
            parts.append(("c", t.value))
        elif t.name in slots:
            positions.append(pos)
            parts.append(("v", slots[t.name]))
        elif t.name in fresh:
            checks.append((pos, fresh[t.name]))  # the same new variable twice in one literal
        else:
            fresh[t.name] = pos
    lookup = _lookup(pred, tuple(positions), _key_getter(parts) if positions else None, copy, fixed)

    if lit.negated:
        # unbound variables of a negated literal are existential: any matching tuple refutes it
        def negative(db: Database, env: list, mask: int) -> None:
            found, masks = lookup(db, env)
            if checks:
                found = [t for t in found if all(t[a] == t[b] for a, b in checks)]
            if not found:
                nxt(db, env, mask)
            elif masks is not None:  # a static tuple holds in every world
                hit = 0
                for t in found:
                    hit |= masks[t]
                if mask & ~hit:
                    nxt(db, env, mask & ~hit)
        return negative

    binds = []
    for name, pos in fresh.items():
        slots[name] = len(slots)
        binds.append((pos, slots[name]))

    def positive(db: Database, env: list, mask: int) -> None:
        found, masks = lookup(db, env)
        for t in found:
            m = mask if masks is None else mask & masks[t]
            if not m:
                continue
            for pos, slot in binds:
                env[slot] = t[pos]
            if checks and any(t[a] != t[b] for a, b in checks):
                continue
            nxt(db, env, m)
    return positive


def _lookup(pred: str, positions: tuple[int, ...], key_of, copy: bool, fixed: Optional[Database]):
    """The candidate tuples of a literal, given the environment, and their world masks (None for a
    static relation: it holds in every world)."""
    if fixed is not None:
        rel = list(fixed.relation(pred))
        if not positions:
            return lambda db, env: (rel, None)
        idx = fixed.keyed(pred, positions)
        return lambda db, env: (idx.get(key_of(env), ()), None)
    if not positions:
        def scan(db: Database, env: list):
            rel = db.relation(pred)
            return (list(rel) if copy else rel), rel  # a recursive clause may add to what it scans
        return scan

    name = (pred, positions)

    def indexed(db: Database, env: list):
        idx = db.index.get(name) or db.keyed(pred, positions)
        return (idx.get(key_of(env), ()), db.relation(pred)) if idx is not None else ((), None)
    return indexed


def _compare_step(cmp: Cmp, slots: dict[str, int], nxt: Step) -> Step:
    left, right, op = _getter(cmp.left, slots), _getter(cmp.right, slots), OPS[cmp.op]

    def compare(db: Database, env: list, mask: int) -> None:
        lv, rv = left(env), right(env)
        if lv is not None and rv is not None and op(lv, rv):
            nxt(db, env, mask)
    return compare


def compile_clause(c: Clause, copy: bool, static: Optional[Database] = None) -> tuple[Step, list]:
    """The clause as a step that, run on a copy of its environment template, adds every head it
    derives."""
    slots: dict[str, int] = {}
    # bind left to right first (slot numbers), then chain the steps from the head backwards
    bound_before: list[dict[str, int]] = []
    for item in c.body:
        bound_before.append(dict(slots))
        if isinstance(item, Lit) and not item.negated:
            for t in item.atom.args:
                if not isinstance(t, Const) and t.name not in slots:
                    slots[t.name] = len(slots)
    # head constants live in slots after the variables, so the head is one itemgetter call
    pred, args, width = c.head.pred, c.head.args, len(slots)
    template: list = [None] * width
    head_slots = []
    for a in args:
        if isinstance(a, Const):
            head_slots.append(len(template))
            template.append(a.value)
        else:
            head_slots.append(slots[a.name])
    if len(head_slots) > 1:
        build = itemgetter(*head_slots)
    else:
        build = (lambda env: (env[head_slots[0]],)) if head_slots else (lambda env: ())

    def emit(db: Database, env: list, mask: int) -> None:
        db.add(pred, build(env), mask)

    step: Step = emit
    for item, before in reversed(list(zip(c.body, bound_before))):
        scope = dict(before)
        step = (_compare_step(item, scope, step) if isinstance(item, Cmp)
                else _literal_step(item, scope, step, copy,
                                   static if static is not None and item.atom.pred in static.rel else None))
    return step, template


# ---------------------------------------------------------------- plan and fixpoint
def _plan(program: Program, strata: list[list[str]], static: Optional[Database] = None,
          dynamic: frozenset[str] = frozenset()) -> list[tuple[list, bool]]:
    """Evaluation plan: strata merged into levels (a stratum's level is one more than the highest
    level it reads from), so all non-recursive strata of a level run in one pass; recursive strata
    keep their own fixpoint. Within a step, clauses are grouped by guard and by first positive
    literal so that whole groups are skipped with one look-up. Given the static database, whatever
    the clauses read from it is resolved now: a clause that needs an empty static relation is
    dropped, and static guards and indexes are looked up once."""
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
    return [(_grouped(cl, rec == 1, static, dynamic), rec == 1) for _, rec, cl in ordered]


def _grouped(clauses: list[Clause], recursive: bool, static: Optional[Database], dynamic: frozenset[str]) -> list:
    guarded: dict[Optional[tuple], dict[Optional[str], list]] = {}
    for c in clauses:
        preds = tuple(b.atom.pred for b in c.body if isinstance(b, Lit) and not b.negated)
        guard = (c.guard.pred, tuple(a.value for a in c.guard.args)) if c.guard is not None else None
        if static is not None:
            if any(p not in dynamic and not static.relation(p) for p in preds):
                continue  # reads a static relation that is empty: can never hold
            if guard is not None and guard[0] not in dynamic:
                if guard[1] not in static.relation(guard[0]):
                    continue
                guard = None
            preds = tuple(p for p in preds if p in dynamic)
        step, template = compile_clause(c, recursive, static)
        guarded.setdefault(guard, {}).setdefault(preds[0] if preds else None, []).append((step, template, preds[1:]))
    # guarded groups are found from the guard facts present (a few candidate instruments), not by
    # testing every guard of the step
    unguarded = list(guarded.pop(None, {}).items())
    by_guard: dict[str, dict[tuple, list]] = {}
    for (pred, value), gates in guarded.items():
        by_guard.setdefault(pred, {})[value] = list(gates.items())
    return [unguarded, list(by_guard.items())]


def _run(db: Database, plan: list[tuple[list, bool]], worlds: int = 1) -> None:
    # every relation the plan checks here is the database's own: static ones were resolved by _plan
    rel, every = db.rel, (1 << worlds) - 1
    for (unguarded, by_guard), recursive in plan:
        while True:
            db.changed = False
            groups = [unguarded]
            for pred, by_value in by_guard:
                present = rel.get(pred, ())
                if len(present) < len(by_value):
                    groups += [by_value[t] for t in present if t in by_value]
                else:
                    groups += [gates for t, gates in by_value.items() if t in present]
            for gates in groups:
                for gate, group in gates:
                    if gate is not None and gate not in rel:
                        continue
                    for step, template, preds in group:
                        # a positive literal over an empty relation cannot match: skip without solving
                        if preds and not all(p in rel for p in preds):
                            continue
                        step(db, template.copy(), every)
            if not recursive or not db.changed:
                break  # a non-recursive step reaches its fixpoint in one pass


def static_database(program: Program) -> Database:
    """Static facts plus everything derivable from them alone, computed once per program."""
    db = Database()
    for pred, tuples in program.facts.items():
        for t in tuples:
            db.add(pred, t)
    dynamic = dynamic_predicates(program)
    _run(db, _plan(program, [s for s in program.strata if not set(s) & dynamic]))
    return db


class ReferenceBackend:
    name = "reference"

    def __init__(self, program: Program):
        self.program = program
        self.static = static_database(program)
        dynamic = frozenset(dynamic_predicates(program))
        self.plan = _plan(program, [s for s in program.strata if set(s) & dynamic], self.static, dynamic)

    def answer(self, case: dict[str, set[tuple]]) -> set[tuple]:
        return self.answer_many([case])[0]

    def answer_many(self, cases: list[dict[str, set[tuple]]]) -> list[set[tuple]]:
        """One evaluation for all the cases, each a world of its own."""
        db = Database(base=self.static)
        for w, case in enumerate(cases):
            for pred, tuples in case.items():
                for t in tuples:
                    db.add(pred, t, 1 << w)
        _run(db, self.plan, len(cases))
        out = db.rel.get("out", {})
        return [{t for t, m in out.items() if m >> w & 1} for w in range(len(cases))]
