"""One request through the engine, keeping only what the reports compare.

It runs the same evaluation and the same interpretation functions as `Engine.assess`
(legal bases, dual criminality, grounds, decision) but skips contents, deadlines and the proof
tree, which the matrices do not show; tests check the result against `Engine.assess`.
"""
from __future__ import annotations

from typing import Optional

from pydantic import BaseModel

from engine.assess import interpret
from engine.assess.answers import Answers, rules_by_conclusion
from engine.assess.facts import validate
from engine.assess.models import AssistanceRequest


class Outcome(BaseModel):
    requesting_state: str
    requested_state: str
    measure: str
    categories: list[str]
    decision: str
    primary_basis: Optional[str]
    applicable: list[str]  # instruments that certainly apply, operative first
    possibly_applicable: list[str]
    dc_required: Optional[bool]
    dc_status: str
    dc_offences: list[str]
    dc_rules: list[str]  # rules deciding whether dual criminality is required
    grounds: dict[str, str]  # ground id -> applies | unknown (only those two)
    ground_rules: dict[str, list[str]]
    mandatory_grounds: list[str]
    rules_applied: list[str]
    error: Optional[str] = None


def evaluate(engine, req: AssistanceRequest) -> Outcome:
    rb = engine.rb
    base = dict(requesting_state=req.requesting_state, requested_state=req.requested_state, measure=req.measure,
                categories=list(req.offence.categories))
    try:
        validate(rb, req)
    except ValueError as exc:
        return Outcome(**base, decision="error", primary_basis=None, applicable=[], possibly_applicable=[],
                       dc_required=None, dc_status="unknown", dc_offences=[], dc_rules=[], grounds={},
                       ground_rules={}, mandatory_grounds=[], rules_applied=[], error=str(exc))
    ans = Answers(engine.answer(req))
    bases, primary = interpret.legal_bases(rb, req, ans)
    dc = interpret.dual_criminality(rb, ans)
    grounds = interpret.refusal_grounds(rb, engine.compiled, ans)
    decision = interpret.decide(bases, grounds)
    by_kind = rules_by_conclusion(rb)
    dc_rules = sorted(r.id.name for k in ("dc_required", "dc_not_required", "dc_exempt") for r in by_kind.get(k, ())
                      if ans.holds(r.id.name) is not False)
    live = [g for g in grounds if g.status in ("applies", "unknown")]
    applicable = sorted((b.instrument for b in bases if b.applicable), key=lambda i: (i != primary, i))
    return Outcome(**base, decision=decision, primary_basis=primary, applicable=applicable,
                   possibly_applicable=sorted(b.instrument for b in bases if b.applicable is None),
                   dc_required=dc.required, dc_status=dc.status, dc_offences=dc.offences, dc_rules=dc_rules,
                   grounds={g.id: g.status for g in live}, ground_rules={g.id: g.rules for g in live},
                   mandatory_grounds=sorted(g.id for g in live if g.mandatory),
                   rules_applied=sorted(ans.get("h", "c")))
