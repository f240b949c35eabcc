"""Questions: which open facts would change the answer. Every counterfactual request is
evaluated in one pass (`answer_many`), then decided like the request itself."""
from __future__ import annotations

from engine.assess.answers import Answers, cached
from engine.assess.interpret import applicability, decide_from, ground_states, primary_basis
from engine.assess.models import AssistanceRequest, Question
from engine.check.walk import rule_atoms
from engine.model import ast


def _facts_read(rb, rule: ast.Rule) -> tuple[str, ...]:
    """The boolean facts a rule's conditions test; cached on the rule base."""
    by_rule = cached(rb, "_facts_read", dict)
    names = by_rule.get(rule.id.name)
    if names is None:
        names = by_rule[rule.id.name] = tuple(a.refs[0].name for a in rule_atoms(rule)
                                              if a.kind in ("fact_true", "fact_false"))
    return names


def questions(engine, req: AssistanceRequest, decision: str, ans: Answers, limit: int = 8) -> list[Question]:
    """Counterfactuals: each unknown boolean fact used by a rule, set true and then false. All the
    alternative requests are evaluated together (`answer_many`)."""
    rb = engine.rb
    decisive_kinds = {"may_refuse", "must_refuse", "shall_not_refuse", "does_not_apply", "dc_required",
                      "dc_not_required", "dc_exempt", "establishes", "provides", None}
    fired_p = {x.split("#")[0] for x in ans.get("f", "p")}
    # rules that hold or fired only "possibly": an open fact could settle them
    open_rules = (ans.get("h", "p") | fired_p) - ans.get("h", "c")
    uncertain = [rb.rules[rid] for rid in open_rules
                 if rid in rb.rules and (rb.rules[rid].conclusion.kind if rb.rules[rid].conclusion else None)
                 in decisive_kinds]
    users: dict[str, set[str]] = {}
    for r in uncertain:
        for name in _facts_read(rb, r):
            if name not in req.facts or req.facts[name] is None:
                users.setdefault(name, set()).add(r.id.name)
    # facts that decide which instrument is the legal basis come first: everything else follows from it
    scope_users = {f: rids for f, rids in users.items()
                   if any(rb.rules[r].conclusion and rb.rules[r].conclusion.kind == "does_not_apply" for r in rids)}
    # baseline: every open question answered "no"; a fact is decisive if answering "yes" changes that
    candidates = sorted(users, key=lambda f: (-len(users[f]), f))[:20]
    baseline = {**req.facts, **{f: False for f in candidates}}
    scope_facts = sorted(scope_users)
    worlds = ([baseline] + [{**baseline, f: True} for f in candidates]
              + [{**req.facts, f: v} for f in scope_facts for v in (True, False)])
    alts = [req.model_copy(update={"facts": facts}) for facts in worlds]
    answers = [Answers(t) for t in engine.answer_many(alts)] if len(alts) > 1 else []

    def decision_of(i: int) -> str:
        grounds = ground_states(rb, engine.compiled, answers[i]).values()
        return decide_from(list(applicability(rb, alts[i], answers[i]).values()),
                           [(g["status"], g["mandatory"]) for g in grounds])

    out = []
    if candidates:
        d0 = decision_of(0)
        for i, fact in enumerate(candidates, start=1):
            d1 = decision_of(i)
            if d1 == d0 and decision not in ("undetermined",):
                continue  # does not change a determined answer
            term = rb.term("fact", fact)
            out.append(Question(fact=fact, label=term.label if term else fact,
                                type=term.fact_type if term else "boolean",
                                why=f"with the other open facts answered no: {d0} if false, {d1} if true",
                                decisive=d1 != d0, rules=sorted(users[fact])))
    asked = {q.fact for q in out if q.decisive}
    first = 1 + len(candidates)
    for k, fact in enumerate(scope_facts):
        if fact in asked:
            continue
        i = first + 2 * k
        primaries = [primary_basis(rb, answers[j]) for j in (i, i + 1)]
        if primaries[0] != primaries[1]:
            term = rb.term("fact", fact)
            out = [q for q in out if q.fact != fact]
            out.append(Question(fact=fact, label=term.label if term else fact,
                                type=term.fact_type if term else "boolean",
                                why=f"decides the legal basis: {primaries[0] or 'none'} if true, "
                                    f"{primaries[1] or 'none'} if false", decisive=True,
                                rules=sorted(scope_users[fact])))
    out.sort(key=lambda q: (not q.decisive, not q.why.startswith("decides the legal basis"), -len(q.rules), q.fact))
    decisive = [q for q in out if q.decisive]
    # the smallest useful set: the facts that decide alone; only when none does, the facts that
    # matter together
    return (decisive or out)[:limit]
