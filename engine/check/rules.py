"""Rule-level checks: citations, one conclusion, exceptions that exist and do not loop,
conflicting rules that have no priority between them, precedence cycles."""
from __future__ import annotations

from engine.diagnostics import Diagnostics
from engine.model import ast
from engine.rulebase import RuleBase

OPPOSITES = {("may_refuse", "shall_not_refuse"), ("must_refuse", "shall_not_refuse"),
             ("dc_required", "dc_not_required")}


def run(rb: RuleBase, diags: Diagnostics) -> None:
    _citations(rb, diags)
    _standards(rb, diags)
    for rule in rb.rules.values():
        _shape(rule, diags)
    _exception_cycles(rb, diags)
    _precedence_cycles(rb, diags)
    _conflicts(rb, diags)


def _citations(rb: RuleBase, diags: Diagnostics) -> None:
    needs = [("rule", r, r.id) for r in rb.rules.values()]
    needs += [("party record", p, p.state) for p in rb.parties]
    needs += [("offence definition", o, o.id) for o in rb.offences.values()]
    needs += [("instrument", i, i.id) for i in rb.instruments.values()]
    needs += [("precedence", p, p.id) for p in rb.precedences.values()]
    for what, node, ref in needs:
        if not node.sources:
            diags.error("R208", f"{what} `{ref.name}` has no citation", ref.span,
                        label="every legal statement cites its source",
                        suggestions=("add a line such as `source UNCAC art. 46(15)(a)`",))
        for src in node.sources:
            if src.number == "unnumbered" and not src.unverified:
                diags.error("R215", f"{what} `{ref.name}` cites `{src.text}`, a provision whose number is unknown, "
                                    "as verified", src.span or ref.span,
                            label="a source without its article or section number cannot be verified",
                            suggestions=('mark it `unverified "why"`, or cite the numbered provision once it is read',))


BINDING_ONLY = ("may_refuse", "must_refuse", "shall_not_refuse", "dc_required", "dc_not_required", "dc_exempt",
                "does_not_apply")


def _standards(rb: RuleBase, diags: Diagnostics) -> None:
    """A non-binding standard recommends; it cannot decide a refusal or dual criminality."""
    for r in rb.rules.values():
        inst = rb.instruments.get(r.under.name) if r.under else None
        if inst and (inst.kind == "standard" or inst.non_binding) and r.conclusion and \
                r.conclusion.kind in BINDING_ONLY:
            diags.error("R214", f"rule `{r.id.name}` is under the non-binding standard {inst.id.name} and cannot "
                        "decide a refusal, an exclusion or dual criminality", r.conclusion.span,
                        suggestions=("state the recommendation as `text` or a `note`, or encode the binding "
                                     "instrument that implements it",))


def _shape(rule: ast.Rule, diags: Diagnostics) -> None:
    if rule.under is None:
        diags.error("R204", f"rule `{rule.id.name}` does not say which instrument it belongs to", rule.id.span,
                    suggestions=("add `under UNCAC` (or the instrument or national law it encodes)",))
    if len(rule.conclusions) > 1:
        diags.error("R213", f"rule `{rule.id.name}` has {len(rule.conclusions)} conclusions", rule.conclusions[1].span,
                    suggestions=("write one rule per conclusion, so each can be cited and overridden alone",))
    if not rule.conclusions and not rule.exception_to:
        diags.error("R209", f"rule `{rule.id.name}` concludes nothing", rule.id.span,
                    suggestions=("add a conclusion such as `may refuse for political_offence`, or "
                                 "`exception to RULE` if it only defeats another rule",))


def _cycle(graph: dict[str, list[str]]) -> list[str] | None:
    color: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        color[n] = 1
        stack.append(n)
        for m in graph.get(n, ()):
            if color.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if color.get(m) is None:
                found = visit(m)
                if found:
                    return found
        color[n] = 2
        stack.pop()
        return None

    for n in sorted(graph):
        if color.get(n) is None:
            found = visit(n)
            if found:
                return found
    return None


def _exception_cycles(rb: RuleBase, diags: Diagnostics) -> None:
    graph = {r.id.name: [e.name for e in r.exception_to if e.name in rb.rules] for r in rb.rules.values()}
    found = _cycle(graph)
    if found:
        first = rb.rules[found[0]]
        diags.error("R207", "exceptions form a cycle: " + " -> ".join(found), first.id.span,
                    suggestions=("an exception must be more specific than the rule it defeats; remove one link",))


def _precedence_cycles(rb: RuleBase, diags: Diagnostics) -> None:
    graph: dict[str, list[str]] = {}
    for p in rb.precedences.values():
        loser = p.replaced.instrument.name if p.replaced else (p.yielding.name if p.yielding else None)
        if loser and p.target and p.target.instrument:
            graph.setdefault(loser, []).append(p.target.instrument.name)
    found = _cycle(graph)
    if found:
        diags.error("R212", "precedence relations form a cycle: " + " -> ".join(found),
                    next(iter(rb.precedences.values())).span,
                    suggestions=("an instrument cannot both prevail over and yield to another",))


