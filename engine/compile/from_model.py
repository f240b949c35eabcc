"""Checked rule base -> Datalog program.

Static facts describe the rule base (parties, scopes, offence elements); the prelude derives the
legal bases; every rule becomes per-rule predicates in two modes (c: certain, p: possible):

    f_m__R__k(x)  conjunct k of rule R's conditions holds, R being active (instrument applies,
                  in force on as_of, not replaced)
    h_m__R(x)     R holds: it fires and no exception to it holds
and its conclusion feeds the shared predicates the assessment reads (ground_m, dc_required_m, ...).
Per-rule predicates keep exceptions, and exceptions to exceptions, stratified."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from engine.compile.dependencies import dynamic_predicates
from engine.compile.conditions import SWAP, X, Fresh, bodies, neg, pos
from engine.compile.ir import Atom, Clause, Cmp, Const, Program, Var
from engine.compile.safety import reorder, unsafe_variables
from engine.compile.stratify import strata
from engine.model import ast
from engine.rulebase import RuleBase

FAR_FUTURE = date(9999, 12, 31).toordinal()
TREATY_KINDS = ("multilateral", "regional", "eu", "bilateral")
KIND_RANK = {"eu": 0, "bilateral": 1, "regional": 2, "multilateral": 3, "domestic": 4}


def basis_rank(inst: ast.Instrument) -> tuple:
    """Most specific first: EU, bilateral, regional, multilateral, domestic; then the later one."""
    return (KIND_RANK.get(inst.kind or "multilateral", 9), -(inst.in_force.toordinal() if inst.in_force else 0),
            inst.id.name)


def is_basis(inst: ast.Instrument) -> bool:
    return (inst.kind or "multilateral") in KIND_RANK and not inst.non_binding and inst.supplements is None
CASE_PREDS = ("req_from", "req_to", "req_measure", "req_category", "req_conduct", "req_stage", "req_true",
              "req_false", "req_num", "req_day", "req_invoked", "req_content", "contents_known", "req_event",
              "req_penalty", "req_language", "req_channel")
CASE_ARITY = {"req_num": 2, "req_penalty": 2}
MODES = ("c", "p")


class CompileError(ValueError):
    """The rule base cannot be compiled safely; carries the rules involved."""

    def __init__(self, code: str, message: str, rules: list[str]):
        self.code, self.rules = code, rules
        super().__init__(message)


@dataclass
class Compiled:
    program: Program
    rule_conjuncts: dict[str, int] = field(default_factory=dict)  # rule -> number of conjuncts
    refusal_rules: dict[str, tuple[str, bool]] = field(default_factory=dict)  # rule -> (ground, mandatory)
    displaced_by: dict[str, list[str]] = field(default_factory=dict)  # rule -> precedences covering it
    _by_head: dict = field(default_factory=dict)

    def clause_by_head(self) -> dict:
        """First clause of each head predicate (per-conjunct predicates have exactly one)."""
        if not self._by_head:
            for c in self.program.clauses:
                self._by_head.setdefault(c.head.pred, c)
        return self._by_head


def V(name: str) -> Var:
    return Var(name)


def compile_rulebase(rb: RuleBase) -> Compiled:
    prog = Program(case_preds=frozenset(CASE_PREDS))
    out = Compiled(prog)
    for pred in CASE_PREDS:
        prog.declare(pred, CASE_ARITY.get(pred, 1))
    _static_facts(rb, prog)
    _prelude(prog)
    _applies(rb, prog)
    _precedences(rb, prog, out)
    for rule in sorted(rb.rules.values(), key=lambda r: r.id.name):
        _rule(rb, rule, prog, out)
    _conclusions(rb, prog, out)
    _outputs(rb, prog, out)
    _fence(prog)
    return out


# ---------------------------------------------------------------- static facts
def _static_facts(rb: RuleBase, prog: Program) -> None:
    measures = rb.names("measure")
    categories = sorted(rb.categories)
    for m in measures:
        if rb.term("measure", m).coercive:
            prog.fact("coercive", m)
    for c in rb.categories.values():
        for e in c.elements:
            prog.fact("cat_elem", c.id.name, e.name)
    for lst in rb.lists.values():
        for c in lst.members:
            prog.fact("list_member", lst.id.name, c.name)
    for i in rb.instruments.values():
        iid = i.id.name
        kind = i.kind or "multilateral"
        prog.fact("kind_of", iid, kind)
        prog.fact("inst_id", iid)
        if kind in TREATY_KINDS + ("standard",):
            prog.fact("treaty", iid)  # binds states that are parties to it
        if kind in ("domestic", "statute") and i.of:
            # a national law applies from its entry into force, when the rule base records it
            prog.fact("domestic_of", iid, i.of.name, i.in_force.toordinal() if i.in_force else 0)
        if is_basis(i):
            prog.fact("basis", iid)
        if i.exhaustive:
            prog.fact("exhaustive", iid)
    bases = sorted((i for i in rb.instruments.values() if is_basis(i)), key=basis_rank)
    for n, better in enumerate(bases):
        for worse in bases[n + 1:]:
            prog.fact("outranks", better.id.name, worse.id.name)
    for i in rb.instruments.values():
        iid = i.id.name
        for m in ([r.name for r in i.measures] if i.measures is not None else measures):
            prog.fact("inst_measure", iid, m)
        for c in ([r.name for r in i.offences] if i.offences is not None else categories):
            prog.fact("inst_category", iid, c)
    for p in rb.parties:
        if p.in_force is None:
            continue  # signed or ratified but not (yet) in force: not bound
        until = p.withdrawn.toordinal() if p.withdrawn else FAR_FUTURE
        prog.fact("bound", p.state.name, p.instrument.name, p.in_force.toordinal(), until)
    for o in rb.offences.values():
        prog.fact("offence_of", o.state.name, o.id.name)
        for e in o.elements:
            prog.fact("offence_elem", o.id.name, e.name)
    from engine.check.walk import rule_atoms

    used = {a.refs[0].name for r in rb.rules.values() for a in rule_atoms(r)
            if a.kind in ("fact_true", "fact_false")}
    for f in rb.terms.get("fact", {}).values():
        if f.fact_type == "boolean" and f.id.name in used:  # unused facts cannot change an answer
            prog.fact("fact_bool", f.id.name)
    for r in rb.rules.values():
        if r.valid_from or r.valid_until:
            prog.fact("rule_valid", r.id.name, r.valid_from.toordinal() if r.valid_from else 0,
                      r.valid_until.toordinal() if r.valid_until else FAR_FUTURE)
    for name in ("coercive", "cat_elem", "list_member", "kind_of", "treaty", "domestic_of", "inst_measure",
                 "inst_category", "bound", "offence_of", "offence_elem", "fact_bool", "rule_valid", "inst_id",
                 "basis", "exhaustive", "outranks"):
        prog.declare(name, {"cat_elem": 2, "list_member": 2, "kind_of": 2, "inst_measure": 2,
                            "inst_category": 2, "bound": 4, "offence_of": 2, "offence_elem": 2,
                            "rule_valid": 3, "outranks": 2, "domestic_of": 3}.get(name, 1))


# ---------------------------------------------------------------- prelude
def _c(head: Atom, *body, label: str = "") -> Clause:
    return Clause(head, tuple(body), None, label)


def _prelude(prog: Program) -> None:
    S, I, F, U, D, M, C, O, E, L, P, N, K = (V(n) for n in "S I F U D M C O E L P N K".split())
    add = prog.add
    # only the two states of the request: the cost does not grow with the number of parties
    add(_c(Atom("from_binds", (I,)), pos("req_from", S), pos("bound", S, I, F, U), pos("req_day", D),
           Cmp(F, "<=", D), Cmp(D, "<", U), label="the requesting state is bound on the date of the law"))
    add(_c(Atom("to_binds", (I,)), pos("req_to", S), pos("bound", S, I, F, U), pos("req_day", D),
           Cmp(F, "<=", D), Cmp(D, "<", U), label="the requested state is bound on the date of the law"))
    # scope is checked inline, after the states, so only the two states' instruments are looked at
    scope = (pos("req_measure", M), pos("inst_measure", I, M), pos("req_category", C), pos("inst_category", I, C))
    add(_c(Atom("candidate", (I,)), pos("from_binds", I), pos("to_binds", I), pos("treaty", I), *scope,
           label="both states are bound and the request is within scope"))
    add(_c(Atom("candidate", (I,)), pos("req_to", S), pos("domestic_of", I, S, F), pos("req_day", D),
           Cmp(F, "<=", D), *scope, label="the requested state's own law, in force, governs incoming requests"))
    add(_c(Atom("measure_coercive", (X,)), pos("req_measure", M), pos("coercive", M), label="the measure is coercive"))
    add(_c(Atom("offence_in_list", (L,)), pos("req_category", C), pos("list_member", L, C),
           label="an offence category of the request is listed"))
    add(_c(Atom("num_known", (F,)), pos("req_num", F, N)))
    add(_c(Atom("penalty_known", (X,)), pos("req_penalty", P, X)))
    add(_c(Atom("is_true_c", (F, X)), pos("req_true", F), label="given as true"))
    add(_c(Atom("is_true_c", (F, X)), pos("established_c", F), label="established by a rule"))
    add(_c(Atom("is_false_c", (F, X)), pos("req_false", F), neg("established_p", F), label="given as false"))
    add(_c(Atom("is_true_p", (F, X)), pos("fact_bool", F), neg("is_false_c", F, X)))
    add(_c(Atom("is_false_p", (F, X)), pos("fact_bool", F), neg("is_true_c", F, X)))
    # dual criminality judged on conduct: some offence of the requested state has all its elements
    add(_c(Atom("missing", (O,)), pos("req_to", S), pos("offence_of", S, O), pos("offence_elem", O, E),
           neg("req_conduct", E), label="an element of the national offence is not in the conduct"))
    add(_c(Atom("covers", (O,)), pos("req_to", S), pos("offence_of", S, O), neg("missing", O),
           label="every element of the national offence is in the conduct"))
    add(_c(Atom("has_offences", (S,)), pos("offence_of", S, O)))
    for m in MODES:
        add(_c(Atom(f"dc_satisfied_{m}", (X,)), pos("covers", O),
               label="the conduct is an offence in the requested state"))
    add(_c(Atom("dc_satisfied_p", (X,)), pos("req_to", S), neg("has_offences", S),
           label="no offences of the requested state are encoded: dual criminality cannot be excluded"))
    for m in MODES:
        add(_c(Atom(f"dc_required_{m}", (X,)), pos(f"dcr_{m}", X), neg(f"dcn_{SWAP[m]}", X)))
    for pred, arity in (("established", 1), ("provides", 1), ("ground", 1), ("excl", 1),
                        ("dcr", 1), ("dcn", 1), ("dc_exempt", 1)):
        for m in MODES:
            prog.declare(f"{pred}_{m}", arity)


def inst_pred(stem: str, mode: str, iid: str) -> str:
    return f"{stem}_{mode}__{iid.lower().replace('-', '_')}"


def _applies(rb: RuleBase, prog: Program) -> None:
    """Per-instrument predicates, so one instrument's scope rules may depend on another applying."""
    for iid in sorted(rb.instruments):
        for m in MODES:
            own = Atom(inst_pred("applies", m, iid), (X,))
            guard = Atom("candidate", (Const(iid),))
            prog.add(Clause(own, (pos("candidate", iid), neg(inst_pred("inapplicable", SWAP[m], iid), X)), None,
                            "the instrument is a legal basis for this request", guard))
            prog.add(Clause(Atom(f"applies_{m}", (Const(iid),)), (pos(own.pred, X),), guard=guard))
            prog.declare(inst_pred("inapplicable", m, iid), 1)
    for m in MODES:
        prog.declare(f"applies_{m}", 1)
    _operative(rb, prog)


