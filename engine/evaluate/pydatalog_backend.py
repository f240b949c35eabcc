"""The only module that imports pyDatalog.

Clauses reach pyDatalog through its engine-level API (Literal / Clause / assert_), never as
Python source, so nothing in a rule file or a request can execute code. The knowledge base is
thread-local: each thread builds its own on first use. Per request, case facts are asserted, one
combined query `out(T, M, A)` is asked, and the facts are retracted in `finally`."""
from __future__ import annotations

import gc
import threading

from pyDatalog import Logic, pyEngine

from engine.compile.ir import Cmp, Const, Program

pyEngine.Float_Precision = None  # never round numbers (all ours are integers anyway)


def _term(t, vars_: dict):
    if isinstance(t, Const):
        return pyEngine.Const(t.value)
    if t.name not in vars_:
        vars_[t.name] = pyEngine.Var(t.name)
    return vars_[t.name]


def _literal(item, vars_: dict):
    if isinstance(item, Cmp):
        return pyEngine.Literal(item.op, [_term(item.left, vars_), _term(item.right, vars_)])
    name = ("~" if item.negated else "") + "c_" + item.atom.pred
    return pyEngine.Literal(name, [_term(a, vars_) for a in item.atom.args])


def _fact(pred: str, args: tuple):
    return pyEngine.Clause(pyEngine.Literal("c_" + pred, [pyEngine.Const(a) for a in args]), [])


class PyDatalogBackend:
    name = "pydatalog"

    def __init__(self, program: Program):
        self.program = program
        self._local = threading.local()

    def _ensure_kb(self) -> None:
        if getattr(self._local, "ready", False):
            Logic(self._local.logic)
            return
        Logic()  # a fresh knowledge base for this thread
        prog = self.program
        # every predicate gets a definition, so negating an empty one is "no facts", not an error
        for pred, arity in prog.arities.items():
            dummy = _fact(pred, tuple("__declared__" for _ in range(arity)))
            pyEngine.assert_(dummy)
            pyEngine.retract(dummy)
        for pred, tuples in prog.facts.items():
            for t in tuples:
                pyEngine.assert_(_fact(pred, t))
        for c in prog.clauses:
            vars_: dict = {}
            head = pyEngine.Literal("c_" + c.head.pred, [_term(a, vars_) for a in c.head.args])
            pyEngine.assert_(pyEngine.Clause(head, [_literal(b, vars_) for b in c.body]))
        self._local.logic = Logic(True)
        self._local.ready = True
        gc.collect()
        gc.freeze()  # the knowledge base is long-lived: keep it out of GC scans (p99)

    def answer_many(self, cases: list[dict[str, set[tuple]]]) -> list[set[tuple]]:
        return [self.answer(c) for c in cases]

    def answer(self, case: dict[str, set[tuple]]) -> set[tuple]:
        self._ensure_kb()
        asserted = []
        try:
            for pred, tuples in case.items():
                for t in tuples:
                    f = _fact(pred, t)
                    pyEngine.assert_(f)
                    asserted.append(f)
            q = pyEngine.Literal("c_out", [pyEngine.Var("T"), pyEngine.Var("M"), pyEngine.Var("A")])
            result = q.ask()
            return set(result) if result and result is not True else set()
        finally:
            for f in asserted:
                pyEngine.retract(f)
