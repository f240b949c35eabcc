"""Answers -> Assessment: legal bases, dual criminality, grounds, contents, defects, deadlines,
conditions and decision; questions come from questions.py, the explanation from explain/proof.py."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

from engine.assess import deadlines as dl
from engine.assess.answers import Answers, basis_instruments, not_applying, refusals_by_instrument, rules_by_conclusion
from engine.assess.models import (Assessment, AssistanceRequest, CitationOut, Condition, ContentItem, Deadline,
                                  Defect, DualCriminality, LegalBasis, RefusalGround, Ruleset)
from engine.compile.from_model import basis_rank
from engine.model import ast


def cite(node) -> list[CitationOut]:
    return [CitationOut(text=c.text, url=c.url, unverified=c.unverified) for c in getattr(node, "sources", ())]


def _citation_text(rule: ast.Rule) -> str:
    return rule.citation.text if rule.citation else rule.id.name


def build(engine, req: AssistanceRequest, tuples: set[tuple], now: Optional[datetime] = None,
          with_questions: bool = True) -> Assessment:
    rb = engine.rb
    ans = Answers(tuples)
    bases, primary = legal_bases(rb, req, ans)
    dc = dual_criminality(rb, ans)
    grounds = refusal_grounds(rb, engine.compiled, ans)
    contents, defects = contents_and_defects(rb, req, ans, bases)
    dls = deadlines(rb, req, ans, now)
    conds = conditions(rb, ans)
    decision = decide(bases, grounds)
    holding = sorted(ans.get("h", "c"))
    from engine.assess.questions import questions

    qs = questions(engine, req, decision, ans) if with_questions and decision in ("undetermined", "may_refuse") else []
    from engine.explain.proof import explain, render

    tree = explain(engine, req, ans, decision, bases, grounds, dc)
    return Assessment(
        decision=decision, requesting_state=req.requesting_state, requested_state=req.requested_state,
        measure=req.measure, legal_bases=bases, primary_basis=primary, dual_criminality=dc,
        refusal_grounds=grounds, required_contents=contents, defects=defects, deadlines=dls, conditions=conds,
        questions=qs, explanation=tree, explanation_text=render(tree), rules_applied=holding,
        ruleset=Ruleset(digest=engine.digest, as_of=req.effective_as_of(), backend=engine.backend_name),
    )


# ---------------------------------------------------------------- legal bases
def _replaced_by(rb, ans: Answers) -> dict[str, list[str]]:
    """Instruments displaced as a whole between these states, with the precedences that displace them."""
    out: dict[str, list[str]] = {}
    for p in rb.precedences.values():
        if p.replaced and p.replaced.article is None and p.id.name in ans.get("rep", "c"):
            out.setdefault(p.replaced.instrument.name, []).append(p.id.name)
    return out


def applicability(rb, req: AssistanceRequest, ans: Answers,
                  replaced: Optional[dict[str, list[str]]] = None) -> dict[str, Optional[bool]]:
    """Each instrument that could be a basis: applies (True), depends on facts not given (None), or not."""
    applies_c, applies_p = ans.get("a", "c"), ans.get("a", "p")
    replaced = _replaced_by(rb, ans) if replaced is None else replaced
    out: dict[str, Optional[bool]] = {}
    for inst in basis_instruments(rb):
        if inst.kind == "domestic" and (inst.of is None or inst.of.name != req.requested_state):
            continue
        iid = inst.id.name
        out[iid] = False if iid in replaced else (True if iid in applies_c else None if iid in applies_p else False)
    return out


def primary_basis(rb, ans: Answers) -> Optional[str]:
    operative = sorted(ans.get("op", "c") or ans.get("op", "p"), key=lambda i: basis_rank(rb.instruments[i]))
    return operative[0] if operative else None


def legal_bases(rb, req: AssistanceRequest, ans: Answers) -> tuple[list[LegalBasis], Optional[str]]:
    a, b = req.requesting_state, req.requested_state
    applies_c, applies_p, cand = ans.get("a", "c"), ans.get("a", "p"), ans.get("cand")
    fb, tb = ans.get("fb"), ans.get("tb")
    replaced_by = _replaced_by(rb, ans)
    verdicts = applicability(rb, req, ans, replaced_by)
    out: list[LegalBasis] = []
    for inst in basis_instruments(rb):
        iid, kind = inst.id.name, inst.kind or "multilateral"
        if iid not in verdicts:
            continue
        reasons: list[str] = []
        applicable = verdicts[iid]
        if kind != "domestic":
            for state, bound in ((a, iid in fb), (b, iid in tb)):
                if not bound:
                    reasons.append(f"{state} is not bound by {iid} on {req.effective_as_of()}")
        if not reasons and iid not in cand:
            if inst.measures is not None and req.measure not in {m.name for m in inst.measures}:
                reasons.append(f"the measure `{req.measure}` is outside the scope of {iid}")
            elif inst.offences is not None and not set(req.offence.categories) & {o.name for o in inst.offences}:
                reasons.append(f"the offence is outside the scope of {iid}")
        for r in not_applying(rb).get(iid, ()):
            h = ans.holds(r.id.name)
            if h is True:
                reasons.append(f"{r.label or 'does not apply'} ({_citation_text(r)})")
            elif h is None:
                reasons.append(f"may not apply, depending on facts not given: {r.label or r.id.name} "
                               f"({_citation_text(r)})")
        if iid in replaced_by and (iid in applies_c or iid in applies_p):
            for pid in replaced_by[iid]:
                p = rb.precedences[pid]
                target = p.target.instrument.name if p.target.instrument else "a more specific instrument"
                reasons.append(f"replaced by {target} between these states ({p.citation.text if p.citation else pid})")
        if applicable is not False and not reasons:
            reasons.append("both states are bound and the request is within its scope" if kind != "domestic"
                           else f"the law of {b}, the requested state, governs the execution of requests")
        if not reasons and applicable is False:
            continue
        if applicable is False and kind != "domestic" and iid not in fb and iid not in tb:
            continue  # neither state is bound: not worth listing
        out.append(LegalBasis(instrument=iid, title=inst.label, kind=kind, applicable=applicable,
                              reasons=reasons, citations=cite(inst)))
    primary = primary_basis(rb, ans)
    for x in out:
        if x.instrument == primary:
            x.primary = True
            if req.invoked_instrument == primary:
                x.reasons.append("primary: the requesting state relies on it")
            elif x.kind == "domestic":
                x.reasons.append("primary: no treaty applies; domestic law governs")
            else:
                x.reasons.append("primary: the most specific instrument binding both states")
        elif x.applicable and rb.instruments[x.instrument].supplements is not None:
            base = rb.instruments[x.instrument].supplements.name
            x.reasons.append(f"supplements {base}" + (", the operative basis" if base == primary else
                                                        ", which is not the operative basis"))
        elif x.applicable and x.kind != "domestic":
            x.reasons.append("alternative basis: the requesting state may rely on it instead (invoked_instrument)")
    return out, primary


# ---------------------------------------------------------------- dual criminality
def dual_criminality(rb, ans: Answers) -> DualCriminality:
    def tri(tag: str) -> Optional[bool]:
        if "x" in ans.get(tag, "c"):
            return True
        return None if "x" in ans.get(tag, "p") else False

    required, exempt, satisfied = tri("dcr"), tri("dce") is True, tri("dcs")
    reasons, citations = [], []
    by_kind = rules_by_conclusion(rb)
    for r in sorted(by_kind.get("dc_required", []) + by_kind.get("dc_not_required", []) + by_kind.get("dc_exempt", []),
                    key=lambda r: r.id.name):
        c = r.conclusion
        if ans.holds(r.id.name) is not False:
            word = {"dc_required": "required", "dc_not_required": "not required", "dc_exempt": "exempt"}[c.kind]
            maybe = "" if ans.holds(r.id.name) else " (depending on facts not given)"
            reasons.append(f"{word}{maybe}: {r.label or r.id.name} ({_citation_text(r)})")
            citations += cite(r)
    offences = sorted(ans.get("cov"))
    for o in offences:
        off = rb.offences.get(o)
        if off:
            reasons.append(f"the conduct is an offence in {off.state.name}: {off.label} "
                           f"({off.citation.text if off.citation else o})")
    if exempt:
        status = "exempt"
    elif required is False:
        status = "not_required"
    elif satisfied is True:
        status = "satisfied"
    elif satisfied is False and required is True:
        status = "not_satisfied"
    else:
        status = "unknown"
    return DualCriminality(status=status, required=required, exempt=exempt, satisfied=satisfied,
                           offences=offences, reasons=reasons, citations=citations)


# ---------------------------------------------------------------- grounds
def ground_states(rb, compiled, ans: Answers) -> dict[str, dict]:
    """Every ground some rule in effect raises or excludes: its status, whether refusal on it is
    mandatory, the rules raising it and those excluding it."""
    g_c, g_p, x_c = ans.get("g", "c"), ans.get("g", "p"), ans.get("gx", "c")
    in_effect = ans.get("eff", "p")
    relevant: dict[str, dict] = {}
    by_instrument = refusals_by_instrument(rb, compiled)
    for rid, ground, mandatory in (x for iid in in_effect for x in by_instrument.get(iid, ())):
        info = relevant.setdefault(ground, {"rules": [], "mandatory": False, "excl": []})
        if ans.holds(rid) is not False:
            info["rules"].append(rid)
            if mandatory and rid in ans.get("ref", "p"):
                info["mandatory"] = True
    holding = ans.get("h", "c") | ans.get("h", "p")
    for r in rules_by_conclusion(rb).get("shall_not_refuse", ()):
        c = r.conclusion
        if r.id.name in holding:
            relevant.setdefault(c.refs[0].name, {"rules": [], "mandatory": False, "excl": []})["excl"].append(r.id.name)
    for gid, info in relevant.items():
        info["status"] = ("applies" if gid in g_c else "excluded" if gid in x_c else "unknown" if gid in g_p
                          else "not_applicable")
    return relevant


def refusal_grounds(rb, compiled, ans: Answers) -> list[RefusalGround]:
    x_p = ans.get("gx", "p")
    relevant = ground_states(rb, compiled, ans)
    out = []
    for gid in sorted(relevant):
        info = relevant[gid]
        status = info["status"]
        term = rb.term("ground", gid)
        rules = sorted(info["rules"]) if status != "not_applicable" else []
        cits = [c for rid in rules + sorted(info["excl"]) for c in cite(rb.rules[rid])]
        out.append(RefusalGround(id=gid, label=term.label if term else gid, mandatory=info["mandatory"],
                                 status=status, rules=rules, excluded_by=sorted(info["excl"]) if gid in x_p else [],
                                 citations=cits))
    return out


def _holding(rb, ans: Answers, kind: str, certain: bool = True) -> list[ast.Rule]:
    want = True if certain else None
    return [r for r in rules_by_conclusion(rb).get(kind, ()) if ans.holds(r.id.name) is want]


def contents_and_defects(rb, req: AssistanceRequest, ans: Answers, bases) -> tuple[list[ContentItem], list[Defect]]:
    """Required contents (certain rules only) and remediable defects: missing items, language,
    channel, an invoked instrument that does not apply."""
    items: dict[str, ContentItem] = {}
    given = set(req.request_contents) if req.request_contents is not None else None
    for r in _holding(rb, ans, "must_contain"):
        for ref in r.conclusion.refs:
            term = rb.term("item", ref.name)
            ci = items.setdefault(ref.name, ContentItem(id=ref.name, label=term.label if term else ref.name,
                                                        provided=None if given is None else ref.name in given))
            ci.rules.append(r.id.name)
            ci.citations.extend(cite(r))
    defects: list[Defect] = []
    for ci in items.values():
        if ci.provided is False:
            defects.append(Defect(kind="missing_content", message=f"the request does not contain: {ci.label}",
                                  remedy=f"add `{ci.id}` ({ci.label})", citations=ci.citations))
    langs: dict[str, list] = {}
    for r in _holding(rb, ans, "accepted_languages"):
        for ref in r.conclusion.refs:
            langs.setdefault(ref.name, []).extend(cite(r))
    if req.language and langs and req.language not in langs:
        defects.append(Defect(kind="language", message=f"requests to {req.requested_state} are not accepted in "
                              f"`{req.language}`", remedy="translate the request into one of: " + ", ".join(sorted(langs)),
                              citations=[c for cs in langs.values() for c in cs]))
    chans: dict[str, list] = {}
    for r in _holding(rb, ans, "accepted_channels"):
        for ref in r.conclusion.refs:
            chans.setdefault(ref.name, []).extend(cite(r))
    if req.channel and chans and req.channel not in chans:
        defects.append(Defect(kind="channel", message=f"`{req.channel}` is not an accepted channel",
                              remedy="send it through one of: " + ", ".join(sorted(chans)),
                              citations=[c for cs in chans.values() for c in cs]))
    if req.invoked_instrument:
        basis = next((x for x in bases if x.instrument == req.invoked_instrument), None)
        if basis is None or basis.applicable is False:
            others = [x.instrument for x in bases if x.applicable and rb.instruments[x.instrument].supplements is None]
            why = "; ".join(basis.reasons) if basis else f"{req.invoked_instrument} does not bind both states"
            defects.append(Defect(kind="instrument", message=f"the invoked instrument {req.invoked_instrument} "
                                  f"does not apply: {why}",
                                  remedy=("rely on " + ", ".join(others)) if others else "no instrument applies",
                                  citations=basis.citations if basis else []))
    return sorted(items.values(), key=lambda c: c.id), defects


# ---------------------------------------------------------------- deadlines, conditions
def deadlines(rb, req: AssistanceRequest, ans: Answers, now: Optional[datetime]) -> list[Deadline]:
    j = rb.jurisdictions.get(req.requested_state)
    tz = j.time_zone if j and j.time_zone else "UTC"
    cal = j.holidays.name if j and j.holidays else None
    subdiv = j.subdivision if j else None
    now = now or datetime.now(timezone.utc)
    out = []
    for r in _holding(rb, ans, "deadline"):
        c = r.conclusion
        spec = c.deadline
        inst = rb.instruments.get(r.under.name) if r.under else None
        convention = inst.counting.name if inst and inst.counting else None
        d = Deadline(id=c.refs[0].name, label=c.label or c.refs[0].name, kind=spec.kind, rule=r.id.name,
                     event=spec.event.name if spec.event else None, citations=cite(r), time_zone=tz,
                     met_by=(spec.met_by.name if spec.met_by else "execution_completed") if spec.kind == "fixed" else None,
                     calendar=(f"{cal}" + (f"-{subdiv}" if subdiv else "")) if cal else None)
        if spec.kind == "soft":
            d.status = "soft"
        else:
            d.duration = dl.iso_duration(spec.duration.amount, spec.duration.unit)
            d.counting = dl.counting_of(spec.duration.unit)
            if spec.extension:
                d.extendable_by = dl.iso_duration(spec.extension.amount, spec.extension.unit)
            start = req.events.get(d.event) if d.event else None
            if start is not None:
                d.start_at = start
                d.due_at, d.adjustments = dl.compute_due(start, spec.duration.amount, spec.duration.unit, tz, cal,
                                                         subdiv, convention, req.requested_state)
                done = req.events.get(spec.met_by.name if spec.met_by else "execution_completed")
                d.status = "met" if done and done <= d.due_at else ("overdue" if now > d.due_at else "open")
            else:
                d.status = "open"
            if convention is None:
                d.adjustments.append("no counting convention is encoded for this period: counted plainly on the "
                                     "calendar, not moved")
        out.append(d)
    return sorted(out, key=lambda d: (d.due_at is None, d.due_at or datetime.max.replace(tzinfo=timezone.utc), d.id))


def conditions(rb, ans: Answers) -> list[Condition]:
    out: dict[str, Condition] = {}
    for r in _holding(rb, ans, "subject_to"):
        oid = r.conclusion.refs[0].name
        term = rb.term("obligation", oid)
        c = out.setdefault(oid, Condition(id=oid, label=term.label if term else oid))
        c.rules.append(r.id.name)
        c.citations.extend(cite(r))
    return [out[k] for k in sorted(out)]


# ---------------------------------------------------------------- decision and questions
def decide(bases: list[LegalBasis], grounds: list[RefusalGround]) -> str:
    return decide_from([b.applicable for b in bases], [(g.status, g.mandatory) for g in grounds])


def decide_from(applicable: list[Optional[bool]], grounds: list[tuple[str, bool]]) -> str:
    """applicable: per instrument True/None/False; grounds: (status, mandatory) pairs."""
    if not any(a is not False for a in applicable):
        return "must_refuse"
    if any(status == "applies" and mandatory for status, mandatory in grounds):
        return "must_refuse"
    if not any(applicable):
        return "undetermined"
    if any(status == "unknown" and mandatory for status, mandatory in grounds):
        return "undetermined"
    if any(status == "applies" for status, _ in grounds):
        return "may_refuse"
    if any(status == "unknown" for status, _ in grounds):
        return "undetermined"
    return "permissible"