def _operative(rb: RuleBase, prog: Program) -> None:
    """The operative basis: the invoked instrument if it applies, else the most specific one that
    applies. Rules are in effect when their instrument is operative, supplements the operative one,
    is the requested state's own law, or is not a basis at all (statutes, standards)."""
    I, J, E = V("I"), V("J"), V("E")
    add = prog.add
    for m in MODES:
        sw = SWAP[m]
        add(_c(Atom(f"basis_{m}", (I,)), pos("basis", I), pos(f"applies_{m}", I)))
        add(_c(Atom(f"beaten_{m}", (I,)), pos(f"basis_{m}", I), pos(f"basis_{m}", J), pos("outranks", J, I),
               label="a more specific instrument binds both states"))
        add(_c(Atom(f"invoked_ok_{m}", (X,)), pos("req_invoked", I), pos(f"basis_{m}", I)))
        add(_c(Atom(f"operative_{m}", (I,)), pos("req_invoked", I), pos(f"basis_{m}", I),
               label="the requesting state relies on this instrument"))
        add(_c(Atom(f"operative_{m}", (I,)), pos(f"basis_{m}", I), neg(f"beaten_{sw}", I), neg(f"invoked_ok_{sw}", X),
               label="the most specific instrument binding both states"))
        add(_c(Atom(f"exh_other_{m}", (I,)), pos("inst_id", I), pos("exhaustive", E), pos(f"operative_{m}", E),
               Cmp(I, "!=", E), label="an instrument with exhaustive grounds is the operative basis"))
        for iid, inst in sorted(rb.instruments.items()):
            eff = Atom(inst_pred("eff", m, iid), (X,))
            own = pos(inst_pred("applies", m, iid), X)
            g = Atom("candidate", (Const(iid),))
            if inst.supplements is not None:
                body, why = (own, pos(f"operative_{m}", inst.supplements.name)), "supplements the operative basis"
            elif is_basis(inst) and inst.kind != "domestic":
                body, why = (pos(f"operative_{m}", iid),), "the operative basis"
            else:
                # the requested state's own law governs execution; statutes and standards inform it
                body, why = (own,), "in effect alongside the basis"
            add(Clause(eff, body, None, why, g))


