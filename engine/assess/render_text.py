"""Text rendering of an assessment for people: decision first, then the reasons."""
from __future__ import annotations

from engine.assess.models import Assessment


def render_assessment(a: Assessment) -> str:
    L = [f"DECISION: {a.decision.replace('_', ' ').upper()}  ({a.requesting_state} -> {a.requested_state}, "
         f"{a.measure}; law as of {a.ruleset.as_of}; rule base {a.ruleset.digest})", ""]
    L.append("Legal bases:")
    for b in a.legal_bases:
        state = {True: "applies", None: "may apply", False: "does not apply"}[b.applicable]
        L.append(f"  {'*' if b.primary else '-'} {b.instrument} ({b.kind}): {state}" + (" — primary" if b.primary else ""))
        for r in b.reasons:
            L.append(f"      {r}")
    dc = a.dual_criminality
    L += ["", f"Dual criminality: {dc.status.replace('_', ' ')}"] + [f"  - {r}" for r in dc.reasons]
    L += ["", "Grounds for refusal:"]
    for g in a.refusal_grounds:
        L.append(f"  - {g.id} ({'mandatory' if g.mandatory else 'optional'}): {g.status.replace('_', ' ')}"
                 + (f"; rules {', '.join(g.rules)}" if g.rules else "")
                 + (f"; excluded by {', '.join(g.excluded_by)}" if g.excluded_by else ""))
    L += ["", "Required contents:"]
    for c in a.required_contents:
        mark = {True: "[x]", False: "[ ]", None: "[?]"}[c.provided]
        L.append(f"  {mark} {c.label}  ({'; '.join(x.text for x in c.citations)})")
    if a.defects:
        L += ["", "Defects (remediable):"] + [f"  - {d.message}: {d.remedy}" for d in a.defects]
    L += ["", "Deadlines:"]
    for d in a.deadlines:
        due = d.due_at.isoformat() if d.due_at else ("as soon as possible" if d.kind == "soft" else "not started")
        L.append(f"  - {d.label}: {due}" + (f" ({d.duration} from {d.event})" if d.duration else "")
                 + f"  [{'; '.join(x.text for x in d.citations)}]")
        for adj in d.adjustments:
            L.append(f"      {adj}")
    L += ["", "Conditions:"] + [f"  - {c.label}  [{'; '.join(x.text for x in c.citations)}]" for c in a.conditions]
    if a.questions:
        L += ["", "Questions (facts that would decide the answer):"]
        L += [f"  - {q.fact}: {q.label} — {q.why}" for q in a.questions]
    L += ["", "Explanation:", a.explanation_text]
    return "\n".join(L)
