"""Conditions -> body literals, under Kleene three-valued logic.

Each condition is compiled twice: in mode `c` (certainly true, unknown facts count against it) and
in mode `p` (possibly true, unknown facts count for it). A conclusion is certain when its `c` body
holds, unknown when only its `p` body holds. Negating a derived predicate swaps the modes, which
keeps the program stratified when the original is."""
from __future__ import annotations

from decimal import Decimal
from itertools import product
from typing import Iterator

from engine.compile.ir import Atom, BodyItem, Cmp, Const, Lit, Var
from engine.model import ast
from engine.model.from_tree import duration_months

X = Const("x")  # the single case the knowledge base holds at a time
SWAP = {"c": "p", "p": "c"}
NEGATE_OP = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "!=", "!=": "="}


def a(pred: str, *args) -> Atom:
    return Atom(pred, tuple(x if isinstance(x, (Var, Const)) else Const(x) for x in args))


def pos(pred: str, *args) -> Lit:
    return Lit(a(pred, *args))


def neg(pred: str, *args) -> Lit:
    return Lit(a(pred, *args), negated=True)


def to_int(n: Decimal) -> int:
    """Numbers in hundredths, so the evaluators never see a float."""
    return int((n * 100).to_integral_value())


class Fresh:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, stem: str = "V") -> Var:
        self.n += 1
        return Var(f"{stem}{self.n}")


def nnf(cond, negate: bool = False):
    """Push negations down to atoms: returns a tree of ('and'|'or', items) and (atom, negated)."""
    if isinstance(cond, ast.Not):
        return nnf(cond.item, not negate)
    if isinstance(cond, ast.All):
        return ("or" if negate else "and", [nnf(i, negate) for i in cond.items])
    if isinstance(cond, ast.AnyOf):
        return ("and" if negate else "or", [nnf(i, negate) for i in cond.items])
    return (cond, negate)


def dnf(tree) -> list[list[tuple]]:
    """Disjunctive normal form of an nnf tree: a list of conjunctions of (atom, negated)."""
    if isinstance(tree[0], str):
        op, items = tree
        parts = [dnf(i) for i in items]
        if op == "or":
            return [conj for p in parts for conj in p]
        return [sum(combo, []) for combo in product(*parts)]
    return [[tree]]


def _op(op: str, negated: bool) -> str:
    op = NEGATE_OP[op] if negated else op
    return "==" if op == "=" else op


def literal(atom: ast.Atom, negated: bool, mode: str, fresh: Fresh) -> list[list[BodyItem]]:
    """One condition atom in one mode -> alternatives, each a list of body items."""
    k = atom.kind
    names = [r.name for r in atom.refs]
    m = SWAP[mode] if negated else mode

    if k in ("fact_true", "fact_false"):
        truth = (k == "fact_true") != negated
        return [[pos(f"is_{'true' if truth else 'false'}_{mode}", names[0], X)]]
    if k == "fact_compare":
        op = _op(atom.op, negated)
        v = fresh("N")
        known = [pos("req_num", names[0], v), Cmp(v, op, Const(to_int(atom.number)))]
        return [known] if mode == "c" else [known, [neg("num_known", names[0])]]
    if k == "penalty_compare":
        months = duration_months(atom.duration) or 0
        op = _op(atom.op, negated)
        v = fresh("P")
        known = [pos("req_penalty", v, X), Cmp(v, op, Const(months))]
        return [known] if mode == "c" else [known, [neg("penalty_known", X)]]
    if k == "request_contains":
        if not negated:
            return [[pos("req_content", names[0])]] if mode == "c" else [[pos("req_content", names[0])],
                                                                         [neg("contents_known", X)]]
        return [[pos("contents_known", X), neg("req_content", names[0])]] if mode == "c" else \
            [[neg("req_content", names[0])]]

    # derived three-valued predicates: negation swaps the mode
    derived = {
        "dc_is_required": ("dc_required", X), "dc_is_satisfied": ("dc_satisfied", X),
        "dc_is_exempt": ("dc_exempt", X), "ground_applies": ("ground", None),
        "requested_provides": ("provides", None),
    }
    if k == "instrument_applies":
        pred = f"applies_{m}__{names[0].lower().replace('-', '_')}"
        return [[Lit(a(pred, X), negated=negated)]]
    if k in derived:
        stem, arg = derived[k]
        args = (arg,) if arg is not None else (names[0],)
        return [[Lit(a(f"{stem}_{m}", *args), negated=negated)]]

    # certain atoms: what the request says is known
    if k == "measure_coercive" or k == "measure_non_coercive":
        coercive = (k == "measure_coercive") != negated
        return [[Lit(a("measure_coercive", X), negated=not coercive)]]
    simple = {"measure_is": "req_measure", "offence_is": "req_category", "stage_is": "req_stage",
              "requesting_is": "req_from", "requested_is": "req_to", "conduct_includes": "req_conduct",
              "invoked_is": "req_invoked", "event_occurred": "req_event", "offence_in_list": "offence_in_list",
              "requesting_bound": "from_binds", "requested_bound": "to_binds"}
    if k in simple:
        pred = simple[k]
        if negated:
            return [[neg(pred, n) for n in names]]
        return [[pos(pred, n)] for n in names]
    if k == "both_bound":
        if negated:
            return [[neg("from_binds", names[0])], [neg("to_binds", names[0])]]
        return [[pos("from_binds", names[0]), pos("to_binds", names[0])]]
    raise ValueError(f"unknown condition kind {k}")


def bodies(when: tuple, unless: tuple, mode: str, fresh: Fresh) -> Iterator[list[BodyItem]]:
    """All conjunctions (in one mode) that make `when` hold and `unless` fail."""
    conds = [nnf(c) for c in when] + [nnf(c, negate=True) for c in unless]
    tree = ("and", conds) if conds else ("and", [])
    for conj in dnf(tree):
        per_atom = [literal(atom, negated, mode, fresh) for atom, negated in conj]
        for combo in product(*per_atom):
            yield [item for alt in combo for item in alt]