# ---------------------------------------------------------------- precedence
def _covers(prec: ast.Precedence, rule: ast.Rule) -> bool:
    return prec.replaced is not None and _covers_set(prec.replaced, rule)


def _covers_set(ps: ast.ProvisionSet, rule: ast.Rule) -> bool:
    if rule.under is None or rule.under.name != ps.instrument.name:
        return False
    if ps.article is None:
        return True
    cit = next((c for c in rule.sources if c.instrument == ps.instrument.name), None)
    if cit is None or cit.number != ps.article:
        return False
    if ps.para_from is None:
        return True
    first = cit.first_paragraph()
    return first is not None and ps.para_from <= first <= ps.para_to


def _precedences(rb: RuleBase, prog: Program, out: Compiled) -> None:
    J = V("J")
    for p in sorted(rb.precedences.values(), key=lambda p: p.id.name):
        if p.replaced is None or p.target is None:
            continue
        loser = p.replaced.instrument.name
        measures = [m.name for m in p.for_measures] if p.for_measures else [None]
        for m in MODES:
            head = Atom(f"rep_{m}__{p.id.name}", (X,))
            prog.declare(head.pred, 1)
            for meas in measures:
                extra = (pos("req_measure", meas),) if meas else ()
                if p.target.instrument:
                    prog.add(Clause(head, (pos(inst_pred("applies", m, p.target.instrument.name), X),) + extra, None,
                                    f"precedence {p.id.name}"))
                for kind in p.target.kinds:
                    prog.add(Clause(head, (pos("kind_of", J, kind), pos(f"applies_{m}", J)) + extra +
                                    (Cmp(J, "!=", Const(loser)),), None, f"precedence {p.id.name}"))
        for rule in rb.rules.values():
            if _covers(p, rule):
                out.displaced_by.setdefault(rule.id.name, []).append(p.id.name)


