"""Stratification: predicates in an order where every negated predicate is complete before it is
used. A program with recursion through negation is rejected, naming the rules in the cycle."""
from __future__ import annotations

from engine.compile.ir import Lit, Program


class StratificationError(ValueError):
    def __init__(self, cycle: list[str], rules: list[str]):
        self.cycle = cycle
        self.rules = rules
        super().__init__("recursion through negation: " + " -> ".join(cycle))


def strata(program: Program) -> list[list[str]]:
    preds = set(program.arities)
    edges: dict[str, set[tuple[str, bool]]] = {p: set() for p in preds}
    rules_of: dict[str, set[str]] = {}
    for c in program.clauses:
        for b in c.body:
            if isinstance(b, Lit):
                edges[c.head.pred].add((b.atom.pred, b.negated))
        if c.rule_id:
            rules_of.setdefault(c.head.pred, set()).add(c.rule_id)
    comps = _scc(preds, {p: {q for q, _ in e} for p, e in edges.items()})
    comp_of = {p: i for i, comp in enumerate(comps) for p in comp}
    for p, e in edges.items():
        for q, neg in e:
            if neg and comp_of[p] == comp_of[q]:
                cycle = sorted(comps[comp_of[p]])
                rules = sorted({r for x in cycle for r in rules_of.get(x, ())})
                raise StratificationError(cycle, rules)
    # Tarjan yields components in reverse topological order of dependencies: dependencies first.
    return [sorted(c) for c in comps]


def _scc(nodes: set[str], graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        # iterative Tarjan, so deep dependency chains cannot overflow the Python stack
        work = [(v, iter(sorted(graph.get(v, ()))))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        while work:
            node, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                    advanced = True
                    break
                if w in on:
                    low[node] = min(low[node], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                out.append(comp)

    for n in sorted(nodes):
        if n not in index:
            visit(n)
    return out