def exception_closure(rb: RuleBase) -> dict[str, set[str]]:
    """rule -> every rule it defeats, directly or through a chain of exceptions."""
    direct = {r.id.name: {e.name for e in r.exception_to} for r in rb.rules.values()}
    closure: dict[str, set[str]] = {}

    def reach(n: str, seen: set[str]) -> set[str]:
        if n in closure:
            return closure[n]
        out: set[str] = set()
        for m in direct.get(n, ()):
            if m not in seen:
                out |= {m} | reach(m, seen | {m})
        closure[n] = out
        return out

    for n in direct:
        reach(n, {n})
    return closure


def instruments_related(rb: RuleBase, a: str, b: str) -> bool:
    """A precedence declaration decides between the two instruments (either way)."""
    if a == b:
        return False
    kind = {i: (rb.instruments[i].kind if i in rb.instruments else None) for i in (a, b)}
    for p in rb.precedences.values():
        loser = p.replaced.instrument.name if p.replaced else (p.yielding.name if p.yielding else None)
        if not p.target or loser not in (a, b):
            continue
        other = b if loser == a else a
        if p.target.instrument and p.target.instrument.name == other:
            return True
        if kind[other] in p.target.kinds:
            return True
    return False


def _national_of_different_states(rb: RuleBase, a: str, b: str) -> bool:
    """Only the requested state's own law is in effect: two states' laws never meet."""
    ia, ib = rb.instruments.get(a), rb.instruments.get(b)
    return bool(ia and ib and ia.of and ib.of and ia.of.name != ib.of.name)


def _disjoint(r1: ast.Rule, r2: ast.Rule) -> bool:
    """Obviously exclusive: one requires a condition the other excludes, or validity periods do not meet."""
    if r1.valid_until and r2.valid_from and r1.valid_until <= r2.valid_from:
        return True
    if r2.valid_until and r1.valid_from and r2.valid_until <= r1.valid_from:
        return True

    def keys(conds, negate: bool):
        out = set()
        todo = [(c, negate) for c in conds]
        while todo:
            c, neg = todo.pop()
            if isinstance(c, ast.Not):
                todo.append((c.item, not neg))
            elif isinstance(c, ast.All) and not neg:
                todo.extend((i, neg) for i in c.items)
            elif isinstance(c, ast.AnyOf) and neg:
                todo.extend((i, neg) for i in c.items)
            elif isinstance(c, ast.Atom):
                kind = c.kind
                if kind == "measure_non_coercive":  # the negation of `measure is coercive`
                    kind, neg = "measure_coercive", not neg
                if kind == "fact_false":
                    kind, neg = "fact_true", not neg
                out.add((kind, tuple(r.name for r in c.refs), c.op, str(c.number), neg))
        return out

    pos1 = keys(r1.when, False) | keys(r1.unless, True)
    pos2 = keys(r2.when, False) | keys(r2.unless, True)
    flipped = {(k, n, o, v, not neg) for (k, n, o, v, neg) in pos2}
    return bool(pos1 & flipped)


def _conflicts(rb: RuleBase, diags: Diagnostics) -> None:
    closure = exception_closure(rb)
    by_topic: dict[tuple, list[ast.Rule]] = {}
    for r in rb.rules.values():
        c = r.conclusion
        if c is None:
            continue
        if c.kind in ("may_refuse", "must_refuse", "shall_not_refuse"):
            by_topic.setdefault(("ground", c.refs[0].name), []).append(r)
        elif c.kind in ("dc_required", "dc_not_required"):
            by_topic.setdefault(("dc",), []).append(r)
    reported = 0
    for topic, rules in sorted(by_topic.items()):
        for i, r1 in enumerate(rules):
            for r2 in rules[i + 1:]:
                k1, k2 = r1.conclusion.kind, r2.conclusion.kind
                if (k1, k2) not in OPPOSITES and (k2, k1) not in OPPOSITES:
                    continue
                a, b = r1.id.name, r2.id.name
                if b in closure.get(a, ()) or a in closure.get(b, ()):
                    continue
                u1, u2 = (r1.under.name if r1.under else ""), (r2.under.name if r2.under else "")
                if instruments_related(rb, u1, u2) or _disjoint(r1, r2) or _national_of_different_states(rb, u1, u2):
                    continue
                if reported < 50:
                    diags.error("R210", f"rules `{a}` and `{b}` conflict ({_say(k1)} / {_say(k2)}) and nothing says "
                                "which prevails", r2.id.span, law=str(r2.citation) if r2.citation else None,
                                notes=(f"`{a}` is at {r1.id.span}",),
                                suggestions=(f"add `exception to {a}` to `{b}` (or the reverse), or a precedence "
                                             f"between {u1} and {u2}",))
                reported += 1


def _say(kind: str) -> str:
    return kind.replace("_", " ").replace("dc ", "dual criminality ")