# ---------------------------------------------------------------- rules
def _alongside(rb: RuleBase, rule: ast.Rule) -> bool:
    return any(p.alongside is not None and _covers_set(p.alongside, rule) for p in rb.precedences.values())


def _rule(rb: RuleBase, rule: ast.Rule, prog: Program, out: Compiled) -> None:
    rid = rule.id.name
    inst = rule.under.name if rule.under else ""
    concl = rule.conclusion
    fresh = Fresh()
    exceptions = sorted(r.id.name for r in rb.rules.values() if any(e.name == rid for e in r.exception_to))
    alongside = _alongside(rb, rule)
    n = 0
    for m in MODES:
        scope_rule = concl is not None and concl.kind == "does_not_apply"
        if scope_rule:
            active = [pos("candidate", inst)]
        elif alongside:
            active = [pos(inst_pred("applies", m, inst), X)]
        else:
            active = [pos(inst_pred("eff", m, inst), X)]
        if concl is not None and concl.kind in ("may_refuse", "must_refuse", "must_contain") and not alongside:
            active.append(neg(f"exh_other_{SWAP[m]}", inst))
        if rule.valid_from or rule.valid_until:
            F, U, D = V("VF"), V("VU"), V("VD")
            active += [pos("rule_valid", rid, F, U), pos("req_day", D), Cmp(F, "<=", D), Cmp(D, "<", U)]
        for prec in () if scope_rule else out.displaced_by.get(rid, ()):
            active.append(neg(f"rep_{SWAP[m]}__{prec}", X))
        k = 0
        for body in bodies(rule.when, rule.unless, m, fresh):
            head = Atom(f"f_{m}__{rid}__{k}", (X,))
            guard = guard_of(rb, rid)
            prog.add(Clause(head, tuple(active + body), rid, guard=guard))
            hold = [pos(head.pred, X)] + [neg(f"h_{SWAP[m]}__{e}", X) for e in exceptions]
            prog.add(Clause(Atom(f"h_{m}__{rid}", (X,)), tuple(hold), rid, guard=guard))
            k += 1
        prog.declare(f"h_{m}__{rid}", 1)
        n = max(n, k)
    out.rule_conjuncts[rid] = n


def guard_of(rb: RuleBase, rid: str) -> Optional[Atom]:
    """Every clause of a rule needs its instrument to be a candidate for the request."""
    r = rb.rules.get(rid)
    return Atom("candidate", (Const(r.under.name),)) if r is not None and r.under else None


def _beats(rb: RuleBase, winner: ast.Rule, loser: ast.Rule) -> bool:
    """The loser's instrument yields to the winner's (a `yields to` precedence)."""
    if not (winner.under and loser.under):
        return False
    w, l = winner.under.name, loser.under.name
    kind = rb.instruments[w].kind if w in rb.instruments else None
    for p in rb.precedences.values():
        if p.yielding and p.yielding.name == l and p.target:
            if (p.target.instrument and p.target.instrument.name == w) or kind in p.target.kinds:
                return True
    return False


def _conclusions(rb: RuleBase, prog: Program, out: Compiled) -> None:
    exclusions: dict[str, list[ast.Rule]] = {}
    for r in rb.rules.values():
        if r.conclusion and r.conclusion.kind == "shall_not_refuse":
            exclusions.setdefault(r.conclusion.refs[0].name, []).append(r)
    for r in sorted(rb.rules.values(), key=lambda r: r.id.name):
        c = r.conclusion
        if c is None:
            continue
        rid, arg = r.id.name, (c.refs[0].name if c.refs else None)
        guard = guard_of(rb, rid)
        for m in MODES:
            held = pos(f"h_{m}__{rid}", X)
            simple = {"shall_not_refuse": "excl", "dc_required": "dcr", "dc_not_required": "dcn",
                      "dc_exempt": "dc_exempt", "provides": "provides", "establishes": "established"}
            if c.kind in simple:
                a = arg if c.kind in ("shall_not_refuse", "provides", "establishes") else "x"
                prog.add(Clause(Atom(f"{simple[c.kind]}_{m}", (Const(a),)), (held,), rid, guard=guard))
            elif c.kind == "does_not_apply":
                prog.add(Clause(Atom(inst_pred("inapplicable", m, r.under.name), (X,)), (held,), rid, guard=guard))
            elif c.kind in ("may_refuse", "must_refuse"):
                out.refusal_rules[rid] = (arg, c.kind == "must_refuse")
                ovr = Atom(f"ovr_{m}__{rid}", (X,))
                prog.declare(ovr.pred, 1)
                for e in exclusions.get(arg, ()):
                    if not _beats(rb, r, e):
                        prog.add(Clause(ovr, (pos(f"h_{m}__{e.id.name}", X),), e.id.name, guard=guard_of(rb, e.id.name)))
                ref = Atom(f"ref_{m}__{rid}", (X,))
                prog.add(Clause(ref, (held, neg(f"ovr_{SWAP[m]}__{rid}", X)), rid, guard=guard))
                prog.add(Clause(Atom(f"ground_{m}", (Const(arg),)), (pos(ref.pred, X),), rid, guard=guard))


# ---------------------------------------------------------------- outputs
def _outputs(rb: RuleBase, prog: Program, out: Compiled) -> None:
    """One combined query `out(T, M, A)`. Rule outputs are grouped per instrument behind a
    `candidate` gate, so a top-down evaluator never visits the rules of instruments that cannot
    apply to the request."""
    T, M, A = V("T"), V("M"), V("A")
    add = prog.add
    current = {"head": "out", "guard": None}

    def o(tag: str, mode: str, arg, *body):
        add(Clause(Atom(current["head"], (Const(tag), Const(mode), arg if isinstance(arg, Var) else Const(arg))),
                   tuple(body), guard=current["guard"]))

    by_inst: dict[str, list[str]] = {}
    for rid in out.rule_conjuncts:
        r = rb.rules[rid]
        by_inst.setdefault(r.under.name if r.under else "", []).append(rid)
    for iid, rids in sorted(by_inst.items()):
        group = inst_pred("out", "g", iid or "none")
        prog.declare(group, 3)
        add(Clause(Atom("out", (T, M, A)), (pos("candidate", iid), pos(group, T, M, A))))
        current["head"], current["guard"] = group, (Atom("candidate", (Const(iid),)) if iid else None)
        for rid in sorted(rids):
            _rule_outputs(prog, out, rid, o)
    current["head"], current["guard"] = "out", None
    for p in rb.precedences.values():
        for m in MODES:
            if f"rep_{m}__{p.id.name}" in prog.arities and p.replaced:
                o("rep", m, p.id.name, pos("candidate", p.replaced.instrument.name), pos(f"rep_{m}__{p.id.name}", X))
    for m in MODES:
        o("a", m, T, pos(f"applies_{m}", T))
        o("op", m, T, pos(f"operative_{m}", T))
        for iid in sorted(rb.instruments):
            o("eff", m, iid, pos("candidate", iid), pos(inst_pred("eff", m, iid), X))
        o("g", m, T, pos(f"ground_{m}", T))
        o("gx", m, T, pos(f"excl_{m}", T))
        o("est", m, T, pos(f"established_{m}", T))
        o("prov", m, T, pos(f"provides_{m}", T))
        o("dcr", m, "x", pos(f"dc_required_{m}", X))
        o("dce", m, "x", pos(f"dc_exempt_{m}", X))
        o("dcs", m, "x", pos(f"dc_satisfied_{m}", X))
    o("cand", "-", T, pos("candidate", T))
    o("cov", "-", T, pos("covers", T))
    o("fb", "-", T, pos("from_binds", T))
    o("tb", "-", T, pos("to_binds", T))
    prog.outputs = ["out"]


def _rule_outputs(prog: Program, out: Compiled, rid: str, o) -> None:
    for m in MODES:
        o("h", m, rid, pos(f"h_{m}__{rid}", X))
        for k in range(out.rule_conjuncts[rid]):
            if f"f_{m}__{rid}__{k}" in prog.arities:
                o("f", m, f"{rid}#{k}", pos(f"f_{m}__{rid}__{k}", X))
        if rid in out.refusal_rules:
            o("ref", m, rid, pos(f"ref_{m}__{rid}", X))


# ---------------------------------------------------------------- fence
def _fence(prog: Program) -> None:
    """Reorder bodies, reject unsafe clauses and unstratifiable programs."""
    dynamic = frozenset(dynamic_predicates(prog))
    fenced = []
    for c in prog.clauses:
        c = reorder(c, dynamic)
        bad = unsafe_variables(c)
        if bad:
            raise CompileError("C402", f"unsafe variable(s) {', '.join(sorted(bad))} in {c}", [c.rule_id or "?"])
        fenced.append(c)
    prog.clauses = fenced
    for pred, _ in list(prog.facts.items()):
        prog.declare(pred, len(next(iter(prog.facts[pred]))) if prog.facts[pred] else prog.arities.get(pred, 1))
    from engine.compile.stratify import StratificationError
    try:
        prog.strata = strata(prog)
    except StratificationError as exc:
        raise CompileError("C401", f"the rules cannot be ordered: {exc} (rules: {', '.join(exc.rules)})",
                           exc.rules) from exc
